"""What the store holds, for the overview page, the events page's facets, the map and the actor hub.

Plain functions over the store like the rest of ``dateline.query``; every count goes through
``events_where`` so the same filters (and the one-article-per-story rule) hold everywhere.
"""

from __future__ import annotations

from typing import Any

from dateline.query.filters import EVENT_DAY, EventFilter, page
from dateline.query.store import conn_of
from dateline.query.where import Where, events_where, ins

FACETS = {  # facet name -> (SQL expression, needs the article join, is text)
    "type": ("e.type", False, True),
    "quad_class": ("e.quad_class", False, False),
    "modality": ("e.modality", False, True),
    "article_source": ("a.source", True, True),
    "site": ("a.site", True, True),
}


def table_counts(store) -> dict[str, int]:
    """Row counts of the main tables: articles, stories, actors, quotes, events, inputs, failures."""
    conn = conn_of(store)
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "stories", "actors", "quotes", "events", "inputs", "failures")}


def store_summary(store) -> dict[str, Any]:
    """Articles (one per story), all articles, sites, wire sources, the publication date range, and
    how many events, quotes and actors were extracted."""
    conn = conn_of(store)
    row = conn.execute(
        "SELECT sum(is_canonical), count(*), count(DISTINCT site), count(DISTINCT source),"
        " min(substr(published, 1, 10)), max(substr(published, 1, 10)) FROM articles").fetchone()
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "quotes", "actors")}
    placed = conn.execute("SELECT count(*) FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL").fetchone()[0]
    return {"articles": row[0] or 0, "all_articles": row[1] or 0, "sites": row[2] or 0, "sources": row[3] or 0,
            "first_published": row[4], "last_published": row[5], **counts, "events_with_place": placed}


def _grouped(conn, w: Where, select: str, group: str, order: str, limit: int, join: bool = False,
             extra_cond: str = "") -> list[tuple]:
    where, params = w.sql()
    source = "FROM events e JOIN articles a ON a.id = e.article_id" if (join or w.join) else "FROM events e"
    sql = f"SELECT {select} {source} WHERE {where}{extra_cond} GROUP BY {group} ORDER BY {order} LIMIT ?"
    return list(conn.execute(sql, [*params, int(limit)]))


def event_facets(store, f: EventFilter | None = None, limit: int = 30) -> dict[str, list[dict]]:
    """Counts of the matching events by type, quad class, modality, article source and site, and by
    country (either side): ``{facet: [{"value", "n"}]}``, biggest first."""
    f = f or EventFilter()
    conn = conn_of(store)
    w = events_where(conn, f)
    if w.empty:
        return {k: [] for k in (*FACETS, "country")}
    out = {}
    for name, (expr, join, text) in FACETS.items():
        rows = _grouped(conn, w, f"{expr} AS v, count(*) AS n", expr, f"n DESC, {expr}", limit, join,
                        f" AND {expr} IS NOT NULL" + (f" AND {expr} != ''" if text else ""))
        out[name] = [{"value": r[0], "n": r[1]} for r in rows]
    where, params = w.sql()
    sql = (f"SELECT c, count(*) AS n FROM (SELECT e.source_country AS c {w.source()} WHERE {where}"
           f" UNION ALL SELECT e.target_country AS c {w.source()} WHERE {where}"
           " AND (e.source_country IS NULL OR e.target_country != e.source_country))"
           " WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c LIMIT ?")
    out["country"] = [{"value": r[0], "n": r[1]} for r in conn.execute(sql, [*params, *params, int(limit)])]
    return out


def places(store, f: EventFilter | None = None, limit: int = 2000, per_place: int = 12) -> list[dict]:
    """Events with coordinates grouped by place: ``[{"place", "country", "lat", "lon", "n", "quad":
    {"1": n, ...}, "events": [newest ``per_place`` events: event_id, article_id, local_id, day, type,
    quad_class, source_name, target_name, evidence_text, headline]}]``, busiest first."""
    f = f or EventFilter()
    conn = conn_of(store)
    w = events_where(conn, f)
    if w.empty:
        return []
    quads = ", ".join(f"sum(CASE WHEN e.quad_class = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
    rows = _grouped(
        conn, w, f"e.place_name, e.place_country, e.lat, e.lon, count(*) AS n, {quads}",
        "e.place_name, e.place_country, e.lat, e.lon", "n DESC, e.place_name, e.lat, e.lon", limit,
        extra_cond=" AND e.lat IS NOT NULL AND e.lon IS NOT NULL")
    out = [{"place": r[0], "country": r[1], "lat": r[2], "lon": r[3], "n": r[4],
            "quad": {"1": r[5] or 0, "2": r[6] or 0, "3": r[7] or 0, "4": r[8] or 0}, "events": []} for r in rows]
    if out and per_place:
        _attach_events(conn, w, out, per_place)
    return out


def _attach_events(conn, w: Where, groups: list[dict], per_place: int) -> None:
    where, params = w.sql()
    by_key = {(g["place"], g["lat"], g["lon"]): g for g in groups}
    sql = (
        "SELECT * FROM (SELECT e.rowid AS event_id, e.article_id, e.local_id, "
        f"{EVENT_DAY} AS day, e.type, e.quad_class, coalesce(sa.name, e.source_text) AS source_name,"
        " coalesce(ta.name, e.target_text) AS target_name, e.evidence_text, art.headline, e.place_name,"
        " e.lat AS la, e.lon AS lo, row_number() OVER (PARTITION BY e.place_name, e.lat, e.lon"
        f" ORDER BY {EVENT_DAY} DESC, e.rowid DESC) AS k"
        f" {w.source()} JOIN articles art ON art.id = e.article_id LEFT JOIN actors sa ON sa.id = e.source_actor"
        f" LEFT JOIN actors ta ON ta.id = e.target_actor WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL)"
        " WHERE k <= ?"
    )
    cur = conn.execute(sql, [*params, int(per_place)])
    names = [c[0] for c in cur.description]
    for t in cur:
        d = dict(zip(names, t, strict=True))
        g = by_key.get((d.pop("place_name"), d.pop("la"), d.pop("lo")))
        d.pop("k", None)
        if g is not None:
            g["events"].append(d)


def event_mix(store, f: EventFilter | None = None) -> list[dict]:
    """Matching events by PLOVER type with their quad class: ``[{"type", "quad_class", "n"}]``."""
    f = f or EventFilter()
    conn = conn_of(store)
    w = events_where(conn, f)
    if w.empty:
        return []
    rows = _grouped(conn, w, "e.type, max(e.quad_class), count(*) AS n", "e.type", "n DESC, e.type", 100)
    return [{"type": r[0], "quad_class": r[1], "n": r[2]} for r in rows]


def actor_articles(store, actor_id: int, limit: int | None = 20, offset: int | None = 0) -> list[dict]:
    """The articles naming an actor, newest first, with how often they name it."""
    conn = conn_of(store)
    lim, off = page(limit, offset)
    sql = (
        "SELECT a.id AS article_id, a.headline, a.published, a.site, a.source, a.url,"
        " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id AND m.actor_id = ?) AS n_mentions"
        " FROM articles a WHERE a.id IN (SELECT x.article_id FROM article_actors x WHERE x.actor_id = ?)"
        " ORDER BY a.published DESC NULLS LAST, a.rowid DESC LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, (int(actor_id), int(actor_id), lim, off))]


def count_actor_articles(store, actor_id: int) -> int:
    conn = conn_of(store)
    return conn.execute("SELECT count(DISTINCT article_id) FROM article_actors WHERE actor_id = ?",
                        (int(actor_id),)).fetchone()[0]


def actor_seen(store, actor_id: int) -> tuple[str | None, str | None]:
    """First and last publication day of the articles naming an actor."""
    conn = conn_of(store)
    row = conn.execute(
        "SELECT min(substr(a.published, 1, 10)), max(substr(a.published, 1, 10)) FROM article_actors x"
        " JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ?", (int(actor_id),)).fetchone()
    return (row[0], row[1]) if row else (None, None)


SORTS = {  # sort key -> SQL expression (the events page's sortable columns)
    "day": EVENT_DAY, "published": "e.published", "type": "e.type", "source": "coalesce(sa.name, e.source_text)",
    "target": "coalesce(ta.name, e.target_text)", "goldstein": "e.goldstein", "modality": "e.modality",
    "place": "e.place_name",
}


def sorted_event_ids(conn, w: Where, sort: str, lim: int, off: int) -> list[int]:
    """Event rowids of one page in the order of a sortable column (``day``, ``-day``, ``type``...)."""
    key = sort.lstrip("-")
    expr = SORTS.get(key)
    if expr is None or w.empty:
        return []
    direction = "DESC" if sort.startswith("-") else "ASC"
    where, params = w.sql()
    joins = " LEFT JOIN actors sa ON sa.id = e.source_actor LEFT JOIN actors ta ON ta.id = e.target_actor"
    sql = (f"SELECT e.rowid {w.source()}{joins} WHERE {where} ORDER BY {expr} {direction} NULLS LAST,"
           f" e.rowid {direction} LIMIT ? OFFSET ?")
    return [r[0] for r in conn.execute(sql, [*params, lim, off])]


__all__ = ["FACETS", "SORTS", "actor_articles", "actor_seen", "count_actor_articles", "event_facets", "event_mix",
           "ins", "places", "sorted_event_ids", "store_summary"]
