"""One stored article as its ``dateline/1`` document (``dateline show --json``, ``/api/articles/{id}``,
the JSON Lines export).

``get_article`` rebuilds the object from the tables (not from a cached copy), so what is shown is
what the store holds; ``resolve_article_id`` turns a unique id prefix into the id.
"""

from __future__ import annotations

import json
import re

from dateline import SCHEMA
from dateline.errors import DatelineError


def resolve_article_id(conn, ref: str) -> str:
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


def get_article(conn, ref: str) -> dict:
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
