"""Filters to parameterised SQL conditions over ``events e`` / ``quotes q`` (``articles a``).

Syndicated copies: by default each story is listed once. The writer extracts only a story's
canonical article, so usually no copy has events or quotes and no condition is needed; when
some copy does (``copies_have(conn, table)``, cached per store state) the condition
``a.is_canonical = 1`` is added, with a join to ``articles``. Leaving the join out when it
changes nothing keeps actor and date queries index-only on large stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.query.filters import EVENT_DAY, QUOTE_DAY, EventFilter, QuoteFilter, resolve_actor
from dateline.query.fts import fts_query
from dateline.store.dialect import fts_match, is_postgres

_SINCE = f"{EVENT_DAY} >= ?"
_UNTIL = f"{EVENT_DAY} <= ?"
_DAY_CLAUSES = (_SINCE, _UNTIL)
# (id(conn), table) -> (conn, store state, answer). The entry holds the connection itself, so its id
# cannot be reused by a new connection while the entry lives (connections take no weakrefs).
_COPIES: dict[tuple[int, str], tuple] = {}


def _key_state(conn, table: str) -> tuple[tuple, tuple]:
    """(cache key, store state): SQLite's data_version + own changes; on PostgreSQL the highest
    rowids (new rows are the only writes that can turn the answer)."""
    if is_postgres(conn):
        row = conn.execute(f"SELECT (SELECT max(rowid) FROM articles), (SELECT max(rowid) FROM {table})").fetchone()
        return (id(conn), table), tuple(row)
    return (id(conn), table), (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)


def copies_have(conn, table: str) -> bool:
    """True when some non-canonical article has rows in ``table`` (events, quotes; ``articles``:
    when there is any non-canonical article at all)."""
    assert table in ("events", "quotes", "articles")
    key, state = _key_state(conn, table)
    hit = _COPIES.get(key)
    if hit and hit[0] is conn and hit[1] == state:
        return hit[2]
    # min() reads one end of the is_canonical index, whatever the planner's statistics say
    lowest = conn.execute("SELECT min(is_canonical) FROM articles").fetchone()[0]
    if lowest is None or lowest >= 1:
        found = False
    elif table == "articles":
        found = True
    else:
        found = conn.execute(
            f"SELECT 1 FROM articles a WHERE a.is_canonical = 0 AND EXISTS (SELECT 1 FROM {table} x"
            " WHERE x.article_id = a.id) LIMIT 1").fetchone() is not None
    if len(_COPIES) > 256:
        _COPIES.clear()
    _COPIES[key] = (conn, state, found)
    return found


def ins(ids) -> str:
    return "(" + ",".join("?" * len(ids)) + ")"


@dataclass
class Where:
    """Conditions (AND-ed) plus, separately, the either-side actor ids of ``EventFilter.actor``."""

    clauses: list[tuple[str, list[Any]]] = field(default_factory=list)
    either: tuple[int, ...] | None = None  # actor ids on either side (source OR target)
    join: bool = False  # needs ``JOIN articles a``
    empty: bool = False  # matches nothing

    def sql(self, with_either: bool = True) -> tuple[str, list[Any]]:
        if self.empty:
            return "0", []
        clauses = [c for c in self.clauses if not (with_either and self.either and c[0] in _DAY_CLAUSES)]
        if with_either and self.either:
            # the day range goes inside each side so SQLite reads both (actor, day) indexes by range
            ids = list(self.either)
            days = [c for c in self.clauses if c[0] in _DAY_CLAUSES]
            day_sql = "".join(f" AND {c}" for c, _ in days)
            day_params = [p for _, ps in days for p in ps]
            clauses.insert(0, (f"((e.source_actor IN {ins(ids)}{day_sql}) OR (e.target_actor IN {ins(ids)}{day_sql}))",
                               ids + day_params + ids + day_params))
        sql = " AND ".join(c for c, _ in clauses) or "1"
        return sql, [p for _, ps in clauses for p in ps]

    def sides(self) -> list[tuple[str, list[Any]]]:
        """Two disjoint conditions whose union is ``sql()`` (either-side actor: as source; as
        target but not as source), so counts and per-day sums read each side's index alone."""
        if self.empty or not self.either:
            return [self.sql()]
        rest, params = self.sql(with_either=False)
        ids = list(self.either)
        return [
            (f"e.source_actor IN {ins(ids)} AND {rest}", ids + params),
            (f"e.target_actor IN {ins(ids)} AND (e.source_actor IS NULL OR e.source_actor NOT IN {ins(ids)})"
             f" AND {rest}", ids + ids + params),
        ]

    def source(self) -> str:
        return "FROM events e JOIN articles a ON a.id = e.article_id" if self.join else "FROM events e"


def events_where(conn, f: EventFilter) -> Where:
    w = Where()
    ids = resolve_actor(conn, f.actor)
    if ids is not None:
        if not ids:
            return Where(empty=True)
        w.either = ids
    for name, col in (("source", "e.source_actor"), ("target", "e.target_actor")):
        ids = resolve_actor(conn, getattr(f, name))
        if ids is None:
            continue
        if not ids:
            return Where(empty=True)
        w.clauses.append((f"{col} IN {ins(ids)}", list(ids)))
    if f.type:
        types = f.type.split(",")
        w.clauses.append((f"e.type IN {ins(types)}", types))
    if f.country:
        cs = f.country.split(",")
        w.clauses.append((f"(e.source_country IN {ins(cs)} OR e.target_country IN {ins(cs)})", cs + cs))
    if f.since:
        w.clauses.append((_SINCE, [f.since]))
    if f.until:
        w.clauses.append((_UNTIL, [f.until]))
    if f.asserted_only:
        w.clauses.append(("e.modality = 'asserted' AND e.negated = 0", []))
    if f.quad_class:
        qcs = [int(x) for x in str(f.quad_class).split(",")]
        w.clauses.append((f"e.quad_class IN {ins(qcs)}", qcs))
    if f.modality:
        ms = f.modality.split(",")
        w.clauses.append((f"e.modality IN {ins(ms)}", ms))
    if f.place:
        w.clauses.append(("e.place_name = ?", [f.place]))
    for name, col in (("article_source", "a.source"), ("site", "a.site")):
        if getattr(f, name):
            w.clauses.append((f"{col} = ?", [getattr(f, name)]))
            w.join = True
    if f.article:
        w.clauses.append(("e.article_id = ?", [f.article]))
    elif not f.copies and copies_have(conn, "events"):
        w.clauses.append(("a.is_canonical = 1", []))
        w.join = True
    return w


def event_where(conn, f: EventFilter) -> tuple[str, list[Any]]:
    """SQL condition over ``events e``; use with ``needs_article_join`` for the FROM clause."""
    return events_where(conn, f).sql()


def needs_article_join(conn, f: EventFilter) -> bool:
    return events_where(conn, f).join


def quote_where(conn, f: QuoteFilter) -> tuple[str, list[Any]]:
    """SQL condition over ``quotes q`` joined to ``articles a``."""
    conds: list[str] = []
    params: list[Any] = []
    ids = resolve_actor(conn, f.speaker)
    if ids is not None:
        if not ids:
            return "0", []
        conds.append(f"q.speaker_actor IN {ins(ids)}")
        params += list(ids)
    if f.about:
        match = fts_query(f.about)
        if not match:
            return "0", []
        cond, ps = fts_match(conn, "quotes_fts", match)
        conds.append(f"q.rowid IN (SELECT rowid FROM quotes_fts WHERE {cond})")
        params += ps
    if f.since:
        conds.append(f"{QUOTE_DAY} >= ?")
        params.append(f.since)
    if f.until:
        conds.append(f"{QUOTE_DAY} <= ?")
        params.append(f.until)
    if f.kind:
        conds.append("q.kind = ?")
        params.append(f.kind)
    if f.article:
        conds.append("q.article_id = ?")
        params.append(f.article)
    elif not f.copies and copies_have(conn, "quotes"):
        conds.append("a.is_canonical = 1")
    return (" AND ".join(conds) or "1"), params
