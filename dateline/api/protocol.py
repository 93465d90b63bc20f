"""The server's own limits on what a client may hold: header size and count, slow clients, idle
connections and concurrency (``uvicorn_options(config)``, used by ``dateline serve`` and its workers).

uvicorn's httptools protocol accepts request heads of any size (httptools buffers a header until it
ends) and never closes a connection that sends nothing, or sends a request one byte a minute.
``LimitedHttpTools`` (a subclass of it, from ``protocol_class(config)``) adds:

* ``max_header_bytes``: the request line and headers together; a head still incomplete past it, or
  complete but larger, is answered ``431`` (E507) and the connection closed;
* ``max_headers``: header fields per request (``431``, E507);
* ``header_timeout``: seconds from a connection's first byte (or from its opening, or the end of
  the previous response's keep-alive wait) until the request's headers are complete, else ``408``
  (E508) and closed: slowloris clients hold no connection for long;
* ``body_timeout``: seconds from the end of the headers until the body is complete (``408``).

``idle_timeout`` is uvicorn's keep-alive timeout and ``max_connections`` its ``limit_concurrency``
(connections or requests in progress beyond it get ``503``).
"""

from __future__ import annotations

import json

import httptools
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from dateline.config import Config
from dateline.errors import CODES


class _Refused(Exception):
    pass


class LimitedHttpTools(HttpToolsProtocol):
    """uvicorn's httptools protocol with head size and count limits and slow-client timeouts."""

    max_header_bytes = 32 * 1024
    max_headers = 100
    header_timeout = 10.0
    body_timeout = 60.0

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._timer = None
        self._refusal: tuple[int, str, str] | None = None
        self._start_head()
        self._arm(self.header_timeout, "the request's headers")

    # -- the request head ----------------------------------------------------------------------
    def _start_head(self) -> None:
        self._in_head, self._head_bytes, self._n_headers, self._head_size = True, 0, 0, 0

    def data_received(self, data: bytes) -> None:
        if self._refusal is not None:
            return
        if self._in_head and self._timer is None:  # the first byte of a request after a keep-alive wait
            self._arm(self.header_timeout, "the request's headers")
        super().data_received(data)
        # a head still incomplete after this read: httptools holds what it read of it so far
        if self._in_head and self._refusal is None:
            self._head_bytes += len(data)
            if self._head_bytes > self.max_header_bytes:
                self._refuse(431, "E507", f"request headers larger than {self.max_header_bytes} bytes")

    def on_message_begin(self) -> None:
        self._start_head()
        super().on_message_begin()

    def on_url(self, url: bytes) -> None:
        self._head_size += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._n_headers += 1
        self._head_size += len(name) + len(value) + 4
        if self._n_headers > self.max_headers:
            self._refusal = (431, "E507", f"more than {self.max_headers} request headers")
            raise _Refused()
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._head_size > self.max_header_bytes:
            self._refusal = (431, "E507", f"request headers larger than {self.max_header_bytes} bytes")
            raise _Refused()
        self._in_head = False
        self._arm(self.body_timeout, "the request's body")
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        self._start_head()  # the next request's head; its timer starts with its first byte
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        if self._refusal is not None:  # raised from a callback: httptools reports it as a parse error
            status, code, message = self._refusal
            self._refusal = None
            self._refuse(status, code, message)
            return
        self._disarm()
        super().send_400_response(msg)

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    # -- timers and answers ----------------------------------------------------------------------
    def _arm(self, seconds: float, what: str) -> None:
        self._disarm()
        self._timer = self.loop.call_later(seconds, self._too_slow, seconds, what)

    def _disarm(self) -> None:
        timer, self._timer = getattr(self, "_timer", None), None
        if timer is not None:
            timer.cancel()

    def _too_slow(self, seconds: float, what: str) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete and self._in_head:
            self.cycle.keep_alive = False  # a response is on its way: close after it, take no more
            self.flow.pause_reading()
            return
        self._refuse(408, "E508", f"{what} did not arrive within {seconds:g} s")

    def _refuse(self, status: int, code: str, message: str) -> None:
        """Answer ``status`` with the JSON error and close the connection."""
        self._disarm()
        self._refusal = (status, code, message)
        if self.cycle is not None and self.cycle.response_started and not self.cycle.response_complete:
            self.transport.close()  # the app has begun its answer: cut it
            return
        body = json.dumps({"error": {"code": code, "message": message, "hint": CODES[code][1]}}).encode()
        head = [STATUS_LINE[status], b"content-type: application/json\r\n",
                b"content-length: " + str(len(body)).encode() + b"\r\n", b"connection: close\r\n\r\n"]
        self.transport.write(b"".join(head) + body)
        self.transport.close()


def protocol_class(config: Config) -> type[LimitedHttpTools]:
    """``LimitedHttpTools`` with the limits of ``config``."""
    return type("LimitedHttpTools", (LimitedHttpTools,), {
        "max_header_bytes": config.max_header_bytes, "max_headers": config.max_headers,
        "header_timeout": config.header_timeout, "body_timeout": config.body_timeout,
    })


def uvicorn_options(config: Config) -> dict:
    """The keyword arguments of ``uvicorn.run`` / ``uvicorn.Config`` that carry the server's limits."""
    return {
        "http": protocol_class(config),
        "timeout_keep_alive": config.idle_timeout,
        "limit_concurrency": config.max_connections,
        "proxy_headers": False,  # X-Forwarded-* are not trusted: set base_url behind a proxy
        "server_header": False,
    }


__all__ = ["LimitedHttpTools", "httptools", "protocol_class", "uvicorn_options"]
