"""Simple readers over the store (used by the CLI): articles, search, actors.

``get_article`` rebuilds the ``dateline/1`` object of a stored article from the tables
(not from a cached copy), so what ``dateline show --json`` prints is what the store holds.
"""

from __future__ import annotations

import json
import re
import sqlite3

from dateline import SCHEMA
from dateline.errors import DatelineError
from dateline.store import dialect
from dateline.store.identity import normalize_plain

HL_START, HL_END = "\x02", "\x03"  # snippet highlight markers; the CLI renders them


def resolve_article_id(conn: sqlite3.Connection, ref: str) -> str:
    """The full id of the article whose id is ``ref`` or starts with it (E402 / E501 otherwise)."""
    ref = (ref or "").strip().lower()
    if not re.fullmatch(r"[0-9a-f]{1,16}", ref):
        raise DatelineError("E402", f"no article {ref!r} (ids are 16 hex digits; a prefix is enough)")
    rows = conn.execute(
        "SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 6", (ref, ref + "g")
    ).fetchall()
    if not rows:
        raise DatelineError("E402", f"no article with id {ref!r}")
    if len(rows) > 1 and rows[0][0] != ref:
        ids = ", ".join(r[0] for r in rows[:5])
        raise DatelineError("E501", f"id prefix {ref!r} is ambiguous: {ids}", "give more digits of the id")
    return rows[0][0]


def _span(a, b):
    return None if a is None else [a, b]


def get_article(conn: sqlite3.Connection, ref: str) -> dict:
    """The dateline/1 object of a stored article (``ref`` may be an id prefix)."""
    aid = resolve_article_id(conn, ref)
    r = conn.execute("SELECT * FROM articles WHERE id = ?", (aid,)).fetchone()
    inp = {"path": r["input_path"], "url": r["input_url"], "format": r["input_format"] or "text"}
    if r["input_record"] is not None:
        inp["id"] = r["input_record"]
    dateline = None
    if r["dateline_start"] is not None:
        dateline = {
            "place": r["dateline_place"], "date": r["dateline_date"], "agency": r["dateline_agency"],
            "span": [r["dateline_start"], r["dateline_end"]],
        }
    out = {
        "schema": r["schema"] or SCHEMA, "id": aid, "input": inp,
        **{k: r[k] for k in ("url", "site", "section", "headline", "byline", "source", "news_code", "published")},
        "dateline": dateline, "language": r["language"], "body": r["body"],
        "actors": _actors(conn, aid), "quotes": _quotes(conn, aid), "events": _events(conn, aid),
    }
    notes = json.loads(r["notes"] or "[]")
    if notes:
        out["notes"] = notes
    story = _story(conn, r["story_id"])
    if story:
        out["story"] = story
    return out


def _story(conn, story_id: str | None) -> dict | None:
    """The story of syndicated copies the article belongs to (None for a story of one article)."""
    if not story_id:
        return None
    s = conn.execute("SELECT canonical_id, n_articles, sources FROM stories WHERE id = ?", (story_id,)).fetchone()
    if s is None or s[1] < 2:
        return None
    copies = [row[0] for row in conn.execute(
        "SELECT id FROM articles WHERE story_id = ? AND id <> ? ORDER BY rowid", (story_id, s[0]))]
    return {"id": story_id, "canonical": s[0], "articles": s[1], "sources": json.loads(s[2] or "[]"),
            "copies": copies}


def _actors(conn, aid: str) -> list[dict]:
    mentions: dict[str, list] = {}
    for m in conn.execute('SELECT local_id, start, "end" FROM mentions WHERE article_id = ? ORDER BY rowid', (aid,)):
        mentions.setdefault(m[0], []).append([m[1], m[2]])
    out = []
    for a in conn.execute("SELECT * FROM article_actors WHERE article_id = ? ORDER BY rowid", (aid,)):
        d = {
            "id": a["local_id"], "name": a["name"], "type": a["type"], "titles": json.loads(a["titles"] or "[]"),
            "country": a["country"], "sector": a["sector"], "mentions": mentions.get(a["local_id"], []),
        }
        if "ref" in a.keys() and a["ref"] is not None:
            d["ref"] = a["ref"]  # added field: the actor dictionary's id
        out.append(d)
    return out


def _ref(actor, text, a, b):
    if text is None and a is None:
        return None
    return {"actor": actor, "text": text or "", "span": _span(a, b)}


def _quotes(conn, aid: str) -> list[dict]:
    out = []
    for q in conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY rowid", (aid,)):
        d = {
            "id": q["local_id"], "kind": q["kind"], "text": q["text"], "span": [q["start"], q["end"]],
            "speaker": _ref(q["speaker_local"], q["speaker_text"], q["speaker_start"], q["speaker_end"]),
            "cue": None if q["cue_text"] is None else {"text": q["cue_text"], "span": _span(q["cue_start"], q["cue_end"])},
            "via": _ref(q["via_local"], q["via_text"], q["via_start"], q["via_end"]),
        }
        if q["parts"]:
            d["parts"] = json.loads(q["parts"])
        out.append(d)
    return out


def _event_actor(e, role: str):
    if e[f"{role}_text"] is None and e[f"{role}_local"] is None:
        return None
    d = {"actor": e[f"{role}_local"], "text": e[f"{role}_text"] or "", "country": e[f"{role}_country"],
         "sector": e[f"{role}_sector"]}
    if e[f"{role}_start"] is not None:
        d["span"] = [e[f"{role}_start"], e[f"{role}_end"]]
    return d


def _events(conn, aid: str) -> list[dict]:
    out = []
    for e in conn.execute("SELECT * FROM events WHERE article_id = ? ORDER BY rowid", (aid,)):
        place = None
        if e["place_name"] is not None:
            place = {"name": e["place_name"], "country": e["place_country"], "lat": e["lat"], "lon": e["lon"]}
        d = {
            "id": e["local_id"], "type": e["type"], "mode": e["mode"], "cameo": e["cameo"],
            "source": _event_actor(e, "source"), "target": _event_actor(e, "target"),
            "date": e["date"], "date_text": e["date_text"], "date_precision": e["date_precision"],
            "date_basis": e["date_basis"], "place": place, "negated": bool(e["negated"]),
            "modality": e["modality"],
            "evidence": {"span": [e["evidence_start"], e["evidence_end"]], "text": e["evidence_text"]},
            "quad_class": e["quad_class"], "goldstein": e["goldstein"],
        }
        if e["trigger_start"] is not None:
            d["trigger"] = [e["trigger_start"], e["trigger_end"]]
        if e["quote_local"] is not None:
            d["quote"] = e["quote_local"]
        for key in ("rule", "cues"):
            if key in e.keys() and e[key]:
                d[key] = json.loads(e[key])
        out.append(d)
    return out


def list_articles(conn: sqlite3.Connection, limit: int = 20, offset: int = 0) -> list[dict]:
    """Newest first (by published, then by when stored), with story and extraction counts."""
    rows = conn.execute(
        "SELECT a.id, a.published, a.source, a.site, a.headline, a.language, a.story_id, a.is_canonical, "
        "a.extracted, s.n_articles AS story_articles, "
        "(SELECT count(*) FROM article_actors x WHERE x.article_id = a.id) AS actors, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
        "FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
        "ORDER BY a.published IS NULL, a.published DESC, a.created_at DESC, a.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [dict(r) for r in rows]


def fts_query(query: str) -> str:
    """A safe FTS5 query: the user's words as quoted terms (implicit AND); a trailing * is kept."""
    terms = re.findall(r"\w+\*?", query)
    return " ".join(f'"{t.rstrip("*")}"' + ("*" if t.endswith("*") else "") for t in terms)


def search_articles(conn: sqlite3.Connection, query: str, limit: int = 20, raw: bool = False) -> list[dict]:
    """Articles matching ``query`` in headline or body, best first (bm25), with a highlighted snippet.

    ``raw`` passes the query to FTS5 as written (phrases, OR, NEAR, column filters)."""
    q = query if raw else fts_query(query)
    if not q:
        return []
    rank, rank_params = dialect.fts_rank(conn, "articles_fts", (4.0, 1.0), q)
    snip, snip_params = dialect.fts_snippet(conn, "articles_fts", "body", 1, HL_START, HL_END, "…", 16, q)
    match, match_params = dialect.fts_match(conn, "articles_fts", q)
    try:
        rows = conn.execute(
            f"SELECT a.id, a.published, a.source, a.headline, {rank} AS score, {snip} AS snippet "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE {match} ORDER BY score LIMIT ?",
            (*rank_params, *snip_params, *match_params, limit),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise DatelineError("E501", f"bad search query {query!r}: {exc}", "use plain words, or quote a phrase") from exc
    return [dict(r) for r in rows]


def list_actors(conn: sqlite3.Connection, query: str | None = None, limit: int = 50) -> list[dict]:
    """Global actors, most mentioned first; ``query`` matches names and aliases (substring)."""
    cols = "a.id, a.name, a.type, a.country, a.sector, a.n_mentions, a.n_articles, a.first_seen, a.last_seen"
    if query:
        pat = f"%{normalize_plain(query)}%"
        rows = conn.execute(
            f"SELECT {cols} FROM actors a WHERE a.id IN "
            "(SELECT actor_id FROM actor_aliases WHERE alias LIKE ?) OR a.norm_name LIKE ? "
            "ORDER BY a.n_mentions DESC, a.id LIMIT ?",
            (pat, pat, limit),
        )
    else:
        rows = conn.execute(f"SELECT {cols} FROM actors a ORDER BY a.n_mentions DESC, a.id LIMIT ?", (limit,))
    return [dict(r) for r in rows]


def get_actor(conn: sqlite3.Connection, actor_id: int | str) -> dict:
    """One global actor with its titles over time, aliases and the latest articles naming it."""
    try:
        aid = int(actor_id)
    except (TypeError, ValueError) as exc:
        raise DatelineError("E402", f"no actor {actor_id!r} (actor ids are numbers; see `dateline actors`)") from exc
    r = conn.execute("SELECT * FROM actors WHERE id = ?", (aid,)).fetchone()
    if r is None:
        raise DatelineError("E402", f"no actor with id {aid}", "`dateline actors QUERY` lists actors and their ids")
    titles = [
        dict(t)
        for t in conn.execute(
            "SELECT title, first_seen, last_seen, n FROM actor_titles WHERE actor_id = ? "
            "ORDER BY first_seen IS NULL, first_seen, title",
            (aid,),
        )
    ]
    articles = [
        dict(a)
        for a in conn.execute(
            "SELECT DISTINCT a.id, a.published, a.headline FROM article_actors x JOIN articles a ON a.id = x.article_id "
            "WHERE x.actor_id = ? ORDER BY a.published DESC LIMIT 20",
            (aid,),
        )
    ]
    return {
        "id": r["id"], "name": r["name"], "type": r["type"], "country": r["country"], "sector": r["sector"],
        "aliases": json.loads(r["aliases"] or "[]"), "n_mentions": r["n_mentions"], "n_articles": r["n_articles"],
        "first_seen": r["first_seen"], "last_seen": r["last_seen"], "titles": titles, "articles": articles,
    }


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables."""
    out = {}
    for t in ("articles", "stories", "actors", "quotes", "events", "inputs", "failures"):
        out[t] = conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    return out
