"""What a watch selects: its events, quotes and (search) articles stored within a rowid range.

The filters are the query layer's own (``dateline.query.filters.event_where`` /
``quote_where``), so a watch selects exactly what ``dateline events`` / ``dateline quotes``
with the same options would list; the range ``after < rowid <= upto`` adds "new since the
mark". Every item is a JSON-ready dict with a stable ``id`` (a ``tag:`` URI), ``kind``
(event | quote | article), ``rowid`` and ``link`` (the article page, at ``base_url``).
"""

from __future__ import annotations

import re
from typing import Any

from dateline.query.events import event_select
from dateline.query.filters import QUOTE_DAY, EventFilter, QuoteFilter
from dateline.query.fts import CLOSE, OPEN, fts_query, parse_marked, snippet
from dateline.query.store import conn_of
from dateline.query.where import event_where, quote_where
from dateline.store import dialect

TAG = "tag:dateline,2026:"  # fixed authority and date: ids never change with the server's URL
WINDOW = 400  # characters of body read on each side of an event's evidence, to find its sentence
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)|\n")


def item_id(kind: str, article_id: str, local_id: str | None = None) -> str:
    return f"{TAG}{kind}/{article_id}" + (f"/{local_id}" if local_id else "")


def article_link(base_url: str, article_id: str, anchor: str | None = None) -> str:
    return f"{base_url.rstrip('/')}/articles/{article_id}" + (f"#{anchor}" if anchor else "")


def sentence(window: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence of ``window`` holding ``[start, end)``: (text, start, end of the span inside it)."""
    lo = 0
    for m in _END.finditer(window, 0, start):
        lo = m.end()
    m = _END.search(window, end)
    hi = m.end() if m else len(window)
    while lo < start and window[lo].isspace():
        lo += 1
    text = window[lo:hi].rstrip().replace("\n", " ")  # same length: the span offsets still hold
    return text, start - lo, min(end - lo, len(text))


def _range(alias: str, after: int, upto: int, stored_since: str | None) -> tuple[str, list[Any]]:
    sql = f" AND {alias}.rowid > ? AND {alias}.rowid <= ?"
    params: list[Any] = [int(after), int(upto)]
    if stored_since:
        sql += " AND a.created_at >= ?"
        params.append(stored_since)
    return sql, params


def _order(newest: bool) -> str:
    return "DESC" if newest else "ASC"


def events(store, f: EventFilter, after: int, upto: int, base_url: str, *, stored_since: str | None = None,
           limit: int = 5000, newest: bool = False) -> list[dict]:
    """Events matching ``f`` with ``after < rowid <= upto``, oldest first (``newest``: newest first)."""
    conn = conn_of(store)
    where, params = event_where(conn, f)
    rng, rparams = _range("e", after, upto, stored_since)
    sql = event_select(
        "rowid", "article_id", "local_id", "type", "mode", "cameo", "quad_class", "goldstein", "source_actor",
        "source_name", "source_country", "target_actor", "target_name", "target_country", "date", "date_text",
        "day", "place_name", "modality", "negated", "evidence_text", "evidence_start", "evidence_end",
        ("win_start", "max(e.evidence_start - ?, 0)"),
        ("win", "substr(a.body, max(e.evidence_start - ?, 0) + 1, e.evidence_end - e.evidence_start + 2 * ?)"),
        "headline", ("source_url", "url"), "published", ("source", "article_source"), "site", "stored_at",
        "article_rowid",
    ) + f" WHERE {where}{rng} ORDER BY e.rowid {_order(newest)} LIMIT ?"
    rows = conn.execute(sql, [WINDOW, WINDOW, WINDOW, *params, *rparams, int(limit)]).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        win, ws = d.pop("win") or "", d.pop("win_start")
        s, e = d["evidence_start"] - ws, d["evidence_end"] - ws
        d["sentence"], d["sentence_mark_start"], d["sentence_mark_end"] = sentence(win, s, e)
        d["negated"] = bool(d["negated"])
        d["asserted"] = d["modality"] == "asserted" and not d["negated"]
        d["kind"] = "event"
        d["id"] = item_id("event", d["article_id"], d["local_id"])
        d["link"] = article_link(base_url, d["article_id"], f"ev-{d['local_id']}")
        out.append(d)
    return out


def quotes(store, f: QuoteFilter, after: int, upto: int, base_url: str, *, stored_since: str | None = None,
           limit: int = 5000, newest: bool = False) -> list[dict]:
    """Quotes matching ``f`` with ``after < rowid <= upto``."""
    conn = conn_of(store)
    where, params = quote_where(conn, f)
    rng, rparams = _range("q", after, upto, stored_since)
    sql = (
        f"SELECT q.rowid AS rowid, q.article_id, q.local_id, q.kind AS quote_kind, q.text, q.start, q.\"end\","
        f" q.speaker_actor, coalesce(sp.name, q.speaker_text) AS speaker_name, q.speaker_text, q.cue_text,"
        f" q.via_text, {QUOTE_DAY} AS day, a.headline, a.url AS source_url, a.published, a.source, a.site,"
        f" a.created_at AS stored_at, a.rowid AS article_rowid"
        f" FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN actors sp ON sp.id = q.speaker_actor"
        f" WHERE {where}{rng} ORDER BY q.rowid {_order(newest)} LIMIT ?"
    )
    out = []
    for r in conn.execute(sql, [*params, *rparams, int(limit)]):
        d = dict(r)
        d["kind"] = "quote"
        d["id"] = item_id("quote", d["article_id"], d["local_id"])
        d["link"] = article_link(base_url, d["article_id"], f"quote-{d['local_id']}")
        out.append(d)
    return out


def articles(store, search: dict, after: int, upto: int, base_url: str, *, stored_since: str | None = None,
             limit: int = 5000, newest: bool = False, snippet_width: int = 280) -> list[dict]:
    """Canonical articles matching a search watch (``query`` + facets) with ``after < rowid <= upto``."""
    conn = conn_of(store)
    match = fts_query(search.get("query"))
    if not match:
        return []
    cond, params = dialect.fts_match(conn, "articles_fts", match)
    conds = [cond, "a.is_canonical = 1"]
    if search.get("since"):
        conds.append("substr(a.published, 1, 10) >= ?")
        params.append(search["since"])
    if search.get("until"):
        conds.append("substr(a.published, 1, 10) <= ?")
        params.append(search["until"])
    if search.get("type"):
        types = search["type"].split(",")
        conds.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND e.type IN "
                     f"({','.join('?' * len(types))}))")
        params += types
    if search.get("country"):
        conds.append("EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id AND (e.source_country = ? "
                     "OR e.target_country = ?))")
        params += [search["country"]] * 2
    rng, rparams = _range("a", after, upto, stored_since)
    marked, mparams = dialect.fts_highlight(conn, "articles_fts", "body", 1, OPEN, CLOSE, match)
    sql = (
        "SELECT a.rowid AS rowid, a.id AS article_id, a.headline, a.url AS source_url, a.published, a.source,"
        f" a.site, a.created_at AS stored_at, a.rowid AS article_rowid, {marked} AS marked"
        f" FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE {' AND '.join(conds)}{rng}"
        f" ORDER BY a.rowid {_order(newest)} LIMIT ?"
    )
    out = []
    for r in conn.execute(sql, [*mparams, *params, *rparams, int(limit)]):
        d = dict(r)
        body, ranges = parse_marked(d.pop("marked") or "")
        sn = snippet(body, ranges, snippet_width)
        d["snippet"], d["highlights"] = sn["text"], sn["highlights"]
        d["prefix_ellipsis"], d["suffix_ellipsis"] = sn["prefix_ellipsis"], sn["suffix_ellipsis"]
        d["day"] = (d["published"] or "")[:10] or None
        d["kind"] = "article"
        d["local_id"] = None
        d["id"] = item_id("article", d["article_id"])
        d["link"] = article_link(base_url, d["article_id"])
        out.append(d)
    return out
