"""Actors: the list (with mention counts) and one actor's page."""

from __future__ import annotations

import json
from typing import Any

from dateline.errors import DatelineError
from dateline.query.filters import QuoteFilter, norm_name, page, resolve_actor
from dateline.query.overview import actor_seen
from dateline.query.quotes import count_quotes, quotes
from dateline.query.store import conn_of
from dateline.query.where import copies_have
from dateline.store.corrections import for_actor
from dateline.store.dialect import has_table
from dateline.store.merges import final_id

ACTOR_COLUMNS = ("id", "name", "type", "country", "sector", "n_mentions", "n_articles", "first_seen", "last_seen",
                 "aliases")


def _actor_where(query: str | None, type: str | None, country: str | None, conn=None) -> tuple[str, list[Any]]:
    conds, params = [], []
    if conn is not None and has_table(conn, "actor_merges"):
        conds.append("merged_into IS NULL")  # merged actors live on in the actor they joined
    if query:
        q = str(query).strip()
        if q.isdigit():
            conds.append("id = ?")
            params.append(int(q))
        else:
            key = norm_name(q)
            esc = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conds.append("(norm_name LIKE ? ESCAPE '\\' OR id IN (SELECT actor_id FROM actor_aliases"
                         " WHERE alias LIKE ? ESCAPE '\\'))")
            params += [f"%{esc}%", f"%{esc}%"]
    if type:
        conds.append("type = ?")
        params.append(type)
    if country:
        conds.append("country = ?")
        params.append(str(country).upper())
    return " AND ".join(conds) or "1", params


def _aliases(raw: str | None) -> list[str]:
    try:
        val = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(x) for x in val] if isinstance(val, list) else []


def actors(
    store, query: str | None = None, limit: int | None = 100, offset: int | None = 0,
    type: str | None = None, country: str | None = None,
) -> list[dict[str, Any]]:
    """Actors whose name or an alias contains ``query`` (all when None), most mentioned first."""
    conn = conn_of(store)
    lim, off = page(limit, offset)
    where, params = _actor_where(query, type, country, conn)
    sql = (
        "SELECT id, name, type, country, sector, n_mentions, n_articles, first_seen, last_seen, aliases"
        f" FROM actors WHERE {where} ORDER BY n_mentions DESC, n_articles DESC, id LIMIT ? OFFSET ?"
    )
    out = []
    for r in conn.execute(sql, [*params, lim, off]):
        d = dict(r)
        d["aliases"] = _aliases(d["aliases"])
        d["actor_id"] = d["id"]  # every row names what it refers to as <kind>_id (docs/api.md)
        out.append(d)
    return out


def count_actors(store, query: str | None = None, type: str | None = None, country: str | None = None) -> int:
    conn = conn_of(store)
    where, params = _actor_where(query, type, country, conn)
    return conn.execute(f"SELECT count(*) FROM actors WHERE {where}", params).fetchone()[0]


def actor(store, id: int | str, max_quotes: int = 500) -> dict[str, Any]:
    """One actor: names, titles over time, quotes in date order, and interaction counts.

    ``id`` is a global actor id or a name (the most-mentioned match). Raises E402 when no
    actor matches. Keys: the ``actors`` row fields plus ``titles`` ([{title, first_seen,
    last_seen, n}] by first seen), ``corrections`` and ``merges`` (the analyst's corrections and
    the merges that touched the actor, ``dateline.store.corrections.for_actor``; an id merged into
    another actor shows that actor, with ``merged_from``), ``quotes`` (oldest first, at most ``max_quotes``; ``n_quotes``
    is the total), ``acts_on`` / ``acted_on_by`` ([{actor, name, type, n, mean_goldstein}] by
    other actor and PLOVER type, biggest first) and ``event_counts`` ({"as_source", "as_target"}).
    """
    conn = conn_of(store)
    ids = resolve_actor(conn, id)
    row = None
    if ids:
        row = conn.execute(
            "SELECT * FROM actors WHERE id IN ({}) ORDER BY n_mentions DESC LIMIT 1".format(",".join("?" * len(ids))),
            ids,
        ).fetchone()
    if row is None:
        raise DatelineError("E402", f"no actor {id!r}", "check the id; `dateline actors QUERY` lists actors")
    d = dict(row)
    if d.get("merged_into") is not None:  # a merged actor: show the one it joined
        d = dict(conn.execute("SELECT * FROM actors WHERE id = ?", (final_id(conn, d["id"]),)).fetchone())
        d["merged_from"] = row["id"]
    d["aliases"] = _aliases(d.get("aliases"))
    aid = d["actor_id"] = d["id"]
    if has_table(conn, "actor_corrections"):
        d.update(for_actor(conn, aid))
    d["titles"] = [
        dict(r)
        for r in conn.execute(
            "SELECT title, first_seen, last_seen, n FROM actor_titles WHERE actor_id = ?"
            " ORDER BY coalesce(first_seen, ''), title",
            (aid,),
        )
    ]
    qf = QuoteFilter(speaker=aid)
    d["quotes"] = quotes(conn, qf, limit=max_quotes, order="asc")
    d["n_quotes"] = count_quotes(conn, qf)
    d["acts_on"] = _interactions(conn, aid, "source_actor", "target_actor")
    d["acted_on_by"] = _interactions(conn, aid, "target_actor", "source_actor")
    d["event_counts"] = {"as_source": sum(x["n"] for x in d["acts_on"]),
                         "as_target": sum(x["n"] for x in d["acted_on_by"])}
    if not d.get("first_seen") or not d.get("last_seen"):
        first, last = actor_seen(conn, aid)
        d["first_seen"], d["last_seen"] = d.get("first_seen") or first, d.get("last_seen") or last
    return d


def _interactions(conn, aid: int, me: str, other: str) -> list[dict[str, Any]]:
    join, canon = _canonical(conn)
    sql = (
        f"SELECT g.other, o.name, o.type, g.type, g.n, g.g FROM ("
        f" SELECT e.{other} AS other, e.type AS type, count(*) AS n, avg(e.goldstein) AS g FROM events e {join}"
        f" WHERE e.{me} = ?{canon} AND e.{other} IS NOT NULL AND e.{other} != e.{me} GROUP BY e.{other}, e.type) g"
        " LEFT JOIN actors o ON o.id = g.other ORDER BY g.n DESC, g.other, g.type"
    )
    rows = [
        {"actor": r[0], "actor_id": r[0], "name": r[1], "actor_type": r[2], "type": r[3], "n": r[4],
         "mean_goldstein": round(r[5], 3) if r[5] is not None else None}
        for r in conn.execute(sql, (aid,))
    ]
    return rows + _unpaired(conn, aid, me, other)


def _unpaired(conn, aid: int, me: str, other: str) -> list[dict[str, Any]]:
    """Events with no resolved actor on the other side (or the actor itself), by type: rows with
    ``actor`` None and ``unpaired`` true, so the rows add up to the actor's event count."""
    join, canon = _canonical(conn)
    sql = (f"SELECT e.type, count(*), avg(e.goldstein) FROM events e {join} WHERE e.{me} = ?{canon}"
           f" AND (e.{other} IS NULL OR e.{other} = e.{me}) GROUP BY e.type ORDER BY count(*) DESC, e.type")
    return [{"actor": None, "actor_id": None, "name": None, "actor_type": None, "type": r[0], "n": r[1],
             "mean_goldstein": round(r[2], 3) if r[2] is not None else None, "unpaired": True}
            for r in conn.execute(sql, (aid,))]


def _canonical(conn) -> tuple[str, str]:
    """(join, condition) hiding syndicated copies' events, or nothing when no copy has events."""
    if copies_have(conn, "events"):
        return "JOIN articles a ON a.id = e.article_id", " AND a.is_canonical = 1"
    return "", ""
