"""Docs are checked: every CLI command and option appears in docs/cli.md and the README's opening commands."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli.docgen import _commands
from dateline.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]


def test_every_command_and_option_is_documented():
    text = (ROOT / "docs" / "cli.md").read_text()
    root = click.Context(cli, info_name="dateline")
    missing = []
    seen = 0
    for full, cmd, _ in _commands(cli, root, "dateline"):
        seen += 1
        if f"## {full}\n" not in text:
            missing.append(full)
        for p in cmd.params:
            for opt in getattr(p, "opts", []):
                if opt.startswith("-") and opt not in text:
                    missing.append(f"{full} {opt}")
    assert seen >= 10, "the CLI lost its commands"
    assert not missing, f"run `python -m dateline.cli.docgen`; undocumented: {missing}"


def test_readme_opens_with_the_two_commands():
    lines = [ln for ln in (ROOT / "README.md").read_text().splitlines() if ln.strip()]
    block = lines[lines.index("```sh") + 1:]
    assert block[0].startswith("make run") and block[1].startswith("make test") and block[2] == "```"
