"""Time expressions of a sentence and the word each one modifies in the dependency parse.

Candidates are spaCy's DATE and TIME entities plus what a pattern finds that the tagger missed
(a weekday, a month and day, a year after a temporal preposition, "three years ago"). For each
expression: its words, its character span, the preposition that introduces it ("on", "since")
and the token it is attached to: the verb or noun it modifies, found by climbing from the
expression's head through its preposition (a temporal phrase that the parser hung on a proper
name, as in "annexed Crimea on Tuesday", is given back to the verb). A lone four-digit number
counts as a year only in date context: after a temporal preposition, or before the noun it
dates ("the 2003 invasion").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from dateline.extract.time.calendar import MONTHS
from dateline.tsv import LEXICONS, read_tsv

_MONTH_NAMES = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m in ("jan", "feb", "aug", "oct", "nov")),
                               key=len, reverse=True))
_PATTERN = re.compile(
    r"\b(?:(?:" + _MONTH_NAMES + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:(?:early|mid|late)[\s-]+)?(?:january|february|march|april|june|july|august|september|october|november|"
    r"december)(?:,?\s+\d{4})?"
    r"|(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)\s+"
    r"(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|later|before)"
    r"|(?:yesterday|today|tonight|last night)"
    r"|(?:this|last|next)\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter)"
    r"|(?:early|mid|late)[\s-]+(?:1[89]|20)\d\d)\b",
    re.I,
)
_YEAR_AFTER_PREP = re.compile(r"\b(?:in|since|during|until|from)\s+((?:1[89]|20)\d\d(?:'?s)?)\b", re.I)
_TEMPORAL_PREPS = frozenset(("in", "on", "at", "during", "since", "from", "until", "till", "through", "by",
                             "before", "after", "of", "between", "throughout", "for", "within", "over", "around",
                             "as", "to", "into", "prior", "circa", "starting", "beginning"))
_ATTACH_UP = frozenset(("npadvmod", "advmod", "tmod", "nmod", "compound", "poss", "amod", "nummod", "appos",
                        "dobj", "attr", "nsubj", "nsubjpass", "dep", "oprd", "quantmod", "det", "case"))


@dataclass(frozen=True)
class Expr:
    """One time expression: ``text`` as written, ``words`` with its preposition ("on Oct. 31")."""

    start: int
    end: int
    text: str
    words: str
    prep: str | None
    attach: object  # spaCy Token the expression modifies
    also: object  # a verb it dates as well: "met at the summit in June 2018" (the summit's time is the meeting's)
    bare_year: bool  # a lone four-digit number here may be read as a year
    first: int  # index of its first token (ordering and overlap)


def _is_time_ent(ent) -> bool:
    return ent.label_ in ("DATE", "TIME")


def _spans(sent, ents, dl_end: int, body: str) -> list[tuple[int, int]]:
    spans = [(e.start_char, e.end_char) for e in ents if _is_time_ent(e) and e.start_char >= max(dl_end, sent.start_char)
             and e.end_char <= sent.end_char]
    off = sent.start_char
    text = body[off:sent.end_char]
    found = [m.span() for m in _PATTERN.finditer(text)] + [m.span(1) for m in _YEAR_AFTER_PREP.finditer(text)]
    for a, b in found:
        s, e = a + off, b + off
        if s < dl_end or any(s < b and a < e for a, b in spans):
            continue
        spans.append((s, e))
    return _merge(sorted(spans), body)


_MONTH_START = re.compile(r"(?:" + _MONTH_NAMES + r")\b", re.I)


def _merge(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join the pieces of one expression tagged apart: "Tuesday" + "evening", "Tuesday, Oct. 31"."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            gap = text[out[-1][1]:s]
            if (gap.strip() == "" and len(gap) <= 1) or (gap == ", " and _MONTH_START.match(text, s)):
                out[-1] = (out[-1][0], max(e, out[-1][1]))
                continue
        out.append((s, e))
    return out


def _prep_of(root) -> tuple[str | None, object]:
    """(preposition words, the prepositional token) above an expression's head word, if any."""
    if root.dep_ == "pobj" and root.head.i != root.i and root.head.pos_ in ("ADP", "SCONJ", "ADV"):
        p = root.head
        words = p.lower_
        prev = p.doc[p.i - 1] if p.i > 0 else None
        if prev is not None and (prev.lower_, words) in (("as", "of"), ("prior", "to"), ("as", "early"), ("as", "late")):
            words = f"{prev.lower_} {words}"
        elif prev is not None and prev.lower_ in ("earlier", "later") and prev.head.i == p.head.i:
            words = f"{prev.lower_} {words}"
        return words, p
    return None, None


_SETTING_PREPS = frozenset(("at", "during", "in", "amid", "throughout", "on"))
_ADVERBIAL_PREPS = frozenset(("for", "at", "in", "during", "by"))  # phrases of time or manner on a verb
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al")


@functools.cache
def event_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns that name events, suffix matches that do not) from lexicons/time_event_nouns.txt."""
    yes, no = set(), set()
    for _, cells in read_tsv(LEXICONS / "time_event_nouns.txt"):
        line = cells[0].strip().lower()
        if line.startswith("not:"):
            no.add(line[4:].strip())
        elif line:
            yes.add(line)
    return frozenset(yes), frozenset(no)


def is_event_noun(tok) -> bool:
    if tok.pos_ not in ("NOUN",):
        return False
    yes, no = event_nouns()
    lemma = tok.lemma_.lower()
    return lemma in yes or tok.lower_ in yes or (lemma.endswith(_EVENT_SUFFIXES) and lemma not in no
                                                  and len(lemma) > 5)


def _up_to_verb(noun, setting_only: bool):
    """The verb (or event noun) a noun phrase belongs to, climbing through prepositions and noun links;
    with ``setting_only`` only through prepositions of setting ("at", "during", "in"), else None."""
    cur = noun
    for _ in range(8):
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            return None
        if dep == "pobj":
            if setting_only and head.lower_ not in _SETTING_PREPS:
                return None
            cur = head
            continue
        if dep == "appos" and not setting_only:
            return None  # "Sarukhan, ambassador from 2007 to 2013, said": an appositive's time is its noun's (a tenure)
        if dep == "prep" or dep in ("compound", "appos", "conj", "nmod", "amod", "dobj", "nsubj", "nsubjpass",
                                    "attr", "npadvmod", "poss"):
            if head.pos_ in ("VERB", "AUX") or (not setting_only and is_event_noun(head)):
                return head
            cur = head
            continue
        return None
    return None


def _attach(root, prep_tok):
    """The word an expression modifies: above its preposition, or above its head word; adverbs and
    prepositions in between ("earlier in the day") are passed through."""
    cur = prep_tok if prep_tok is not None else root
    while cur.dep_ == "conj" and cur.head.i != cur.i and cur.head.ent_type_ in ("DATE", "TIME"):
        cur = cur.head  # "on Monday and Tuesday": the second day hangs on the first
    att = cur.head if (prep_tok is not None or cur.dep_ in _ATTACH_UP or cur.dep_ == "conj") else cur
    for _ in range(4):
        if att.head.i == att.i or att.pos_ not in ("ADV", "ADP", "PART", "SCONJ"):
            break
        att = att.head
    in_setting = att.dep_ == "pobj" and att.head.lower_ in _SETTING_PREPS and att.head.head.pos_ in ("VERB", "AUX")
    if att.pos_ in ("PROPN", "NOUN", "PRON", "NUM") and not is_event_noun(att) and (
            prep_tok is not None or root.dep_ == "npadvmod" or in_setting):
        # ("said in a November report": the report's month is the saying's)
        # "annexed Crimea on Tuesday", "an assault on a base in Lamu County in January": a time
        # phrase does not date a name or a thing; it belongs to the clause
        att = _up_to_verb(att, setting_only=False) or att
    return att


def _also(att):
    """The verb an event noun's time also dates: the noun sits in a phrase of setting right on the
    verb ("met at the summit in June", "were killed in the 2004 bombing"; not "accused of the 2004
    bombing", nor "urged an inquiry into the February vote")."""
    if att.pos_ != "NOUN" or not is_event_noun(att) or att.dep_ != "pobj":
        return None
    prep = att.head
    if prep.lower_ not in _SETTING_PREPS or prep.dep_ != "prep":
        return None
    cur = prep.head
    if cur.pos_ in ("VERB", "AUX"):
        return cur
    # a setting phrase the parser hung on an adverbial phrase before it ("met for the first time at the
    # summit in June 2018"): that phrase's verb; not a thing's setting ("an email with an image of them at
    # the 2005 wedding")
    up = cur.head
    if cur.dep_ == "pobj" and up.dep_ == "prep" and up.lower_ in _ADVERBIAL_PREPS and up.head.pos_ in ("VERB", "AUX") \
            and cur.pos_ == "NOUN" and not is_event_noun(cur):
        return up.head
    return None


def _bare_year_ok(span, root, prep: str | None) -> bool:
    if prep is not None and prep.split()[-1] in _TEMPORAL_PREPS:
        return True
    if len(span) > 1:
        return True
    head = root.head
    return (root.dep_ in ("compound", "nummod", "amod", "npadvmod", "poss", "nmod") and head.i > root.i
            and head.pos_ == "NOUN")


def find(sent, ents, dl_end: int = 0, body: str | None = None) -> list[Expr]:
    """The time expressions of ``sent`` (a spaCy Span) in text order; ``ents`` are its entities,
    and nothing before character ``dl_end`` (the wire dateline) counts. ``body`` is ``sent.doc.text``
    when the caller has it (spaCy rebuilds that string on every access)."""
    doc = sent.doc
    body = doc.text if body is None else body
    out = []
    for s, e in _spans(sent, ents, dl_end, body):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        prep, prep_tok = _prep_of(root)
        text = body[s:e]
        words = f"{prep} {text}" if prep else text
        att = _attach(root, prep_tok)
        out.append(Expr(start=s, end=e, text=text, words=words, prep=prep, attach=att, also=_also(att),
                        bare_year=_bare_year_ok(span, root, prep), first=span.start))
    return out
