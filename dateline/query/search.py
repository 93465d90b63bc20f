"""Full-text search over headlines, bodies and quotes, ranked by BM25, with snippets and facets.

Quotes are spans of their article's body, so the body index finds them; a hit says which
of its quotes matched (``quotes``: text, speaker, highlight ranges), so a search for words
someone said shows who said them. Each story is listed once (its canonical article;
``n_articles`` says how many copies carried it) unless ``copies=True``.
"""

from __future__ import annotations

from typing import Any

from dateline.query.filters import country_code, event_types, page, parse_day
from dateline.query.fts import CLOSE, OPEN, fts_query, parse_marked, snippet
from dateline.query.store import conn_of
from dateline.query.where import copies_have
from dateline.store.dialect import fts_highlight, fts_match, fts_rank

HEADLINE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
MAX_RANKED = 10_000  # when more articles match, the newest this many (in storage order) are ranked


def _conds(conn, type, country, since, until, copies) -> tuple[list[str], list[Any]]:
    conds, params = [], []
    if not copies and copies_have(conn, "articles"):
        conds.append("a.is_canonical = 1")
    since, until = parse_day(since), parse_day(until, end=True)
    if since:
        conds.append("a.published >= ?")
        params.append(since)
    if until:
        conds.append("a.published <= ?")  # '~' sorts after any time part: the whole day counts
        params.append(until + "~")
    types = event_types(type)
    if types:
        t = types.split(",")
        conds.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type IN ({','.join('?' * len(t))}))")
        params += t
    c = country_code(country, "country")
    if c:
        cs = c.split(",")
        marks = ",".join("?" * len(cs))
        conds.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id"
                     f" AND (e.source_country IN ({marks}) OR e.target_country IN ({marks})))")
        params += cs + cs
    return conds, params


class _Query:
    """A search's FTS match and article conditions, as SQL pieces."""

    def __init__(self, conn, query, type, country, since, until, copies):
        self.conn = conn
        self.conds, self.params = _conds(conn, type, country, since, until, copies)
        self.text = str(query).strip() if query else ""
        self.match = fts_query(self.text) if self.text else None
        self.void = bool(self.text) and self.match is None  # only punctuation / operators: matches nothing

    def source(self, bound: int | None = None) -> tuple[str, list[Any]]:
        """FROM ... WHERE ... over the matching articles (rowid >= bound when given)."""
        if not self.match:
            return "FROM articles a WHERE " + (" AND ".join(self.conds) or "1"), list(self.params)
        frm = "FROM articles_fts"
        if self.conds:
            frm += " JOIN articles a ON a.rowid = articles_fts.rowid"
        cond, params = fts_match(self.conn, "articles_fts", self.match)
        where = [cond]
        if bound is not None:
            where.append("articles_fts.rowid >= ?")
            params.append(bound)
        return f"{frm} WHERE {' AND '.join(where + self.conds)}", params + self.params

    def window(self, conn, n: int) -> int | None:
        """rowid of the n-th newest matching article (None when fewer match): ranking stays O(n)."""
        frm, params = self.source()
        row = conn.execute(f"SELECT articles_fts.rowid {frm} ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?",
                           [*params, n - 1]).fetchone()
        return row[0] if row else None


def search(
    store, query: str | None, limit: int | None = 20, offset: int | None = 0, *, type: str | None = None,
    country: str | None = None, since: str | None = None, until: str | None = None, copies: bool = False,
    snippet_width: int = 240, max_ranked: int = MAX_RANKED,
) -> list[dict[str, Any]]:
    """Articles matching ``query`` (best first), narrowed by the facets.

    Each hit: ``article_id``, ``headline``, ``headline_highlights`` (ranges in headline),
    ``snippet`` (plain text), ``highlights`` (ranges in the snippet), ``snippet_start``
    (offset of the snippet in the body), ``prefix_ellipsis`` / ``suffix_ellipsis``,
    ``body_highlights`` (every match range in the body), ``quotes`` (matched quotes),
    ``rank`` (BM25, lower is better), ``url``, ``published``, ``source``, ``site``,
    ``story_id``, ``n_articles``. With an empty query: every article passing the facets,
    newest first. Render with ``dateline.query.fts.highlight`` (escapes, then marks).

    Ranking is exact up to ``max_ranked`` matching articles; when more match (a word found in
    most of a large store) the newest ``max_ranked`` of them, in storage order, are ranked.
    """
    conn = conn_of(store)
    lim, off = page(limit, offset)
    qy = _Query(conn, query, type, country, since, until, copies)
    if qy.void:
        return []
    if qy.match:
        bound = qy.window(conn, max_ranked) if max_ranked else None
        frm, params = qy.source(bound)
        rank, rank_params = fts_rank(conn, "articles_fts", (HEADLINE_WEIGHT, BODY_WEIGHT), qy.match)
        sql = f"SELECT articles_fts.rowid, {rank} AS rank {frm} ORDER BY rank LIMIT ? OFFSET ?"
        params = [*rank_params, *params]
    else:
        frm, params = qy.source()
        sql = f"SELECT a.rowid, NULL {frm} ORDER BY a.published DESC NULLS LAST, a.rowid DESC LIMIT ? OFFSET ?"
    ranked = conn.execute(sql, [*params, lim, off]).fetchall()
    if not ranked:
        return []
    rank_of = {r[0]: r[1] for r in ranked}
    rows = conn.execute(
        "SELECT a.rowid AS arow, a.id AS article_id, a.headline, a.url, a.published, a.source, a.site,"
        " a.story_id, a.is_canonical, coalesce(st.n_articles, 1) AS n_articles"
        f" FROM articles a LEFT JOIN stories st ON st.id = a.story_id WHERE a.rowid IN ({','.join('?' * len(rank_of))})",
        list(rank_of),
    ).fetchall()
    by_row = {r["arow"]: {**dict(r), "rank": rank_of[r["arow"]]} for r in rows}
    hits = [by_row[r[0]] for r in ranked if r[0] in by_row]
    bodies = {}
    if qy.match:
        h0, p0 = fts_highlight(conn, "articles_fts", "headline", 0, OPEN, CLOSE, qy.match)
        h1, p1 = fts_highlight(conn, "articles_fts", "body", 1, OPEN, CLOSE, qy.match)
        cond, pm = fts_match(conn, "articles_fts", qy.match)
        marks = conn.execute(
            f"SELECT articles_fts.rowid, {h0}, {h1} FROM articles_fts"
            f" WHERE {cond} AND articles_fts.rowid IN ({','.join('?' * len(by_row))})",
            [*p0, *p1, *pm, *by_row],
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
                 since: str | None = None, until: str | None = None, copies: bool = False,
                 cap: int | None = None) -> int:
    """How many articles match (all of them: not limited by ``max_ranked``; at most ``cap`` when given)."""
    conn = conn_of(store)
    qy = _Query(conn, query, type, country, since, until, copies)
    if qy.void:
        return 0
    frm, params = qy.source()
    if cap is not None:
        return conn.execute(f"SELECT count(*) FROM (SELECT 1 {frm} LIMIT ?) AS capped", [*params, int(cap)]).fetchone()[0]
    return conn.execute(f"SELECT count(*) {frm}", params).fetchone()[0]


def search_facets(
    store, query: str | None, *, type: str | None = None, country: str | None = None, since: str | None = None,
    until: str | None = None, copies: bool = False, max_docs: int = 2_000, top: int = 30,
) -> dict[str, Any]:
    """Counts for the search page: matching articles by event type, by country (source or
    target of an event), and by publication month, plus the date range.

    ``{"total", "types": [{"value", "n"}], "countries": [...], "months": [{"value": "YYYY-MM",
    "n"}], "min_date", "max_date", "partial"}``. Counts are over the newest ``max_docs``
    matching articles (``partial`` is true when more matched; ``total`` counts them all).
    """
    conn = conn_of(store)
    qy = _Query(conn, query, type, country, since, until, copies)
    empty = {"total": 0, "types": [], "countries": [], "months": [], "min_date": None, "max_date": None,
             "partial": False}
    if qy.void:
        return empty
    frm, params = qy.source()
    total = conn.execute(f"SELECT count(*) {frm}", params).fetchone()[0]
    if not total:
        return empty
    rowid = "articles_fts.rowid" if qy.match else "a.rowid"
    cte = (f"WITH r AS (SELECT {rowid} AS rid {frm} ORDER BY {rowid} DESC LIMIT ?),"
           " m AS (SELECT a.id AS id, substr(a.published, 1, 10) AS day FROM r JOIN articles a ON a.rowid = r.rid)")
    p = [*params, int(max_docs)]
    months: dict[str, int] = {}
    days = []
    for (day,) in conn.execute(f"{cte} SELECT day FROM m", p):
        if day:
            days.append(day)
            months[day[:7]] = months.get(day[:7], 0) + 1
    # one pass over the events of those articles: (type | country) -> articles
    types: dict[str, set] = {}
    countries: dict[str, set] = {}
    sql = (f"{cte} SELECT e.article_id, e.type, e.source_country, e.target_country"
           " FROM m JOIN events e ON e.article_id = m.id")
    for aid, typ, sc, tc in conn.execute(sql, p):
        types.setdefault(typ, set()).add(aid)
        for c in (sc, tc):
            if c:
                countries.setdefault(c, set()).add(aid)

    def ranked(d: dict[str, set]) -> list[dict]:
        return [{"value": k, "n": len(v)} for k, v in sorted(d.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]]

    return {
        "total": total,
        "types": ranked(types),
        "countries": ranked(countries),
        "months": [{"value": k, "n": months[k]} for k in sorted(months)],
        "min_date": min(days) if days else None, "max_date": max(days) if days else None,
        "partial": total > max_docs,
    }
