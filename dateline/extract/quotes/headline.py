"""Headline-form quotes: ``Ryabkov: sanctions are destructive`` — a speaker, a colon, the words.

A line of the body reads as a headline-form quote when it has ``: `` after at most six tokens
of which one can speak (a name, a person or institution noun, an actor), and at least three
words after the colon. Where it stands decides how strict the rest is:

* the first line of the body (a headline the clean stage left in place, as PolNeAR's texts
  keep theirs: ``Sanders: Clinton Email Story Has Moved.``) and any short line with no
  sentence end inside its words (a subheading) may end with ``.`` ``?`` ``!``;
* a transcript line (``TAPPER: Do you think …?``, ``Q: …``, ``A: …``: a speaker label in
  capitals) takes the whole paragraph, however long;
* any other line ending in a full stop is prose (``The reason is simple: …``), not a quote.

A line whose words after the colon are one quotation is left to the direct-quote pass; a line
holding quoted words among others is reported speech with quoted fragments (``partial``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.extract.quotes.direct import tokens_in
from dateline.extract.quotes.speaker import animate

_SENT_INSIDE = re.compile(r"[.!?][\"”’']?\s+[A-Z“\"]")
MAX_LINE = 200


@dataclass(frozen=True)
class HeadlineQuote:
    para: int
    span: tuple[int, int]  # the words after the colon
    speaker: object  # token
    limit: tuple[int, int]  # token range of the speaker phrase (left of the colon)
    colon: object | None  # token
    marked: bool  # holds quoted words (partial)


def _transcript_label(text: str) -> bool:
    words = text.split()
    if text in ("Q", "A"):
        return True
    return 1 <= len(words) <= 3 and all(w.isupper() and len(w.strip(".")) >= 2 for w in words)


def _strong(t, lex) -> bool:
    return t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.lemma_.lower() in lex.speaker_nouns


def headline_quotes(doc, body: str, paras, marked, lex, index, lo_limit: int = 0) -> list[HeadlineQuote]:
    """Headline-form quotes on the lines of ``body`` (``paras``), after ``lo_limit`` (the dateline)."""
    out = []
    first = next((i for i, (lo, _hi) in enumerate(paras) if lo >= lo_limit), None)
    for i, (lo, hi) in enumerate(paras):
        if lo < lo_limit:
            continue
        line = body[lo:hi].rstrip()
        colon = line.find(": ")
        if colon < 1 or line.endswith(":"):
            continue
        label = _transcript_label(line[:colon])
        if len(line) > MAX_LINE and not label:
            continue
        left = tokens_in(doc, lo, lo + colon)
        right = (lo + colon + 2, lo + len(line))
        words = body[right[0] : right[1]].split()
        if not left or len(left) > 6 or len(words) < 3:
            continue
        heads = [t for t in left if t.pos_ in ("NOUN", "PROPN") and animate(t, index, lex)]
        if not heads:
            continue
        if line.endswith((".", "?", "!")) and not label and i != first:
            if _SENT_INSIDE.search(line, colon) or not _strong(heads[-1], lex):
                continue  # prose: "The reason is simple: Iran refuses."
        inside = [m for m in marked if right[0] <= m.outer[0] and m.outer[1] <= right[1] + 1]
        if any((m.outer[1] - m.outer[0]) >= 0.8 * (right[1] - right[0]) for m in inside):
            continue  # 'X: "Q"': the direct-quote pass attributes it
        colon_tok = tokens_in(doc, lo + colon, lo + colon + 1)
        out.append(
            HeadlineQuote(i, right, heads[-1], (left[0].i, left[-1].i + 1), colon_tok[0] if colon_tok else None,
                          bool(inside))
        )
    return out
