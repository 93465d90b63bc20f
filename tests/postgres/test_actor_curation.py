"""Actor identity, surname merges and corrections give the same store on PostgreSQL as on SQLite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from store_helpers import store_article  # noqa: E402

from dateline.config import Config  # noqa: E402
from dateline.store import corrections, open_store  # noqa: E402
from dateline.store.writer import Writer  # noqa: E402
from dateline.types import Actor  # noqa: E402

pytestmark = pytest.mark.postgres


def P(local, name, country=None, ref=None):
    return Actor(local, name, "person", (), country, "GOV", ((0, 5),), ref=ref)


def _story(db: str) -> list[tuple]:
    store = open_store(db)
    try:
        w = Writer(store, Config())
        store_article(w, "Noem tweeted on Monday.", [P("a1", "Noem", "USA")])
        store_article(w, "Kristi Noem spoke.", [P("a1", "Kristi Noem", "USA")], "b.txt")
        store_article(w, "Putin said so.", [P("a1", "Vladimir Putin", "RUS", "person:RUS:vladimir-putin")], "c.txt")
        m = store_article(w, "Trump spoke in Kyiv.", [P("a1", "Trump", "UKR")], "d.txt")
        d = store_article(w, "Donald Trump spoke.", [P("a1", "Donald Trump", "USA")], "e.txt")
        with store.transaction() as conn:
            corrections.merge(conn, m["a1"], d["a1"])
            corrections.rename(conn, d["a1"], "Donald J. Trump")
            corrections.set_country(conn, d["a1"], "USA")
            undo = conn.execute("SELECT id FROM actor_merges WHERE reason = 'surname'").fetchone()[0]
            corrections.undo(conn, undo)
        rows = store.conn.execute(
            "SELECT name, country, merged_into IS NULL, locked, ref, n_mentions, n_articles FROM actors ORDER BY name"
        ).fetchall()
        merges = store.conn.execute(
            "SELECT reason, moved, undone_at IS NULL FROM actor_merges ORDER BY id").fetchall()
        kinds = store.conn.execute("SELECT kind, value FROM actor_corrections ORDER BY id").fetchall()
        return [tuple(r) for r in rows] + [tuple(r) for r in merges] + [tuple(r) for r in kinds]
    finally:
        store.close()


def test_curation_parity(pg_url, tmp_path):
    assert _story(pg_url) == _story(str(tmp_path / "s.db"))
