"""`dateline serve --workers N`: one listening socket per worker (the kernel spreads connections),
a clear error for a port in use, and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from dateline.api.server import check_port_free, reuseport_supported
from dateline.config import Config
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


def _children(pid: int) -> list[int]:
    return [int(c) for t in Path(f"/proc/{pid}/task").iterdir()
            for c in (t / "children").read_text().split()]


@pytest.mark.skipif(not reuseport_supported() or not Path("/proc/net/tcp").exists(), reason="Linux only")
@pytest.mark.slow
def test_workers_listen_on_their_own_sockets_and_stop_on_sigterm(sample_db, tmp_path):
    port = free_port()
    toml = tmp_path / "d.toml"
    toml.write_text("[dateline]\nmax_page_size = 3\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
    proc = subprocess.Popen([sys.executable, "-c", CLI, "--db", sample_db, "--config", str(toml), "serve",
                             "--port", str(port), "--workers", "2", "--log-level", "warning"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        deadline = time.time() + 60
        while _listeners(port) < 2:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.time() < deadline, "workers did not start"
            time.sleep(0.2)
        # many connections, answered by both workers' sockets, with the settings of the config file
        clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}") for _ in range(12)]
        try:
            assert all(c.get("/api/health").json()["status"] == "ok" for c in clients)
            assert all(c.get("/api/events", params={"limit": 4}).status_code == 400 for c in clients)
            assert all(c.get("/api/events", params={"limit": 3}).status_code == 200 for c in clients)
        finally:
            for c in clients:
                c.close()
        # the workers were handed the settings: none came through the environment
        for child in _children(proc.pid):
            assert b"DATELINE_" not in Path(f"/proc/{child}/environ").read_bytes()
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
@pytest.mark.slow
def test_workers_that_keep_failing_stop_the_server_with_an_error(tmp_path):
    from dateline.api.server import run_workers

    t0 = time.time()
    with pytest.raises(DatelineError) as err:  # every worker dies at start (uvicorn rejects the log level)
        run_workers(Config(db=str(tmp_path / "s.db"), port=free_port()), 1, log_level="no-such-level")
    assert err.value.code == "E506" and time.time() - t0 < 60
