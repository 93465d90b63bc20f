"""The search answer cache: repeated searches are answered from it, and any change to the store,
by the API's own ingest or by another process, empties it before a stale answer can be served."""

from __future__ import annotations

import sqlite3

from dateline.api.cache import SearchCache
from dateline.config import Config

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


def test_cache_is_bounded_in_bytes_and_entries(sample_db):
    cache = SearchCache(8192, sample_db)
    try:
        gen = cache.validate()
        assert cache.max_entries == 4
        body = b"[" + b"1," * 400 + b"1]"  # ~800 bytes of JSON
        for k in "abcdef":
            cache.put((k,), body, 1, 1, b"{}", gen)
        assert len(cache) == 4 and cache.get(("a",)) is None and cache.get(("f",))[0] == body
        assert cache.nbytes <= 8192
        cache.put(("big",), b"[" + b"1," * 5000 + b"1]", 1, 1, b"{}", gen)  # larger than the whole cache
        assert cache.get(("big",)) is None and cache.get(("f",)) is not None
        cache.put(("old",), body, 1, 1, b"{}", gen - 1)  # computed before the store last changed
        assert cache.get(("old",)) is None
        cache.put(("none",), b"[]", 0, 0, b"{}", gen)  # no hits: not kept
        assert cache.get(("none",)) is None
    finally:
        cache.close()
    assert not SearchCache(0, sample_db).usable()
    assert not SearchCache(1 << 20, "postgresql://u@h/db").usable()


def test_one_commit_empties_the_cache_once(db_copy):
    cache = SearchCache(1 << 20, db_copy)
    try:
        gen = cache.validate()
        cache.put(("q",), b"[1]", 1, 1, b"{}", gen)
        assert cache.validate() == gen and cache.get(("q",)) is not None
        other = sqlite3.connect(db_copy)
        other.execute("UPDATE articles SET headline = headline")
        other.commit()
        other.close()
        assert cache.validate() == gen + 1 and cache.get(("q",)) is None
        assert cache.validate() == gen + 1  # seen once, not once per connection
    finally:
        cache.close()


def test_cache_off_by_config(sample_db, client_for):
    with client_for(Config(db=sample_db, search_cache_mb=0)) as c:
        _search(c, "Gatilov")
        _search(c, "Gatilov")
        assert c.app.state.search_cache.hits == 0


def test_search_pages_stop_at_the_ranked_window_and_count_every_match(db_copy, client_for):
    con = sqlite3.connect(db_copy)
    cols = [r[1] for r in con.execute("PRAGMA table_info(articles)") if r[1] not in ("id", "story_id")]
    for i in range(4):  # four more articles that match
        con.execute(f"INSERT INTO articles(id, {', '.join(cols)}) SELECT 'copy{i}', {', '.join(cols)} FROM articles"
                    " WHERE id = (SELECT min(id) FROM articles)")
    con.commit()
    con.close()
    with client_for(Config(db=db_copy, search_max_ranked=2)) as c:
        matches = c.get("/api/search", params={"q": "Gatilov", "limit": 50}).json()
        assert len(matches["items"]) == 2 and matches["total"] == 5 and matches["total_exact"]
        assert matches["next"] is None  # the window holds 2: no page beyond it
        first = c.get("/api/search", params={"q": "Gatilov", "limit": 1}).json()
        assert len(first["items"]) == 1 and first["total"] == 5 and first["next"]
        second = c.get(first["next"]).json()
        assert len(second["items"]) == 1 and second["total"] == 5 and second["next"] is None


def test_an_unreadable_store_turns_the_cache_off_instead_of_failing(tmp_path):
    bad = tmp_path / "not-a-store.db"
    bad.write_text("this is not a SQLite database, but long enough to have a header " * 4, "utf-8")
    cache = SearchCache(1 << 20, str(bad))
    gen = cache.validate()  # no exception: the cache switches itself off
    cache.put(("q",), b"[1]", 1, 1, b"{}", gen)
    assert not cache.usable() and cache.get(("q",)) is None and len(cache) == 0
