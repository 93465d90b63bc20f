"""The query layer on PostgreSQL gives what it gives on SQLite (the same fixture in both stores).

Needs the PostgreSQL server of the project's test set-up (``make services``;
``DATELINE_TEST_PG`` overrides the URL). Full-text ranking differs by design (FTS5 BM25 vs
``ts_rank``), so searches compare the sets of articles found, not their order.
"""

from __future__ import annotations

import os
import re
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from dateline import query as q
from dateline.store import open_store

pytestmark = pytest.mark.postgres
DEFAULT_URL = "postgresql://dateline:dateline@127.0.0.1:54329/dateline"


UNDATED = dict(
    key="undated", published=None, source=None, site="example.org", headline="Undated statement",
    url="https://example.org/undated",
    body="Russia warned Iran against enriching uranium, officials said. Iran rejected the warning.",
    actors=[("a1", "Russia", "country", "RUS", "GOV", (), ["Russia"]),
            ("a2", "Iran", "country", "IRN", "GOV", (), ["Iran", "Iran"])],
    events=[dict(id="e1", type="THREATEN", cameo="130", qc=3, g=-4.4, src="a1", tgt="a2",
                 ev="Russia warned Iran against enriching uranium", date=None),
            dict(id="e2", type="REJECT", cameo="120", qc=3, g=-4.0, src="a2", tgt="a1",
                 ev="Iran rejected the warning", date=None)],
)


def _build(fx, where) -> dict:
    """The query fixture plus an undated article (events without any day: sorting of nulls)."""
    from dateline.config import Config
    from dateline.store.writer import Writer

    ids = fx.build(where)
    with open_store(str(where)) as st:
        doc = fx.Doc(**UNDATED)
        Writer(st, Config()).write(fx.result(doc))
    return ids


@pytest.fixture(scope="module")
def store(fx, tmp_path_factory):
    path = tmp_path_factory.mktemp("parity") / "sqlite.db"
    _build(fx, path)
    s = open_store(str(path), readonly=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def pg_store(fx):
    psycopg = pytest.importorskip("psycopg")
    admin = os.environ.get("DATELINE_TEST_PG", DEFAULT_URL)
    name = re.sub(r"[^a-z0-9_]", "_", f"dl_query_{uuid.uuid4().hex[:10]}")
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as c:
            c.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        pytest.fail(f"no PostgreSQL at {admin}: {exc} (run `make services` or set DATELINE_TEST_PG)")
    url = urlunsplit(urlsplit(admin)._replace(path="/" + name))
    try:
        ids = _build(fx, url)
        pg = open_store(url)
        yield pg, ids
        pg.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def strip(rows, *drop):
    return [{k: v for k, v in r.items() if k not in drop} for r in rows]


CASES = [
    q.EventFilter(),
    q.EventFilter(actor="Lavrov"),
    q.EventFilter(actor="Iran", since="2011-11-15", until="2011-11-30"),
    q.EventFilter(country="irn", type="THREATEN,REJECT", asserted_only=True),
    q.EventFilter(source="Israel", quad_class=4),
    q.EventFilter(actor="Russia"),  # includes the undated events: nulls sort last in both stores
]


@pytest.mark.parametrize("f", CASES, ids=lambda f: str(f.to_dict()))
def test_events_timeline_network(store, pg_store, f):
    pg, _ = pg_store
    assert strip(q.events(pg, f), "event_id") == strip(q.events(store, f), "event_id")
    assert q.count_events(pg, f) == q.count_events(store, f)
    assert q.timeline(pg, f) == q.timeline(store, f)
    a, b = q.network(pg, f), q.network(store, f)
    assert a["nodes"] == b["nodes"]
    assert strip(a["edges"], "event_ids") == strip(b["edges"], "event_ids")


def test_quotes_actors_articles(store, pg_store):
    pg, ids = pg_store
    for f in (q.QuoteFilter(), q.QuoteFilter(speaker="Lavrov"), q.QuoteFilter(about="sanctions")):
        assert strip(q.quotes(pg, f), "quote_id") == strip(q.quotes(store, f), "quote_id")
    assert q.actors(pg, limit=100) == q.actors(store, limit=100)
    assert q.actors(pg, "lav") == q.actors(store, "lav")
    assert strip([q.actor(pg, "Iran")], "quotes") == strip([q.actor(store, "Iran")], "quotes")
    assert q.articles(pg, limit=100) == q.articles(store, limit=100)
    assert q.article(pg, ids["fuel"]) == q.article(store, ids["fuel"])


@pytest.mark.parametrize("query", ["Iran", "Bushehr fuel", '"political tool"', "Iran -sanctions", "constructive"])
def test_search_finds_the_same_articles(store, pg_store, query):
    pg, _ = pg_store
    got = {h["article_id"] for h in q.search(pg, query, limit=50)}
    assert got == {h["article_id"] for h in q.search(store, query, limit=50)}
    assert q.count_search(pg, query) == len(got)
    for h in q.search(pg, query, limit=50):
        assert all(h["snippet"][s:e] for s, e in h["highlights"])
    fa, fb = q.search_facets(pg, query), q.search_facets(store, query)
    assert (fa["total"], fa["types"], fa["countries"], fa["months"]) == (fb["total"], fb["types"], fb["countries"],
                                                                         fb["months"])


@pytest.mark.parametrize("fmt", ["csv", "gdelt", "jsonl"])
def test_exports_are_identical(store, pg_store, tmp_path, fmt):
    from dateline.export import export

    pg, _ = pg_store
    a, b = export(pg, fmt, tmp_path / "pg"), export(store, fmt, tmp_path / "sqlite")
    assert a["rows"] == b["rows"]
    for name in a["files"].values():
        if fmt == "gdelt":  # GLOBALEVENTID and DATEADDED are store-specific
            rows = [[line.split("\t") for line in (tmp_path / d / name).read_text().splitlines()] for d in ("pg", "sqlite")]
            assert [r[1:59] + r[60:] for r in rows[0]] == [r[1:59] + r[60:] for r in rows[1]]
        elif name != "failures.csv":  # failure times differ
            assert (tmp_path / "pg" / name).read_text() == (tmp_path / "sqlite" / name).read_text(), name
