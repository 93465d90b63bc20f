"""Quotes: who said what, when, in which article."""

from __future__ import annotations

from typing import Any

from dateline.query.filters import QUOTE_DAY, QuoteFilter, page
from dateline.query.fts import CLOSE, OPEN, fts_query, parse_marked
from dateline.query.store import conn_of
from dateline.query.where import quote_where
from dateline.store.dialect import fts_highlight, fts_match

QUOTE_COLUMNS = (
    "quote_id", "article_id", "local_id", "kind", "text", "start", "end", "speaker_actor", "speaker_name",
    "speaker_text", "speaker_start", "speaker_end", "cue_text", "via_text", "day", "published", "headline",
    "url", "article_source", "highlights",
)

_SELECT = f"""
SELECT q.rowid AS quote_id, q.article_id, q.local_id, q.kind, q.text, q.start, q."end",
       q.speaker_actor, coalesce(sp.name, q.speaker_text) AS speaker_name, q.speaker_text, q.speaker_start,
       q.speaker_end, q.cue_text, q.via_text, {QUOTE_DAY} AS day, q.published, a.headline, a.url,
       a.source AS article_source
FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors sp ON sp.id = q.speaker_actor
"""


def quotes(
    store, f: QuoteFilter | None = None, limit: int | None = 100, offset: int | None = 0, order: str = "desc"
) -> list[dict[str, Any]]:
    """Quotes matching ``f``, newest first (``order="asc"``: oldest first).

    With ``about`` set, each row's ``highlights`` lists the ``[start, end]`` ranges of the
    matched words inside ``text`` (otherwise ``[]``).
    """
    f = f or QuoteFilter()
    conn = conn_of(store)
    lim, off = page(limit, offset)
    where, params = quote_where(conn, f)
    direction = "ASC" if order == "asc" else "DESC"
    sql = (
        f"{_SELECT} WHERE {where} ORDER BY day {direction} NULLS LAST, q.article_id, q.start"
        " LIMIT ? OFFSET ?"
    )
    rows = [dict(r) for r in conn.execute(sql, [*params, lim, off])]
    for r in rows:
        r["highlights"] = []
    if f.about and rows:
        match = fts_query(f.about)
        by_id = {r["quote_id"]: r for r in rows}
        hl, ph = fts_highlight(conn, "quotes_fts", "text", 0, OPEN, CLOSE, match)
        cond, pm = fts_match(conn, "quotes_fts", match)
        marks = conn.execute(
            f"SELECT quotes_fts.rowid, {hl} FROM quotes_fts WHERE {cond}"
            f" AND quotes_fts.rowid IN ({','.join('?' * len(by_id))})",
            [*ph, *pm, *by_id],
        )
        for rowid, marked in marks:
            text, ranges = parse_marked(marked)
            if text == by_id[rowid]["text"]:
                by_id[rowid]["highlights"] = ranges
    return rows


def count_quotes(store, f: QuoteFilter | None = None) -> int:
    f = f or QuoteFilter()
    conn = conn_of(store)
    where, params = quote_where(conn, f)
    join = "JOIN articles a ON a.id = q.article_id" if "a." in where else ""
    return conn.execute(f"SELECT count(*) FROM quotes q {join} WHERE {where}", params).fetchone()[0]
