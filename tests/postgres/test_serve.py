"""`dateline serve --db postgresql://user:password@...` never prints the password."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.postgres


def test_serve_masks_the_password_of_the_store_url(pg_url):
    password = urlsplit(pg_url).password
    assert password
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli.main", "serve", "--db", pg_url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "serving" in line:
                break
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    text = "".join(lines) + (err or "") + (out or "")
    assert any("serving" in x for x in lines), text
    assert f":{password}@" not in text and ":***@" in text


def test_the_read_pool_on_postgresql_is_read_only(pg_url):
    from dateline.api.deps import StorePool
    from dateline.errors import StoreError

    pool = StorePool(pg_url, size=2)  # migrates the new database once
    try:
        store = pool.acquire(timeout=10)
        assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 0
        with pytest.raises(StoreError, match="read-only transaction") as err:  # dateline's code, not psycopg's
            store.conn.execute("DELETE FROM articles")
        assert err.value.code == "E403" and err.value.sqlstate == "25006"
        pool.release(store)
    finally:
        pool.close()
