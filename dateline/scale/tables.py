"""Rows of the tables an extraction gives (actors, mentions, quotes, events), built in the extraction
pass from one article at a time (no pyspark import here); the other tables are built by Spark SQL
in ``dateline.scale.job``.

The columns and their meaning are those of ``dateline.export.columns`` (docs/export.md), so a
Spark output and ``dateline export --format parquet`` of a store read the same way. Without a
store there are no global actors: ``actor_id`` / ``*_actor`` are null and the ``*_name``
columns carry the article's own words, as the export does for an actor it could not link;
event fingerprints use the country or the text of each side (a store uses its global ids).
"""

from __future__ import annotations

import re
from datetime import date

from dateline.scale.schema import ALL_TABLES

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def day_of(v: str | None) -> date | None:
    """The calendar day an ISO 8601 date/datetime string starts with, or None."""
    if not v or not isinstance(v, str) or not _DATE.match(v):
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def _span(s):
    return (s[0], s[1]) if s else (None, None)


def fingerprint(e: dict) -> str:
    src, tgt = e.get("source") or {}, e.get("target") or {}
    return "|".join(str(x or "") for x in (e["type"], src.get("country") or src.get("text"),
                                          tgt.get("country") or tgt.get("text"), e.get("date")))


def _row(table: str, d: dict) -> dict:
    return {c.name: d.get(c.name) for c in ALL_TABLES[table]}


def extraction_rows(a: dict, payload: dict) -> dict[str, list[dict]]:
    """The actors, mentions, quotes and events rows of one extracted article. ``a`` holds its ``id``,
    ``story_id``, ``body`` and ``published_date``; ``payload`` is its extraction (``partitions.payload_data``)."""
    aid, body, pd = a["id"], a["body"], a["published_date"]
    out: dict[str, list[dict]] = {"actors": [], "mentions": [], "quotes": [], "events": []}
    for x in payload["actors"]:
        mentions = x.get("mentions") or []
        out["actors"].append(_row("actors", {
            "article_id": aid, "local_id": x["id"], "name": x["name"], "type": x["type"],
            "titles": list(x.get("titles") or []), "country": x.get("country"), "sector": x.get("sector"),
            "n_mentions": len(mentions), "published_date": pd,
        }))
        for s, e in mentions:
            out["mentions"].append(_row("mentions", {
                "article_id": aid, "local_id": x["id"], "start": s, "end": e, "text": body[s:e], "published_date": pd,
            }))
    for q in payload["quotes"]:
        sp, cue, via = q.get("speaker") or {}, q.get("cue") or {}, q.get("via") or {}
        s0, s1 = _span(sp.get("span"))
        c0, c1 = _span(cue.get("span"))
        out["quotes"].append(_row("quotes", {
            "article_id": aid, "local_id": q["id"], "kind": q["kind"], "text": q["text"],
            "start": q["span"][0], "end": q["span"][1], "parts": q.get("parts") or None,
            "speaker_local": sp.get("actor"), "speaker_name": sp.get("text"), "speaker_text": sp.get("text"),
            "speaker_start": s0, "speaker_end": s1, "cue_text": cue.get("text"), "cue_start": c0, "cue_end": c1,
            "via_local": via.get("actor"), "via_text": via.get("text"), "published_date": pd,
        }))
    for e in payload["events"]:
        out["events"].append(_event_row(a, e))
    return out


def _event_row(a: dict, e: dict) -> dict:
    src, tgt, place = e.get("source") or {}, e.get("target") or {}, e.get("place") or {}
    pd = a["published_date"]
    return _row("events", {
        "article_id": a["id"], "local_id": e["id"], "story_id": a["story_id"], "type": e["type"],
        "mode": e.get("mode"), "cameo": e["cameo"], "quad_class": e.get("quad_class"),
        "goldstein": e.get("goldstein"),
        "source_local": src.get("actor"), "source_name": src.get("text"), "source_text": src.get("text"),
        "source_country": src.get("country"), "source_sector": src.get("sector"),
        "target_local": tgt.get("actor"), "target_name": tgt.get("text"), "target_text": tgt.get("text"),
        "target_country": tgt.get("country"), "target_sector": tgt.get("sector"),
        "date": e.get("date"), "date_text": e.get("date_text"), "date_precision": e.get("date_precision"),
        "date_basis": e.get("date_basis"), "day": day_of(e.get("date")),
        "place_name": place.get("name"), "place_country": place.get("country"),
        "lat": place.get("lat"), "lon": place.get("lon"), "negated": bool(e.get("negated")),
        "modality": e.get("modality") or "asserted", "evidence_start": e["evidence"]["span"][0],
        "evidence_end": e["evidence"]["span"][1], "evidence_text": e["evidence"]["text"],
        "fingerprint": fingerprint(e), "published_date": pd,
    })
