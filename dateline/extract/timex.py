"""Time expressions: find the one that dates an event and resolve it against the article's date.

The base date is the article's publication date, else a dateline date that carries a year.
Resolution uses dateparser with that base as ``RELATIVE_BASE`` (preferring past dates, as news
reports what happened), plus two rules dateparser does not know: a bare weekday is the most
recent such day up to the base itself ("Wednesday" in a Thursday story is the day before), and
a year or month keeps its granularity ("in 2003" -> "2003", "last month" -> "2011-10").
Without a base, relative expressions stay unresolved (None); absolute ones with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_PART_OF_DAY = r"(?:morning|afternoon|evening|night|midday|noon|overnight)"
_WEEKDAY_RE = re.compile(
    r"^(?:(?:on|late|early|last)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"(?:\s+{_PART_OF_DAY})?(?:'s)?$", re.I)
_LEAD_RE = re.compile(r"^(?:on|in|at|since|by|during|from|until|for)\s+", re.I)
_YEAR_RE = re.compile(r"^(?:the\s+year\s+)?(?P<y>1[89]\d\d|20\d\d)$")
_RELATIVE_DAY = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                 "yesterday": -1, "last night": -1, "tomorrow": 1}
_VAGUE = re.compile(r"\b(?:recent|past|coming|next few|several|decades?|years|months|weeks|days|ago|\d{1,3}0s|end|summer|winter|spring|autumn|fall)\b", re.I)


def base_date(published: str | None, dateline_date: str | None = None) -> dt.date | None:
    """The date relative expressions resolve against: publication date, else a full dateline date."""
    for value in (published, dateline_date):
        if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


@functools.lru_cache(maxsize=256)
def _parser(base: dt.date | None, prefer: str = "past"):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12)
    return DateDataParser(languages=["en"], settings=settings)


def _has_year(text: str) -> bool:
    return re.search(r"\b(1[89]\d\d|20\d\d)\b", text) is not None


@functools.lru_cache(maxsize=4096)
def resolve(text: str, base: dt.date | None, prefer: str = "past") -> str | None:
    """ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for a time expression, or None.

    ``prefer`` is "past" (news reports what happened) or "future" (an announced act: "will meet
    in December" in a story of October is this December, not last)."""
    t = " ".join(text.replace("\u2019", "'").split()).strip(" ,.")
    t = _LEAD_RE.sub("", t)
    low = t.lower()
    if not low:
        return None
    m = _YEAR_RE.match(low)
    if m:
        return m.group("y")
    if base is None and not _has_year(low):
        return None  # relative or year-less: never guessed without a base
    m = _WEEKDAY_RE.match(low)
    if m and base is not None and prefer == "future" and not low.startswith("last"):
        ahead = (WEEKDAYS[m.group("wd").lower()] - base.weekday()) % 7 or 7
        return (base + dt.timedelta(days=ahead)).isoformat()
    if m and base is not None:
        back = (base.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        if low.startswith("last") and back == 0:
            back = 7
        return (base - dt.timedelta(days=back)).isoformat()
    if low in _RELATIVE_DAY and base is not None:
        return (base + dt.timedelta(days=_RELATIVE_DAY[low])).isoformat()
    if _VAGUE.search(low) and not re.search(r"\b(?:two|three|\d+)\s+(?:days?|weeks?)\s+ago\b", low):
        return None
    try:
        data = _parser(base, prefer).get_date_data(t)
    except Exception:  # dateparser raises assorted errors on odd strings: unresolved, not fatal
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    if data.period == "year":
        return f"{d.year:04d}"
    if data.period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def is_time_entity(ent) -> bool:
    return ent.label_ in ("DATE", "TIME")


def clause_head(tok):
    """The nearest verb (or the sentence root) governing ``tok``: the clause it belongs to."""
    cur = tok
    for _ in range(64):  # bounded: a parse tree is acyclic, but never loop on a bad one
        if cur.pos_ in ("VERB", "AUX") and cur.i != tok.i:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def time_for(ents, text: str, anchors: set[int], base: dt.date | None,
             min_char: int = 0, prefer: str = "past") -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(date, date_text, span) from the time expression attached to the event's clause.

    ``ents`` are the sentence's entities (spaCy Spans), ``text`` the parsed text.
    ``anchors`` are token indices of the trigger and the words governing it; an expression counts
    when the first verb above it (its clause) is one of them. With none, the date is the base date
    and date_text None. Expressions before ``min_char`` (the dateline) are not the event's.
    """
    best = None
    for ent in ents:
        if not is_time_entity(ent) or ent.start_char < min_char:
            continue
        root = ent.root
        head = root.head if root.head.i != root.i else root
        clause = head if head.i in anchors else clause_head(root)
        if clause.i in anchors or head.i in anchors:
            best = ent
            break
    if best is None:
        return (base.isoformat() if base else None), None, None
    start, end = best.start_char, best.end_char
    for ent in ents:  # "Tuesday" + "morning" tagged as two entities: one expression
        if is_time_entity(ent) and ent.start_char in (end, end + 1) and not text[end:ent.start_char].strip():
            end = ent.end_char
    words = text[start:end]
    return resolve(words, base, prefer), words, (start, end)
