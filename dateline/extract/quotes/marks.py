"""Find quotation-mark spans in a body, paragraph by paragraph, without ever failing.

Handles straight (``"`` ``'``), curly (“ ” ‘ ’) and guillemet (« ») marks. Single marks are
told apart from apostrophes by their neighbours: a mark between two letters ("Iran's",
"don’t") is an apostrophe, and a closing single mark after a plural ``s`` followed by a
lower-case word ("the two countries' active diplomacy") is a possessive, skipped when a
later closer exists. Marks nested inside an open quotation of the other family are part
of its content (nested quotes).

Recovery: a quotation still open at the end of its paragraph continues into the next
paragraph when that paragraph opens with the same family of mark (the wire convention
for multi-paragraph quotes); otherwise it is closed at the end of its paragraph and
flagged ``unclosed``. Orphan closers are ignored. One bad mark never affects other
paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.types import Span

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
_ALL_MARKS = re.compile("[\"'“”«»„‘’‹›]")
_PARA = re.compile(r"[^\n]+")
# what may stand right before an opening mark / right after a closing mark
_OPEN_BEFORE = set(" \t([{—–-/:;,\u00a0") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
_CLOSE_AFTER = set(" \t)]}.,;:!?—–-/…\u00a0") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE) | {'"', "'"}


@dataclass(frozen=True)
class Marked:
    """One quotation delimited by marks: ``span`` is the content without the marks."""

    span: Span
    outer: Span  # content with its marks
    family: str  # "double" | "single"
    unclosed: bool = False  # recovered at the paragraph end
    continues: bool = False  # runs on into the next paragraph (multi-paragraph quote)


def paragraphs(body: str) -> list[Span]:
    """Non-empty lines of the body (wire paragraphs are one line each)."""
    return [(m.start(), m.end()) for m in _PARA.finditer(body) if body[m.start() : m.end()].strip()]


def para_of(paras: list, pos: int) -> int:
    """Index of the paragraph (of ``paragraphs``) holding character ``pos`` (the nearest one between two)."""
    lo, hi = 0, len(paras) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if paras[mid][1] < pos:
            lo = mid + 1
        elif paras[mid][0] > pos:
            hi = mid - 1
        else:
            return mid
    return max(0, min(lo, len(paras) - 1))


def _role(text: str, i: int, lo: int, hi: int) -> tuple[str, str] | None:
    """(family, role) of the mark at ``text[i]``; role is open|close|either; None = apostrophe."""
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if ch in DOUBLE_OPEN:
        return "double", "open"
    if ch in DOUBLE_CLOSE:
        return "double", "close"
    if ch == '"':
        can_open = prev in _OPEN_BEFORE and not nxt.isspace()
        can_close = not prev.isspace() and (nxt in _CLOSE_AFTER or nxt.isspace())
        if can_open and not can_close:
            return "double", "open"
        if can_close and not can_open:
            return "double", "close"
        return "double", "either"
    # single marks: apostrophes are the common case
    if prev.isalnum() and nxt.isalnum():
        return None  # Iran's, don't, rock'n'roll
    if ch in SINGLE_OPEN or ch == "'":
        if prev in _OPEN_BEFORE and (nxt.isalnum() or nxt in "$£€.…(" or nxt in DOUBLE_OPEN or nxt == '"'):
            if (
                ch == "'"
                and nxt.isdigit()
                and i + 2 < hi
                and text[i + 2].isdigit()
                and (i + 3 >= hi or not text[i + 3].isdigit())
            ):
                return None  # '90s
            return "single", "open"
        if ch == "‘":
            return "single", "open"
    if ch in SINGLE_CLOSE or ch == "'":
        if not prev.isspace() and (nxt in _CLOSE_AFTER or nxt.isspace()):
            return "single", "close"
    return None


def _possessive(text: str, i: int, hi: int) -> bool:
    """A closing single mark that reads like a plural possessive: "countries' active"."""
    if i == 0 or text[i - 1] not in "sS":
        return False
    j = i + 1
    if j < hi and text[j] == " " and j + 1 < hi and text[j + 1].islower():
        return True
    return False


def _scan_paragraph(text: str, lo: int, hi: int, carry: str | None) -> tuple[list[tuple], str | None]:
    """Pair marks in ``text[lo:hi]``. Returns raw tuples and the family left open at the end."""
    marks = []
    for m in _ALL_MARKS.finditer(text, lo, hi):
        r = _role(text, m.start(), lo, hi)
        if r is not None:
            marks.append((m.start(), r[0], r[1]))
    out: list[tuple] = []
    open_at: int | None = None
    family: str | None = None
    if carry is not None:
        # a continued quotation: the paragraph opens with a mark of that family
        if (
            marks
            and marks[0][1] == carry
            and marks[0][2] in ("open", "either")
            and not text[lo : marks[0][0]].strip()
        ):
            open_at, family = marks[0][0], carry
            marks = marks[1:]
    k = 0
    depth = 0  # curly “ inside an open curly “: a nested quote of the same family
    while k < len(marks):
        pos, fam, role = marks[k]
        if open_at is None:
            if role in ("open", "either"):
                open_at, family = pos, fam
            k += 1
            continue
        if fam == family == "double" and text[pos] in DOUBLE_OPEN and text[open_at] in DOUBLE_OPEN:
            if (
                any(text[x[0]] in DOUBLE_CLOSE for x in marks[k + 1 :])
                and _closers_after(text, marks, k) >= 2
            ):
                depth += 1
                k += 1
                continue
        if depth and fam == family and text[pos] in DOUBLE_CLOSE:
            depth -= 1
            k += 1
            continue
        if fam != family or role == "open":
            if fam == family and role == "open" and fam == "double":
                # a second opener of the same family: the first one was never closed
                out.append((open_at, pos, family, True))
                open_at = pos
            k += 1
            continue
        # a closer (or either) of the open family
        if family == "single" and _possessive(text, pos, hi):
            later = [x for x in marks[k + 1 :] if x[1] == "single" and x[2] != "open"]
            if later:
                k += 1
                continue
        out.append((open_at, pos + 1, family, False))
        open_at, family = None, None
        k += 1
    left = None
    if open_at is not None:
        starts_para = not text[lo:open_at].strip()
        if family == "double" or starts_para:
            # an unclosed single mark mid-paragraph is more likely an elision ('tis, 'em) than a quote
            out.append((open_at, hi, family, True))
            left = family
    return out, left


def _closers_after(text: str, marks: list, k: int) -> int:
    """Curly double closers after mark ``k`` before the next curly opener beyond one nesting level."""
    return sum(1 for x in marks[k + 1 :] if text[x[0]] in DOUBLE_CLOSE)


_TWO_MARKS = re.compile(r"''|``")


def _normalise(body: str) -> str:
    """Read the typewriter double marks ``''`` and ````` as ``"`` (same length: spans stay valid)."""
    if "''" not in body and "``" not in body:
        return body

    def repl(m: re.Match) -> str:
        i = m.start()
        nxt = body[m.end()] if m.end() < len(body) else " "
        prev = body[i - 1] if i > 0 else " "
        opening = m.group() == "``" or (nxt.isalnum() and not prev.isalnum())
        return ' "' if opening else '" '

    return _TWO_MARKS.sub(repl, body)


def find_marked(body: str) -> list[Marked]:
    """Every quotation delimited by marks, in text order; multi-paragraph ones flagged."""
    orig = body
    body = _normalise(body)
    result: list[Marked] = []
    carry: str | None = None
    for lo, hi in paragraphs(body):
        raw, left = _scan_paragraph(body, lo, hi, carry)
        if carry is not None and result and (not raw or raw[0][0] != _first_mark(body, lo, hi)):
            # the previous quotation did not continue here after all: it ends with its paragraph
            prev = result[-1]
            result[-1] = Marked(prev.span, prev.outer, prev.family, unclosed=True, continues=False)
        carry = None
        for i, (s, e, fam, unclosed) in enumerate(raw):
            cs = s + 1
            ce = e - (0 if unclosed else 1)
            while cs < ce and body[cs].isspace():
                cs += 1
            while ce > cs and body[ce - 1].isspace():
                ce -= 1
            if ce <= cs:
                continue
            last = i == len(raw) - 1
            continues = bool(unclosed and last and left)
            if body is not orig:  # a two-character mark (``''``): the outer span covers both characters
                if s > 0 and orig[s - 1 : s + 1] in ("''", "``"):
                    s -= 1
                if orig[e - 1 : e + 1] == "''":
                    e += 1
            result.append(Marked((cs, ce), (s, e), fam, unclosed=unclosed, continues=continues))
        if left is not None:
            carry = left
    if result and result[-1].continues:
        prev = result[-1]
        result[-1] = Marked(prev.span, prev.outer, prev.family, unclosed=True, continues=False)
    return result


def _first_mark(body: str, lo: int, hi: int) -> int | None:
    j = lo
    while j < hi and body[j].isspace():
        j += 1
    return j if j < hi and body[j] in "\"'“”«»„‘’‹›" else None
