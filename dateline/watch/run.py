"""Run digests: for each watch and channel, take the lease, read the mark, build what is new,
deliver it, and move the mark only once the delivery succeeded.

Channels: ``email`` (the watch's addresses over SMTP, or ``to_file``: the same message
written to an .eml file, e.g. for a mail system that picks files up) and ``webhook``.
A failure leaves that channel's mark where it was, so the next run sends the same items
again and nothing is skipped; items delivered by a channel are never sent by it twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dateline.config import Config
from dateline.errors import DatelineError, StoreError
from dateline.query.filters import parse_day
from dateline.watch import email as mail
from dateline.watch import webhook as hook
from dateline.watch.digest import Digest, build_digest
from dateline.watch.models import Watch
from dateline.watch.storage import Marks, begin_delivery, finish_delivery, marks

WEBHOOK_BATCH = 500  # items per POST; each part moves the mark on its own


@dataclass
class Outcome:
    watch: str
    channel: str
    status: str  # sent | empty | failed | busy (another run holds the lease) | skipped | preview
    counts: tuple[int, int, int] = (0, 0, 0)
    target: str | None = None
    detail: str | None = None
    error: DatelineError | None = None
    digest: Digest | None = field(default=None, repr=False)

    def line(self) -> str:
        n = ", ".join(f"{k} {w if k == 1 else w + 's'}" for k, w in zip(self.counts, ("event", "quote", "article"),
                                                                      strict=True))
        if self.status == "sent":
            return f"{self.watch} {self.channel}: sent {n} to {self.target}"
        if self.status == "failed":
            return f"{self.watch} {self.channel}: FAILED ({self.error.code} {self.error.message}); mark unchanged"
        if self.status == "busy":
            return f"{self.watch} {self.channel}: NOT SENT: {self.error.message} ({self.error.hint})"
        if self.status == "preview":
            return f"{self.watch} {self.channel}: would send {n} (preview: nothing recorded)"
        return f"{self.watch} {self.channel}: {self.detail or self.status}"


def stored_since(since: str | None) -> str | None:
    """``--since``: None for ``last``, else the day (YYYY-MM-DD, 7d, yesterday ...) as a stored-at bound."""
    if since is None or since == "last":
        return None
    if isinstance(since, datetime):
        return since.strftime("%Y-%m-%dT%H:%M:%SZ")
    return parse_day(since)


def _range(store, watch: Watch, channel: str, config: Config, since: str | None) -> Digest:
    before = marks(store, watch, channel)
    return build_digest(store, watch, config, before, since=since or "last", stored_since=stored_since(since))


def run_watch(store, watch: Watch, config: Config, *, since: str | None = None, smtp: str | None = None,
              to_file: str | Path | None = None, channels: tuple[str, ...] | None = None, preview: bool = False,
              webhook_retries: int | None = None, webhook_backoff: float | None = None) -> list[Outcome]:
    """Deliver the watch's digest on each of its channels (or only ``channels``)."""
    wanted = channels or ("email", "webhook")
    out: list[Outcome] = []
    if "email" in wanted:
        if to_file or watch.emails or preview:
            out.append(_email(store, watch, config, since, smtp, to_file, preview))
        elif channels:
            out.append(Outcome(watch.name, "email", "skipped", detail="no email recipients (add --email or use --to-file)"))
    if "webhook" in wanted:
        if watch.webhook:
            retries = int(config.webhook_retries if webhook_retries is None else webhook_retries)
            backoff = float(config.webhook_backoff if webhook_backoff is None else webhook_backoff)
            out.append(_webhook(store, watch, config, since, preview, retries, backoff))
        elif channels:
            out.append(Outcome(watch.name, "webhook", "skipped", detail="no webhook configured"))
    if not out:
        out.append(Outcome(watch.name, "-", "skipped", detail="no recipients: add --email ADDR or --webhook URL, "
                                                            "or write the digest with --to-file"))
    return out


def _email(store, watch, config, since, smtp, to_file, preview) -> Outcome:
    target = str(to_file) if to_file else ", ".join(watch.emails)
    if preview:
        d = _range(store, watch, "email", config, since)
        return Outcome(watch.name, "email", "empty" if d.empty else "preview", d.counts, target,
                       detail="nothing new", digest=d)
    try:
        delivery = begin_delivery(store, watch, "email", target)
    except StoreError:  # the database failed: not a lease held by another run
        raise
    except DatelineError as exc:  # another run holds the lease (or held it, and was killed)
        return Outcome(watch.name, "email", "busy", target=target, detail=exc.message, error=exc)
    d = None
    try:
        d = _range(store, watch, "email", config, since)
        if d.empty:
            finish_delivery(store, watch, delivery, "email", "empty", d.before, d.after)
            return Outcome(watch.name, "email", "empty", target=target, detail="nothing new", digest=d)
        msg = mail.build_message(d, config, list(watch.emails))
        if to_file:
            mail.write(msg, to_file)
        else:
            mail.send(msg, config, smtp=smtp)
    except DatelineError as exc:
        finish_delivery(store, watch, delivery, "email", "failed", d.before if d else Marks(),
                        counts=d.counts if d else (0, 0, 0), error=str(exc))
        return Outcome(watch.name, "email", "failed", d.counts if d else (0, 0, 0), target, error=exc, digest=d)
    except BaseException as exc:  # never leave the lease dangling on an unexpected error or ^C
        finish_delivery(store, watch, delivery, "email", "failed", d.before if d else Marks(),
                        error=f"{type(exc).__name__}: {exc}")
        raise
    finish_delivery(store, watch, delivery, "email", "ok", d.before, d.after, d.counts, msg["Message-ID"])
    return Outcome(watch.name, "email", "sent", d.counts, target, detail=msg["Message-ID"], digest=d)


def _parts(d: Digest, size: int) -> list[tuple[list, list, list, Marks]]:
    """Split the digest into POST bodies of at most ``size`` items, each with the mark it earns."""
    seq = [("event", i) for i in d.events] + [("quote", i) for i in d.quotes] + [("article", i) for i in d.articles]
    out = []
    for k in range(0, len(seq), size):
        chunk = seq[k:k + size]
        done = seq[:k + size]
        final = k + size >= len(seq)
        m = {}
        for kind in ("event", "quote", "article"):
            if final:
                m[kind] = getattr(d.after, kind)
                continue
            remaining = [i for t, i in seq[k + size:] if t == kind]
            sent = [i for t, i in done if t == kind]
            # a kind finished in this part earns the digest's end mark; one still in flight the last rowid sent
            m[kind] = getattr(d.after, kind) if not remaining else (sent[-1]["rowid"] if sent else
                                                                    getattr(d.before, kind))
        out.append(([i for t, i in chunk if t == "event"], [i for t, i in chunk if t == "quote"],
                    [i for t, i in chunk if t == "article"], Marks(m["event"], m["quote"], m["article"])))
    return out


def _webhook(store, watch, config, since, preview, retries, backoff) -> Outcome:
    target = watch.webhook
    if preview:
        d = _range(store, watch, "webhook", config, since)
        return Outcome(watch.name, "webhook", "empty" if d.empty else "preview", d.counts, target,
                       detail="nothing new", digest=d)
    try:
        delivery = begin_delivery(store, watch, "webhook", target)
    except StoreError:  # the database failed: not a lease held by another run
        raise
    except DatelineError as exc:  # another run holds the lease (or held it, and was killed)
        return Outcome(watch.name, "webhook", "busy", target=target, detail=exc.message, error=exc)
    d = None
    sent = [0, 0, 0]
    try:
        d = _range(store, watch, "webhook", config, since)
        if d.empty:
            finish_delivery(store, watch, delivery, "webhook", "empty", d.before, d.after)
            return Outcome(watch.name, "webhook", "empty", target=target, detail="nothing new", digest=d)
        parts = _parts(d, WEBHOOK_BATCH)
        before = d.before
        for n, (evs, qts, arts, after) in enumerate(parts):
            if n:  # each further part is its own logged delivery
                delivery = begin_delivery(store, watch, "webhook", target)
            did = hook.delivery_id(d, n)
            body = hook.encode(hook.payload(d, evs, qts, arts, did, n + 1, len(parts)))
            counts = (len(evs), len(qts), len(arts))
            try:
                hook.post(target, body, watch.secret, watch=watch.name, delivery=did, retries=retries,
                          backoff=backoff, timeout=config.http_timeout, user_agent=config.user_agent,
                          policy=hook.FetchPolicy.from_config(config))
            except DatelineError as exc:
                finish_delivery(store, watch, delivery, "webhook", "failed", before, counts=counts, error=str(exc))
                return Outcome(watch.name, "webhook", "failed", tuple(sent), target, error=exc, digest=d)
            finish_delivery(store, watch, delivery, "webhook", "ok", before, after, counts, did)
            before = after
            sent = [a + b for a, b in zip(sent, counts, strict=True)]
    except DatelineError as exc:
        finish_delivery(store, watch, delivery, "webhook", "failed", d.before if d else Marks(), error=str(exc))
        return Outcome(watch.name, "webhook", "failed", tuple(sent), target, error=exc, digest=d)
    except BaseException as exc:
        finish_delivery(store, watch, delivery, "webhook", "failed", Marks(), error=f"{type(exc).__name__}: {exc}")
        raise
    return Outcome(watch.name, "webhook", "sent", tuple(sent), target, digest=d)
