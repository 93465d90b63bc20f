"""A story whose syndicated copy was extracted too: every listing shows the story once."""

from __future__ import annotations

import dataclasses

import pytest

from dateline.config import Config
from dateline.query import (
    EventFilter,
    QuoteFilter,
    count_events,
    count_quotes,
    events,
    network,
    quotes,
    timeline,
)
from dateline.store import open_store
from dateline.store.writer import Writer


@pytest.fixture
def copy_store(tmp_path, fx):
    orig = fx.DOCS[1]  # the sanctions story
    copy = dataclasses.replace(orig, key="copy", site="mirror.example", url="https://mirror.example/s",
                               body=orig.body + " Markets in Tehran fell on the news.")
    store = open_store(str(tmp_path / "copies.db"))
    w = Writer(store, Config())
    assert w.write(fx.result(orig)) == "ok"
    assert w.write(fx.result(copy)) == "duplicate"  # near-duplicate, stored with its own extraction
    n = store.conn.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                           " WHERE a.is_canonical = 0").fetchone()[0]
    assert n == len(orig.events)
    yield store, orig
    store.close()


def test_events_listed_once_per_story(copy_store):
    store, orig = copy_store
    rows = events(store, EventFilter())
    assert len(rows) == count_events(store) == len(orig.events)
    assert all(r["n_articles"] == 2 for r in rows)
    both = events(store, EventFilter(copies=True))
    assert len(both) == count_events(store, EventFilter(copies=True)) == 2 * len(orig.events)
    iran = EventFilter(actor="Iran")
    assert len(events(store, iran)) == count_events(store, iran) == len(orig.events)
    assert timeline(store, iran)["dated"] + timeline(store, iran)["undated"]["n"] == len(orig.events)
    assert sum(e["n"] for e in network(store, iran)["edges"]) == len(orig.events)


def test_quotes_listed_once(copy_store):
    store, orig = copy_store
    assert len(quotes(store, QuoteFilter())) == count_quotes(store) == len(orig.quotes)
    assert count_quotes(store, QuoteFilter(copies=True)) == 2 * len(orig.quotes)


def test_count_cap(copy_store):
    store, _ = copy_store
    assert count_events(store, EventFilter(copies=True), cap=4) == 4
