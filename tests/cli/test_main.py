"""The command group: global options, registration of optional modules, errors as one line."""

from __future__ import annotations

import importlib.util
import json
import sys

import click
import pytest

from dateline.cli import main as climain


def test_every_command_comes_from_one_module():
    core = climain.make_cli(optional=False)
    assert set(core.commands) == {"ingest", "extract", "articles", "show", "fix"}
    full = climain.make_cli()
    seen: dict[str, str] = {}
    for name in (*climain.CORE, *climain.OPTIONAL):
        if importlib.util.find_spec(name) is None:
            continue
        probe = click.Group("probe")
        importlib.import_module(name).register(probe)
        for cmd_name in probe.commands:  # no module registers a name another one has
            assert cmd_name not in seen, (cmd_name, seen.get(cmd_name), name)
            seen[cmd_name] = name
            assert full.commands[cmd_name].callback.__module__.startswith(name.rsplit(".", 1)[0])
    assert set(full.commands) == set(seen)


def test_a_second_command_of_the_same_name_is_refused():
    group = climain.make_cli(optional=False)
    shadow = click.Command("show", callback=lambda: None)
    with pytest.raises(RuntimeError, match="two commands named 'show'"):
        group.add_command(shadow)
    group.add_command(group.commands["show"])  # the same command again changes nothing


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


def test_db_is_accepted_before_and_after_every_subcommand(invoke, tmp_path, sample_path):
    """Issue 16: `dateline events --db x.db` works like `dateline --db x.db events`, for every command."""
    from dateline.cli.main import cli

    db = tmp_path / "late.db"
    assert invoke("ingest", "--no-extract", sample_path, "--db", db).exit_code == 0
    before = invoke("--db", db, "articles", "--format", "json")
    after = invoke("articles", "--format", "json", "--db", db)
    assert before.exit_code == after.exit_code == 0 and before.stdout == after.stdout
    assert json.loads(after.stdout)[0]["id"]
    # a --db after the subcommand wins over the global one
    r = invoke("--db", tmp_path / "missing.db", "events", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    missing = []

    def walk(group: click.Group, path: str) -> None:
        for name, cmd in group.commands.items():
            if not any("--db" in p.opts for p in cmd.params if isinstance(p, click.Option)):
                missing.append(f"{path} {name}")
            if isinstance(cmd, click.Group):
                walk(cmd, f"{path} {name}")

    walk(cli, "dateline")
    assert not missing, missing


def test_serve_prints_the_url_to_open():
    from dateline.cli.serve import open_url

    assert open_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert open_url("0.0.0.0", 9000) == "http://127.0.0.1:9000/"
    assert open_url("::", 80) == "http://[::1]:80/"


def test_resolved_name_of_a_speaker_or_event_side():
    from dateline.cli.articles import resolved_name

    names = {"a1": "Sergei Ryabkov"}
    assert resolved_name({"actor": "a1", "text": "he"}, names) == "Sergei Ryabkov (he)"
    assert resolved_name({"actor": "a1", "text": "Sergei Ryabkov"}, names) == "Sergei Ryabkov"
    assert resolved_name({"actor": None, "text": "officials"}, names) == "officials"
    assert resolved_name(None, names) == ""
