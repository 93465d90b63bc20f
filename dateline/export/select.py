"""What an export holds, as streams of row dicts (one stream per table), for a filter.

Selection rules (docs/export.md):

* No filter narrowing events (actor / source / target / type / country / asserted-only /
  quad class): the articles published in ``since..until`` (all when unset), copies included
  unless ``copies`` is False; every actor, mention, quote and event of those articles.
* Such a filter: the events matching it, and the articles they were read from with those
  articles' actors, mentions and quotes. ``since`` / ``until`` then apply to the event day.
* ``article``: that one article.

So every exported row points at an exported article: the tables join cleanly.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from dateline.export.columns import TABLES
from dateline.query.events import event_select
from dateline.query.filters import EventFilter
from dateline.query.store import conn_of
from dateline.query.where import event_where, needs_article_join

BATCH = 2000


def article_selection(conn, f: EventFilter) -> tuple[str, list[Any]]:
    """A condition on ``articles a`` selecting the exported articles."""
    if f.article:
        return "a.id = ?", [f.article]
    if f.narrows_events:
        where, params = event_where(conn, f)
        join = "JOIN articles a ON a.id = e.article_id" if needs_article_join(conn, f) else ""
        return f"a.id IN (SELECT e.article_id FROM events e {join} WHERE {where})", params
    conds, params = [], []
    if f.since:
        conds.append("a.published >= ?")
        params.append(f.since)
    if f.until:
        conds.append("a.published <= ?")
        params.append(f.until + "~")
    if not f.copies:
        conds.append("a.is_canonical = 1")
    return " AND ".join(conds) or "1", params


def event_selection(conn, f: EventFilter) -> tuple[str, list[Any]]:
    """A condition on ``events e`` (with ``articles a`` joined) selecting the exported events."""
    if f.narrows_events:
        return event_where(conn, f)
    sel, params = article_selection(conn, f)
    return sel, params


def _day(v) -> date | None:
    if not v or not isinstance(v, str) or len(v) < 10:
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def _json_list(v) -> list | None:
    if v is None or v == "":
        return None
    try:
        out = json.loads(v)
    except (TypeError, ValueError):
        return None
    return out if isinstance(out, list) else None


def _convert(table: str, row: dict) -> dict:
    out = {}
    for c in TABLES[table]:
        v = row.get(c.name)
        if c.type == "bool":
            v = None if v is None else bool(v)
        elif c.type == "date32":
            v = _day(v)
        elif c.type.startswith("list"):
            v = _json_list(v) if not isinstance(v, list) else v
        elif c.type == "int64" and v is not None:
            v = int(v)
        elif c.type == "float64" and v is not None:
            v = float(v)
        out[c.name] = v
    return out


_SQL = {
    "articles": """
SELECT a.id, a.story_id, a.is_canonical, a.similarity, coalesce(st.n_articles, 1) AS story_articles,
       st.sources AS story_sources, a.published, a.published AS published_date, a.url, a.site, a.section,
       a.headline, a.byline, a.source, a.news_code, a.language, a.dateline_place, a.dateline_date,
       a.dateline_agency, a.dateline_start, a.dateline_end, a.input_path, a.input_url, a.input_format,
       a.input_record, a.notes, a.body
FROM articles a LEFT JOIN stories st ON st.id = a.story_id WHERE {sel} ORDER BY a.published NULLS FIRST, a.id""",
    "actors": """
SELECT x.article_id, x.local_id, x.actor_id, g.name AS actor_name, x.name, x.type, x.titles, x.country, x.sector,
       (SELECT count(*) FROM mentions m WHERE m.article_id = x.article_id AND m.local_id = x.local_id) AS n_mentions,
       a.published AS published_date
FROM article_actors x JOIN articles a ON a.id = x.article_id LEFT JOIN actors g ON g.id = x.actor_id
WHERE {sel} ORDER BY a.published NULLS FIRST, x.article_id, x.rowid""",
    "mentions": """
SELECT m.article_id, m.local_id, m.actor_id, m.start, m."end", m.text, a.published AS published_date
FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {sel} ORDER BY a.published NULLS FIRST, m.article_id, m.start""",
    "quotes": """
SELECT q.article_id, q.local_id, q.kind, q.text, q.start, q."end", q.parts, q.speaker_local, q.speaker_actor,
       coalesce(sp.name, q.speaker_text) AS speaker_name, q.speaker_text, q.speaker_start, q.speaker_end,
       q.cue_text, q.cue_start, q.cue_end, q.via_local, q.via_actor, q.via_text, a.published AS published_date
FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors sp ON sp.id = q.speaker_actor
WHERE {sel} ORDER BY a.published NULLS FIRST, q.article_id, q.start""",
    "events": event_select(
        "event_id", "article_id", "local_id", "story_id", "type", "mode", "cameo", "quad_class", "goldstein",
        "source_local", "source_actor", "source_name", "source_text", "source_country", "source_sector",
        "target_local", "target_actor", "target_name", "target_text", "target_country", "target_sector", "date",
        "date_text", "date_precision", "date_basis", "day", "place_name", "place_country", "lat", "lon", "negated",
        "modality", "evidence_start", "evidence_end", "evidence_text", "fingerprint", ("published_date", "published"),
    ) + " WHERE {sel} ORDER BY a.published NULLS FIRST, e.article_id, e.rowid",
    "failures": "SELECT locator, record, format, sha256, code, message, hint, at FROM failures ORDER BY id",
}


def _stream(conn, sql: str, params: list[Any]) -> Iterator[dict]:
    cur = conn.execute(sql, params)
    while True:
        rows = cur.fetchmany(BATCH)
        if not rows:
            return
        for r in rows:
            yield dict(r)


def _query(conn, table: str, f: EventFilter) -> tuple[str, list[Any]] | None:
    if table == "failures":
        if f.narrows_events or f.article or f.since or f.until:
            return None
        return _SQL[table], []
    sel, params = event_selection(conn, f) if table == "events" else article_selection(conn, f)
    return _SQL[table].format(sel=sel), params


def rows(store, table: str, f: EventFilter | None = None, raw: bool = False) -> Iterator[dict]:
    """Rows of ``table`` for filter ``f`` as dicts keyed by the table's columns (converted to
    Python types: bool, ``datetime.date``, lists). ``raw`` keeps the SQL values (and extra
    keys such as ``event_id``)."""
    f = f or EventFilter(copies=True)
    conn = conn_of(store)
    q = _query(conn, table, f)
    if q is None:
        return
    for r in _stream(conn, *q):
        yield r if raw else _convert(table, r)


def column_batches(store, table: str, f: EventFilter | None = None, size: int = 50_000) -> Iterator[dict[str, list]]:
    """The rows of ``table`` as column lists (``{column: [values]}``) of up to ``size`` rows,
    converted column by column (the fast path for Parquet and CSV)."""
    f = f or EventFilter(copies=True)
    conn = conn_of(store)
    q = _query(conn, table, f)
    if q is None:
        return
    cur = conn.execute(*q)
    names = [d[0] for d in cur.description]
    cols = TABLES[table]
    index = [names.index(c.name) for c in cols]
    convert = [_COLUMN_CONVERT.get(c.type) for c in cols]
    while True:
        chunk = cur.fetchmany(size)
        if not chunk:
            return
        out = {}
        for c, i, fn in zip(cols, index, convert, strict=True):
            values = [r[i] for r in chunk]
            out[c.name] = fn(values) if fn else values
        yield out


def _days(values: list) -> list:
    cache: dict = {}
    out = []
    for v in values:
        if v not in cache:
            cache[v] = _day(v)
        out.append(cache[v])
    return out


_COLUMN_CONVERT = {
    "bool": lambda vs: [None if v is None else bool(v) for v in vs],
    "date32": _days,
    "list<string>": lambda vs: [_json_list(v) for v in vs],
    "list<list<int64>>": lambda vs: [_json_list(v) for v in vs],
    "float64": lambda vs: [None if v is None else float(v) for v in vs],
}


def article_ids(store, f: EventFilter) -> Iterator[str]:
    conn = conn_of(store)
    sel, params = article_selection(conn, f)
    for r in _stream(conn, f"SELECT a.id FROM articles a WHERE {sel} ORDER BY a.published NULLS FIRST, a.id", params):
        yield r["id"]
