"""Fetching http(s) URLs with httpx: timeouts, redirects, a size limit, a user agent.

The body is streamed and the download stops as soon as it passes
``config.max_input_bytes`` (E105); a Content-Length over the limit fails before any
body byte is read. ``config.http_timeout`` bounds each network wait *and* the whole
download, so a server trickling bytes cannot hold a run. Errors: unreachable, refused
or timed out -> E110; status >= 400 or too many redirects -> E111; not http(s) -> E112.

``make_client(config, guarded=True)`` is the client of fetches made for someone else (the API's URL
ingest): it refuses private addresses on every hop (``dateline.ingest.guard``, E114).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.ingest.common import human_bytes, now_iso
from dateline.ingest.guard import guarded_transport

_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.9,*/*;q=0.5"
)


@dataclass(frozen=True)
class Fetched:
    url: str  # final URL, after redirects
    status: int
    content_type: str | None
    body: bytes
    fetched_at: str


def make_client(config: Config, guarded: bool = False) -> httpx.Client:
    transport = None
    if guarded:
        transport = guarded_transport(config)
    return httpx.Client(
        transport=transport,
        follow_redirects=True,
        max_redirects=config.http_max_redirects,
        timeout=httpx.Timeout(config.http_timeout),
        headers={"User-Agent": config.user_agent, "Accept": _ACCEPT},
    )


def fetch(url: str, client: httpx.Client, config: Config) -> Fetched:
    """GET ``url``; raises DatelineError (E105, E110, E111, E112) instead of httpx errors."""
    limit = config.max_input_bytes
    deadline = time.monotonic() + config.http_timeout
    try:
        with client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise DatelineError("E111", f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise DatelineError(
                    "E105", f"the body is {human_bytes(int(declared))}, over the limit of {human_bytes(limit)}"
                )
            chunks: list[bytes] = []
            total = 0
            for chunk in resp.iter_bytes():
                total += len(chunk)
                if total > limit:
                    raise DatelineError("E105", f"the body passed the limit of {human_bytes(limit)}; download stopped")
                if time.monotonic() > deadline:
                    raise DatelineError("E110", f"the download took longer than {config.http_timeout:g} s")
                chunks.append(chunk)
            return Fetched(
                url=str(resp.url),
                status=resp.status_code,
                content_type=resp.headers.get("content-type"),
                body=b"".join(chunks),
                fetched_at=now_iso(),
            )
    except httpx.TooManyRedirects as exc:
        raise DatelineError("E111", f"more than {config.http_max_redirects} redirects") from exc
    except httpx.TimeoutException as exc:
        raise DatelineError("E110", f"timed out after {config.http_timeout:g} s") from exc
    except httpx.DecodingError as exc:
        raise DatelineError("E104", f"the compressed response body is corrupt ({exc})") from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise DatelineError("E112", f"not a valid URL ({exc})") from exc
    except httpx.TransportError as exc:
        raise DatelineError("E110", f"{type(exc).__name__}: {exc or 'connection failed'}") from exc
