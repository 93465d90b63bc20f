"""ASGI middleware: trusted Host headers, bounded request bodies and defensive response headers."""

from __future__ import annotations

import json
import time

from starlette.exceptions import HTTPException

from dateline.errors import CODES

# Content-Security-Policy for every response: scripts only from our own static files (no inline
# script, no eval), no plugins, no framing. Inline *styles* are allowed: the graph library sets them. Article text is escaped by the templates; this is the
# second line of defence should an escaping bug ever slip through.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


class BodySizeLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413, before the app reads them.

    Checks ``Content-Length`` up front and counts chunked bodies as they stream in.
    """

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _reject(send, 400, "bad Content-Length header")
                    return
                if declared > self.max_bytes:
                    await _reject(send, 413, f"request body larger than {self.max_bytes} bytes")
                    return
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _reject(send, 413, f"request body larger than {self.max_bytes} bytes")


class _TooLarge(HTTPException):
    """Raised from ``receive``; an HTTPException so the framework's body parser re-raises it as 413."""

    def __init__(self, max_bytes: int):
        super().__init__(413, f"request body larger than {max_bytes} bytes")


class TrustedHosts:
    """Refuse (400, E509) a request whose ``Host`` header names a host the server does not serve
    (``dateline.api.links.HostPolicy``): links are then never built from a forged Host, and a page
    on another site cannot reach a server on 127.0.0.1 through DNS rebinding."""

    def __init__(self, app, policy):
        self.app = app
        self.policy = policy

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        hosts = [v for k, v in scope.get("headers", []) if k == b"host"]
        host = hosts[0].decode("latin-1") if len(hosts) == 1 else None
        if len(hosts) > 1 or not self.policy.allows(host):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            shown = (host or "several Host headers")[:100]
            await _reject(send, 400, f"host {shown!r} is not served here", code="E509")
            return
        await self.app(scope, receive, send)


async def _reject(send, status: int, message: str, code: str = "E504") -> None:
    hint = "send a smaller request" if code == "E504" else CODES[code][1]
    body = json.dumps({"error": {"code": code, "message": message, "hint": hint}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class ResponseHeaders:
    """Every HTTP response gets the security headers (CSP, nosniff, referrer, framing; a header the
    app set itself wins) and ``Server-Timing: app;dur=<ms>``: the time the app spent on the request
    (its waits for a thread or a connection included, the socket and HTTP parsing excluded), so a
    client can tell queueing from work. One wrapper of ``send`` for both, on every request."""

    SECURITY = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (b"content-security-policy", CSP.encode()),
    )

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.SECURITY if k not in present]
                headers.append((b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
