"""Web test fixtures: the sample store built by the real `dateline ingest` (as `make run` does), a live
uvicorn server on a free 127.0.0.1 port, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from dateline.config import Config

TOKEN = "web-test-token"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS_PAGE = Path(__file__).with_name("xss_page.html")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, sample_path, nlp) -> str:
    from dateline.cli.main import cli

    db = str(tmp_path_factory.mktemp("web-store") / "sample.db")
    res = CliRunner().invoke(cli, ["--db", db, "ingest", "--published", "2011-11-10", str(sample_path)])
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture(scope="session")
def web_client(web_db):
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    with TestClient(create_app(Config(db=web_db))) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_db):
    """``create_app`` under uvicorn in a thread; yields the base URL. Writes need ``TOKEN``."""
    import uvicorn

    from dateline.api import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(Config(db=web_db, token=TOKEN)), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started:
        assert thread.is_alive() and time.time() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def sample_article(server) -> str:
    return httpx.get(f"{server}/api/articles").json()["items"][0]["id"]


@pytest.fixture(scope="session")
def xss_article(server) -> str:
    """A page whose title and body carry <script>, event-handler and javascript: payloads, ingested
    through POST /api/ingest (the real pipeline)."""
    r = httpx.post(
        f"{server}/api/ingest",
        json={"html": XSS_PAGE.read_text("utf-8"), "published": "2011-11-12",
              "source_url": "javascript:window.__pwned=7//"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=120,
    )
    assert r.status_code == 201, r.text
    return r.json()["id"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/services.d/chromium.sh` (make services)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()
