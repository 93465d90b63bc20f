"""The Atom feed (parsed back with feedparser), the watch API (token-guarded writes) and the /watches page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest

from dateline.config import Config
from dateline.store import open_store
from dateline.watch import add_watch
from dateline.watch import feed as atom

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client_for():
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    def make(db, **kw):
        return TestClient(create_app(Config(db=db, token=TOKEN, base_url="https://dl.example", **kw)))
    return make


def test_feed_is_valid_atom_with_stable_ids(make_store, add_docs, docs):
    db = make_store(docs["talks"], docs["sanctions"])
    config = Config(db=db, base_url="https://dl.example")
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}})
        first = atom.render(store, w, config)
        second = atom.render(store, w, config)
    assert first == second  # same store, same document
    f = feedparser.parse(first)
    assert not f.bozo, f.get("bozo_exception")
    assert f.version == "atom10"
    assert f.feed.id == "tag:dateline,2026:watch/russia"
    assert f.feed.links[0].href == "https://dl.example/watch/russia.atom"
    assert len(f.entries) == 3 + 1  # Russia's three events and Ryabkov's quote; not the U.S. sanction
    ids = [e.id for e in f.entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:dateline,2026:") for i in ids)
    for e in f.entries:
        assert e.link.startswith("https://dl.example/articles/")
        assert e.updated_parsed and e.title and e.summary
    titles = " | ".join(e.title for e in f.entries)
    assert "Russia → Iran: THREATEN (negated)" in titles
    assert "Sergei Ryabkov: “We are showing them" in titles
    # new data: the old entries keep their ids, the new ones come first
    add_docs(db, [docs["fuel"]])
    with open_store(db) as store:
        g = feedparser.parse(atom.render(store, w, config))
    new_ids = [e.id for e in g.entries]
    assert set(ids) < set(new_ids) and len(new_ids) == len(ids) + 2
    assert set(new_ids[:2]) == set(new_ids) - set(ids)


def test_feed_is_namespaced_atom_xml(make_store, docs):
    db = make_store(docs["talks"])
    with open_store(db) as store:
        w = add_watch(store, "all", {"events": {}})
        root = ET.fromstring(atom.render(store, w, Config(db=db)))
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{ns}feed"
    for child in ("id", "title", "updated", "author"):
        assert root.find(f"{ns}{child}") is not None
    for entry in root.findall(f"{ns}entry"):
        for child in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ns}{child}") is not None, child


def test_api_watches_crud_and_feed_route(make_store, docs, client_for):
    db = make_store(docs["talks"])
    body = {"name": "russia", "events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"},
            "emails": ["ana@example.org"], "webhook": "https://hooks.example/in"}
    with client_for(db) as c:
        assert c.post("/api/watches", json=body).status_code == 401
        assert c.post("/api/watches", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
        r = c.post("/api/watches", json=body, headers=AUTH)
        assert r.status_code == 201, r.text
        created = r.json()
        assert len(created["secret"]) >= 32 and created["kind"] == "events+quotes"
        assert created["emails"] == ["ana@example.org"]
        assert c.post("/api/watches", json=body, headers=AUTH).status_code == 400  # the name is taken
        assert c.post("/api/watches", json={"name": "x", "events": {"type": "no such!"}},
                      headers=AUTH).status_code == 400
        assert c.post("/api/watches", json={"name": "bad name"}, headers=AUTH).status_code == 400
        listed = c.get("/api/watches").json()
        assert listed["total"] == 1
        item = listed["items"][0]
        assert item["emails"] == ["a***@example.org"] and item["webhook"] == "https://hooks.example/…"
        assert "secret" not in item and item["feed"] == "https://dl.example/watch/russia.atom"
        one = c.get("/api/watches/russia").json()
        assert one["description"] == "events actor=Russia; quotes speaker=Ryabkov"
        assert one["events"] == {"actor": "Russia"} and one["quotes"] == {"speaker": "Ryabkov"} and one["search"] is None
        # what GET says is what POST takes: the watch copies under a new name
        copy = {k: one[k] for k in ("events", "quotes", "search") if one[k]} | {"name": "russia2"}
        assert c.post("/api/watches", json=copy, headers=AUTH).status_code == 201
        assert c.get("/api/watches/russia2").json()["description"] == one["description"]
        assert c.delete("/api/watches/russia2", headers=AUTH).status_code == 204
        assert c.get("/api/watches/nope").status_code == 404
        r = c.get("/watch/russia.atom")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
        f = feedparser.parse(r.content)
        assert not f.bozo and len(f.entries) == 4
        assert c.get("/watch/nope.atom").status_code == 404
        assert c.delete("/api/watches/russia").status_code == 401
        assert c.delete("/api/watches/russia", headers=AUTH).status_code == 204
        assert c.delete("/api/watches/russia", headers=AUTH).status_code == 404
        assert c.get("/api/watches").json()["total"] == 0


def test_writes_disabled_without_a_server_token(make_store, docs):
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    db = make_store(docs["talks"])
    with TestClient(create_app(Config(db=db))) as c:
        r = c.post("/api/watches", json={"name": "x", "events": {}}, headers=AUTH)
        assert r.status_code == 403


def test_watches_page_lists_watches_with_feeds_and_escapes(make_store, make_doc, client_for):
    evil = make_doc("evil", "2011-11-12", "<script>alert(1)</script> Russia",
                    "Russia accused Iran of <img src=x onerror=alert(1)> lying.",
                    events=[("ACCUSE", "Russia", "Iran", "Russia accused Iran of <img src=x onerror=alert(1)> lying",
                             "asserted", False)])
    db = make_store(evil)
    with open_store(db) as store:
        add_watch(store, "russia", {"events": {"actor": "Russia"}}, emails=["ana@example.org"])
    with client_for(db) as c:
        r = c.get("/watches", headers={"Accept": "text/html"})
        nav = c.get("/search", headers={"Accept": "text/html"}).text
    assert r.status_code == 200
    html = r.text
    assert 'id="watch-russia"' in html and '/watch/russia.atom"' in html
    assert "a***@example.org" in html and "ana@example.org" not in html
    assert "1 events" in html  # new since the last email digest
    assert "<img src=x" not in html and "<script>alert" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="/watches"' in nav  # the site navigation links to the page


def test_links_follow_the_serving_host_unless_base_url_is_set(make_store, docs):
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    db = make_store(docs["talks"])
    with TestClient(create_app(Config(db=db, token=TOKEN)), base_url="http://127.0.0.1:8123") as c:
        assert c.post("/api/watches", json={"name": "ru", "events": {"actor": "Russia"}}, headers=AUTH).status_code == 201
        assert c.get("/api/watches/ru").json()["feed"] == "http://127.0.0.1:8123/watch/ru.atom"
        f = feedparser.parse(c.get("/watch/ru.atom").content)
        assert f.feed.links[0].href == "http://127.0.0.1:8123/watch/ru.atom"
        assert f.entries and all(e.link.startswith("http://127.0.0.1:8123/articles/") for e in f.entries)
