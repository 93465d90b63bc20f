"""What every reader shares: the run context, where an input came from, and small helpers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from dateline.config import Config
from dateline.errors import CODES, DatelineError
from dateline.types import FailedInput, InputRef

HEAD_BYTES = 65536  # how much of an input is looked at to tell its format


@dataclass
class Ctx:
    """One ``iter_inputs`` run: the config, the --published override, a shared HTTP client."""

    config: Config
    published: str | None = None
    seen: set[str] = field(default_factory=set)  # resolved paths already read in this run
    make_client: Callable[[Config], object] | None = None  # ingest.http.make_client, given by the caller
    _client: object | None = None

    def client(self):
        if self._client is None:
            if self.make_client is None:
                raise DatelineError("E112", "this run reads no URLs")
            self._client = self.make_client(self.config)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


@dataclass(frozen=True)
class Origin:
    """An input as the user gave it (``path`` or ``url``) plus what reading it told us."""

    path: str | None = None  # local path as given ("-" for stdin)
    url: str | None = None  # URL as given
    name: str = ""  # file name (or last URL path segment), for extension hints
    content_type: str | None = None  # HTTP Content-Type, when fetched
    doc_url: str | None = None  # the document's own URL (after redirects)
    fetched_at: str | None = None

    def ref(self, fmt: str, record: str | None = None) -> InputRef:
        return safe_ref(InputRef(path=self.path, url=self.url, format=fmt, record=record))


def now_iso() -> str:
    """The current time in UTC, ISO 8601 with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_published(value: str) -> str:
    """A publication date a user gives (``--published``, the API's ``published``): ``YYYY-MM-DD`` (a real
    day) or an ISO 8601 datetime, returned as given; E501 for anything else (``9999-99-99``)."""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value
    except (TypeError, ValueError) as exc:
        raise DatelineError("E501", f"{printable(value)!r} is not an ISO 8601 date (YYYY-MM-DD) or datetime") from exc


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host or None


def is_http_url(s: str | None) -> bool:
    return bool(s) and s.lower().startswith(("http://", "https://"))


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(s: str) -> str | None:
    """Where ``s`` holds a lone UTF-16 surrogate (a JSON escape such as \\ud800 or a character reference
    such as &#55296; decodes to one): "\\ud800 at character 4", else None. Such text cannot be encoded
    as UTF-8, so it cannot be stored or printed."""
    m = _SURROGATE.search(s)
    return f"{m.group().encode('unicode_escape').decode('ascii')} at character {m.start()}" if m else None


def _escape(m: re.Match) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape (file names)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(s: str | None) -> str | None:
    """``s`` with lone surrogates written as escapes (``\\ud800``; ``\\xff`` for a byte of a file name that
    is not UTF-8), so a message, a path or an id naming them can be printed, stored and sent as JSON."""
    if s is None or not _SURROGATE.search(s):
        return s
    return _SURROGATE.sub(_escape, s)


def safe_ref(ref: InputRef) -> InputRef:
    """``ref`` with its path, URL and record id printable."""
    if not any(v is not None and _SURROGATE.search(v) for v in (ref.path, ref.url, ref.record)):
        return ref
    return InputRef(path=printable(ref.path), url=printable(ref.url), format=ref.format, record=printable(ref.record))


def failed(ref: InputRef, code: str, message: str, sha256: str | None = None) -> FailedInput:
    """A FailedInput carrying the standard hint for its code (lone surrogates in the message or the
    record's id or path are escaped: the failure itself must always print and store)."""
    return FailedInput(input=safe_ref(ref), code=code, message=printable(message), hint=CODES[code][1], sha256=sha256)


def human_bytes(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover
