"""Load the cleaning lexicons (``dateline/lexicons/clean_*``) once per process."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (LEXICONS / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


@functools.cache
def chrome_rules() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((cat, re.compile(rx, re.I)) for cat, rx in _rows("clean_chrome.tsv"))


@functools.cache
def agency_line_rules() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((kind, re.compile(rx, re.I)) for kind, rx in _rows("clean_agency_lines.tsv"))


@functools.cache
def agencies() -> dict[str, str]:
    """Casefolded printed form -> short credit ("islamic republic news agency" -> "IRNA")."""
    out: dict[str, str] = {}
    for short, names in _rows("clean_agencies.tsv"):
        out[short.casefold()] = short
        for n in names.split("|"):
            out.setdefault(n.strip().casefold(), short)
    return out


def agency_of(text: str | None) -> str | None:
    """The short credit for an agency name as printed, or None when it is not a known agency."""
    if not text:
        return None
    key = re.sub(r"\s+", " ", text.strip(" \t()[]/.,-–—")).casefold()
    key = re.sub(r"^the ", "", key) if key not in agencies() else key
    return agencies().get(key)


@functools.cache
def mojibake_rules() -> tuple[tuple[str, re.Pattern, str], ...]:
    return tuple((name, re.compile(rx), rep) for name, rx, rep in _rows("clean_mojibake.tsv"))


@functools.cache
def english_words() -> frozenset[str]:
    return frozenset(r[0].strip() for r in _rows("clean_english_words.txt"))


@functools.cache
def mojibake_keep() -> frozenset[str]:
    return frozenset(r[0].strip().casefold() for r in _rows("clean_mojibake_keep.txt"))


@functools.cache
def site_names() -> dict[str, list]:
    out: dict[str, list] = {"separator": [], "brand_word": [], "site_line": [], "section_prefix": []}
    for kind, value in _rows("clean_site_names.tsv"):
        out[kind].append(re.compile(value, re.I) if kind == "site_line" else value)
    return out


@functools.cache
def datelines() -> dict:
    return json.loads((LEXICONS / "clean_datelines.json").read_text("utf-8"))


@functools.cache
def byline_rules() -> dict[str, list]:
    return json.loads((LEXICONS / "clean_bylines.json").read_text("utf-8"))
