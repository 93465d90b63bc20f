"""The read API over the sample store: filters narrow, pages are bounded, answers match the query layer."""

from __future__ import annotations

import pytest

from dateline import query
from dateline.schema import validate
from dateline.store import open_store


def test_articles_and_one_article_is_valid_dateline1(client):
    page = client.get("/api/articles").json()
    assert page["total"] >= 1 and page["items"]
    aid = page["items"][0]["id"]
    doc = client.get(f"/api/articles/{aid}").json()
    validate(doc)  # raises on any schema or span problem
    assert doc["id"] == aid and doc["schema"] == "dateline/1"
    assert doc["events"] and doc["actors"]
    copies = client.get(f"/api/articles/{aid}/copies").json()
    assert [c["id"] for c in copies] == [aid]  # the sample's story has only itself


def test_events_filters_combine_and_match_query_layer(client, sample_db):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 0
    # the most active source actor: every event returned involves it
    sources = [e["source_actor"] for e in everything["items"] if e["source_actor"]]
    actor = max(set(sources), key=sources.count)
    by_actor = client.get("/api/events", params={"actor": actor, "limit": 500}).json()
    assert 0 < by_actor["total"] < everything["total"]
    assert all(actor in (e["source_actor"], e["target_actor"]) for e in by_actor["items"])
    etype = by_actor["items"][0]["type"]
    both = client.get("/api/events", params={"actor": actor, "type": etype}).json()
    assert all(e["type"] == etype for e in both["items"]) and both["total"] <= by_actor["total"]
    with open_store(sample_db, migrate=False) as store:
        f = query.EventFilter(actor=str(actor), type=etype)
        assert both["total"] == query.count_events(store, f)
        assert [e["event_id"] for e in both["items"]] == [e["event_id"] for e in query.events(store, f, limit=50)]
    # a date range that holds nothing
    assert client.get("/api/events", params={"since": "1990-01-01", "until": "1990-12-31"}).json()["total"] == 0


def test_pagination_is_bounded_and_links_next(client):
    total = client.get("/api/events").json()["total"]
    assert total >= 3
    first = client.get("/api/events", params={"limit": 2}).json()
    assert len(first["items"]) == 2 and first["total"] == total and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 2
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}
    max_size = client.app.state.config.max_page_size
    assert client.get("/api/events", params={"limit": max_size + 1}).status_code == 400
    assert client.get("/api/events", params={"limit": 0}).status_code == 400
    assert client.get("/api/events", params={"offset": -1}).status_code == 400


def test_one_actor_has_titles_quotes_and_interactions(client):
    actors = client.get("/api/actors", params={"limit": 100}).json()["items"]
    net = client.get("/api/network").json()
    busiest = net["nodes"][0]
    detail = client.get(f"/api/actors/{busiest['id']}").json()
    assert detail["name"] == busiest["name"]
    for key in ("titles", "quotes", "n_quotes", "acts_on", "acted_on_by", "event_counts"):
        assert key in detail
    acted = sum(x["n"] for x in detail["acts_on"]) + sum(x["n"] for x in detail["acted_on_by"])
    assert acted >= busiest["n"] > 0
    assert {a["id"] for a in actors} >= {n["id"] for n in net["nodes"]}
    named = client.get("/api/actors", params={"q": busiest["name"].split()[-1]}).json()["items"]
    assert busiest["id"] in {a["id"] for a in named}


def test_timeline_and_network_agree_with_events(client):
    total = client.get("/api/events").json()["total"]
    tl = client.get("/api/timeline").json()
    assert tl["dated"] + tl["undated"]["n"] == total  # every event counted: in a bin, coarser, or undated
    assert sum(b["n"] for b in tl["bins"]) + tl["coarser"]["n"] == tl["dated"]
    assert all(set(b["quad"]) == {"1", "2", "3", "4", "0"} for b in tl["bins"])
    assert [b["date"] for b in tl["bins"]] == sorted(b["date"] for b in tl["bins"])
    by_month = client.get("/api/timeline", params={"bin": "month"}).json()
    assert by_month["bin"] == "month" and all(b["date"].endswith("-01") for b in by_month["bins"])
    assert client.get("/api/timeline", params={"bin": "fortnight"}).status_code in (400, 422)
    dated = client.get("/api/events", params={"order": "date"}).json()["items"]
    assert [e["date"] for e in dated if e["date"]] == sorted((e["date"] for e in dated if e["date"]), reverse=True)
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    for e in net["edges"]:
        assert e["source"] in ids and e["target"] in ids
        listed = client.get("/api/events", params={"source": e["source"], "target": e["target"]}).json()
        assert listed["total"] == e["n"]


def test_search_ranks_with_highlights_and_facets(client):
    doc = client.get("/api/articles/" + client.get("/api/articles").json()["items"][0]["id"]).json()
    word = max(doc["body"].split(), key=len).strip(".,;:\"'()“”’")
    res = client.get("/api/search", params={"q": word, "facets": "true"}).json()
    assert res["total"] >= 1
    hit = res["items"][0]
    assert hit["article_id"] == doc["id"]
    assert any(hit["snippet"][s:e].lower() == word.lower() for s, e in hit["highlights"])
    assert res["facets"]["total"] == res["total"]
    assert {t["value"] for t in res["facets"]["types"]} <= {e["type"] for e in doc["events"]}
    assert client.get("/api/search", params={"q": "zzqxjv"}).json()["total"] == 0
    # user text is never FTS syntax
    assert client.get("/api/search", params={"q": 'NEAR( "unbalanced * ^col:x'}).status_code == 200


@pytest.mark.parametrize("url", ["/api/articles/0000000000000000", "/api/actors/999999", "/api/events/999999"])
def test_unknown_ids_are_404_with_code(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "E402"


def test_bad_filters_are_refused(client):
    assert client.get("/api/events", params={"since": "last tuesday"}).status_code == 400  # not a date form
    assert client.get("/api/events", params={"since": "2011-02-29"}).status_code == 400  # no such day
    assert client.get("/api/events", params={"since": "2012-02-29", "until": "3d"}).status_code == 200
    assert client.get("/api/events", params={"country": "1X"}).status_code == 400


def test_parameter_errors_have_the_one_error_shape(client):
    """Issue 16: parameter validation answers 400 + E501 in {"error": {...}}, a message in words (no
    regular expression), naming every bad parameter."""
    r = client.get("/api/events", params={"since": "2019-13", "limit": 0, "country": "1X"})
    assert r.status_code == 400 and set(r.json()) == {"error"}
    err = r.json()["error"]
    assert err["code"] == "E501" and set(err) == {"code", "message", "hint"}
    assert "since: bad date '2019-13'" in err["message"] and "limit:" in err["message"]
    assert "country: expected an ISO 3166-1 alpha-3" in err["message"]
    assert "(?:" not in err["message"] and len(err["message"]) < 300
    for path in ("/api/quotes?kind=x", "/api/actors/abc", "/api/search?since=yesteryear", "/api/timeline?type=x"):
        r = client.get(path)
        assert r.status_code == 400 and r.json()["error"]["code"] == "E501", path
    doc = client.get("/api/openapi.json").json()
    assert "HTTPValidationError" not in str(doc)
    assert all("422" not in op["responses"] for item in doc["paths"].values() for m, op in item.items()
               if m == "get")


def test_quotes_filter_by_speaker(client):
    page = client.get("/api/quotes", params={"limit": 500}).json()
    assert page["total"] == len(page["items"])
    speakers = [q["speaker_actor"] for q in page["items"] if q["speaker_actor"]]
    if not speakers:
        pytest.skip("the sample store has no attributed quote yet")
    sp = speakers[0]
    mine = client.get("/api/quotes", params={"speaker": sp}).json()["items"]
    assert mine and all(q["speaker_actor"] == sp for q in mine)
