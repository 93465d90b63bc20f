"""POST /api/ingest: the token guard, bounded bodies, and a real pipeline run into the store."""

from __future__ import annotations

import pytest

from dateline.config import Config

TOKEN = "s3cret-token"
ARTICLE = """Tehran, Nov 12, IRNA -- Iran's Foreign Minister Ali Akbar Salehi on Saturday accused the
United States of pressuring the International Atomic Energy Agency over its latest report.

Salehi told reporters in Tehran that the agency had adopted an unconstructive approach.

"We reject this report," Salehi said, adding that Iran would continue its cooperation with Russia.
"""


@pytest.fixture()
def writable(db_copy, client_for):
    with client_for(Config(db=db_copy, token=TOKEN, max_request_bytes=64 * 1024)) as c:
        yield c


def test_writes_disabled_without_a_configured_token(sample_db, client_for):
    with client_for(Config(db=sample_db)) as c:
        r = c.post("/api/ingest", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403
        assert "disabled" in r.json()["error"]["message"]
        assert c.get("/api/health").json()["writes_enabled"] is False


def test_token_guard(writable):
    r = writable.post("/api/ingest", json={"text": ARTICLE})
    assert r.status_code == 401 and r.json()["error"]["code"] == "E502"
    r = writable.post("/api/ingest", json={"text": ARTICLE}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E503"
    r = writable.post("/api/ingest", json={"text": ARTICLE}, headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401


def test_ingest_runs_pipeline_and_stores(writable, nlp):
    before = writable.get("/api/articles").json()["total"]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writable.post("/api/ingest", json={"text": ARTICLE, "published": "2011-11-12"}, headers=auth)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["status"] == "ok" and out["id"] and out["href"].endswith(f"/articles/{out['id']}")
    doc = writable.get(f"/api/articles/{out['id']}").json()
    assert "Salehi" in doc["body"] and doc["published"].startswith("2011-11-12")
    assert any("Salehi" in a["name"] for a in doc["actors"])
    assert writable.get("/api/articles").json()["total"] == before + 1
    again = writable.post("/api/ingest", json={"text": ARTICLE, "published": "2011-11-12"}, headers=auth)
    assert again.status_code == 200 and again.json()["status"] in ("unchanged", "duplicate")
    assert writable.get("/api/articles").json()["total"] == before + 1


def test_ingest_rejects_bad_requests(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert writable.post("/api/ingest", json={}, headers=auth).status_code == 400
    assert writable.post("/api/ingest", json={"text": "a", "html": "<p>b</p>"}, headers=auth).status_code == 400
    assert writable.post("/api/ingest", json={"text": "x", "evil": 1}, headers=auth).status_code == 400
    r = writable.post("/api/ingest", json={"url": "file:///etc/passwd"}, headers=auth)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E112"
    r = writable.post("/api/ingest", json={"text": "   \n  "}, headers=auth)
    assert r.status_code == 422 and r.json()["status"] == "failed"


def test_request_size_is_bounded(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = "word " * 20_000  # 100 kB > 64 kB limit
    r = writable.post("/api/ingest", json={"text": big}, headers=auth)
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "E504"

    def chunks():  # no Content-Length: the limit is enforced while the body streams in
        for _ in range(40):
            yield b"x" * 4096

    r = writable.post("/api/ingest", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 413


def test_security_headers(client):
    r = client.get("/search")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/health").headers["x-frame-options"] == "DENY"
