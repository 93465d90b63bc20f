"""API test fixtures: the sample store built by the real `dateline ingest` (as `make run` does),
in-process clients, and a live uvicorn server on a free 127.0.0.1 port."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
from click.testing import CliRunner

from dateline.config import Config


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, sample_path, nlp) -> str:
    """The store `make run` builds: the sample ingested with --published 2011-11-10."""
    from dateline.cli.main import cli

    db = str(tmp_path_factory.mktemp("api-store") / "sample.db")
    res = CliRunner().invoke(cli, ["--db", db, "ingest", "--published", "2011-11-10", str(sample_path)])
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture()
def db_copy(sample_db, tmp_path) -> str:
    """A private copy of the sample store, for tests that write."""
    dst = tmp_path / "copy.db"
    shutil.copy(sample_db, dst)
    return str(dst)


def make_client(config: Config):
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    return TestClient(create_app(config))


@pytest.fixture(scope="session")
def client_for():
    """``client_for(config)``: a TestClient (use as a context manager) of ``create_app(config)``."""
    return make_client


@pytest.fixture(scope="session")
def client(sample_db):
    with make_client(Config(db=sample_db)) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving ``create_app(config)`` in a thread on 127.0.0.1, with the limits of
    ``dateline serve`` (``dateline.api.protocol.uvicorn_options``)."""

    def __init__(self, config: Config):
        import uvicorn

        from dateline.api import create_app
        from dateline.api.protocol import uvicorn_options

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(create_app(config), host="127.0.0.1", port=self.port, log_level="warning",
                           **uvicorn_options(config))
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(sample_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("live") / "live.db"
    shutil.copy(sample_db, db)
    with LiveServer(Config(db=str(db), token="test-token-123")) as srv:
        yield srv


@pytest.fixture(scope="session")
def serve():
    """``serve(config)``: a ``LiveServer`` (a context manager) for ``config``."""
    return LiveServer
