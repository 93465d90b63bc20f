"""Time expressions in words -> a resolved period (date, precision, basis), or why not.

``normalize(words, base, direction, ref)`` reads one expression ("on Oct. 31", "late 2017",
"three years ago", "the previous day") against the article's date ``base``. ``direction`` is
the event's tense (``past``: on or before ``base``; ``future``: on or after; ``near``: closest)
and places what lacks a year. ``ref`` is the narrative reference time that anaphoric
expressions ("two days later", "the previous day") count from; without it backward ones count
from ``base`` and forward ones stay unresolved.

The grammar covers the forms news uses; anything else that names a month or a four-digit year
goes to dateparser (the year then inferred the same way). What is not a point in time is
classified, not resolved: a duration ("for three years", "a 10-year sentence"), a bound ("by
2020", "until March", "before the vote"), a vague span ("in recent years"), or nothing at all
(an age, a count). A number is a year only when it has four digits; dates before 1900, or more
than a year after ``base``, are accepted only from a four-digit year the text spells out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from dateline.extract.time import calendar as cal
from dateline.extract.time.calendar import MONTHS, PART_START, SEASONS, WEEKDAYS, Resolved

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"
_PART = r"(?:(?P<part>early|mid|middle|late|the end of|the beginning of|the start of|the middle of)[\s-]+)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1\d{3}|20\d{2})"
_UNIT = r"(?P<u>day|week|month|year|decade)s?"
_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a couple of": 2,
    "a couple": 2, "a few": 3, "several": 4, "a dozen": 12,
}
_VAGUE_N = ("a few", "several")  # "a few days ago": about, not exactly
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted((re.escape(k) for k in _NUM_WORDS), key=len, reverse=True)) + r")"
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night|midday|noon|overnight|local time))?"

_LEAD = re.compile(
    r"^(?P<prep>on|in|at|during|since|from|until|till|through|throughout|by|before|after|as of|of|for|"
    r"between|within|over|around|about|circa|starting|beginning|ending|as early as|as late as|prior to|"
    r"earlier|later|late|early)\s+", re.I)
_PREPS = frozenset(("on", "in", "at", "during", "since", "from", "until", "till", "through", "throughout", "by",
                    "before", "after", "as of", "of", "for", "between", "within", "over", "starting",
                    "beginning", "ending", "as early as", "as late as", "prior to"))
_BOUND_PREPS = frozenset(("until", "till", "by", "before", "after", "prior to", "ending", "as late as"))
_DURATION_PREPS = frozenset(("for", "within", "over", "throughout", "through"))
_START_PREPS = frozenset(("since", "from", "starting", "beginning", "as early as"))
_HEDGES = re.compile(r"^(?:about|around|nearly|almost|some|more than|over|just|roughly|approximately|at least|"
                     r"less than|only|exactly|precisely|barely|well over|fully|the)\s+", re.I)


@dataclass(frozen=True)
class Norm:
    """What an expression is: ``kind`` point | anaphoric | duration | bound | vague | none.

    ``value`` is set for a point (and an anaphoric expression that found its reference);
    ``prep`` is the preposition that introduced it ("since")."""

    kind: str
    value: Resolved | None = None
    prep: str | None = None
    anaphoric: bool = False  # counted from a reference time ("two days later"): pass ``ref``


NONE = Norm("none")


def clean_words(text: str) -> str:
    t = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = " ".join(t.split()).strip(" ,.;:\"'()[]")
    return re.sub(r"'s$", "", t).lower()


def _n(word: str) -> int | None:
    return int(word) if word.isdigit() else _NUM_WORDS.get(word)


def _year_ok(y: int, base: dt.date | None) -> bool:
    return 1000 <= y <= (base.year + 30 if base else 2100)


def _rel_ok(d: dt.date, base: dt.date) -> bool:
    """A date resolved against the article's date: from 1900 to a year after it."""
    return dt.date(1900, 1, 1) <= d <= base + dt.timedelta(days=366)


def _shift(d: dt.date, unit: str, n: int) -> tuple[dt.date, str]:
    """``d`` moved ``n`` units (negative: back), as (first day of the unit's period, precision)."""
    if unit == "day":
        return d + dt.timedelta(days=n), "day"
    if unit == "week":
        return cal.week_start(d + dt.timedelta(days=7 * n)), "week"
    if unit == "month":
        return cal.add_months(d, n), "month"
    if unit == "year":
        return dt.date(d.year + n, 1, 1), "year"
    y = d.year + 10 * n
    return dt.date(y - y % 10, 1, 1), "decade"


_COARSER = {p: i for i, p in enumerate(cal.PRECISIONS)}


def _coarsest(a: str, b: str) -> str:
    return a if _COARSER[a] >= _COARSER[b] else b


# --- the grammar: each rule is (compiled pattern, handler(match, base, direction, ref) -> Norm | None) ---
_RULES: list[tuple[re.Pattern, object]] = []


def rule(pattern: str):
    def wrap(fn):
        _RULES.append((re.compile(r"^(?:" + pattern + r")$", re.I), fn))
        return fn
    return wrap


def _explicit(d: dt.date, precision: str, base) -> Norm:
    return Norm("point", Resolved(d, precision, "explicit")) if _year_ok(d.year, base) else NONE


def _relative(d: dt.date | None, precision: str, base) -> Norm:
    if d is None or not _rel_ok(d, base):
        return NONE
    d = cal.start_of(d, precision)
    return Norm("point", Resolved(d, precision, "relative"))


@rule(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
def _iso(m, base, direction, ref, prep):
    try:
        return _explicit(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "day", base)
    except ValueError:
        return NONE


@rule(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})")
def _us_numeric(m, base, direction, ref, prep):
    try:
        return _explicit(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "day", base)
    except ValueError:
        return NONE


def _day_of(m, year: int) -> dt.date | None:
    try:
        return dt.date(year, MONTHS[m["mon"]], int(m["d"]))
    except ValueError:
        return None


@rule(r"(?:" + _WD + r",?\s+)?" + _MON + r"\s+" + _DAY + r"(?:\s*-\s*\d{1,2})?,?\s+(?:of\s+)?" + _YEAR)
@rule(r"(?:" + _WD + r",?\s+)?(?:the\s+)?" + _DAY + r"(?:\s*-\s*\d{1,2})?\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR)
def _full_date(m, base, direction, ref, prep):
    d = _day_of(m, int(m["y"]))
    return _explicit(d, "day", base) if d else NONE


@rule(_PART + r"?" + _MON + r",?\s+(?:of\s+)?" + _YEAR)
def _month_year(m, base, direction, ref, prep):
    return _explicit(dt.date(int(m["y"]), MONTHS[m["mon"]], 1), "month", base)


@rule(r"(?:" + _WD + r",?\s+)?" + _MON + r"\s+" + _DAY + r"(?:\s*-\s*\d{1,2})?" + _DAYPART)
@rule(r"(?:" + _WD + r",?\s+)?(?:the\s+)?" + _DAY + r"(?:\s*-\s*\d{1,2})?\s+(?:of\s+)?" + _MON)
def _month_day(m, base, direction, ref, prep):
    if base is None or not 1 <= int(m["d"]) <= 31:
        return NONE
    return _relative(cal.month_day(MONTHS[m["mon"]], int(m["d"]), base, direction), "day", base)


@rule(_PART + r"?" + _MON + r",?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
def _month_of_year(m, base, direction, ref, prep):
    """"July this year", "March of last year"."""
    if base is None:
        return NONE
    step = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return _relative(dt.date(base.year + step, MONTHS[m["mon"]], 1), "month", base)


@rule(r"(?:(?P<rel>this|last|next|past)\s+)?" + _PART + r"?" + _MON)
def _month(m, base, direction, ref, prep):
    if base is None:
        return NONE
    mon = MONTHS[m["mon"]]
    rel = (m["rel"] or "").lower()
    if m["mon"] in ("may", "mar", "dec") and not (rel or m["part"] or prep):
        return NONE  # a bare "may" / "mar" is a verb or a word far more often than a month
    if rel in ("last", "past"):
        cands = [dt.date(y, mon, 1) for y in (base.year - 1, base.year)]
        d = max((c for c in cands if cal.period_end(c, "month") < base), default=None)
    elif rel == "next":
        d = min(c for c in (dt.date(y, mon, 1) for y in (base.year, base.year + 1)) if c > base)
    elif rel == "this":
        d = dt.date(base.year, mon, 1)
    else:
        d = cal.month_only(mon, base, direction)
    return _relative(d, "month", base)


@rule(_PART + r"?(?:the\s+)?" + _SEASON + r",?\s+(?:of\s+)?" + _YEAR)
@rule(_YEAR + r"\s+" + _SEASON)
def _season_year(m, base, direction, ref, prep):
    return _explicit(cal.season_start(int(m["y"]), SEASONS[m["season"]]), "season", base)


@rule(r"(?:(?P<rel>this|last|next|past|the past|this past|this coming)\s+)?" + _PART + r"?(?:the\s+)?" + _SEASON)
def _season(m, base, direction, ref, prep):
    if base is None:
        return NONE
    mon, rel = SEASONS[m["season"]], (m["rel"] or "").lower()
    cands = [cal.season_start(y, mon) for y in (base.year - 1, base.year, base.year + 1)]
    if rel in ("last", "past", "the past", "this past"):
        d = max((c for c in cands if cal.period_end(c, "season") < base), default=None)
    elif rel in ("next", "this coming"):
        d = min((c for c in cands if c > base), default=None)
    elif rel == "this":
        d = cal.season_start(base.year + (1 if mon == 12 and base.month == 12 else 0), mon)
    else:
        d = cal.season(mon, base, direction)
    return _relative(d, "season", base)


@rule(r"(?P<part>early|mid|middle|late|the end of|the beginning of|the start of|the middle of)[\s-]+" + _YEAR)
def _part_year(m, base, direction, ref, prep):
    part = m["part"].lower().replace("the ", "").replace(" of", "")
    start = {"end": 9, "beginning": 1, "start": 1}.get(part) or PART_START[part]
    return _explicit(dt.date(int(m["y"]), start, 1), "season", base)


@rule(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>1\d{2}0|20\d0)'?s")
def _decade(m, base, direction, ref, prep):
    return _explicit(dt.date(int(m["dec"]), 1, 1), "decade", base)


@rule(r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?'(?P<dd>\d)0s")
def _short_decade(m, base, direction, ref, prep):
    y = 1900 + int(m["dd"]) * 10
    if base is not None and y + 100 <= base.year:
        y += 100
    return _explicit(dt.date(y, 1, 1), "decade", base)


@rule(r"(?:the\s+(?:year\s+)?|year\s+)?" + _YEAR)
def _year(m, base, direction, ref, prep):
    return _explicit(dt.date(int(m["y"]), 1, 1), "year", base)


@rule(r"(?:(?P<rel>last|this|next|past|this past|this coming)\s+)?(?:(?:early|late)\s+)?" + _WD + _DAYPART)
def _weekday(m, base, direction, ref, prep):
    if base is None:
        return NONE
    rel, wd = (m["rel"] or "").lower(), WEEKDAYS[m["wd"]]
    if m["wd"] in ("sun", "sat", "wed", "mon", "fri") and not (rel or prep):
        return NONE  # abbreviations alone are words ("sun", "sat") more often than days
    if rel in ("last", "past", "this past"):
        return _relative(cal.weekday(wd, base, "past", strict=True), "day", base)
    if rel in ("next", "this coming"):
        return _relative(cal.weekday(wd, base, "future", strict=True), "day", base)
    return _relative(cal.weekday(wd, base, direction), "day", base)


_DEICTIC_DAY = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
    "later today": 0, "overnight": 0, "yesterday": -1, "last night": -1,
    "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


@rule(r"(?P<w>" + "|".join(sorted(_DEICTIC_DAY, key=len, reverse=True)) + r")")
def _deictic_day(m, base, direction, ref, prep):
    if base is None:
        return NONE
    return _relative(base + dt.timedelta(days=_DEICTIC_DAY[m["w"].lower()]), "day", base)


@rule(r"(?P<rel>this|last|next|earlier this|later this|early this|late this|earlier last|late last|early last|"
      r"early next|late next|later next|the coming|the current|this past|this coming)\s+"
      r"(?P<u>week|weekend|month|year|decade)")
def _deictic_period(m, base, direction, ref, prep):
    if base is None:
        return NONE
    rel, unit = m["rel"].lower(), m["u"].lower()
    if rel == "this past":
        rel = "last"
    step = -1 if rel.endswith("last") else 1 if rel.endswith(("next", "coming")) else 0
    if unit == "weekend":
        sat = base + dt.timedelta(days=5 - base.weekday() + 7 * step)
        if step == 0 and direction == "past" and sat > base:
            sat -= dt.timedelta(days=7)
        return _relative(cal.week_start(sat), "week", base)
    d, precision = _shift(base, unit, step)
    if unit == "year" and rel.split()[0] in ("early", "late"):  # "late last year": its last third
        return _relative(dt.date(d.year, PART_START[rel.split()[0]], 1), "season", base)
    return _relative(d, precision, base)


_RECENT = {
    "recent days": ("day", -4, "week"), "the past few days": ("day", -4, "week"),
    "the last few days": ("day", -4, "week"), "the past week": ("day", -4, "week"),
    "the last week": ("day", -4, "week"), "past few days": ("day", -4, "week"),
    "recent weeks": ("day", -15, "month"), "the past few weeks": ("day", -15, "month"),
    "the last few weeks": ("day", -15, "month"), "the past month": ("day", -15, "month"),
    "the past two weeks": ("day", -7, "week"), "the last month": ("day", -15, "month"),
}


@rule(r"(?P<w>" + "|".join(sorted((re.escape(k) for k in _RECENT), key=len, reverse=True)) + r")")
def _recent(m, base, direction, ref, prep):
    if base is None:
        return NONE
    _, days, precision = _RECENT[m["w"].lower()]
    d = base + dt.timedelta(days=days)
    return _relative(d, precision, base)


@rule(r"(?:the\s+)?(?:past|last|previous|recent|coming|next)\s+(?:few\s+|several\s+|many\s+|\w+\s+)?"
      r"(?:decades?|years?|months|centuries|century)|(?:recent|later|earlier|early|previous|past) (?:years|months|decades)|"
      r"(?:the\s+)?(?:\w+\s+)?century|long ago|in the past|the past|the time|that time|once|the early days")
def _vague(m, base, direction, ref, prep):
    return Norm("vague")


@rule(r"(?:about|around|nearly|almost|some|more than|over|just|roughly|less than|only|at least)?\s*"
      + _NUM + r"\s+" + _UNIT + r"\s+ago")
def _ago(m, base, direction, ref, prep):
    if base is None:
        return NONE
    word, unit = m["n"].lower(), m["u"].lower()
    n = _n(word)
    if n is None:
        return NONE
    if word in _VAGUE_N:  # "a few days ago": about a week back; "several years ago": vague
        if unit in ("year", "decade", "month"):
            return Norm("vague")
        d, _ = _shift(base, "day", -n * (7 if unit == "week" else 1))
        return _relative(d, "week" if unit == "day" else "month", base)
    d, precision = _shift(base, unit, -n)
    if unit == "decade":
        d = dt.date(base.year - 10 * n, 1, 1)
        precision = "year" if n == 1 else "decade"
        d = d if precision == "year" else dt.date(d.year - d.year % 10, 1, 1)
    return _relative(d, precision, base)


@rule(r"(?:the\s+)?(?P<part>beginning|start|end|middle)\s+of\s+(?:the\s+)?(?P<rel>this\s+|last\s+|next\s+|current\s+)?"
      r"(?P<u>year|month)")
def _part_of_period(m, base, direction, ref, prep):
    """"the beginning of the year", "the end of last month": the part of a period around the article."""
    if base is None:
        return NONE
    rel, unit = (m["rel"] or "").strip().lower(), m["u"].lower()
    step = -1 if rel == "last" else 1 if rel == "next" else 0
    d, _ = _shift(base, unit, step)
    if unit == "month":
        return _relative(d, "month", base)
    start = {"beginning": 1, "start": 1, "middle": 5, "end": 9}[m["part"].lower()]
    return _relative(dt.date(d.year, start, 1), "season", base)


_ANAPHORA = {  # words -> (unit, steps) from the reference time
    "the previous day": ("day", -1), "the day before": ("day", -1), "the preceding day": ("day", -1),
    "the prior day": ("day", -1), "the night before": ("day", -1), "the eve": ("day", -1),
    "the next day": ("day", 1), "the following day": ("day", 1), "the day after": ("day", 1),
    "the next morning": ("day", 1), "the following morning": ("day", 1),
    "the same day": ("day", 0), "that day": ("day", 0), "that morning": ("day", 0), "that night": ("day", 0),
    "that evening": ("day", 0), "earlier that day": ("day", 0), "later that day": ("day", 0),
    "earlier in the day": ("day", 0), "later in the day": ("day", 0),  # the narrative's day, else the article's
    "the previous week": ("week", -1), "the week before": ("week", -1), "the following week": ("week", 1),
    "the next week": ("week", 1), "that week": ("week", 0), "the same week": ("week", 0),
    "the previous month": ("month", -1), "the month before": ("month", -1), "the following month": ("month", 1),
    "the next month": ("month", 1), "that month": ("month", 0), "the same month": ("month", 0),
    "the previous year": ("year", -1), "the year before": ("year", -1), "the following year": ("year", 1),
    "the next year": ("year", 1), "that year": ("year", 0), "the same year": ("year", 0),
    "later that year": ("year", 0), "earlier that year": ("year", 0), "later that month": ("month", 0),
    "earlier that month": ("month", 0), "later that week": ("week", 0), "earlier that week": ("week", 0),
}


@rule(r"(?P<w>" + "|".join(sorted((re.escape(k) for k in _ANAPHORA), key=len, reverse=True)) + r")")
def _anaphora(m, base, direction, ref, prep):
    unit, steps = _ANAPHORA[m["w"].lower()]
    return _from_ref(unit, steps, base, ref)


@rule(r"(?:about|around|nearly|almost|some|more than|just|only)?\s*" + _NUM + r"\s+" + _UNIT
      + r"\s+(?P<dir>earlier|before|later|after|afterwards?|prior)")
def _n_later(m, base, direction, ref, prep):
    n = _n(m["n"].lower())
    if n is None:
        return NONE
    if m["n"].lower() in _VAGUE_N and m["u"].lower() in ("month", "year", "decade"):
        return Norm("vague")  # "several months later": no date to be had
    steps = -n if m["dir"].lower() in ("earlier", "before", "prior") else n
    return _from_ref(m["u"].lower(), steps, base, ref)


def _from_ref(unit: str, steps: int, base, ref: Resolved | None) -> Norm:
    """An anaphoric expression: ``steps`` units from the reference time (else, looking back, from
    the article's date; looking forward from nothing, it stays unresolved)."""
    if ref is None:
        if base is None or steps > 0:
            return Norm("anaphoric", anaphoric=True)
        ref = Resolved(base, "day", "publication")
    d, precision = _shift(ref.date, unit, steps)
    precision = _coarsest(precision, ref.precision)
    d = cal.start_of(d, precision)  # "two days later" than "in 1980" is still 1980
    if base is not None and not _rel_ok(d, base) and ref.basis != "explicit":
        return NONE
    return Norm("point", Resolved(d, precision, "relative"), anaphoric=True)


@rule(r"(?:a|an|the)?\s*(?:\d+|" + "|".join(k for k in _NUM_WORDS if " " not in k) + r")[\s-]+"
      r"(?:day|week|month|year|decade|hour|minute)s?(?:[\s-]+(?:long|old))?|(?:a|an|one|half a|the)\s+"
      r"(?:day|week|month|year|decade|hour)|(?:the\s+)?(?:\d+|two|three|several|few)\s+(?:hours|minutes)")
def _duration(m, base, direction, ref, prep):
    return Norm("duration")


_RANGE = re.compile(r"^(?:between\s+)?(?P<a>.+?)\s*(?:\bthrough\b|\bto\b|\buntil\b|\btill\b|\band\b|-)\s*(?P<b>.+)$", re.I)
_MONTH_DAY_A = re.compile(r"^" + _MON + r"(?:\s+" + _DAY + r")?$", re.I)


def _range(t: str, base, direction: str) -> Norm:
    """"January through July this year", "between March 3 and March 9, 2019": the range's start, in
    the year its end names (the end read first)."""
    m = _RANGE.match(t)
    if not m:
        return NONE
    end = normalize(m["b"], base, direction)
    if end.kind != "point":
        return NONE
    a = _MONTH_DAY_A.match(m["a"].strip())
    if a is None:
        start = normalize(m["a"], base, direction)
        return Norm("point", start.value) if start.kind == "point" else NONE
    mon, day = MONTHS[a["mon"]], int(a["d"]) if a["d"] else None
    year = end.value.date.year - (1 if mon > end.value.date.month else 0)
    try:
        d = dt.date(year, mon, day or 1)
    except ValueError:
        return NONE
    value = Resolved(d, "day" if day else "month", end.value.basis)
    return Norm("point", value) if _year_ok(d.year, base) else NONE


def _strip(t: str) -> tuple[str, str | None]:
    """The expression without its leading preposition and hedges ("since about 2011" -> "2011")."""
    prep = None
    for _ in range(4):
        if _starts_rule(t):
            break
        m = _LEAD.match(t) or _HEDGES.match(t)
        if not m:
            break
        word = m.group(0).strip().lower()
        if prep is None and word in _PREPS:
            prep = word
        t = t[m.end():]
    return t, prep


def _starts_rule(t: str) -> bool:
    return any(p.match(t) for p, _ in _RULES)


@functools.lru_cache(maxsize=8192)
def normalize(text: str, base: dt.date | None, direction: str = "past", ref: Resolved | None = None,
              bare_year: bool = True) -> Norm:
    """Read one time expression (see the module docstring). ``bare_year``: whether a lone
    four-digit number may be a year here (the caller saw it in date context)."""
    t, prep = _strip(clean_words(text))
    if not t:
        return NONE
    if prep in _DURATION_PREPS:
        return Norm("duration", prep=prep)
    if not bare_year and not prep and re.fullmatch(r"\d{4}", t):
        return NONE
    for pattern, fn in _RULES:
        m = pattern.match(t)
        if m:
            out = fn(m, base, direction, ref, prep)
            break
    else:
        out = _range(t, base, direction)
        if out.kind == "none":
            out = _fallback(t, base, direction)
    if out.kind == "point" and prep in _BOUND_PREPS:
        return Norm("bound", out.value, prep, out.anaphoric)
    return Norm(out.kind, out.value, prep, out.anaphoric)


def _fallback(t: str, base: dt.date | None, direction: str) -> Norm:
    """Long-tail forms that name a month or a four-digit year: dateparser, year placed by tense."""
    has_year = re.search(r"\b(1\d{3}|20\d{2})\b", t) is not None
    if not has_year and not re.search(r"\b(" + "|".join(MONTHS) + r")\b", t):
        return NONE
    if not has_year and base is None:
        return NONE
    try:
        data = _parser().get_date_data(t)
    except Exception:  # dateparser raises assorted errors on odd strings: unresolved, not fatal
        return NONE
    if data is None or data.date_obj is None:
        return NONE
    d = data.date_obj.date()
    precision = {"year": "year", "month": "month"}.get(data.period or "day", "day")
    if has_year:
        return _explicit(d.replace(day=1) if precision == "month" else d.replace(month=1, day=1)
                         if precision == "year" else d, precision, base)
    if precision == "day":
        return _relative(cal.month_day(d.month, d.day, base, direction), "day", base)
    return _relative(cal.month_only(d.month, base, direction), "month", base)


@functools.cache
def _parser():
    from dateparser.date import (
        DateDataParser,  # deferred: dateparser takes ~0.3 s to import: long-tail dates only
    )

    return DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True,
                                                      "RELATIVE_BASE": dt.datetime(2000, 6, 15, 12)})


_MEASURE = re.compile(r"^(?:about|around|nearly|almost|some|more than|just|only|roughly)?\s*" + _NUM + r"\s+" + _UNIT + r"$",
                      re.I)


def measure(text: str) -> tuple[str, int] | None:
    """("day", 2) for "two days", ("week", 1) for "a week": an amount of time, or None."""
    m = _MEASURE.match(clean_words(text))
    if not m or m["n"].lower() in _VAGUE_N:
        return None
    n = _n(m["n"].lower())
    return (m["u"].lower(), n) if n is not None else None


def shifted(value: Resolved, unit: str, steps: int, base: dt.date | None) -> Resolved | None:
    """``value`` moved ``steps`` units, as a relative date (None when it leaves the plausible range)."""
    out = _from_ref(unit, steps, base, value)
    return out.value if out.kind == "point" else None
