"""The server's own limits against real sockets: oversized and too many headers, slow clients (head,
body), idle connections and the concurrency limit, on a live uvicorn with ``dateline serve``'s
protocol. Timeouts here are half a second; the assertions allow many seconds (a loaded machine)."""

from __future__ import annotations

import json
import shutil
import socket
import time

import httpx
import pytest

from dateline.config import Config

pytestmark = pytest.mark.slow

LIMITS = dict(max_header_bytes=4096, max_headers=20, header_timeout=0.5, body_timeout=0.5, idle_timeout=0.5,
              max_connections=50)


@pytest.fixture(scope="module")
def live(sample_db, tmp_path_factory, serve):
    db = tmp_path_factory.mktemp("limits") / "limits.db"
    shutil.copy(sample_db, db)
    with serve(Config(db=str(db), token="t0ken", **LIMITS)) as srv:
        yield srv


def connect(srv) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
    return s


def read_all(s: socket.socket, limit: float = 20.0) -> bytes:
    """Everything the server sends until it closes the connection (or ``limit`` seconds pass)."""
    s.settimeout(limit)
    out = b""
    end = time.monotonic() + limit
    try:
        while time.monotonic() < end:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return out


def status_and_error(raw: bytes) -> tuple[int, dict | None]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    try:
        return status, json.loads(body)["error"]
    except (ValueError, KeyError):
        return status, None


def test_ordinary_requests_still_work(live):
    with httpx.Client(base_url=live.url) as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={f"x-h{i}": "v" for i in range(15)}).status_code == 200
        r = c.post("/api/ingest", json={"text": " " * 300_000}, headers={"Authorization": "Bearer t0ken"},
                   timeout=30)
        assert r.status_code == 422 and r.json()["error"]["code"] == "E101", r.text  # 300 kB arrived whole


def test_an_oversized_header_gets_431_and_the_connection_closes(live):
    s = connect(live)
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
    status, err = status_and_error(read_all(s))
    s.close()
    assert status == 431 and err["code"] == "E507" and "4096" in err["message"]


def test_a_header_streamed_without_end_is_cut_off_early(live):
    """An endless header, sent 64 kB at a time: the server answers 431 and closes after the first
    pieces, not after the 8 MB the client would send (it holds no more than the limit and one read)."""
    import select

    s = connect(live)
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
    sent, raw = 0, b""
    try:
        while sent < 8 * 1024 * 1024:
            if select.select([s], [], [], 0.05)[0]:
                raw = s.recv(65536)
                break
            s.sendall(b"b" * 65536)
            sent += 65536
    except (BrokenPipeError, ConnectionResetError):
        pass
    raw += read_all(s, 5)
    s.close()
    status, err = status_and_error(raw)
    assert status == 431 and err["code"] == "E507"
    assert sent < 2 * 1024 * 1024


def test_too_many_headers_get_431(live):
    s = connect(live)
    fields = b"".join(b"X-F%d: v\r\n" % i for i in range(40))
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + b"\r\n")
    status, err = status_and_error(read_all(s))
    s.close()
    assert status == 431 and err["code"] == "E507" and "20" in err["message"]


def test_a_slow_client_is_closed_with_408(live):
    """Slowloris: a request line and one header, then a byte now and then, never the blank line."""
    s = connect(live)
    t0 = time.monotonic()
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    raw = b""
    try:
        for _ in range(40):  # 20 s of trickle at most
            s.sendall(b"X")
            time.sleep(0.5)
    except (BrokenPipeError, ConnectionResetError):
        pass
    raw = read_all(s, 5)
    s.close()
    status, err = status_and_error(raw)
    assert status == 408 and err["code"] == "E508"
    assert time.monotonic() - t0 < 19  # closed well before the trickle ran out


def test_a_connection_that_sends_nothing_is_closed(live):
    s = connect(live)
    t0 = time.monotonic()
    status, err = status_and_error(read_all(s))
    s.close()
    assert status == 408 and err["code"] == "E508" and time.monotonic() - t0 < 15


def test_a_slow_body_is_closed_with_408(live):
    s = connect(live)
    s.sendall(b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t0ken\r\n"
              b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\": \"")
    status, err = status_and_error(read_all(s))
    s.close()
    assert status == 408 and err["code"] == "E508" and "body" in err["message"]


def test_an_idle_keep_alive_connection_is_closed(live):
    s = connect(live)
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    t0 = time.monotonic()
    raw = read_all(s)  # the answer, then the close after idle_timeout
    s.close()
    assert raw.startswith(b"HTTP/1.1 200") and time.monotonic() - t0 < 15


def test_connections_beyond_the_limit_get_503(sample_db, tmp_path, serve):
    db = tmp_path / "c.db"
    shutil.copy(sample_db, db)
    with serve(Config(db=str(db), max_connections=2, header_timeout=30)) as srv:
        held = [connect(srv) for _ in range(2)]
        for h in held:
            h.sendall(b"GET /api/health HTTP/1.1\r\n")  # open, unfinished requests
        time.sleep(0.3)
        r = httpx.get(srv.url + "/api/health", timeout=20)
        assert r.status_code == 503
        for h in held:
            h.close()
        time.sleep(0.3)
        assert httpx.get(srv.url + "/api/health", timeout=20).status_code == 200


def test_limits_are_validated_settings():
    from dateline.config import load_config
    from dateline.errors import DatelineError

    for env in ({"DATELINE_HEADER_TIMEOUT": "0"}, {"DATELINE_MAX_HEADERS": "0"},
                {"DATELINE_MAX_HEADER_BYTES": "100"}, {"DATELINE_IDLE_TIMEOUT": "-1"}):
        with pytest.raises(DatelineError) as e:
            load_config(env=env)
        assert e.value.code == "E500"
