"""The command group: global options, registration of optional modules, errors as one line."""

from __future__ import annotations

import importlib.util
import sys

import click
import pytest

from dateline.cli import main as climain


def test_core_commands_and_optional_overrides():
    core = climain.make_cli(optional=False)
    assert {"ingest", "extract", "articles", "show", "search", "actors", "actor"} <= set(core.commands)
    assert core.commands["search"].callback.__module__ == "dateline.cli.articles"
    full = climain.make_cli()
    for name in climain.OPTIONAL:
        if importlib.util.find_spec(name) is None:
            continue
        mod = importlib.import_module(name)
        probe = click.Group("probe")
        mod.register(probe)
        for cmd_name in probe.commands:  # an optional module's command replaces a core one of the same name
            assert full.commands[cmd_name].callback.__module__ == name


def test_missing_optional_module_is_skipped_but_a_broken_one_raises(tmp_path, monkeypatch):
    (tmp_path / "dateline_fake_broken_cli.py").write_text("import dateline_no_such_dependency\n")
    (tmp_path / "dateline_fake_ok_cli.py").write_text(
        "import click\n\ndef register(group):\n    group.add_command(click.Command('hello', callback=lambda: None))\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(climain, "OPTIONAL", ("dateline_fake_missing_cli", "dateline_fake_ok_cli"))
    group = climain.make_cli()
    assert "hello" in group.commands
    monkeypatch.setattr(climain, "OPTIONAL", ("dateline_fake_broken_cli",))
    with pytest.raises(ModuleNotFoundError):
        climain.make_cli()
    sys.modules.pop("dateline_fake_ok_cli", None)


def test_db_from_environment(runner, tmp_path, sample_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("DATELINE_DB", str(db))
    r = runner.invoke(climain.make_cli(optional=False), ["ingest", "--no-extract", str(sample_path)])
    assert r.exit_code == 0, r.output
    assert db.exists()


def test_bad_published_date_is_a_usage_error(invoke, sample_path, tmp_path):
    r = invoke("--db", tmp_path / "x.db", "ingest", "--published", "10 Nov 2011", sample_path)
    assert r.exit_code == 2 and "ISO 8601" in r.output
