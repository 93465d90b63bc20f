"""The server against a hostile caller: forged Host headers, URL ingest aimed at private addresses,
invalid Unicode and impossible dates, pathological documents (issue 15)."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.config import Config

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = ("<html><head><title>Internal memo</title></head><body><article>"
           + "".join(f"<p>The internal finance memo {i} says the budget talks in Geneva collapsed on Tuesday, "
                     "officials said.</p>" for i in range(6))
           + "</article></body></html>").encode()


class Origin:
    """A real HTTP server on 127.0.0.1 standing for an internal service; it counts its hits."""

    def __init__(self):
        self.hits: list[str] = []
        hits = self.hits

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                hits.append(self.path)
                if self.path == "/json":
                    body, ctype = b'{"secret": "api key"}', "application/json"
                else:
                    body, ctype = ARTICLE, "text/html; charset=utf-8"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def origin():
    o = Origin()
    yield o
    o.close()


@pytest.fixture
def writable(db_copy, client_for):
    with client_for(Config(db=db_copy, token=TOKEN, http_timeout=3)) as c:
        yield c


# -- Host header -----------------------------------------------------------------------------
def test_a_forged_host_is_refused_everywhere(client):
    for path in ("/search", "/api/events?limit=1", "/api/health", "/watches"):
        r = client.get(path, headers={"Host": "evil.example"})
        assert r.status_code == 400, path
        assert r.json()["error"]["code"] == "E509" and "allowed_hosts" in r.json()["error"]["hint"]
        assert "evil.example" not in r.headers.get("location", "")
    # DNS rebinding: a page on attacker.example resolving to 127.0.0.1 sends its own name as Host
    assert client.get("/api/articles", headers={"Host": "attacker.example:8000"}).status_code == 400


def test_the_served_hosts_by_default(client):
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000", "127.0.0.1"):
        assert client.get("/api/health", headers={"Host": host}).status_code == 200, host


def test_page_links_are_paths_and_api_links_use_the_served_host(client):
    html = client.get("/search?q=Iran", headers={"Accept": "text/html"}).text
    hrefs = re.findall(r'(?:href|src|action)="([^"]*)"', html)
    assert hrefs and all(not h.startswith(("http://", "https://", "//")) for h in hrefs), hrefs
    page = client.get("/api/events?limit=1", headers={"Host": "localhost:8000"}).json()
    assert page["next"].startswith("http://localhost:8000/api/events?")


def test_absolute_links_come_from_base_url_when_set(sample_db, client_for):
    cfg = Config(db=sample_db, base_url="https://news.example.org/dl")
    with client_for(cfg) as c:
        page = c.get("/api/events?limit=1", headers={"Host": "news.example.org"}).json()
        assert page["next"].startswith("https://news.example.org/dl/api/events?")
        assert c.get("/api/events?limit=1", headers={"Host": "127.0.0.1:8000"}).json()["next"].startswith(
            "https://news.example.org/dl/")
        assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 400


def test_allowed_hosts_setting(sample_db, client_for):
    with client_for(Config(db=sample_db, allowed_hosts=("dl.example.org", ".corp.example"))) as c:
        assert c.get("/api/health", headers={"Host": "dl.example.org"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "a.b.corp.example:443"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "corp.example"}).status_code == 200
        assert c.get("/api/health", headers={"Host": "127.0.0.1"}).status_code == 400  # replaced, not added to
        assert c.get("/api/health", headers={"Host": "evilcorp.example"}).status_code == 400
    with client_for(Config(db=sample_db, allowed_hosts=("*",))) as c:
        assert c.get("/api/health", headers={"Host": "anything.example"}).status_code == 200


def test_the_atom_feed_links_do_not_follow_the_host_header(db_copy, client_for):
    with client_for(Config(db=db_copy, token=TOKEN)) as c:
        r = c.post("/api/watches", json={"name": "iran", "events": {"country": "IRN"}}, headers=AUTH)
        assert r.status_code == 201, r.text
        assert r.json()["feed"] == "http://127.0.0.1/watch/iran.atom"
        assert c.get("/watch/iran.atom", headers={"Host": "evil.example"}).status_code == 400
        feed = c.get("/watch/iran.atom", headers={"Host": "localhost:8000"}).text
        assert 'href="http://localhost:8000/watch/iran.atom"' in feed and "evil" not in feed


# -- URL ingest ------------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0.0.0.0"])
def test_url_ingest_refuses_loopback_and_stores_nothing(writable, origin, host):
    before = writable.get("/api/articles").json()["total"]
    r = writable.post("/api/ingest", json={"url": f"http://{host}:{origin.port}/memo"}, headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E114", r.text
    assert origin.hits == []
    assert writable.get("/api/articles").json()["total"] == before
    assert writable.get("/api/search?q=memo").json()["total"] == 0


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[fd12::1]/",
                                 "http://192.168.1.1/"])
def test_url_ingest_refuses_metadata_and_private_ranges(writable, url):
    r = writable.post("/api/ingest", json={"url": url}, headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E114", r.text


def test_url_ingest_inside_an_allowed_network(db_copy, client_for, origin, nlp):
    config = Config(db=db_copy, token=TOKEN, http_timeout=3, fetch_allow_cidrs=("127.0.0.1/32",))
    with client_for(config) as c:
        r = c.post("/api/ingest", json={"url": f"http://127.0.0.1:{origin.port}/memo"}, headers=AUTH)
        assert r.status_code == 201, r.text
        # what the CLI refuses is refused here too: a JSON API answer is not a page
        r = c.post("/api/ingest", json={"url": f"http://127.0.0.1:{origin.port}/json"}, headers=AUTH)
        assert r.status_code == 422 and r.json()["error"]["code"] == "E102"
        assert c.get("/api/search?q=secret").json()["total"] == 0


# -- what the request itself holds -------------------------------------------------------------
@pytest.mark.parametrize("field", ["text", "html", "source_url", "published"])
def test_lone_surrogates_are_a_400_with_the_json_error(writable, field):
    body = {"text": "Russia criticized the report.", field: "bad \ud800 value"}
    if field == "html":
        body.pop("text")
    raw = json.dumps(body).encode()  # json.dumps writes the lone surrogate as the escape \ud800
    assert b"\\ud800" in raw
    r = writable.post("/api/ingest", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == "E501" and "surrogate" in err["message"] and field in err["message"]


@pytest.mark.parametrize("published", ["9999-99-99", "2011-02-30", "yesterday", "2011-13-01T00:00:00"])
def test_impossible_published_dates_are_refused(writable, published):
    r = writable.post("/api/ingest", json={"text": "Russia criticized the report.", "published": published},
                      headers=AUTH)
    assert r.status_code == 400 and r.json()["error"]["code"] == "E501", r.text


def test_a_pathological_page_fails_with_E201_and_the_server_stays_up(db_copy, client_for):
    hostile = "<html><body><p>" + "word<br>" * 200_000 + "</p></body></html>"
    config = Config(db=db_copy, token=TOKEN, doc_time_limit=0.5, max_html_tags=0, max_request_bytes=5_000_000)
    with client_for(config) as c:
        r = c.post("/api/ingest", json={"html": hostile}, headers=AUTH)
        assert r.status_code == 422 and r.json()["error"]["code"] == "E201", r.text
        assert c.get("/api/health").status_code == 200
