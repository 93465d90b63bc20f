"""Write docs/cli.md from the CLI itself, so the reference never drifts from the code.

Usage: python -m dateline.cli.docgen [--check] [docs/cli.md]
tests/cli/test_docs.py checks that every command and option is in the committed file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dateline.cli.main import cli

HEADER = """# Command-line reference

Generated from the code by `python -m dateline.cli.docgen` (a test checks it is current).
Global options go before the command: `dateline --db store.db COMMAND ...`.
"""


def _commands(group: click.Group, ctx: click.Context, prefix: str):
    for name in sorted(group.list_commands(ctx)):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        full = f"{prefix} {name}"
        yield full, cmd, ctx
        if isinstance(cmd, click.Group):
            sub = click.Context(cmd, info_name=name, parent=ctx, terminal_width=100, max_content_width=100)
            yield from _commands(cmd, sub, full)


def render() -> str:
    root = click.Context(cli, info_name="dateline", terminal_width=100, max_content_width=100)
    out = [HEADER, "## dateline\n", "```text", cli.get_help(root), "```\n"]
    for full, cmd, parent in _commands(cli, root, "dateline"):
        ctx = click.Context(cmd, info_name=full.split()[-1], parent=parent, terminal_width=100,
                            max_content_width=100)
        out += [f"## {full}\n", "```text", cmd.get_help(ctx), "```\n"]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    path = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "docs" / "cli.md"
    text = render()
    if check:
        if not path.exists() or path.read_text() != text:
            print(f"{path} is out of date: run python -m dateline.cli.docgen", file=sys.stderr)
            return 1
        return 0
    path.write_text(text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
