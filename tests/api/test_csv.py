"""format=csv on every list (issue 16): the same filters as JSON, a header row, every match, streamed
in batches through the query layer."""

from __future__ import annotations

import csv
import io

import pytest

from dateline.api import csv_out


def _rows(r) -> list[dict]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(r.text)))


@pytest.mark.parametrize("path, id_column", [
    ("/api/events", "event_id"), ("/api/quotes", "quote_id"), ("/api/actors", "actor_id"),
    ("/api/articles", "article_id"), ("/api/search?q=nuclear", "article_id"),
])
def test_csv_holds_every_match_the_json_pages_hold(client, path, id_column, monkeypatch):
    monkeypatch.setattr(csv_out, "CSV_BATCH", 2)  # several batches even on the one-article sample
    sep = "&" if "?" in path else "?"
    items, url = [], f"{path}{sep}limit=2"
    while url:
        page = client.get(url).json()
        items += page["items"]
        url = page["next"]
    rows = _rows(client.get(f"{path}{sep}format=csv"))
    assert len(rows) == len(items) > (0 if id_column == "article_id" else 2)  # one article in the sample
    key = "id" if id_column in ("actor_id", "article_id") and "search" not in path else id_column
    assert [r[id_column] for r in rows] == [str(i[key]) for i in items]
    # every id column is named <kind>_id, and no JSON-only helper leaks in
    assert "id" not in rows[0] and "highlights" not in rows[0]


def test_csv_keeps_the_filters_and_an_explicit_limit(client):
    events = client.get("/api/events", params={"type": "CONSULT", "limit": 500}).json()["items"]
    rows = _rows(client.get("/api/events", params={"type": "CONSULT", "format": "csv"}))
    assert len(rows) == len(events) > 0 and {r["type"] for r in rows} == {"CONSULT"}
    assert rows[0]["negated"] in ("true", "false")
    assert len(_rows(client.get("/api/events", params={"format": "csv", "limit": 1}))) == 1
    # no match: still a header row
    r = client.get("/api/events", params={"since": "2099", "format": "csv"})
    assert _rows(r) == [] and r.text.startswith("event_id,article_id,")


def test_network_and_timeline_csv_and_graphml(client):
    net = client.get("/api/network").json()
    edges = _rows(client.get("/api/network", params={"format": "csv"}))
    assert len(edges) == len(net["edges"]) > 0
    names = {n["id"]: n["name"] for n in net["nodes"]}
    assert edges[0]["source_name"] == names[int(edges[0]["source"])]
    assert sum(int(e["n"]) for e in edges) == sum(e["n"] for e in net["edges"])
    g = client.get("/api/network", params={"format": "graphml"})
    assert g.headers["content-type"].startswith("application/graphml+xml")
    import xml.etree.ElementTree as ET

    root = ET.fromstring(g.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == len(net["nodes"])
    assert len(root.findall(".//g:edge", ns)) == len(net["edges"])
    tl = client.get("/api/timeline").json()
    rows = _rows(client.get("/api/timeline", params={"format": "csv"}))
    dated = [r for r in rows if r["date"] != "undated"]
    assert [r["date"] for r in dated] == [b["date"] for b in tl["bins"]]  # every bin, empty ones too
    assert sum(int(r["n"]) for r in rows) == sum(b["n"] for b in tl["bins"]) + tl["undated"]["n"] > 0


def test_bad_format_is_an_e501(client):
    r = client.get("/api/events", params={"format": "xlsx"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E501"


def test_a_csv_download_holds_one_store_connection(client, monkeypatch):
    """The stream reads on the request's own connection (given back after the response is sent)."""
    pool = client.app.state.pool
    idle_while_streaming = []
    encode = csv_out.encode
    monkeypatch.setattr(csv_out, "encode", lambda rows, cols: idle_while_streaming.append(
        pool._idle.qsize()) or encode(rows, cols))
    before = pool._idle.qsize()
    _rows(client.get("/api/events", params={"format": "csv"}))
    _rows(client.get("/api/search", params={"format": "csv", "q": "nuclear"}))
    assert idle_while_streaming and min(idle_while_streaming) == before - 1
    assert pool._idle.qsize() == before
