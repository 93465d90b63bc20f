"""A watch: a name, saved queries over the store (the filters of ``dateline events`` /
``quotes`` / ``search``), recipients and when it was made.

``filters`` holds one entry per query the watch runs, keyed by kind:

* ``"events"``: an ``EventFilter`` as a dict (``{}`` = every event);
* ``"quotes"``: a ``QuoteFilter`` as a dict;
* ``"search"``: ``{"query": TEXT, "type", "country", "since", "until"}`` (the search facets).

``kind`` is the kinds joined by ``+`` in that order (``events+quotes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from dateline.errors import DatelineError
from dateline.query.filters import EventFilter, QuoteFilter, parse_day
from dateline.query.fts import fts_query

KINDS = ("events", "quotes", "search")
NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# a pragmatic address check (RFC 5322 allows more; SMTP servers reject what they must)
EMAIL = re.compile(r"^[^@\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")
SEARCH_FIELDS = ("query", "type", "country", "since", "until")


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.match(name):
        raise DatelineError("E501", f"bad watch name {name!r}: use 1-64 letters, digits, '_' or '-'")
    return name


def check_email(addr: str) -> str:
    a = str(addr).strip()
    if not EMAIL.match(a):
        raise DatelineError("E501", f"bad email address {addr!r}")
    return a


def check_webhook(url: str | None) -> str | None:
    if url is None or str(url).strip() == "":
        return None
    u = str(url).strip()
    parts = urlsplit(u)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DatelineError("E501", f"bad webhook URL {url!r}: use an http(s):// URL")
    return u


def normalize_filters(filters: dict[str, Any]) -> dict[str, dict]:
    """Validate and normalise ``filters`` (see the module doc); raises E501 on anything wrong."""
    if not isinstance(filters, dict) or not filters:
        raise DatelineError("E501", "a watch needs at least one query: events, quotes or search")
    unknown = set(filters) - set(KINDS)
    if unknown:
        raise DatelineError("E501", f"unknown watch kind(s) {', '.join(sorted(unknown))}: use events, quotes, search")
    out: dict[str, dict] = {}
    for kind in KINDS:
        if kind not in filters:
            continue
        value = filters[kind] or {}
        if not isinstance(value, dict):
            raise DatelineError("E501", f"the {kind} filters must be an object")
        if kind == "events":
            out[kind] = EventFilter.from_dict(value).to_dict()
        elif kind == "quotes":
            out[kind] = QuoteFilter.from_dict(value).to_dict()
        else:
            out[kind] = search_filter(value)
    return out


def search_filter(value: dict) -> dict:
    unknown = set(value) - set(SEARCH_FIELDS)
    if unknown:
        raise DatelineError("E501", f"unknown search filter field(s): {', '.join(sorted(unknown))}")
    q = str(value.get("query") or "").strip()
    if not q:
        raise DatelineError("E501", "a search watch needs a query")

    if fts_query(q) is None:
        raise DatelineError("E501", f"the search query {q!r} holds no searchable word")
    # the event filter validates and normalises type / country exactly as `dateline search` does
    ef = EventFilter(type=value.get("type"), country=value.get("country"))
    out = {"query": q}
    if ef.type:
        out["type"] = ef.type
    if ef.country:
        out["country"] = ef.country
    if value.get("since"):
        out["since"] = parse_day(value["since"])
    if value.get("until"):
        out["until"] = parse_day(value["until"], end=True)
    return out


def kind_of(filters: dict) -> str:
    return "+".join(k for k in KINDS if k in filters)


@dataclass(frozen=True)
class Watch:
    name: str
    filters: dict[str, dict]
    emails: tuple[str, ...] = ()
    webhook: str | None = None
    created: str | None = None
    id: int | None = None
    secret: str | None = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        return kind_of(self.filters)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in KINDS if k in self.filters)

    def event_filter(self) -> EventFilter | None:
        return EventFilter.from_dict(self.filters["events"]) if "events" in self.filters else None

    def quote_filter(self) -> QuoteFilter | None:
        return QuoteFilter.from_dict(self.filters["quotes"]) if "quotes" in self.filters else None

    def channels(self) -> tuple[str, ...]:
        return (("email",) if self.emails else ()) + (("webhook",) if self.webhook else ())

    def describe(self) -> str:
        """One line saying what the watch selects, e.g. ``events actor=Russia; quotes speaker=Ryabkov``."""
        parts = []
        for kind in self.kinds:
            f = self.filters[kind]
            terms = " ".join(f"{k}={v}" for k, v in f.items()) or "all"
            parts.append(f"{kind} {terms}")
        return "; ".join(parts)

    def to_json(self, secret: bool = False, mask: bool = False) -> dict:
        d = {
            "name": self.name, "kind": self.kind, "filters": self.filters,
            "emails": [mask_email(e) for e in self.emails] if mask else list(self.emails),
            "webhook": (mask_url(self.webhook) if mask else self.webhook),
            "created": self.created, "description": self.describe(),
        }
        if secret:
            d["secret"] = self.secret
        return d


def mask_email(addr: str) -> str:
    """``r***@example.org``: enough to recognise, not to harvest (the watch page is public)."""
    local, _, domain = addr.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_url(url: str | None) -> str | None:
    if not url:
        return None
    p = urlsplit(url)
    return f"{p.scheme}://{p.hostname}{':' + str(p.port) if p.port else ''}/…"
