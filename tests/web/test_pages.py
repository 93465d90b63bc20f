"""Every page renders from the sample store (server side, no browser), escapes untrusted text, and
stays at its stable URL."""

from __future__ import annotations

import re

import pytest

from dateline.web.charts import timeline_view


def _ids(web_client):
    aid = web_client.get("/api/articles").json()["items"][0]["id"]
    actor = web_client.get("/api/network").json()["nodes"][0]["id"]
    return aid, actor


@pytest.mark.parametrize("path", ["/search", "/search?q=nuclear", "/articles", "/actors", "/actors?q=iran",
                                  "/timeline", "/timeline?asserted_only=1", "/network", "/network?type=CONSULT",
                                  "/events", "/events?type=CONSULT&asserted_only=1", "/docs"])
def test_pages_render(web_client, path):
    r = web_client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text


def test_article_and_actor_pages(web_client):
    aid, actor = _ids(web_client)
    doc = web_client.get(f"/api/articles/{aid}").json()
    html = web_client.get(f"/articles/{aid}", headers={"Accept": "text/html"}).text
    assert html.count('id="ev-') == sum(1 for e in doc["events"] if e.get("evidence"))
    # the event table says why each row exists: the pattern that fired and the checks it passed
    for e in doc["events"]:
        assert f"<code>{e['rule']['pattern']}</code>" in html and e["rule"]["checks"][0] in html
    assert html.count("<tr>") >= len(doc["events"]) + 1
    assert doc["source"] in html and doc["published"] in html
    # mentions of actors with a global id link to their pages
    assert re.search(r'href="[^"]*/actors/\d+"', html)
    page = web_client.get(f"/actors/{actor}", headers={"Accept": "text/html"}).text
    detail = web_client.get(f"/api/actors/{actor}").json()
    assert detail["name"] in page and 'id="acts-on"' in page and 'id="acted-on-by"' in page


def test_unknown_pages_are_html_404s(web_client):
    r = web_client.get("/articles/ffffffffffffffff", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "E402" in r.text and r.headers["content-type"].startswith("text/html")
    assert web_client.get("/actors/99999999", headers={"Accept": "text/html"}).status_code == 404


def test_bad_filter_is_shown_not_applied(web_client):
    r = web_client.get("/timeline?since=2011-02-30", headers={"Accept": "text/html"})
    assert r.status_code == 200 and 'role="alert"' in r.text and "2011-02-30" in r.text


def test_query_text_is_escaped_in_pages(web_client):
    evil = '"><script>alert(1)</script>'
    for path in ("/search", "/actors", "/timeline", "/network"):
        key = "q" if path in ("/search", "/actors") else "actor"
        html = web_client.get(path, params={key: evil}, headers={"Accept": "text/html"}).text
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&#34;&gt;&lt;script&gt;" in html


def test_timeline_view_keeps_every_bin_and_shows_the_undated_last():
    q = lambda **k: {"1": 0, "2": 0, "3": 0, "4": 0, "0": 0, **k}  # noqa: E731
    tl = {"bin": "day", "bins": [{"date": "2011-11-08", "end": "2011-11-08", "n": 2, "quad": q(**{"1": 2})},
                                 {"date": "2011-11-09", "end": "2011-11-09", "n": 0, "quad": q()},
                                 {"date": "2011-11-10", "end": "2011-11-10", "n": 4, "quad": q(**{"4": 3, "0": 1})}],
          "undated": {"n": 2, "quad": q(**{"3": 2})}, "coarser": {"n": 1, "quad": q(**{"1": 1}), "precision": {"year": 1}}}
    s = timeline_view(tl)
    assert s["days"] == ["2011-11-08", "2011-11-09", "2011-11-10", "undated"]
    assert s["series"]["1"] == [2, 0, 0, 0] and s["series"]["4"] == [0, 0, 3, 0] and s["series"]["0"] == [0, 0, 1, 0]
    assert s["series"]["3"] == [0, 0, 0, 2]
    assert sum(map(sum, s["series"].values())) == 8 and s["undated"] == 2 and s["coarser"]["n"] == 1
    empty = timeline_view({})
    assert empty["days"] == [] and empty["series"] == {"1": [], "2": [], "3": [], "4": []} and empty["undated"] == 0


def test_syndicated_copy_is_listed_on_both_pages(web_db, tmp_path, sample_path):
    """A second site carrying the same wire story (a few words changed) becomes a copy of the story."""
    import shutil

    from fastapi.testclient import TestClient

    from dateline.api import create_app
    from dateline.config import Config

    db = tmp_path / "copies.db"
    shutil.copy(web_db, db)
    text = sample_path.read_text("utf-8").replace("Criticizing the Wednesday report", "Criticising the Wednesday report")
    with TestClient(create_app(Config(db=str(db), token="t"))) as c:
        original = c.get("/api/articles").json()["items"][0]["id"]
        r = c.post("/api/ingest", json={"text": text, "published": "2011-11-10",
                                        "source_url": "https://mirror.example.net/iran/snsc.html"},
                   headers={"Authorization": "Bearer t"})
        assert r.status_code in (200, 201), r.text
        assert r.json()["status"] == "duplicate" and r.json()["id"] != original
        copies = c.get(f"/api/articles/{original}/copies").json()
        assert len(copies) == 2
        copy = next(x for x in copies if x["id"] != original)
        html = c.get(f"/articles/{original}", headers={"Accept": "text/html"}).text
        assert f'href="/articles/{copy["id"]}"' in html  # links are paths, never built from the Host header
        back = c.get(f"/articles/{copy['id']}", headers={"Accept": "text/html"}).text
        assert f"/articles/{original}" in back and "canonical" in back


def test_events_page_lists_filtered_events_with_evidence(web_client):
    net = web_client.get("/api/network").json()
    edge = net["edges"][0]
    api = web_client.get("/api/events", params={"source": edge["source"], "target": edge["target"]}).json()
    html = web_client.get("/events", params={"source": edge["source"], "target": edge["target"]},
                          headers={"Accept": "text/html"}).text
    body = html.split('<tbody>')[1].split('</tbody>')[0]
    assert body.count("<tr>") == api["total"] == edge["n"]
    for e in api["items"]:
        assert f'#ev-{e["local_id"]}"' in body
    everything = web_client.get("/events", headers={"Accept": "text/html"}).text
    n = web_client.get("/api/events").json()["total"]
    assert f"({n:,})" in everything
    # the network table links each edge to this page (works without JavaScript)
    page = web_client.get("/network", headers={"Accept": "text/html"}).text
    assert f'/events?source={edge["source"]}&amp;target={edge["target"]}' in page
