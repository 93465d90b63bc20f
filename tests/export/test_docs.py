"""docs/export.md documents every exported column (tables and GDELT), in file order."""

from __future__ import annotations

import re
from pathlib import Path

from dateline.export.columns import TABLES
from dateline.export.gdelt import COLUMNS

DOC = Path(__file__).resolve().parents[2] / "docs" / "export.md"


def section(text: str, title: str) -> str:
    start = text.index(title)
    nxt = re.search(r"\n##+ ", text[start + len(title):])
    return text[start: start + len(title) + (nxt.start() if nxt else len(text))]


def test_every_table_column_documented_in_order():
    text = DOC.read_text("utf-8")
    for table, cols in TABLES.items():
        body = section(text, f"### `{table}`")
        documented = re.findall(r"^\| `([a-z_0-9]+)` \| ([a-z<>0-9]+) \|", body, re.M)
        assert documented == [(c.name, c.type) for c in cols], table


def test_every_gdelt_column_documented():
    body = section(DOC.read_text("utf-8"), "## GDELT 2.0 events")
    covered = []
    for lo, hi, names in re.findall(r"^\| (\d+)(?:-(\d+))? \| (.+?) \|", body, re.M):
        lo, hi = int(lo), int(hi or lo)
        covered += range(lo, hi + 1)
        first = re.findall(r"`([A-Za-z0-9_*]+)`", names)[0]
        assert first.rstrip("*") and COLUMNS[lo - 1].startswith(first.rstrip("*").rstrip("_")), (lo, first)
        if hi == lo:
            assert first == COLUMNS[lo - 1]
    assert sorted(covered) == list(range(1, len(COLUMNS) + 1))
