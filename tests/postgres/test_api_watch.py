"""The HTTP API and the watches on a PostgreSQL store: the same JSON as on SQLite for the query
fixture (tests/fixture_store.py), writes through the API, and a watch digest to a file
whose marks pick up exactly what is stored after it."""

from __future__ import annotations

import email
import re
from email import policy

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.config import Config
from dateline.store import open_store
from dateline.store.writer import Writer

pytestmark = pytest.mark.postgres
TOKEN = "pg-test-token-0123456789"


@pytest.fixture(scope="module")
def stores(pg_url, tmp_path_factory, qfx):
    lite = str(tmp_path_factory.mktemp("pg-api") / "fixture.db")
    ids = qfx.build(lite)
    qfx.build(pg_url)
    return lite, pg_url, ids


def _client(db: str):
    from fastapi.testclient import TestClient

    from dateline.api import create_app

    return TestClient(create_app(Config(db=db, token=TOKEN)))


def _norank(body):
    if isinstance(body, dict) and isinstance(body.get("items"), list):
        return {**body, "items": sorted(({k: v for k, v in h.items() if k != "rank"} for h in body["items"]),
                                        key=lambda h: h.get("article_id") or "")}
    return body


def test_api_reads_agree(stores):
    lite, pg, ids = stores
    paths = [
        "/api/health", "/api/events", "/api/events?actor=Lavrov&limit=3", "/api/events?country=IRN&type=ACCUSE",
        "/api/timeline", "/api/timeline?actor=Iran", "/api/network", "/api/quotes", "/api/quotes?about=sanctions",
        "/api/actors", "/api/actors?q=iran", "/api/articles", "/api/articles?copies=true",
        f"/api/articles/{ids['talks']}", f"/api/articles/{ids['talks']}/copies",
        "/api/search?q=Iran&facets=true", '/api/search?q="nuclear program"', "/api/search?q=sanctions -Russia",
    ]
    with _client(lite) as a, _client(pg) as b:
        first = a.get("/api/events?limit=1").json()["items"][0]
        paths += [f"/api/events/{first['event_id']}", f"/api/actors/{a.get('/api/actors').json()['items'][0]['id']}"]
        for path in paths:
            ra, rb = a.get(path), b.get(path)
            assert ra.status_code == rb.status_code == 200, (path, rb.text[:500])
            ja, jb = ra.json(), rb.json()
            if path.startswith("/api/search"):
                ja, jb = _norank(ja), _norank(jb)
            if path == "/api/health":  # the worker's own counters (process id, caches) are not data
                ja, jb = ({k: v for k, v in j.items() if k not in ("process", "search_cache", "light_reads")}
                          for j in (ja, jb))
            assert jb == ja, path
        # the web pages read through the same query layer
        for path in ("/", "/actors", "/timeline", "/network", f"/articles/{ids['talks']}", "/search?q=Lavrov",
                     "/events", "/events?sort=-goldstein&quad_class=1,3", "/map", "/quotes", paths[-1][4:],
                     "/api/events?format=csv", "/api/network?format=csv"):
            ra, rb = a.get(path), b.get(path)
            assert ra.status_code == rb.status_code == 200, (path, rb.text[:500])
            assert rb.text == ra.text, path


def test_api_ingest_and_watches_on_postgres(stores, nlp, sample_path):
    _, pg, _ = stores
    with _client(pg) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/watches", json={"name": "iran-pg", "events": {"actor": "Iran"}}, headers=auth)
        assert r.status_code == 201, r.text
        assert c.get("/api/watches/iran-pg").json()["name"] == "iran-pg"
        feed = c.get("/watch/iran-pg.atom")
        assert feed.status_code == 200 and "<feed" in feed.text
        text = sample_path.read_text("utf-8")
        r = c.post("/api/ingest", json={"text": text, "published": "2011-11-10"}, headers=auth)
        assert r.status_code == 201, r.text
        aid = r.json()["id"]
        doc = c.get(f"/api/articles/{aid}").json()
        assert doc["id"] == aid and doc["events"] and doc["actors"]
        again = c.post("/api/ingest", json={"text": text, "published": "2011-11-10"}, headers=auth)
        assert again.status_code == 200 and again.json()["status"] in ("duplicate", "unchanged")
        assert c.delete("/api/watches/iran-pg", headers=auth).status_code in (200, 204)


def test_watch_digest_to_file(new_database, tmp_path, qfx):
    """A watch on Iran's events: the first digest holds what matched; the second only what was stored since."""
    url = new_database("watch")
    docs = list(qfx.DOCS)
    with open_store(url) as s:
        w = Writer(s, Config())
        for d in docs[:4]:
            w.write(qfx.result(d))
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", url, "watch", "add", "iran", "--actor", "Iran", "--email", "desk@example.org"])
    assert r.exit_code == 0, r.output
    first = tmp_path / "first.eml"
    r = runner.invoke(cli, ["--db", url, "digest", "iran", "--to-file", str(first)])
    assert r.exit_code == 0, r.output
    with open_store(url) as s:
        expected = {row[0] for row in s.conn.execute(
            "SELECT e.article_id || '/' || e.local_id FROM events e JOIN actors a ON a.id IN (e.source_actor, "
            "e.target_actor) WHERE a.name = 'Iran'")}
        w = Writer(s, Config())
        for d in docs[4:]:
            w.write(qfx.result(d))
        later = {row[0] for row in s.conn.execute(
            "SELECT e.article_id || '/' || e.local_id FROM events e JOIN actors a ON a.id IN (e.source_actor, "
            "e.target_actor) WHERE a.name = 'Iran'")} - expected
    assert expected and _event_ids(first) == expected
    second = tmp_path / "second.eml"
    r = runner.invoke(cli, ["--db", url, "digest", "iran", "--to-file", str(second)])
    assert r.exit_code == 0, r.output
    assert later and _event_ids(second) == later  # only what was stored after the first digest
    third = tmp_path / "third.eml"
    r = runner.invoke(cli, ["--db", url, "digest", "iran", "--to-file", str(third)])
    assert r.exit_code == 0 and (not third.exists() or not _event_ids(third))


def _event_ids(path) -> set[str]:
    """article/local ids of the events an .eml digest links to (its text part)."""
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    text = "\n".join(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain")
    return {f"{a}/{e}" for a, e in re.findall(r"articles/([0-9a-f]{16})#ev-(e\d+)", text)}
