"""The query tests' fixture store (tests/query/fixture_store.py), built once per session."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def fx():
    name = "dateline_test_fixture_store"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).resolve().parents[1] / "query" / "fixture_store.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


@pytest.fixture(scope="session")
def fx_db(tmp_path_factory, fx):
    path = tmp_path_factory.mktemp("export") / "fixture.db"
    return path, fx.build(path)


@pytest.fixture
def store(fx_db):
    from dateline.store import open_store

    s = open_store(str(fx_db[0]), readonly=True)
    yield s
    s.close()


@pytest.fixture
def ids(fx_db):
    return fx_db[1]
