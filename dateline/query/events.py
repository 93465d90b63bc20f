"""Events: list (in publication order, or by event date), count, and the interaction network.

The timeline (counts per period on a time axis) is in ``dateline.query.timeline``."""

from __future__ import annotations

import json
import re
from typing import Any

from dateline.errors import DatelineError
from dateline.query.filters import EVENT_DAY, EVENT_PUBLISHED, EventFilter, page
from dateline.query.overview import sorted_event_ids
from dateline.query.store import conn_of
from dateline.query.where import Where, events_where, ins

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

EVENT_COLUMNS = (
    "event_id", "article_id", "local_id", "day", "date", "date_text", "date_precision", "date_basis", "type", "mode", "cameo", "quad_class",
    "goldstein", "source_actor", "source_name", "source_text", "source_country", "source_sector",
    "target_actor", "target_name", "target_text", "target_country", "target_sector", "place_name",
    "place_country", "lat", "lon", "modality", "negated", "evidence_text", "evidence_start", "evidence_end",
    "headline", "url", "published", "article_source", "site", "story_id", "n_articles", "n_sources",
)

# The events SELECT, written once. Every column a reader may ask for, by name: an expression over
# ``events e`` joined to ``articles a``, with the global actors of each side (``sa``, ``ta``) and the
# story (``st``) joined when a column asks for them. The lists, the event page, watches, exports
# and the GDELT table all select through ``event_select``.
EVENT_FIELDS: dict[str, str] = {
    "event_id": "e.rowid", "rowid": "e.rowid", "article_id": "e.article_id", "local_id": "e.local_id",
    "story_id": "e.story_id", "day": EVENT_DAY, "date": "e.date", "date_text": "e.date_text",
    "date_precision": "e.date_precision", "date_basis": "e.date_basis", "type": "e.type", "mode": "e.mode",
    "cameo": "e.cameo", "quad_class": "e.quad_class", "goldstein": "e.goldstein",
    "source_local": "e.source_local", "source_actor": "e.source_actor", "source_name": "coalesce(sa.name, e.source_text)",
    "source_text": "e.source_text", "source_country": "e.source_country", "source_sector": "e.source_sector",
    "target_local": "e.target_local", "target_actor": "e.target_actor", "target_name": "coalesce(ta.name, e.target_text)",
    "target_text": "e.target_text", "target_country": "e.target_country", "target_sector": "e.target_sector",
    "place_name": "e.place_name", "place_country": "e.place_country", "lat": "e.lat", "lon": "e.lon",
    "modality": "e.modality", "negated": "e.negated", "evidence_text": "e.evidence_text",
    "evidence_start": "e.evidence_start", "evidence_end": "e.evidence_end", "fingerprint": "e.fingerprint",
    "headline": "a.headline", "url": "a.url", "published": "a.published", "article_source": "a.source",
    "site": "a.site", "stored_at": "a.created_at", "article_rowid": "a.rowid",
    "n_articles": "coalesce(st.n_articles, 1)", "story_sources": "st.sources",
}
_JOINS = ((re.compile(r"\bsa\."), " LEFT JOIN actors sa ON sa.id = e.source_actor"),
          (re.compile(r"\bta\."), " LEFT JOIN actors ta ON ta.id = e.target_actor"),
          (re.compile(r"\bst\."), " LEFT JOIN stories st ON st.id = e.story_id"))


def event_select(*columns: str | tuple[str, str]) -> str:
    """``SELECT <columns> FROM events e JOIN articles a ...`` (add ``WHERE`` / ``ORDER BY``). A column is
    a name of ``EVENT_FIELDS``, or ``(name, field)`` to give a field another name, or ``(name, sql)`` for
    an expression of the caller's own over the same tables (its ``?`` parameters come first)."""
    parts = []
    for col in columns:
        name, field = (col, col) if isinstance(col, str) else col
        parts.append(f"{EVENT_FIELDS.get(field, field)} AS {name}")
    select = ", ".join(parts)
    joins = "".join(join for alias, join in _JOINS if alias.search(select))
    return f"SELECT {select} FROM events e JOIN articles a ON a.id = e.article_id{joins}"


_DETAILS = event_select(*(c for c in EVENT_COLUMNS if c != "n_sources"), "story_sources")


def _row(r) -> dict[str, Any]:
    d = r if isinstance(r, dict) else dict(r)
    sources = d.pop("story_sources", None)
    try:
        n_src = len(json.loads(sources)) if sources else 0
    except (TypeError, ValueError):
        n_src = 0
    d["n_sources"] = max(n_src, 1 if d.get("article_source") or d.get("site") else 0)
    d["negated"] = bool(d["negated"])
    return d


ORDERS = {"published": EVENT_PUBLISHED, "date": EVENT_DAY}


def order_key(order: str | None) -> str:
    """The SQL expression an event list is sorted by: ``published`` (default) or ``date``."""
    key = ORDERS.get((order or "published").strip().lower())
    if key is None:
        raise DatelineError("E501", f"bad order {order!r}: use published (the article's date) or date (the event's)")
    return key


def _page_ids(conn, w: Where, lim: int, off: int, key: str = EVENT_PUBLISHED) -> list[int]:
    """Event rowids of one page, newest first by ``key``: found through the indexes before any join.

    With an either-side actor, each side is read in that order from its own index (at most
    offset + limit rows each) and the two are merged, so a busy actor costs no more than a
    quiet one.
    """
    if w.empty:
        return []
    order = f"ORDER BY {key} DESC NULLS LAST, e.rowid DESC"
    if w.either:
        rest, params = w.sql(with_either=False)
        ids = list(w.either)
        sides = []
        for col in ("e.source_actor", "e.target_actor"):
            sides.append(f"SELECT * FROM (SELECT e.rowid AS rid, {key} AS k {w.source()}"
                         f" WHERE {col} IN {ins(ids)} AND {rest} {order} LIMIT ?)")
        sql = f"{sides[0]} UNION {sides[1]} ORDER BY k DESC NULLS LAST, rid DESC LIMIT ? OFFSET ?"
        args = [*ids, *params, off + lim, *ids, *params, off + lim, lim, off]
    else:
        where, args = w.sql()
        sql = f"SELECT e.rowid AS rid {w.source()} WHERE {where} {order} LIMIT ? OFFSET ?"
        args = [*args, lim, off]
    return [r[0] for r in conn.execute(sql, args)]


def events(store, f: EventFilter | None = None, limit: int | None = 100, offset: int | None = 0,
           sort: str | None = None, order: str | None = "published") -> list[dict]:
    """Events matching ``f`` as flat dicts (keys: ``EVENT_COLUMNS``), newest first: by their article's
    publication (``order="published"``, the default) or by their own date (``order="date"``;
    undated events last).

    Each row carries its evidence (text and span into the article body), the article's
    headline / url, and how many articles and sources carried the event's story. ``sort``: a
    column of ``overview.SORTS`` (``type``, ``source``, ``goldstein``...; ``-`` first: descending)
    instead of the default order.
    """
    f = f or EventFilter()
    conn = conn_of(store)
    lim, off = page(limit, offset)
    if sort:
        ids = sorted_event_ids(conn, events_where(conn, f), sort, lim, off)
    else:
        ids = _page_ids(conn, events_where(conn, f), lim, off, order_key(order))
    if not ids:
        return []
    cur = _tuples(conn, f"{_DETAILS} WHERE e.rowid IN {ins(ids)}", ids)
    names = [c[0] for c in cur.description]
    rows = {}
    for t in cur:  # plain tuples zipped with the column names: several times faster than dict(Row)
        d = _row(dict(zip(names, t, strict=True)))
        rows[d["event_id"]] = d
    return [rows[i] for i in ids if i in rows]


def count_events(store, f: EventFilter | None = None, cap: int | None = None) -> int:
    """How many events match ``f`` (at most ``cap`` when given: a cheap "10,000+")."""
    f = f or EventFilter()
    conn = conn_of(store)
    w = events_where(conn, f)
    where, params = w.sql()
    if cap is not None:
        sql = f"SELECT count(*) FROM (SELECT 1 {w.source()} WHERE {where} LIMIT ?)"
        return conn.execute(sql, [*params, int(cap)]).fetchone()[0]
    return sum(conn.execute(f"SELECT count(*) {w.source()} WHERE {cond}", ps).fetchone()[0] for cond, ps in w.sides())


def event(store, event_id: int) -> dict | None:
    """One event by its ``event_id`` (the events table rowid), or None."""
    conn = conn_of(store)
    r = conn.execute(f"{_DETAILS} WHERE e.rowid = ?", (int(event_id),)).fetchone()
    return _row(r) if r else None


def _tuples(conn, sql: str, params: list):
    """Plain tuples (no Row objects): the network's pass over many rows."""
    cursor = getattr(conn, "cursor", None)
    if cursor is None or getattr(conn, "dialect", "sqlite") != "sqlite":
        return conn.execute(sql, params)
    cur = cursor()
    cur.row_factory = None
    return cur.execute(sql, params)


def network(store, f: EventFilter | None = None, max_edges: int = 300, max_event_ids: int = 50,
            min_weight: int = 1, hide_isolated: bool = False) -> dict:
    """Who acts on whom: ``{"nodes": [...], "edges": [...]}`` for the events matching ``f``.

    An edge is a directed (source actor -> target actor) pair with ``n`` events,
    ``mean_goldstein`` (-10 conflictual .. +10 cooperative), counts by quad class
    (``quad``: {"1": n, ...}), counts by type (``types``), and up to ``max_event_ids`` event ids
    (newest first; list them all with ``events(store, EventFilter(source=..., target=...))``).

    An event is counted once per story: rows of one story with the same type, day and pair are
    one event told twice, and so are the two directions coded from one sentence ("India and
    Mauritius upgraded their ties": counted on the first direction only). ``n_rows`` keeps the
    number of event rows behind an edge. Only events whose both sides resolved to a global actor
    are edges; edges under ``min_weight`` are left out, then the ``max_edges`` heaviest are kept; with
    ``hide_isolated`` pairs that touch no other actor (two actors linked only to each other) are left
    out before the cut and again among the kept edges, so none is drawn.
    A node has ``id``, ``name``, ``type``, ``country``, ``sector``, ``n`` (events it takes part in
    among the kept edges), ``out`` / ``in`` counts and ``degree`` (distinct other actors).
    """
    f = f or EventFilter()
    conn = conn_of(store)
    acc = _edge_counts(conn, events_where(conn, f))
    heavy = [(k, a) for k, a in acc.items() if a[0] >= max(1, int(min_weight))]
    if hide_isolated:
        heavy = _linked_only(heavy)
    kept = sorted(heavy, key=lambda kv: (-kv[1][0], kv[0]))[: int(max_edges)]
    if hide_isolated:  # the cut may leave a pair linked to no one else among the kept edges
        kept = _linked_only(kept)
    if not kept:
        return {"nodes": [], "edges": []}
    edges = [
        {"source": s, "target": t, "n": a[0], "mean_goldstein": round(a[1] / a[2], 3) if a[2] else None,
         "quad": {"1": a[3], "2": a[4], "3": a[5], "4": a[6]}, "types": a[9], "first": a[7], "last": a[8],
         "n_rows": a[11], "event_ids": [rowid for _, rowid in sorted(a[10], reverse=True)[: int(max_event_ids)]]}
        for (s, t), a in kept
    ]
    ids = sorted({x for e in edges for x in (e["source"], e["target"])})
    info = {
        r["id"]: dict(r)
        for r in conn.execute(
            f"SELECT id, name, type, country, sector FROM actors WHERE id IN ({','.join('?' * len(ids))})", ids
        )
    }
    nodes: dict[int, dict] = {}
    others: dict[int, set] = {}
    for e in edges:
        for side, key, other in ((e["source"], "out", e["target"]), (e["target"], "in", e["source"])):
            node = nodes.setdefault(side, {**info.get(side, {"id": side, "name": str(side), "type": None,
                                                             "country": None, "sector": None}),
                                           "n": 0, "out": 0, "in": 0})
            node["n"] += e["n"]
            node[key] += e["n"]
            others.setdefault(side, set()).add(other)
    for nid, node in nodes.items():
        node["degree"] = len(others[nid])
        node["actor_id"] = nid
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["n"], n["id"])), "edges": edges}


def _linked_only(edges: list) -> list:
    """The edges whose pair touches a third actor among ``edges`` (repeated until none is left isolated)."""
    while True:
        linked: dict[int, set] = {}
        for s, t in (k for k, _ in edges):
            linked.setdefault(s, set()).add(t)
            linked.setdefault(t, set()).add(s)
        kept = [(k, a) for k, a in edges if len(linked[k[0]]) > 1 or len(linked[k[1]]) > 1]
        if len(kept) == len(edges):
            return kept
        edges = kept


def _edge_counts(conn, w: Where) -> dict[tuple[int, int], list]:
    """Per directed pair: [n, goldstein sum, goldstein n, q1, q2, q3, q4, first, last, types, ids, rows],
    each event counted once per story (see ``network``)."""
    acc: dict[tuple[int, int], list] = {}
    seen: set[tuple] = set()
    rows = []
    for cond, params in w.sides():
        sql = (
            f"SELECT e.source_actor, e.target_actor, e.type, e.goldstein, e.quad_class, {EVENT_DAY} AS day, e.rowid,"
            f" coalesce(e.story_id, e.article_id), e.article_id, e.evidence_start {w.source()} WHERE {cond}"
            " AND e.source_actor IS NOT NULL AND e.target_actor IS NOT NULL AND e.source_actor != e.target_actor"
        )
        rows.extend(_tuples(conn, sql, params))
    rows.sort(key=lambda r: r[6])  # text order within an article: the first telling is the one counted
    for s, t, typ, g, qc, day, rowid, story, article, ev_start in rows:
        a = acc.get((s, t))
        if a is None:
            a = acc[(s, t)] = [0, 0.0, 0, 0, 0, 0, 0, day, day, {}, [], 0]
        a[10].append((day or "", rowid))
        a[11] += 1
        told = (story, typ, day, s, t)
        sentence = (article, ev_start, typ, min(s, t), max(s, t))
        if told in seen or sentence in seen:
            continue
        seen.update((told, sentence))
        a[0] += 1
        if g is not None:
            a[1] += g
            a[2] += 1
        if qc in (1, 2, 3, 4):
            a[2 + qc] += 1
        if day:
            a[7] = day if a[7] is None or day < a[7] else a[7]
            a[8] = day if a[8] is None or day > a[8] else a[8]
        a[9][typ] = a[9].get(typ, 0) + 1
    return {k: a for k, a in acc.items() if a[0]}
