"""Webhooks: the new items of a digest as a JSON POST, signed, retried with exponential backoff.

Request headers:

* ``Content-Type: application/json``
* ``X-Dateline-Signature: sha256=<hex>``: HMAC-SHA256 of the raw request body, keyed with
  the watch's secret (shown by ``dateline watch add`` / ``dateline watch secret NAME``);
* ``X-Dateline-Delivery``: an id that stays the same when a delivery is retried (dedupe on it);
* ``X-Dateline-Watch``: the watch name.

A receiver verifies with ``verify(secret, raw_body, header)`` (or the 4 lines in
docs/watches.md) before parsing the body. Any 2xx answer is success; 408, 429 and 5xx
answers and network errors are retried (``retries`` times, waiting ``backoff * 2**n``
seconds, or the server's ``Retry-After`` when it sends one, at most ``max_wait``); other
answers fail at once.

Every delivery connects through ``dateline.ingest.guard``: a webhook whose host resolves to a
loopback, private, link-local, multicast or reserved address is refused (E114, not retried),
unless the config allows it (``fetch_allow_private``, ``fetch_allow_cidrs``); redirects are not
followed. ``check_target`` refuses such a URL when a watch is saved.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable

import httpx

from dateline import __version__
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.ingest.guard import FetchPolicy, check_url, guarded_transport
from dateline.watch.digest import Digest
from dateline.watch.models import check_webhook

HEADER = "X-Dateline-Signature"
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
RETRY_HINT = "nothing was marked as delivered: the next `dateline digest` sends these items again"

EVENT_FIELDS = (
    "id", "kind", "article_id", "local_id", "type", "mode", "cameo", "quad_class", "goldstein", "source_actor",
    "source_name", "source_country", "target_actor", "target_name", "target_country", "date", "date_text", "day",
    "place_name", "modality", "negated", "asserted", "evidence_text", "evidence_start", "evidence_end", "sentence",
    "headline", "source_url", "published", "source", "site", "stored_at", "link",
)
QUOTE_FIELDS = (
    "id", "kind", "article_id", "local_id", "quote_kind", "text", "start", "end", "speaker_actor", "speaker_name",
    "speaker_text", "cue_text", "via_text", "day", "headline", "source_url", "published", "source", "site",
    "stored_at", "link",
)
ARTICLE_FIELDS = (
    "id", "kind", "article_id", "headline", "snippet", "highlights", "day", "source_url", "published", "source",
    "site", "stored_at", "link",
)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """True when ``header`` (the X-Dateline-Signature value) signs ``body`` with ``secret``."""
    if not header:
        return False
    return hmac.compare_digest(sign(secret, body), header.strip())


def delivery_id(d: Digest, part: int = 0) -> str:
    key = f"{d.watch.name}|webhook|{d.before.as_list()}|{d.after.as_list()}|{d.since}|{part}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def payload(d: Digest, events: list[dict], quotes: list[dict], articles: list[dict], delivery: str,
            part: int = 1, parts: int = 1) -> dict:
    def pick(items, names):
        return [{k: i.get(k) for k in names} for i in items]

    return {
        "schema": "dateline-watch/1", "watch": d.watch.name, "kind": d.watch.kind, "filters": d.watch.filters,
        "delivery": delivery, "part": part, "parts": parts, "generated_at": d.generated_at, "since": d.since,
        "feed": d.feed_url,
        "counts": {"events": len(events), "quotes": len(quotes), "articles": len(articles)},
        "events": pick(events, EVENT_FIELDS), "quotes": pick(quotes, QUOTE_FIELDS),
        "articles": pick(articles, ARTICLE_FIELDS),
    }


def encode(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _wait(resp: httpx.Response | None, attempt: int, backoff: float, max_wait: float) -> float:
    if resp is not None:
        ra = resp.headers.get("Retry-After", "")
        if ra.strip().isdigit():
            return min(float(ra), max_wait)
    return min(backoff * (2 ** attempt), max_wait)


def check_target(url: str | None, config: Config) -> None:
    """E114 when the webhook ``url`` resolves to an address deliveries would refuse (names that do not
    resolve yet pass: every delivery checks again)."""
    url = check_webhook(url)  # E501 for what is not an http(s) URL
    if url:
        check_url(url, FetchPolicy.from_config(config))


def post(url: str, body: bytes, secret: str, *, watch: str, delivery: str, retries: int = 5, backoff: float = 1.0,
         max_wait: float = 60.0, timeout: float = 20.0, user_agent: str | None = None,
         sleep: Callable[[float], None] = time.sleep, policy: FetchPolicy | None = None) -> int:
    """POST ``body`` to ``url``; returns the number of attempts it took. Raises E110/E111 when it failed,
    E114 when ``url`` leads to an address ``policy`` (default: public addresses only) refuses."""
    headers = {
        "Content-Type": "application/json", HEADER: sign(secret, body), "X-Dateline-Delivery": delivery,
        "X-Dateline-Watch": watch, "User-Agent": user_agent or f"dateline/{__version__}",
    }
    last: str = ""
    transport = guarded_transport(policy or FetchPolicy())
    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
        for attempt in range(retries + 1):
            resp = None
            try:
                resp = client.post(url, content=body, headers=headers)
            except DatelineError as exc:  # from the guard: E114 (refused: retrying cannot help) or E110
                if exc.code == "E114":
                    raise DatelineError(exc.code, f"webhook {url}: {exc.message}", exc.hint) from None
                last, code = exc.message, exc.code
            except httpx.HTTPError as exc:
                last = f"{type(exc).__name__}: {exc}"
                code = "E110"
            else:
                if 200 <= resp.status_code < 300:
                    return attempt + 1
                last = f"HTTP {resp.status_code}"
                code = "E111"
                if resp.status_code not in RETRY_STATUSES:
                    raise DatelineError(code, f"webhook {url} answered {last}", RETRY_HINT)
            if attempt < retries:
                sleep(_wait(resp, attempt, backoff, max_wait))
    raise DatelineError(code, f"webhook {url} failed after {retries + 1} attempts: {last}", RETRY_HINT)
