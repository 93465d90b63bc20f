"""Shared output options: ``--format auto|table|json|jsonl|csv`` behaves the same in every command.

``auto`` (the default) is a rich table on a terminal and JSON when the output is piped:
tables for people, JSON for programs.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence

import click

FORMATS = ("auto", "table", "json", "jsonl", "csv")
Column = tuple[str, str]  # (key in the row dict, header)
HL = ("<mark>", "</mark>")  # search highlights in json/csv output
WIDE = {"snippet": 30, "headline": 24, "name": 16, "titles": 16}  # columns that wrap, with their min widths


def format_option(f: Callable) -> Callable:
    f = click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")(f)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
        help="table on a terminal, json when piped (auto); or force table, json, jsonl, csv.",
    )(f)


def resolve(fmt: str, as_json: bool = False) -> str:
    if as_json:
        return "json"
    if fmt == "auto":
        return "table" if sys.stdout.isatty() else "json"
    return fmt


def console(stderr: bool = False):
    from rich.console import Console  # deferred: rich: terminal output only

    # markup off: headlines and names such as "[VIDEO] ..." are printed as they are
    return Console(stderr=stderr, highlight=False, soft_wrap=False, markup=False)


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=str)


def emit(rows: Sequence[dict], columns: Sequence[Column], fmt: str, title: str | None = None,
         render: dict[str, Callable] | None = None) -> None:
    """Print rows as a rich table, a JSON array, JSON Lines or CSV (all keys of the rows for JSON)."""
    if fmt == "json":
        click.echo(dumps(list(rows)))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow([k for k, _ in columns])
        for r in rows:
            w.writerow(["" if r.get(k) is None else r.get(k) for k, _ in columns])
    else:
        table(rows, columns, title, render)


def table(rows: Sequence[dict], columns: Sequence[Column], title: str | None = None,
          render: dict[str, Callable] | None = None) -> None:
    from rich.table import Table  # deferred: rich: terminal output only

    render = render or {}
    t = Table(title=title, show_lines=False, header_style="bold")
    for key, header in columns:
        wide = key in WIDE
        t.add_column(header, overflow="fold" if wide else "ellipsis", no_wrap=not wide,
                     min_width=WIDE.get(key), ratio=1 if wide else None)
    for r in rows:
        t.add_row(*[render[k](r) if k in render else ("" if r.get(k) is None else str(r.get(k))) for k, _ in columns])
    console().print(t)
    if not rows:
        click.echo("(nothing)", err=True)
