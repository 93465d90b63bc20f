"""Corrections: set a stored article's publication date and re-date its events from their own words.

``redate(store, article_id, published=None, config=None)`` parses the stored body again, finds
each event's trigger by its stored span (else the head of its evidence sentence) and reads the
event's date with ``dateline.extract.time.event_time`` against the article's date — the new one
when ``published`` is given, which is then written to the article, its events, its quotes and
its story. Only dates change (``date``, ``date_text``, ``date_precision``, ``date_basis`` and the
event fingerprint); actors, quotes and events stay as stored. One article, one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateline.errors import DatelineError
from dateline.extract.time import base_date, event_time
from dateline.nlp.pipeline import get_nlp
from dateline.store import dialect


@dataclass(frozen=True)
class Redated:
    article_id: str
    published: str | None
    events: int  # events read
    changed: int  # events whose date changed


def check_published(value: str) -> str:
    """An ISO date or datetime for ``--published`` (E501 otherwise)."""
    v = (value or "").strip()
    try:
        if len(v) == 10:
            return dt.date.fromisoformat(v).isoformat()
        dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
        return v
    except ValueError as exc:
        raise DatelineError("E501", f"bad publication date {value!r}: use YYYY-MM-DD or an ISO 8601 datetime") from exc


def resolve_article(conn, ident: str) -> str:
    """The article id for a full id or a unique prefix (E402 when none or several match)."""
    ident = (ident or "").strip()
    rows = conn.execute("SELECT id FROM articles WHERE id = ? OR id LIKE ? LIMIT 2",
                        (ident, ident.replace("%", "").replace("_", "") + "%")).fetchall()
    exact = [r[0] for r in rows if r[0] == ident]
    if exact:
        return exact[0]
    if len(rows) != 1:
        raise DatelineError("E402", f"no article {ident!r}" if not rows else f"article id {ident!r} is ambiguous",
                            "give the article's id (or a longer prefix) as `dateline articles` lists it")
    return rows[0][0]


def _trigger_token(doc, row):
    start, end = row["trigger_start"], row["trigger_end"]
    if start is not None and end is not None and end <= len(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            return span.root, {t.i for t in span}
    start, end = row["evidence_start"], min(row["evidence_end"], len(doc.text))
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None or not len(span):
        return None, set()
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.head not in span)]
    tok = verbs[0] if verbs else span.root
    return tok, {tok.i}


def _dates(doc, events, base, dl_end: int) -> dict[str, tuple]:
    out = {}
    for row in events:
        tok, anchors = _trigger_token(doc, row)
        if tok is None:
            continue
        when = event_time(tok, anchors, tok.sent, None, base, dl_end)
        out[row["local_id"]] = (when.date, when.date_text, when.precision, when.basis)
    return out


def redate(store, article_id: str, published: str | None = None, config=None) -> Redated:
    """Re-date one article's events (setting its publication date first when ``published`` is given)."""
    conn = store.conn
    art = conn.execute("SELECT id, body, published, dateline_date, dateline_end, story_id FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    if art is None:
        raise DatelineError("E402", f"no article {article_id!r}")
    new_pub = check_published(published) if published is not None else art["published"]
    events = conn.execute("SELECT local_id, trigger_start, trigger_end, evidence_start, evidence_end, date, "
                          "date_text, date_precision, date_basis, fingerprint FROM events WHERE article_id = ? "
                          "ORDER BY rowid", (article_id,)).fetchall()
    dates = {}
    if events:
        max_chars = getattr(config, "nlp_max_chars", None) or len(art["body"])
        doc = get_nlp(getattr(config, "model", "auto"))(art["body"][:max_chars])
        dates = _dates(doc, events, base_date(new_pub, art["dateline_date"]), art["dateline_end"] or 0)
    changed = 0
    try:
        with store.transaction() as tx:
            if published is not None:
                _set_published(tx, art, new_pub)
            for row in events:
                new = dates.get(row["local_id"])
                if new is None or new == (row["date"], row["date_text"], row["date_precision"], row["date_basis"]):
                    continue
                changed += 1
                fp = row["fingerprint"]
                if fp and row["date"] and fp.endswith("|" + row["date"]):
                    fp = fp[: -len(row["date"])] + (new[0] or "")
                tx.execute("UPDATE events SET date = ?, date_text = ?, date_precision = ?, date_basis = ?, "
                           "fingerprint = ? WHERE article_id = ? AND local_id = ?",
                           (*new, fp, article_id, row["local_id"]))
    except dialect.errors() as exc:
        raise DatelineError("E400", f"re-dating article {article_id}: {exc}") from exc
    return Redated(article_id, new_pub, len(events), changed)


def _set_published(tx, art, published: str) -> None:
    aid = art["id"]
    tx.execute("UPDATE articles SET published = ? WHERE id = ?", (published, aid))
    tx.execute("UPDATE events SET published = ? WHERE article_id = ?", (published, aid))
    tx.execute("UPDATE quotes SET published = ? WHERE article_id = ?", (published, aid))
    if art["story_id"]:
        tx.execute("UPDATE stories SET first_published = (SELECT min(published) FROM articles WHERE story_id = ?), "
                   "last_published = (SELECT max(published) FROM articles WHERE story_id = ?) WHERE id = ?",
                   (art["story_id"], art["story_id"], art["story_id"]))


def extracted_articles(conn) -> list[str]:
    """Every article holding events (the canonical articles that were extracted)."""
    return [r[0] for r in conn.execute("SELECT DISTINCT article_id FROM events ORDER BY article_id")]
