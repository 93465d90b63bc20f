"""Full-text helpers: a safe FTS5 query from what a person types, and highlight ranges.

``fts_query`` never passes user text to FTS5 as syntax: every word or phrase becomes a
quoted FTS5 string, so ``Iran's "nuclear program" OR IAEA -sanctions talk*`` works and
``"`` / ``(`` / ``:`` typed by a user cannot cause a syntax error or reach other columns.

Supported: words (all required), ``"exact phrases"``, ``OR`` between terms, ``-word`` or
``NOT word`` to exclude, ``word*`` for a prefix.

Highlights are returned as ranges, never as markup: ``(text, [[start, end], ...])``. A web
page escapes the text first and then wraps the ranges (``highlight()`` does both in that
order), so an article body can never inject markup through a snippet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

# Sentinels asked of FTS5 highlight(): private-use characters that cleaned text never holds.
OPEN = "\ue000"
CLOSE = "\ue001"

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(text: str | None) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when it holds no searchable word."""
    if not text:
        return None
    groups: list[list[str]] = [[]]  # OR-separated groups of AND-ed terms
    negatives: list[str] = []
    negate_next = False
    or_next = False
    for m in _TOKEN.finditer(text.replace(OPEN, " ").replace(CLOSE, " ")):
        phrase, word = m.group(1), m.group(2)
        if word is not None:
            if word == "OR":
                or_next = True
                continue
            if word in ("NOT", "-"):
                negate_next = True
                continue
            if word == "AND":
                continue
            neg = negate_next or (word.startswith("-") and len(word) > 1)
            raw = word[1:] if word.startswith("-") else word
            prefix = raw.endswith("*")
            words = _WORD.findall(raw)
            if not words:
                negate_next = or_next = False
                continue
            term = _quote(" ".join(words)) + (" *" if prefix else "")
        else:
            words = _WORD.findall(phrase or "")
            if not words:
                continue
            neg = negate_next
            term = _quote(" ".join(words))
        if neg:
            negatives.append(term)
        elif or_next and groups[-1]:
            groups.append([term])
        else:
            groups[-1].append(term)
        negate_next = or_next = False
    groups = [g for g in groups if g]
    if not groups:
        return None
    parts = [("(" + " AND ".join(g) + ")") if len(g) > 1 else g[0] for g in groups]
    expr = parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    for n in negatives:
        expr = f"{expr} NOT {n}"
    return expr


def parse_marked(marked: str, open_: str = OPEN, close: str = CLOSE) -> tuple[str, list[list[int]]]:
    """Strip sentinel markers from ``marked``: the plain text and the marked ``[start, end]`` ranges."""
    if open_ not in marked and close not in marked:
        return marked, []
    out: list[str] = []
    ranges: list[list[int]] = []
    pos = 0
    start = None
    for piece in re.split(f"({re.escape(open_)}|{re.escape(close)})", marked):
        if piece == open_:
            start = pos
        elif piece == close:
            if start is not None and pos > start:
                ranges.append([start, pos])
            start = None
        elif piece:
            out.append(piece)
            pos += len(piece)
    return "".join(out), ranges


def snippet(text: str, ranges: list[list[int]], width: int = 240) -> dict:
    """A window of ``text`` around the densest run of matches.

    Returns ``{"text", "highlights" (ranges relative to the snippet), "start" (offset of the
    snippet in ``text``), "prefix_ellipsis", "suffix_ellipsis"}``.
    """
    if not text:
        return {"text": "", "highlights": [], "start": 0, "prefix_ellipsis": False, "suffix_ellipsis": False}
    if ranges:
        best, best_n = ranges[0][0], 0
        for s, _ in ranges:
            n = sum(1 for s2, e2 in ranges if s2 >= s and e2 <= s + width * 2 // 3)
            if n > best_n:
                best, best_n = s, n
        lo = max(0, best - width // 3)
    else:
        lo = 0
    hi = min(len(text), lo + width)
    if hi - lo < width:
        lo = max(0, hi - width)
    # snap to word boundaries (never cutting a match)
    if lo > 0:
        sp = text.find(" ", lo, min(hi, lo + 30))
        if sp != -1 and not any(s < sp + 1 <= e for s, e in ranges):
            lo = sp + 1
    if hi < len(text):
        sp = text.rfind(" ", max(lo, hi - 30), hi)
        if sp != -1 and not any(s < sp < e for s, e in ranges):
            hi = sp
    piece = text[lo:hi]
    rel = [[max(s, lo) - lo, min(e, hi) - lo] for s, e in ranges if e > lo and s < hi]
    # keep the snippet on one visual line
    flat = piece.replace("\n", " ")
    return {"text": flat, "highlights": rel, "start": lo, "prefix_ellipsis": lo > 0, "suffix_ellipsis": hi < len(text)}


def highlight(
    text: str,
    ranges: list[list[int]] | list[tuple[int, int]],
    open_: str = "<mark>",
    close: str = "</mark>",
    escape: Callable[[str], str] | None = html.escape,
) -> str:
    """``text`` with each range wrapped in ``open_`` / ``close``; every piece of ``text`` is
    passed through ``escape`` first (HTML-escaped by default; ``escape=None`` for terminals)."""
    esc = escape or (lambda s: s)
    out, pos = [], 0
    for s, e in sorted((int(a), int(b)) for a, b in ranges):
        s, e = max(s, pos), min(e, len(text))
        if s >= e:
            continue
        out.append(esc(text[pos:s]))
        out.append(open_ + esc(text[s:e]) + close)
        pos = e
    out.append(esc(text[pos:]))
    return "".join(out)
