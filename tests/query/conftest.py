"""The fixture store (tests/query/fixture_store.py), built once per session with the real Writer."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def load_fixture_module():
    name = "dateline_test_fixture_store"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("fixture_store.py"))
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def fx():
    return load_fixture_module()


@pytest.fixture(scope="session")
def fx_db(tmp_path_factory, fx):
    path = tmp_path_factory.mktemp("query") / "fixture.db"
    ids = fx.build(path)
    return path, ids


@pytest.fixture
def store(fx_db):
    from dateline.store import open_store

    s = open_store(str(fx_db[0]), readonly=True)
    yield s
    s.close()


@pytest.fixture
def ids(fx_db):
    return fx_db[1]
