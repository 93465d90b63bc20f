"""The server's read pool reads only: migrations run once when it is made, every pooled connection
is read-only, and the writes the API makes go through the ingester's own connection."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.api.deps import StorePool
from dateline.config import Config

TOKEN = "pool-token"


def test_pooled_connections_cannot_write(db_copy):
    pool = StorePool(db_copy, size=3)
    try:
        stores = [pool.acquire(timeout=5) for _ in range(3)]
        for store in stores:
            assert store.conn.execute("PRAGMA query_only").fetchone()[0] == 1
            assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 1
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                store.conn.execute("DELETE FROM articles")
        for store in stores:
            pool.release(store)
    finally:
        pool.close()


def test_a_new_store_is_migrated_once_by_the_pool(tmp_path):
    db = str(tmp_path / "new.db")
    pool = StorePool(db, size=2)
    try:
        store = pool.acquire(timeout=5)
        names = [r[0] for r in store.conn.execute("SELECT name FROM migrations")]
        assert names and names == sorted(names)
        pool.release(store)
    finally:
        pool.close()


def test_api_writes_use_the_write_connection(db_copy, client_for):
    with client_for(Config(db=db_copy, token=TOKEN)) as c:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/watches", json={"name": "w1", "events": {"country": "IRN"}}, headers=auth)
        assert r.status_code == 201, r.text
        assert c.get("/api/watches/w1").status_code == 200
        assert c.delete("/api/watches/w1", headers=auth).status_code == 204
        assert c.get("/api/watches/w1").status_code == 404
        r = c.post("/api/ingest", json={"text": "Tehran, Nov 12, IRNA -- Iran's Foreign Minister said on Saturday "
                                                 "that talks with Russia would continue next week."}, headers=auth)
        assert r.status_code in (201, 200, 422), r.text
