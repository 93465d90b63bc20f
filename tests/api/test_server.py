"""`dateline serve --workers N`: one listening socket per worker (the kernel spreads connections),
a clear error for a port in use, and a clean stop on SIGTERM."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from dateline.api.server import check_port_free, reuseport_supported
from dateline.errors import DatelineError

CLI = "from dateline.cli.main import cli; cli()"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listeners(port: int) -> int:
    """LISTEN sockets on 127.0.0.1:port, from /proc/net/tcp."""
    want = f"0100007F:{port:04X}"
    return sum(1 for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
               if line.split()[1] == want and line.split()[3] == "0A")


def test_port_in_use_is_a_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(DatelineError) as err:
            check_port_free("127.0.0.1", port)
        assert err.value.code == "E505" and str(port) in str(err.value)
    check_port_free("127.0.0.1", port)  # free again


@pytest.mark.skipif(not reuseport_supported() or not Path("/proc/net/tcp").exists(), reason="Linux only")
def test_workers_listen_on_their_own_sockets_and_stop_on_sigterm(sample_db):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", CLI, "--db", sample_db, "serve", "--port", str(port),
                             "--workers", "2", "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while _listeners(port) < 2:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.time() < deadline, "workers did not start"
            time.sleep(0.2)
        # many connections, answered by both workers' sockets
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}") for _ in range(12)]
        try:
            assert all(c.get("/api/health").json()["status"] == "ok" for c in clients)
        finally:
            for c in clients:
                c.close()
        # a second server on the same port is refused before it starts any worker
        second = subprocess.run([sys.executable, "-c", CLI, "--db", sample_db, "serve", "--port", str(port),
                                 "--workers", "2"], capture_output=True, text=True, timeout=60)
        assert second.returncode == 1 and "E505" in second.stderr
        assert _listeners(port) == 2
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    assert _listeners(port) == 0


@pytest.mark.skipif(not reuseport_supported(), reason="Linux only")
def test_workers_that_keep_failing_stop_the_server_with_an_error():
    from dateline.api.server import run_workers

    t0 = time.time()
    with pytest.raises(DatelineError) as err:  # every worker dies at start (uvicorn rejects the log level)
        run_workers("127.0.0.1", free_port(), 1, log_level="no-such-level")
    assert err.value.code == "E506" and time.time() - t0 < 60
