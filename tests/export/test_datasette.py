"""The store opened with Datasette's own library, as a Datasette user would: tables, SQL, FTS."""

from __future__ import annotations

import asyncio

from datasette.app import Datasette

from dateline.export.datasette import metadata
from dateline.query import EventFilter, events, search


def datasette_get(db_path, path: str, meta: dict | None = None):
    async def go():
        ds = Datasette([str(db_path)], metadata=meta)
        await ds.invoke_startup()
        resp = await ds.client.get(path)
        assert resp.status_code == 200, resp.text[:500]
        return resp.json()

    return asyncio.run(go())


def test_tables_and_filters_match_the_query_layer(fx_db, store):
    path, _ = fx_db
    name = path.stem
    rows = datasette_get(path, f"/{name}/events.json?_shape=array&type=ACCUSE&_size=max")
    ours = events(store, EventFilter(type="ACCUSE", copies=True))
    assert sorted((r["article_id"], r["local_id"]) for r in rows) == sorted(
        (r["article_id"], r["local_id"]) for r in ours)
    tables = {t["name"] for t in datasette_get(path, f"/{name}.json")["tables"]}
    assert {"articles", "stories", "actors", "article_actors", "mentions", "quotes", "events"} <= tables


def test_sql_and_full_text_search_through_datasette(fx_db, store):
    path, ids = fx_db
    name = path.stem
    sql = ("select a.name, count(*) as n from events e join actors a on a.id = e.source_actor "
           "group by a.name order by n desc, a.name limit 1")
    top = datasette_get(path, f"/{name}.json?_shape=array&sql=" + sql.replace(" ", "+"))
    assert top == [{"name": "Iran", "n": 4}]
    hits = datasette_get(path, f"/{name}/articles.json?_shape=array&_search=Bushehr", metadata(name))
    assert [h["id"] for h in hits] == [h["article_id"] for h in search(store, "Bushehr")] == [ids["fuel"]]
    said = datasette_get(path, f"/{name}/quotes.json?_shape=array&_search=weakness", metadata(name))
    assert [q["text"] for q in said] == ["These sanctions are a sign of weakness,"]
