"""Calendar arithmetic for event dates: periods, their first days, and year inference.

A resolved date is the first day of its period: ``day`` the day itself, ``week`` the Monday of
its ISO week, ``month`` the 1st, ``season`` the first day of the season's first month
(meteorological seasons of the northern hemisphere: spring March, summer June, autumn
September, winter December of the year before the one named; "early/mid/late 2017" is the
three months from January, May or September), ``year`` 1 January, ``decade``
1 January of the decade's first year. A date missing its year is placed by the tense of the
event: ``past`` on or before the article's date, ``future`` on or after it, ``near`` wherever
it lies closest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month", "season", "year", "decade")
BASES = ("explicit", "relative", "publication", "none")
# How long a period of each precision lasts, roughly, in days (ordering and binning only).
SPAN_DAYS = {"day": 1, "week": 7, "month": 31, "season": 92, "year": 366, "decade": 3653}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PART_START = {"early": 1, "mid": 5, "middle": 5, "late": 9}  # "late 2017": a season-long part of the year
SEASON_STARTS = frozenset((1, 3, 5, 6, 9, 12))  # the months a season-long period may start in


@dataclass(frozen=True)
class Resolved:
    """A resolved time: the first day of the period, its precision, and what it rests on."""

    date: dt.date
    precision: str  # day | week | month | season | year | decade
    basis: str  # explicit | relative

    def iso(self) -> str:
        return self.date.isoformat()


def week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def add_months(d: dt.date, n: int) -> dt.date:
    """The first day of the month ``n`` months from ``d``'s month."""
    m = d.year * 12 + d.month - 1 + n
    return dt.date(m // 12, m % 12 + 1, 1)


def season_start(year: int, month: int) -> dt.date:
    """First day of a season named for ``year`` (winter YEAR starts in December of YEAR - 1)."""
    return dt.date(year - 1, 12, 1) if month == 12 else dt.date(year, month, 1)


def season_of(d: dt.date) -> dt.date:
    """First day of the season ``d`` lies in."""
    if d.month == 12:
        return dt.date(d.year, 12, 1)
    if d.month <= 2:
        return dt.date(d.year - 1, 12, 1)
    return dt.date(d.year, (d.month - 3) // 3 * 3 + 3, 1)


def period_end(start: dt.date, precision: str) -> dt.date:
    """Last day of the period starting at ``start``."""
    if precision == "day":
        return start
    if precision == "week":
        return start + dt.timedelta(days=6)
    if precision == "month":
        return add_months(start, 1) - dt.timedelta(days=1)
    if precision == "season":
        return add_months(start, 3) - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(start.year, 12, 31)
    return dt.date(start.year - start.year % 10 + 9, 12, 31)


def pick(candidates: list[dt.date], base: dt.date, direction: str, *, strict: bool = False,
         end_of=None) -> dt.date | None:
    """The candidate period start consistent with ``direction`` relative to ``base``.

    ``past``: the latest that began on or before ``base`` (``strict``: before it); ``future``:
    the earliest whose period has not ended (``strict``: that begins after ``base``); ``near``:
    the one closest to ``base`` (ties go to the past). ``end_of(d)`` gives a period's last day."""
    end_of = end_of or (lambda d: d)
    if direction == "past":
        ok = [d for d in candidates if (d < base if strict else d <= base)]
        return max(ok) if ok else None
    if direction == "future":
        ok = [d for d in candidates if (d > base if strict else end_of(d) >= base)]
        return min(ok) if ok else None

    def dist(d: dt.date) -> int:
        if d <= base <= end_of(d):
            return 0
        return min(abs((d - base).days), abs((end_of(d) - base).days))

    return min(candidates, key=lambda d: (dist(d), d > base)) if candidates else None


def month_day(month: int, day: int, base: dt.date, direction: str) -> dt.date | None:
    """A month-day without a year, placed by ``direction`` around ``base``."""
    cands = []
    for y in (base.year - 1, base.year, base.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:  # 29 February of a common year
            continue
    return pick(cands, base, direction)


def month_only(month: int, base: dt.date, direction: str) -> dt.date | None:
    cands = [dt.date(y, month, 1) for y in (base.year - 1, base.year, base.year + 1)]
    return pick(cands, base, direction, end_of=lambda d: period_end(d, "month"))


def weekday(wd: int, base: dt.date, direction: str, strict: bool = False) -> dt.date | None:
    cands = [base + dt.timedelta(days=k) for k in range(-7, 8) if (base.weekday() + k) % 7 == wd]
    return pick(cands, base, direction, strict=strict)


def season(month: int, base: dt.date, direction: str, strict: bool = False) -> dt.date | None:
    cands = [season_start(y, month) for y in (base.year - 1, base.year, base.year + 1)]
    return pick(cands, base, direction, strict=strict, end_of=lambda d: period_end(d, "season"))


def start_of(d: dt.date, precision: str) -> dt.date:
    """The first day of the period of ``precision`` that ``d`` lies in."""
    if precision == "week":
        return week_start(d)
    if precision == "month":
        return d.replace(day=1)
    if precision == "season":
        if d.day == 1 and d.month in SEASON_STARTS:
            return d  # a season, or a third of a year ("early 2017" from January, "mid-2014" from May)
        return season_of(d)
    if precision == "year":
        return dt.date(d.year, 1, 1)
    if precision == "decade":
        return dt.date(d.year - d.year % 10, 1, 1)
    return d


_SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter", 1: "early", 5: "mid"}


def label(date: str | None, precision: str | None) -> str:
    """How a date reads at its precision: "2019-11-05", "week of 2019-11-04", "2019-11", "summer 2019",
    "winter 2019" (from December 2018), "early 2017", "2019", "1990s"; "undated" for none."""
    if not date:
        return "undated"
    if len(date) < 10 or precision in (None, "day"):
        return date
    d = dt.date.fromisoformat(date[:10])
    if precision == "week":
        return f"week of {d.isoformat()}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "season":
        name = _SEASON_NAMES.get(d.month, "")
        return f"{name} {d.year + 1 if d.month == 12 else d.year}".strip()
    if precision == "year":
        return f"{d.year:04d}"
    return f"{d.year - d.year % 10:04d}s"
