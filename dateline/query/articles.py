"""Articles: the list (with counts of what was extracted), one article, a story's copies."""

from __future__ import annotations

from typing import Any

from dateline.errors import DatelineError
from dateline.query.document import get_article
from dateline.query.filters import page, parse_day
from dateline.query.store import conn_of

ARTICLE_COLUMNS = ("id", "headline", "url", "site", "source", "published", "story_id", "is_canonical",
                   "n_articles", "n_actors", "n_quotes", "n_events")


def _where(since, until, source, site, story, copies) -> tuple[str, list[Any]]:
    conds, params = [], []
    since, until = parse_day(since), parse_day(until, end=True)
    if since:
        conds.append("a.published >= ?")
        params.append(since)
    if until:
        conds.append("a.published <= ?")  # '~' sorts after any time part: the whole day counts
        params.append(until + "~")
    if source:
        conds.append("a.source = ?")
        params.append(source)
    if site:
        conds.append("a.site = ?")
        params.append(site)
    if story:
        conds.append("a.story_id = ?")
        params.append(story)
    elif not copies:
        conds.append("a.is_canonical = 1")
    return " AND ".join(conds) or "1", params


def articles(
    store, limit: int | None = 100, offset: int | None = 0, *, since: str | None = None, until: str | None = None,
    source: str | None = None, site: str | None = None, story: str | None = None, copies: bool = False,
    status: bool = False,
) -> list[dict[str, Any]]:
    """Articles newest first, one per story unless ``copies`` (or ``story`` is given). With ``status``
    each row also has the article's ``language`` and ``extracted`` (1 once its actors, quotes and events
    are stored)."""
    conn = conn_of(store)
    lim, off = page(limit, offset)
    where, params = _where(since, until, source, site, story, copies)
    sql = (
        "SELECT a.id, a.headline, a.url, a.site, a.source, a.published, a.story_id, a.is_canonical,"
        + (" a.language, a.extracted," if status else "") +
        " coalesce(st.n_articles, 1) AS n_articles,"
        " (SELECT count(*) FROM article_actors x WHERE x.article_id = a.id) AS n_actors,"
        " (SELECT count(*) FROM quotes x WHERE x.article_id = a.id) AS n_quotes,"
        " (SELECT count(*) FROM events x WHERE x.article_id = a.id) AS n_events"
        f" FROM articles a LEFT JOIN stories st ON st.id = a.story_id WHERE {where}"
        " ORDER BY a.published DESC NULLS LAST, a.rowid DESC LIMIT ? OFFSET ?"
    )
    out = []
    for r in conn.execute(sql, [*params, lim, off]):
        d = dict(r)
        d["is_canonical"] = bool(d["is_canonical"])
        d["article_id"] = d["id"]  # every row names what it refers to as <kind>_id (docs/api.md)
        out.append(d)
    return out


def count_articles(store, *, since: str | None = None, until: str | None = None, source: str | None = None,
                   site: str | None = None, story: str | None = None, copies: bool = False) -> int:
    conn = conn_of(store)
    where, params = _where(since, until, source, site, story, copies)
    return conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]


def article(store, id: str) -> dict[str, Any]:
    """One article as a ``dateline/1`` document, rebuilt from the tables by ``dateline.query.document``
    (``id`` may be a unique id prefix). Raises E402 when there is none."""
    return get_article(conn_of(store), id)


def actor_ids(store, article_id: str) -> dict[str, int]:
    """The article's local actor ids ("a1") -> global actor ids (so mentions can link to actor pages)."""
    rows = conn_of(store).execute(
        "SELECT local_id, actor_id FROM article_actors WHERE article_id = ? AND actor_id IS NOT NULL", (article_id,))
    return {r[0]: r[1] for r in rows}


def story_of(store, article_id: str) -> dict[str, Any] | None:
    """The story ``article_id`` belongs to: ``canonical_id``, ``n_articles``, ``n_inputs``, ``sources``
    (JSON text) and the article's ``is_canonical``; None when it has none."""
    row = conn_of(store).execute(
        "SELECT s.canonical_id, s.n_articles, s.n_inputs, s.sources, a.is_canonical FROM articles a "
        "JOIN stories s ON s.id = a.story_id WHERE a.id = ?", (article_id,)).fetchone()
    return dict(row) if row is not None else None


def story_articles(store, article_id: str) -> list[dict[str, Any]]:
    """Every article of ``article_id``'s story (the canonical one first), with similarity."""
    conn = conn_of(store)
    row = conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise DatelineError("E402", f"no article {article_id!r}")
    if row[0] is None:
        return []
    sql = (
        "SELECT id, headline, url, site, source, published, is_canonical, similarity FROM articles"
        " WHERE story_id = ? ORDER BY is_canonical DESC, published NULLS LAST, id"
    )
    return [{**dict(r), "article_id": r["id"], "is_canonical": bool(r["is_canonical"])}
            for r in conn.execute(sql, (row[0],))]
