"""Watches in the store (migration 0004_watches): create, read, list, remove; marks and deliveries.

A mark is, per watch and channel, the highest ``rowid`` of events, quotes and articles that
channel has delivered. SQLite hands out rowids in commit order (one writer at a time), so
"rowid > mark" is exactly "stored after the last delivery". Marks move only in
``finish_delivery(ok=True)``, in the same transaction that logs the delivery.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dateline.errors import DatelineError
from dateline.query.store import conn_of
from dateline.store.db import utcnow
from dateline.watch.models import Watch, check_email, check_name, check_webhook, kind_of, normalize_filters

CHANNELS = ("email", "webhook")
LEASE = timedelta(minutes=15)  # a 'sending' row older than this is a crashed run, not a live one


@dataclass(frozen=True)
class Marks:
    event: int = 0
    quote: int = 0
    article: int = 0

    def as_list(self) -> list[int]:
        return [self.event, self.quote, self.article]

    def max(self, other: Marks) -> Marks:
        return Marks(max(self.event, other.event), max(self.quote, other.quote), max(self.article, other.article))


def _row_to_watch(r) -> Watch:
    return Watch(
        id=r["id"], name=r["name"], filters=json.loads(r["filters"] or "{}"),
        emails=tuple(json.loads(r["emails"] or "[]")), webhook=r["webhook"], created=r["created_at"],
        secret=r["secret"],
    )


def current_marks(store) -> Marks:
    """The highest rowids in the store now: everything up to here exists."""
    conn = conn_of(store)
    return Marks(*(conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {t}").fetchone()[0]
                   for t in ("events", "quotes", "articles")))


def add_watch(store, name: str, filters: dict, emails=(), webhook: str | None = None, secret: str | None = None,
              start: str = "all", replace: bool = False) -> Watch:
    """Save a watch. ``start="all"``: its first digest covers what the store already holds;
    ``"now"``: only what is stored from now on. ``replace`` overwrites a watch of that name
    (and forgets its marks). The webhook secret is generated unless given."""
    name = check_name(name)
    filters = normalize_filters(filters)
    emails = tuple(dict.fromkeys(check_email(e) for e in emails or ()))
    webhook = check_webhook(webhook)
    if start not in ("all", "now"):
        raise DatelineError("E501", f"bad start {start!r}: use all or now")
    secret = secret or secrets.token_hex(32)
    if len(secret) < 16:
        raise DatelineError("E501", "a webhook secret needs at least 16 characters")
    begin = current_marks(store) if start == "now" else Marks()
    with store.transaction() as conn:
        old = conn.execute("SELECT id FROM watches WHERE name = ?", (name,)).fetchone()
        if old is not None:
            if not replace:
                raise DatelineError("E501", f"a watch named {name!r} exists",
                                    "pick another name, or remove it first: `dateline watch rm NAME`")
            conn.execute("DELETE FROM watches WHERE id = ?", (old[0],))
        conn.execute(
            "INSERT INTO watches(name, kind, filters, emails, webhook, secret, start_event, start_quote, "
            "start_article, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (name, kind_of(filters), json.dumps(filters, ensure_ascii=False), json.dumps(list(emails)), webhook,
             secret, begin.event, begin.quote, begin.article, utcnow()),
        )
    return get_watch(store, name)


def get_watch(store, name: str) -> Watch:
    row = conn_of(store).execute("SELECT * FROM watches WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise DatelineError("E402", f"no watch named {name!r}", "`dateline watch list` shows the watches")
    return _row_to_watch(row)


def list_watches(store) -> list[Watch]:
    return [_row_to_watch(r) for r in conn_of(store).execute("SELECT * FROM watches ORDER BY name")]


def remove_watch(store, name: str) -> bool:
    """Delete a watch with its marks and delivery log. False when there was none."""
    with store.transaction() as conn:
        cur = conn.execute("DELETE FROM watches WHERE name = ?", (name,))
    return cur.rowcount > 0


def marks(store, watch: Watch, channel: str) -> Marks:
    conn = conn_of(store)
    row = conn.execute("SELECT event_rowid, quote_rowid, article_rowid FROM watch_marks WHERE watch_id = ? AND "
                       "channel = ?", (watch.id, channel)).fetchone()
    if row is not None:
        return Marks(*row)
    row = conn.execute("SELECT start_event, start_quote, start_article FROM watches WHERE id = ?",
                       (watch.id,)).fetchone()
    return Marks(*row) if row else Marks()


def begin_delivery(store, watch: Watch, channel: str, target: str) -> int:
    """Log a delivery as 'sending': a lease taken *before* the marks are read, so two overlapping
    runs never both send the same items (the second is refused until the first finishes)."""
    now = datetime.now(UTC)
    stale = (now - LEASE).strftime("%Y-%m-%dT%H:%M:%SZ")
    with store.transaction() as conn:
        busy = conn.execute(
            "SELECT started_at FROM watch_deliveries WHERE watch_id = ? AND channel = ? AND status = 'sending' "
            "AND started_at > ?", (watch.id, channel, stale)).fetchone()
        if busy:
            until = (datetime.strptime(busy[0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) + LEASE)
            raise DatelineError("E501", f"a digest of {watch.name!r} ({channel}) is being sent since {busy[0]}",
                                f"wait for that run to finish; if it was killed, its lease expires at "
                                f"{until.strftime('%Y-%m-%dT%H:%M:%SZ')} and the next digest sends these items")
        conn.execute("UPDATE watch_deliveries SET status = 'failed', error = 'interrupted (lease expired)' "
                     "WHERE watch_id = ? AND channel = ? AND status = 'sending'", (watch.id, channel))
        cur = conn.execute(
            "INSERT INTO watch_deliveries(watch_id, channel, target, status, started_at) "
            "VALUES (?, ?, ?, 'sending', ?) RETURNING id",
            (watch.id, channel, target, now.strftime("%Y-%m-%dT%H:%M:%SZ")))
        return cur.fetchone()[0]


def finish_delivery(store, watch: Watch, delivery_id: int, channel: str, status: str, before: Marks,
                    after: Marks | None = None, counts: tuple[int, int, int] = (0, 0, 0),
                    message_id: str | None = None, error: str | None = None) -> None:
    """Close a delivery. ``status``: ``ok`` (sent: the channel's mark moves to ``after`` in this same
    transaction), ``failed`` (the mark stays), or ``empty`` (nothing was new: the log row is
    dropped and the mark moves to ``after``, past rows that matched nothing)."""
    now = utcnow()
    with store.transaction() as conn:
        if status == "empty":
            conn.execute("DELETE FROM watch_deliveries WHERE id = ?", (delivery_id,))
        else:
            conn.execute(
                "UPDATE watch_deliveries SET status = ?, finished_at = ?, n_events = ?, n_quotes = ?, "
                "n_articles = ?, from_marks = ?, to_marks = ?, message_id = ?, error = ? WHERE id = ?",
                (status, now, *counts, json.dumps(before.as_list()),
                 json.dumps(after.as_list()) if status == "ok" and after else None, message_id, error,
                 delivery_id),
            )
        if status in ("ok", "empty") and after is not None:
            conn.execute(
                "INSERT INTO watch_marks(watch_id, channel, event_rowid, quote_rowid, article_rowid, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(watch_id, channel) DO UPDATE SET "
                "event_rowid = excluded.event_rowid, quote_rowid = excluded.quote_rowid, "
                "article_rowid = excluded.article_rowid, updated_at = excluded.updated_at",
                (watch.id, channel, after.event, after.quote, after.article, now),
            )


def deliveries(store, watch: Watch, limit: int = 20) -> list[dict]:
    """The watch's latest deliveries, newest first."""
    rows = conn_of(store).execute(
        "SELECT id, channel, target, status, started_at, finished_at, n_events, n_quotes, n_articles, message_id, "
        "error FROM watch_deliveries WHERE watch_id = ? ORDER BY id DESC LIMIT ?", (watch.id, int(limit)))
    return [dict(r) for r in rows]


def last_sent(store, watch: Watch) -> dict[str, str | None]:
    """Per channel, when the last successful delivery finished (None: never)."""
    out: dict[str, str | None] = {c: None for c in CHANNELS}
    for ch, at in conn_of(store).execute(
            "SELECT channel, max(finished_at) FROM watch_deliveries WHERE watch_id = ? AND status = 'ok' "
            "GROUP BY channel", (watch.id,)):
        out[ch] = at
    return out
