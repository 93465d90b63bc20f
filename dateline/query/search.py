"""Full-text search over headlines, bodies and quotes, ranked by BM25, with snippets and facets.

Quotes are spans of their article's body, so the body index finds them; a hit says which
of its quotes matched (``quotes``: text, speaker, highlight ranges), so a search for words
someone said shows who said them. Each story is listed once (its canonical article;
``n_articles`` says how many copies carried it) unless ``copies=True``.
"""

from __future__ import annotations

from typing import Any

from dateline.query.filters import _code, _types, page, parse_day
from dateline.query.fts import CLOSE, OPEN, fts_query, parse_marked, snippet
from dateline.query.store import conn_of

HEADLINE_WEIGHT = 10.0
BODY_WEIGHT = 1.0


def _conds(type, country, since, until, copies) -> tuple[list[str], list[Any]]:
    conds, params = [], []
    if not copies:
        conds.append("a.is_canonical = 1")
    since, until = parse_day(since), parse_day(until, end=True)
    if since:
        conds.append("substr(a.published, 1, 10) >= ?")
        params.append(since)
    if until:
        conds.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    types = _types(type)
    if types:
        t = types.split(",")
        conds.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type IN ({','.join('?' * len(t))}))")
        params += t
    c = _code(country, "country")
    if c:
        conds.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id"
                     " AND (e.source_country = ? OR e.target_country = ?))")
        params += [c, c]
    return conds, params


def _matched(query, type, country, since, until, copies) -> tuple[str, list[Any], bool] | None:
    """FROM/WHERE for the matching articles; None when the query holds no searchable word."""
    conds, params = _conds(type, country, since, until, copies)
    match = fts_query(query) if query and str(query).strip() else None
    if query and str(query).strip() and match is None:
        return None
    if match:
        sql = "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?"
        return sql + "".join(f" AND {c}" for c in conds), [match, *params], True
    return "FROM articles a WHERE " + (" AND ".join(conds) or "1"), params, False


def search(
    store, query: str | None, limit: int | None = 20, offset: int | None = 0, *, type: str | None = None,
    country: str | None = None, since: str | None = None, until: str | None = None, copies: bool = False,
    snippet_width: int = 240,
) -> list[dict[str, Any]]:
    """Articles matching ``query`` (best first), narrowed by the facets.

    Each hit: ``article_id``, ``headline``, ``headline_highlights`` (ranges in headline),
    ``snippet`` (plain text), ``highlights`` (ranges in the snippet), ``snippet_start``
    (offset of the snippet in the body), ``prefix_ellipsis`` / ``suffix_ellipsis``,
    ``body_highlights`` (every match range in the body), ``quotes`` (matched quotes),
    ``rank`` (BM25, lower is better), ``url``, ``published``, ``source``, ``site``,
    ``story_id``, ``n_articles``. With an empty query: every article passing the facets,
    newest first. Render with ``dateline.query.fts.highlight`` (escapes, then marks).
    """
    conn = conn_of(store)
    lim, off = page(limit, offset)
    m = _matched(query, type, country, since, until, copies)
    if m is None:
        return []
    where, params, ranked = m
    rank = f"bm25(articles_fts, {HEADLINE_WEIGHT}, {BODY_WEIGHT})" if ranked else "NULL"
    order = "rank, a.published DESC" if ranked else "a.published DESC, a.rowid DESC"
    sql = (
        f"SELECT a.rowid AS arow, a.id AS article_id, a.headline, a.url, a.published, a.source, a.site,"
        f" a.story_id, a.is_canonical, coalesce(st.n_articles, 1) AS n_articles, {rank} AS rank"
        f" {where.replace('WHERE', 'LEFT JOIN stories st ON st.id = a.story_id WHERE', 1)}"
        f" ORDER BY {order} LIMIT ? OFFSET ?"
    )
    hits = [dict(r) for r in conn.execute(sql, [*params, lim, off])]
    if not hits:
        return []
    by_row = {h["arow"]: h for h in hits}
    bodies = {}
    if ranked:
        marks = conn.execute(
            f"SELECT rowid, highlight(articles_fts, 0, ?, ?), highlight(articles_fts, 1, ?, ?) FROM articles_fts"
            f" WHERE articles_fts MATCH ? AND rowid IN ({','.join('?' * len(by_row))})",
            [OPEN, CLOSE, OPEN, CLOSE, params[0], *by_row],
        )
        for rowid, mh, mb in marks:
            h = by_row[rowid]
            _, h["headline_highlights"] = parse_marked(mh or "")
            bodies[rowid] = parse_marked(mb or "")
    else:
        for rowid, body in conn.execute(
            f"SELECT rowid, body FROM articles WHERE rowid IN ({','.join('?' * len(by_row))})", list(by_row)
        ):
            bodies[rowid] = (body, [])
    quotes = _quotes_of(conn, [h["article_id"] for h in hits])
    for h in hits:
        body, ranges = bodies.get(h["arow"], ("", []))
        h.setdefault("headline_highlights", [])
        sn = snippet(body, ranges, snippet_width)
        h["snippet"], h["highlights"], h["snippet_start"] = sn["text"], sn["highlights"], sn["start"]
        h["prefix_ellipsis"], h["suffix_ellipsis"] = sn["prefix_ellipsis"], sn["suffix_ellipsis"]
        h["body_highlights"] = ranges
        h["quotes"] = []
        for q in quotes.get(h["article_id"], []):
            inside = [[s - q["start"], e - q["start"]] for s, e in ranges if s >= q["start"] and e <= q["end"]]
            if inside:
                h["quotes"].append({**q, "highlights": inside})
        h.pop("arow")
        h["is_canonical"] = bool(h["is_canonical"])
    return hits


def _quotes_of(conn, article_ids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    sql = (
        "SELECT q.rowid AS quote_id, q.article_id, q.local_id, q.kind, q.text, q.start, q.\"end\","
        " q.speaker_actor, coalesce(sp.name, q.speaker_text) AS speaker_name"
        " FROM quotes q LEFT JOIN actors sp ON sp.id = q.speaker_actor"
        f" WHERE q.article_id IN ({','.join('?' * len(article_ids))}) ORDER BY q.start"
    )
    for r in conn.execute(sql, article_ids):
        out.setdefault(r["article_id"], []).append(dict(r))
    return out


def count_search(store, query: str | None, *, type: str | None = None, country: str | None = None,
                 since: str | None = None, until: str | None = None, copies: bool = False) -> int:
    conn = conn_of(store)
    m = _matched(query, type, country, since, until, copies)
    if m is None:
        return 0
    where, params, _ = m
    return conn.execute(f"SELECT count(*) {where}", params).fetchone()[0]


def search_facets(
    store, query: str | None, *, type: str | None = None, country: str | None = None, since: str | None = None,
    until: str | None = None, copies: bool = False, max_docs: int = 20_000, top: int = 30,
) -> dict[str, Any]:
    """Counts for the search page: matching articles by event type, by country (source or
    target of an event), and by publication month, plus the date range.

    ``{"total", "types": [{"value", "n"}], "countries": [...], "months": [{"value": "YYYY-MM",
    "n"}], "min_date", "max_date", "partial"}``. Counts are over at most ``max_docs`` matching
    articles (``partial`` is true when there were more).
    """
    conn = conn_of(store)
    m = _matched(query, type, country, since, until, copies)
    empty = {"total": 0, "types": [], "countries": [], "months": [], "min_date": None, "max_date": None,
             "partial": False}
    if m is None:
        return empty
    where, params, _ = m
    total = conn.execute(f"SELECT count(*) {where}", params).fetchone()[0]
    if not total:
        return empty
    cte = f"WITH m AS (SELECT a.id AS id, substr(a.published, 1, 10) AS day {where} LIMIT ?)"
    p = [*params, int(max_docs)]
    types = conn.execute(
        f"{cte} SELECT e.type, count(DISTINCT e.article_id) AS n FROM m JOIN events e ON e.article_id = m.id"
        " GROUP BY e.type ORDER BY n DESC, e.type LIMIT ?", [*p, top]).fetchall()
    countries = conn.execute(
        f"{cte} SELECT c, count(DISTINCT aid) AS n FROM ("
        " SELECT e.article_id AS aid, e.source_country AS c FROM m JOIN events e ON e.article_id = m.id"
        " UNION ALL SELECT e.article_id, e.target_country FROM m JOIN events e ON e.article_id = m.id)"
        " WHERE c IS NOT NULL GROUP BY c ORDER BY n DESC, c LIMIT ?", [*p, top]).fetchall()
    months = conn.execute(
        f"{cte} SELECT substr(day, 1, 7) AS mo, count(*) FROM m WHERE day IS NOT NULL GROUP BY mo ORDER BY mo",
        p).fetchall()
    lo, hi = conn.execute(f"{cte} SELECT min(day), max(day) FROM m", p).fetchone()
    return {
        "total": total,
        "types": [{"value": r[0], "n": r[1]} for r in types],
        "countries": [{"value": r[0], "n": r[1]} for r in countries],
        "months": [{"value": r[0], "n": r[1]} for r in months],
        "min_date": lo, "max_date": hi,
        "partial": total > max_docs,
    }
