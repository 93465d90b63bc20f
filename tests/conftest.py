"""Shared fixtures. Tests mirror the package: tests/<stage>/test_*.py."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import fixture_store  # tests/ is on sys.path (pyproject: [tool.pytest.ini_options] pythonpath)
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "000_a48cc020e4ab0942.txt"
ARTIFACTS = ROOT / "test-artifacts"


SLOW_S = 3.0  # a test whose own run takes longer is marked slow (pyproject's markers)
_unmarked_slow: dict[str, float] = {}
_FAST_SKIPS = {"slow", "spark", "postgres", "browser"}  # the markers make test-fast leaves out


def pytest_runtest_logreport(report):
    if report.when == "call" and report.duration > SLOW_S and not _FAST_SKIPS & set(report.keywords):
        _unmarked_slow[report.nodeid] = report.duration


def pytest_terminal_summary(terminalreporter):
    """Keep the markers honest (make test-fast stays fast): name unmarked tests that ran long, and say
    how many times this process loaded a spaCy model (once is the aim)."""
    for nodeid, seconds in sorted(_unmarked_slow.items(), key=lambda kv: -kv[1]):
        terminalreporter.write_line(f"took {seconds:.1f} s without the slow marker: {nodeid}")
    nlp = sys.modules.get("dateline.nlp.pipeline")
    if nlp is not None:
        terminalreporter.write_line(f"spaCy models loaded in this process: {nlp.load_model.cache_info().currsize}")


@pytest.fixture(autouse=True, scope="session")
def _test_clients_talk_to_127_0_0_1():
    """Starlette's TestClient sends ``Host: testserver``, a host a dateline server does not serve (it
    answers 400, E509: ``allowed_hosts``). Tests reach the app as a browser on the server's machine
    does, at http://127.0.0.1, unless they pass another ``base_url``."""
    from starlette.testclient import TestClient

    original = TestClient.__init__

    def init(self, app, *args, **kwargs):
        if not args and "base_url" not in kwargs:
            kwargs["base_url"] = "http://127.0.0.1"
        original(self, app, *args, **kwargs)

    TestClient.__init__ = init
    yield
    TestClient.__init__ = original


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.fail(f"../shared not found at {SHARED}; CI lays it beside the clone")
    return SHARED


@pytest.fixture(scope="session")
def sample_path(shared_dir) -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once for the whole test session."""
    from dateline.nlp.pipeline import get_nlp

    return get_nlp("auto")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def fx():
    """The module tests/fixture_store.py: seven hand-annotated wire stories, a syndicated copy, a
    duplicate and a failure, with ``build(path_or_url)`` writing them through the real Writer."""
    return fixture_store


@pytest.fixture(scope="session")
def fx_db(tmp_path_factory, fx):
    """The fixture store, built once per session: ``(path, ids)``. Read it only (``store``)."""
    path = tmp_path_factory.mktemp("fixture-store") / "fixture.db"
    return path, fx.build(path)


@pytest.fixture
def store(fx_db):
    """The fixture store opened read-only."""
    from dateline.store import open_store

    s = open_store(str(fx_db[0]), readonly=True)
    yield s
    s.close()


@pytest.fixture
def ids(fx_db):
    """The fixture store's article ids by story key."""
    return fx_db[1]
