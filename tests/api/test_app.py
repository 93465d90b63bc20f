"""The app factory: extra routers (e.g. watches, issue 7) plug in by module name; binding defaults."""

from __future__ import annotations

import sys
import types

import pytest
from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from dateline.config import Config, load_config
from dateline.errors import DatelineError


@pytest.fixture()
def plugin_module():
    mod = types.ModuleType("dateline_test_plugin")

    def build(config):
        r = APIRouter()

        @r.get("/plugin-test/{name}.txt", response_class=PlainTextResponse)
        def feed(name: str):
            return f"feed {name} from {config.db}"

        @r.get("/plugin-test/fail")
        def fail():
            raise DatelineError("E501", "bad argument from a plugin")

        return r

    mod.build = build
    mod.NAV = [("Watches", "/watches")]
    sys.modules[mod.__name__] = mod
    yield mod.__name__
    del sys.modules[mod.__name__]


def test_extra_router_is_included_with_its_nav_link(sample_db, client_for, plugin_module):
    with client_for(Config(db=sample_db, extra={"routers": [plugin_module]})) as c:
        r = c.get("/plugin-test/iran.txt")
        assert r.status_code == 200 and r.text == f"feed iran from {sample_db}"
        page = c.get("/search", headers={"Accept": "text/html"}).text
        assert 'href="/watches"' in page
        r = c.get("/plugin-test/fail")  # DatelineError codes map to HTTP statuses for every router
        assert r.status_code == 400 and r.json()["error"]["code"] == "E501"


def test_a_required_router_that_is_missing_fails_loudly(sample_db):
    from dateline.api import create_app

    with pytest.raises(ImportError):
        create_app(Config(db=sample_db), extra_routers=["dateline_no_such_module"])


def test_server_binds_loopback_by_default():
    assert load_config(env={}).host == "127.0.0.1"
