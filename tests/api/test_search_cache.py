"""The search answer cache: repeated searches are answered from it, and any change to the store,
by the API's own ingest or by another process, empties it before a stale answer can be served."""

from __future__ import annotations

import sqlite3

from dateline.api.cache import SearchCache
from dateline.config import Config
from dateline.store import open_store

TOKEN = "cache-token"
ARTICLE = """Kabul, Nov 14, Xinhua -- Afghan officials said on Monday that the Zarghunshah dam talks with
Pakistan had resumed after a pause of several weeks.

"We want an agreement on the Zarghunshah water this year," the minister said.
"""


def _search(c, q):
    r = c.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    return r.json()


def test_repeated_search_is_served_from_the_cache(sample_db, client_for):
    with client_for(Config(db=sample_db)) as c:
        cache = c.app.state.search_cache
        first = _search(c, "Gatilov")
        assert first["total"] >= 1 and cache.hits == 0
        second = _search(c, "Gatilov")
        assert cache.hits == 1 and second == first
        # every parameter is part of the key
        _search(c, "gatilov")
        c.get("/api/search", params={"q": "Gatilov", "limit": 5})
        assert cache.hits == 1


def test_ingest_through_the_api_empties_the_cache(db_copy, client_for, nlp):
    with client_for(Config(db=db_copy, token=TOKEN)) as c:
        assert _search(c, "Zarghunshah")["total"] == 0
        assert _search(c, "Zarghunshah")["total"] == 0  # now cached
        r = c.post("/api/ingest", json={"text": ARTICLE, "published": "2011-11-14"},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201, r.text
        hit = _search(c, "Zarghunshah")
        assert hit["total"] == 1 and "Zarghunshah" in hit["items"][0]["snippet"]


def test_a_write_by_another_process_empties_the_cache(db_copy, client_for):
    with client_for(Config(db=db_copy)) as c:
        before = _search(c, "Gatilov")
        assert _search(c, "Gatilov") == before and c.app.state.search_cache.hits == 1
        other = sqlite3.connect(db_copy)  # as a CLI `dateline ingest` elsewhere would: another connection
        other.execute("UPDATE articles SET headline = headline || ' Gatilov Gatilov'")
        other.commit()
        other.close()
        after = _search(c, "Gatilov")
        assert c.app.state.search_cache.hits == 1  # not served from the cache
        assert after["items"][0]["headline"].endswith("Gatilov Gatilov")


def test_cache_is_bounded_and_can_be_turned_off(sample_db):
    store = open_store(sample_db, migrate=False)
    try:
        cache = SearchCache(2000)
        gen = cache.validate(store)
        for k in ("a", "b", "c"):
            cache.put((k,), k, gen, 900)
        assert cache.get(store, ("a",)) is None and cache.get(store, ("c",)) == "c"
        assert cache.nbytes == 1800
        cache.put(("d",), "d", gen - 1, 10)  # computed before the store last changed: not kept
        assert cache.get(store, ("d",)) is None
        cache.put(("e",), "e", gen, 2001)  # larger than the whole cache: not kept
        assert cache.get(store, ("e",)) is None and cache.get(store, ("b",)) == "b"
        off = SearchCache(0)
        assert not off.usable(store)
    finally:
        store.close()


def test_cache_off_by_config(sample_db, client_for):
    with client_for(Config(db=sample_db, search_cache_mb=0)) as c:
        _search(c, "Gatilov")
        _search(c, "Gatilov")
        assert c.app.state.search_cache.hits == 0
