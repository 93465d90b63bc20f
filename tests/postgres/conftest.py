"""PostgreSQL store fixtures: the server started by scripts/services.sh (services.d/postgres.sh),
a fresh database per test module, and the query fixture store built in both stores.

The server URL comes from ``DATELINE_TEST_PG`` or the script's default
(postgresql://dateline:dateline@127.0.0.1:54329/dateline). When nothing answers there the
script is run once (it installs and starts the server idempotently); if the server is still
unreachable the tests fail: they never pass without a real PostgreSQL.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgresql://dateline:dateline@127.0.0.1:54329/dateline"


def _reachable(url: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5):
            return None
    except psycopg.Error as exc:
        return str(exc).strip()


def with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin URL of the test server (a role allowed to create databases)."""
    url = os.environ.get("DATELINE_TEST_PG", DEFAULT_URL)
    err = _reachable(url)
    if err and "DATELINE_TEST_PG" not in os.environ:
        subprocess.run(["bash", str(ROOT / "scripts" / "services.d" / "postgres.sh")], check=False,
                       capture_output=True, timeout=600)
        err = _reachable(url)
    if err:
        pytest.fail(f"no PostgreSQL at {url}: {err} (run `make services` or set DATELINE_TEST_PG)")
    return url


def _admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


@pytest.fixture(scope="session")
def new_database(pg_server):
    """``new_database(tag)``: the URL of a new, empty database (dropped at the end of the session)."""
    made: list[str] = []

    def make(tag: str) -> str:
        name = re.sub(r"[^a-z0-9_]", "_", f"dl_test_{tag}_{os.getpid()}_{len(made)}".lower())[:60]
        with _admin(pg_server) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return with_db(pg_server, name)

    yield make
    import psycopg

    with _admin(pg_server) as c:
        for name in made:
            for attempt in range(20):  # an autovacuum worker may be busy in it for a moment
                try:
                    c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    break
                except psycopg.Error as exc:
                    if attempt == 19:
                        warnings.warn(f"could not drop test database {name}: {exc}", stacklevel=1)
                    time.sleep(0.25)


@pytest.fixture(scope="module")
def pg_url(request, new_database) -> str:
    """A fresh database for this test module."""
    return new_database(Path(str(request.node.fspath)).stem.removeprefix("test_"))


@pytest.fixture(scope="session")
def qfx(fx):
    """The query fixture module (tests/conftest.py ``fx``)."""
    return fx
