"""Events over time: counts per period (day, week, month or year) on a real time axis.

``timeline(store, f, bin)`` bins the events matching ``f`` by their own date (``events.date``,
the first day of its period). Every period between the first and the last is listed, empty ones
included, so the axis is linear in time. What cannot be drawn on it is counted, not dropped:
``undated`` (events whose text gives no date: background, vague words), and ``coarser`` (events
dated less finely than the bin, e.g. "in 2014" on a monthly axis). See docs/query.md.
"""

from __future__ import annotations

import datetime as dt

from dateline.errors import DatelineError
from dateline.extract.time.calendar import PRECISIONS, add_months, period_end, start_of
from dateline.query.filters import EventFilter, parse_day
from dateline.query.store import conn_of
from dateline.query.where import events_where

BINS = ("day", "week", "month", "year")
MAX_BINS = 5000  # a requested bin that would draw more is replaced by the next coarser one
_RANK = {p: i for i, p in enumerate(PRECISIONS)}
_AUTO = ((120, "day"), (3 * 366, "week"), (40 * 366, "month"))  # up to N days of range -> bin


def _quad() -> dict[str, int]:
    return {"1": 0, "2": 0, "3": 0, "4": 0, "0": 0}


def _next(d: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=1)
    if unit == "week":
        return d + dt.timedelta(days=7)
    if unit == "month":
        return add_months(d, 1)
    return dt.date(d.year + 1, 1, 1)


def _day(bound: str) -> dt.date:
    """A filter bound as a date ("2011-11-31", the widened end of "2011-11", is 30 November)."""
    try:
        return dt.date.fromisoformat(bound)
    except ValueError:
        return period_end(dt.date(int(bound[:4]), int(bound[5:7]), 1), "month")


def _count(lo: dt.date, hi: dt.date, unit: str) -> int:
    """How many bins of ``unit`` the range spans (roughly: enough to decide)."""
    days = (hi - lo).days + 1
    return {"day": days, "week": days // 7 + 1, "month": days // 28 + 1}.get(unit, hi.year - lo.year + 1)


def _auto(lo: dt.date | None, hi: dt.date | None, dated: list) -> str:
    """The finest bin that keeps the axis readable, and no finer than how most events are dated."""
    if lo is None or hi is None:
        return "day"
    days = (hi - lo).days
    unit = next((u for limit, u in _AUTO if days <= limit), "year")
    weights: dict[str, int] = {}
    for _, p, _, n in dated:
        b = {"season": "month", "decade": "year"}.get(p, p if p in BINS else "day")
        weights[b] = weights.get(b, 0) + n
    half, seen = sum(weights.values()) / 2, 0
    for b in BINS:  # the median event's precision, as a bin
        seen += weights.get(b, 0)
        if seen >= half:
            return b if BINS.index(b) > BINS.index(unit) else unit
    return unit


def _range(f: EventFilter, dated: list) -> tuple[dt.date | None, dt.date | None]:
    lo = _day(f.since) if f.since else min((d for d, *_ in dated), default=None)
    hi = _day(f.until) if f.until else max((d for d, *_ in dated), default=None)
    return lo, hi


def _rows(conn, f: EventFilter, undated: bool):
    """(date, precision, quad class, n) for the filter's dated events, or its undated ones."""
    w = events_where(conn, f.replace(since=None, until=None) if undated else f)
    parts, params = [], []
    cond_date = "e.date IS NULL" if undated else "e.date IS NOT NULL"
    for cond, ps in w.sides():
        parts.append(f"SELECT e.date AS d, e.date_precision AS p, e.quad_class AS qc, count(*) AS n {w.source()}"
                     f" WHERE {cond} AND {cond_date} GROUP BY e.date, e.date_precision, e.quad_class")
        params += ps
    sql = f"SELECT d, p, qc, sum(n) FROM ({' UNION ALL '.join(parts)}) x GROUP BY d, p, qc"
    return conn.execute(sql, params).fetchall()


def timeline(store, f: EventFilter | None = None, bin: str = "auto") -> dict:
    """Counts of the events matching ``f`` per ``bin`` (day | week | month | year | auto).

    Returns ``{"bin", "start", "end", "bins", "dated", "undated", "coarser"}``: ``bins`` lists
    every period from ``start`` to ``end`` (the filter's since/until when set, else the first and
    last dated event) as ``{"date", "end", "n", "quad": {"1".."4", "0": unclassified}}``;
    ``dated`` is how many dated events match (drawn in a bin or coarser);
    ``undated`` counts the events that match the filter apart from its dates and have none
    (``{"n", "quad"}``); ``coarser`` the dated events the bin is too fine for (``{"n", "quad",
    "precision": {"year": n, ...}}``: "in 2014" on a monthly axis). ``auto`` picks the finest bin
    that keeps the axis readable (day up to 120 days, week up to 3 years, month up to 40 years), and no
    finer than the median event's precision (a store of years is drawn by year); a bin
    that would draw more than ``MAX_BINS`` bars gives way to the next coarser one (``bin`` says which).
    """
    f = f or EventFilter()
    if bin not in BINS + ("auto",):
        raise DatelineError("E501", f"bad bin {bin!r}: use day, week, month, year or auto")
    conn = conn_of(store)
    dated = [(dt.date.fromisoformat(d[:10]), p or "day", qc, n) for d, p, qc, n in _rows(conn, f, False)
             if d and len(d) >= 10]
    undated = {"n": 0, "quad": _quad()}
    for _, _, qc, n in _rows(conn, f, True):
        undated["n"] += n
        undated["quad"][str(qc or 0)] += n
    lo, hi = _range(f, dated)
    unit = bin if bin != "auto" else _auto(lo, hi, dated)
    while lo and hi and unit != "year" and _count(lo, hi, unit) > MAX_BINS:
        unit = BINS[BINS.index(unit) + 1]  # too many bars to draw: the next coarser bin (said in "bin")
    lo, hi = _range(f, [x for x in dated if _RANK.get(x[1], 0) <= _RANK[unit]])  # the axis spans what it draws
    coarser = {"n": 0, "quad": _quad(), "precision": {}}
    counts: dict[dt.date, dict] = {}
    for d, p, qc, n in dated:
        if _RANK.get(p, 0) > _RANK[unit]:
            coarser["n"] += n
            coarser["quad"][str(qc or 0)] += n
            coarser["precision"][p] = coarser["precision"].get(p, 0) + n
            continue
        c = counts.setdefault(start_of(d, unit), _quad())
        c[str(qc or 0)] += n
    bins = []
    if lo and hi and lo <= hi:
        cur = start_of(lo, unit)
        while cur <= hi:
            nxt = _next(cur, unit)
            quad = counts.get(cur, _quad())
            bins.append({"date": cur.isoformat(), "end": (nxt - dt.timedelta(days=1)).isoformat(),
                         "n": sum(quad.values()), "quad": quad})
            cur = nxt
    drawn = sum(b["n"] for b in bins)
    return {"bin": unit, "start": bins[0]["date"] if bins else None, "end": bins[-1]["end"] if bins else None,
            "bins": bins, "dated": drawn + coarser["n"], "undated": undated, "coarser": coarser}


def timeline_bins() -> tuple[str, ...]:
    return BINS + ("auto",)


def parse_bin(value: str | None) -> str:
    v = (value or "auto").strip().lower()
    if v not in BINS + ("auto",):
        raise DatelineError("E501", f"bad bin {value!r}: use day, week, month, year or auto")
    return v


__all__ = ["BINS", "parse_bin", "parse_day", "timeline", "timeline_bins"]
