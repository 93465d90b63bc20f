"""Fixtures for the ingest tests: a config, WARC builders, a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import Config

ARTICLE = (
    "WASHINGTON (Reuters) - The foreign ministers met on Tuesday to discuss the crisis. "
    "They agreed to meet again next month, officials said. "
)


def _article_html(title: str, paragraphs: int = 6, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{ARTICLE} Paragraph {i} of {title}.</p>" for i in range(paragraphs))
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head>"
        f"<body><nav>Home | World</nav><article><h1>{title}</h1>{body}</article></body></html>"
    )


@pytest.fixture(scope="session")
def article_html():
    """A small article page builder: article_html(title, paragraphs=6, charset="utf-8")."""
    return _article_html


@pytest.fixture
def config() -> Config:
    return Config(max_input_bytes=200_000, http_timeout=2.0, http_max_redirects=3)


def _response(w: WARCWriter, uri: str, body: bytes, ctype: str, status: str = "200 OK"):
    hh = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    return w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=hh)


@pytest.fixture
def make_warc():
    """Write a WARC (gzipped or not) with HTML responses, a 404, an image, a request, and a WET file."""

    def build(path, gz: bool, pages: list[tuple[str, bytes]], extra: bool = True, wet: list[tuple[str, str]] = ()):
        with open(path, "wb") as fh:
            w = WARCWriter(fh, gzip=gz)
            w.write_record(w.create_warcinfo_record(path.name, {"software": "dateline tests"}))
            for uri, body in pages:
                if extra:
                    req = w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                    w.write_record(req)
                w.write_record(_response(w, uri, body, "text/html; charset=utf-8"))
            if extra:
                w.write_record(_response(w, "http://example.com/logo.png", b"\x89PNG\r\n\x1a\nxxxx", "image/png"))
                w.write_record(_response(w, "http://example.com/gone", b"<html>gone</html>", "text/html", "404 Not Found"))
            for uri, text in wet:
                rec = w.create_warc_record(
                    uri, "conversion", payload=io.BytesIO(text.encode("utf-8")), warc_content_type="text/plain"
                )
                w.write_record(rec)
        return path

    return build


class _Server:
    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, tuple] = {}
        self.hits: list[str] = []
        routes, hits = self.routes, self.hits

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                hits.append((self.path, self.headers.get("User-Agent")))
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                kind = route[0]
                if kind == "redirect":
                    self.send_response(302)
                    self.send_header("Location", route[1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif kind == "slow":
                    time.sleep(route[1])
                    self._body(b"late", "text/plain")
                elif kind == "trickle":  # headers at once, then a byte every `route[1]` seconds
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", "100")
                    self.end_headers()
                    try:
                        for _ in range(100):
                            self.wfile.write(b"x")
                            self.wfile.flush()
                            time.sleep(route[1])
                    except OSError:
                        pass
                elif kind == "chunked":  # no Content-Length: the size limit must stop the stream
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    try:
                        for _ in range(route[1]):
                            chunk = b"y" * 8192
                            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    except OSError:
                        pass
                else:
                    self._body(*route[1:])

            def _body(self, body: bytes, ctype: str, status: int = 200, headers: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request, client_address):  # clients hang up on purpose (limits, timeouts)
                pass

        if ":" in host:
            Quiet.address_family = socket.AF_INET6
        self.httpd = Quiet((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self.base = f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def dead_port() -> int:
    """A local port nothing listens on (connections are refused at once, no DNS involved)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def http_server():
    server = _Server()
    yield server
    server.close()


@pytest.fixture
def server_on():
    """``server_on(host)``: another real HTTP server, on 127.0.0.2 or ::1 (closed at the end)."""
    servers = []

    def start(host: str) -> _Server:
        servers.append(_Server(host))
        return servers[-1]

    yield start
    for s in servers:
        s.close()
