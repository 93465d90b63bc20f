"""What every reader shares: the run context, where an input came from, and small helpers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from dateline.config import Config
from dateline.errors import CODES
from dateline.types import FailedInput, InputRef

HEAD_BYTES = 65536  # how much of an input is looked at to tell its format


@dataclass
class Ctx:
    """One ``iter_inputs`` run: the config, the --published override, a shared HTTP client."""

    config: Config
    published: str | None = None
    seen: set[str] = field(default_factory=set)  # resolved paths already read in this run
    _client: object | None = None

    def client(self):
        if self._client is None:
            from dateline.ingest.http import make_client

            self._client = make_client(self.config)
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
        return InputRef(path=self.path, url=self.url, format=fmt, record=record)


def now_iso() -> str:
    """The current time in UTC, ISO 8601 with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def failed(ref: InputRef, code: str, message: str, sha256: str | None = None) -> FailedInput:
    """A FailedInput carrying the standard hint for its code."""
    return FailedInput(input=ref, code=code, message=message, hint=CODES[code][1], sha256=sha256)


def human_bytes(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover
