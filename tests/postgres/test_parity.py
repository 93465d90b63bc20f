"""The query layer (CLI, API, web and watches all read through it) gives the same answers on
PostgreSQL as on SQLite: the query fixture store (tests/fixture_store.py: seven wire
stories, a syndicated copy, an exact duplicate, a failure) is written by the real Writer into
both, and every query is compared."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from dateline import query as Q
from dateline.store import open_store

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def stores(pg_url, tmp_path_factory, qfx):
    lite_path = str(tmp_path_factory.mktemp("parity") / "fixture.db")
    ids = qfx.build(lite_path)
    assert qfx.build(pg_url) == ids
    lite, pg = open_store(lite_path, readonly=True), open_store(pg_url)
    yield lite, pg, ids
    lite.close()
    pg.close()


def _same(lite, pg, fn, *args, **kw):
    a, b = fn(lite, *args, **kw), fn(pg, *args, **kw)
    assert b == a, f"{fn.__name__}{args}{kw}"
    return a


def test_counts_and_articles(stores):
    lite, pg, ids = stores
    _same(lite, pg, Q.table_counts)
    _same(lite, pg, Q.articles, limit=50, copies=True, status=True)
    assert _same(lite, pg, Q.articles, copies=True)
    _same(lite, pg, Q.articles, since="2011-11-10", until="2011-11")
    _same(lite, pg, Q.count_articles)
    for key in ("talks", "talks_copy"):
        assert _same(lite, pg, Q.article, ids[key])["id"] == ids[key]
        _same(lite, pg, Q.story_articles, ids[key])


@pytest.mark.parametrize("f", [
    {}, {"actor": "Lavrov"}, {"source": "Iran"}, {"target": "IAEA"}, {"type": "ACCUSE,THREATEN"},
    {"country": "IRN"}, {"since": "2011-11-10", "until": "2011-11-30"}, {"asserted_only": True},
    {"quad_class": 3}, {"copies": True}, {"actor": "nobody at all"}, {"actor": "Iran", "since": "2011-12"},
])
def test_events(stores, f):
    lite, pg, _ = stores
    ef = Q.EventFilter(**f)
    assert _same(lite, pg, Q.events, ef, limit=100) or f.get("actor") == "nobody at all"
    _same(lite, pg, Q.events, ef, limit=2, offset=1)
    _same(lite, pg, Q.count_events, ef)
    _same(lite, pg, Q.count_events, ef, cap=3)
    _same(lite, pg, Q.timeline, ef)
    _same(lite, pg, Q.network, ef)


def test_one_event(stores):
    lite, pg, _ = stores
    first = Q.events(lite, Q.EventFilter(), limit=1)[0]
    assert Q.event(pg, first["event_id"]) == Q.event(lite, first["event_id"]) is not None


@pytest.mark.parametrize("f", [
    {}, {"speaker": "Lavrov"}, {"about": "sanctions"}, {"about": '"political tool"'},
    {"about": "sanction*"}, {"kind": "direct"}, {"since": "2011-11-15"}, {"copies": True},
])
def test_quotes(stores, f):
    lite, pg, _ = stores
    qf = Q.QuoteFilter(**f)
    rows = _same(lite, pg, Q.quotes, qf)
    if f.get("about"):
        assert rows and all(r["highlights"] for r in rows)
    _same(lite, pg, Q.quotes, qf, order="asc", limit=2)
    _same(lite, pg, Q.count_quotes, qf)


@pytest.mark.parametrize("q", [None, "Lavrov", "iran", "7"])
def test_actors(stores, q):
    lite, pg, _ = stores
    _same(lite, pg, Q.actors, q)
    _same(lite, pg, Q.count_actors, q)
    _same(lite, pg, Q.actors, q, type="person")


def test_actor_pages(stores):
    lite, pg, _ = stores
    for a in Q.actors(lite, limit=20):
        _same(lite, pg, Q.actor, a["id"])
    _same(lite, pg, Q.actor, "Baqeri")


def _hits(hits: list[dict]) -> list[dict]:
    """Search hits without their rank (BM25 and ts_rank differ), by article id."""
    return sorted(({k: v for k, v in h.items() if k != "rank"} for h in hits), key=lambda h: h["article_id"])


@pytest.mark.parametrize("text", [
    "Iran", "sanctions", "Lavrov Moscow", '"nuclear program"', "Iran OR Israel", "Iran -sanctions", "sanction*",
])
def test_search(stores, text):
    """Same articles, snippets, highlights and matched quotes; only the scores (and so the order
    of hits that score differently) differ between BM25 and ts_rank."""
    lite, pg, _ = stores
    a, b = Q.search(lite, text, limit=50), Q.search(pg, text, limit=50)
    assert a, text
    assert _hits(b) == _hits(a)
    assert _hits(Q.search(pg, text, copies=True, limit=50)) == _hits(Q.search(lite, text, copies=True, limit=50))
    _same(lite, pg, Q.count_search, text)
    _same(lite, pg, Q.search_facets, text)
    _same(lite, pg, Q.search_facets, text, copies=True)


def test_search_without_text_and_facets(stores):
    lite, pg, _ = stores
    _same(lite, pg, Q.search, None, limit=50)
    _same(lite, pg, Q.search, "", type="ACCUSE", limit=50)
    _same(lite, pg, Q.search_facets, None)
    assert _hits(Q.search(pg, "Iran", country="RUS", since="2011-11", limit=50)) == \
        _hits(Q.search(lite, "Iran", country="RUS", since="2011-11", limit=50))
    assert Q.search(pg, "((( : \" *") == Q.search(lite, "((( : \" *") == []


@pytest.mark.parametrize("args", [
    ["events", "--actor", "Lavrov"], ["events", "--country", "IRN", "--limit", "5"], ["timeline"], ["network"],
    ["quotes", "--about", "sanctions"], ["actors", "iran"], ["actor", "Lavrov"], ["articles"], ["search", "Iran"],
    ["show", "TALKS"],
])
def test_cli_with_a_postgres_url(stores, args, pg_url):
    from dateline.cli.main import cli

    lite, _, ids = stores
    args = [ids["talks"] if a == "TALKS" else a for a in args]
    runner = CliRunner()
    fmt = ["--json"] if args[0] == "show" else ["--format", "json"]
    a = runner.invoke(cli, ["--db", lite.path, *args, *fmt])
    b = runner.invoke(cli, ["--db", pg_url, *args, *fmt])
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    if args[0] == "search":  # BM25 and ts_rank order hits that score differently in other ways
        assert _hits(json.loads(b.output)) == _hits(json.loads(a.output))
    else:
        assert json.loads(b.output) == json.loads(a.output)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "gdelt"])
def test_exports_agree(stores, pg_url, tmp_path, fmt):
    """`dateline export` writes the same files from both stores (but for when each was written)."""
    from dateline.cli.main import cli

    lite, _, _ = stores
    runner = CliRunner()
    out = {}
    for name, db in (("lite", lite.path), ("pg", pg_url)):
        r = runner.invoke(cli, ["--db", db, "export", "--format", fmt, "--out", str(tmp_path / name)])
        assert r.exit_code == 0, r.output
        out[name] = {p.name: p.read_text("utf-8") for p in sorted((tmp_path / name).iterdir())
                     if p.name != "manifest.json"}
    assert out["pg"].keys() == out["lite"].keys() and out["lite"]
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|\t\d{14}\t")  # stored-at times differ
    for name, text in out["lite"].items():
        assert stamp.sub("T", out["pg"][name]) == stamp.sub("T", text), name


@pytest.mark.parametrize("text", ['"unterminated phrase', "OR", "-", "*", "NOT Iran", "Téhéran", "50%_x",
                                  "a" * 300, "Iran AND", '"" Iran'])
def test_odd_search_input(stores, text):
    lite, pg, _ = stores
    assert _hits(Q.search(pg, text, limit=50)) == _hits(Q.search(lite, text, limit=50))
    _same(lite, pg, Q.count_search, text)
    _same(lite, pg, Q.quotes, Q.QuoteFilter(about=text))


def test_stop_words_are_not_searched(stores):
    """The one documented difference: PostgreSQL drops English stop words, so the phrase
    "Iran s" (what Iran's is to FTS5) is searched as "Iran": more hits, each still highlighted."""
    lite, pg, _ = stores
    a, b = Q.search(lite, "Iran's", limit=50), Q.search(pg, "Iran's", limit=50)
    assert {h["article_id"] for h in a} < {h["article_id"] for h in b} == {h["article_id"] for h in
                                                                            Q.search(lite, "Iran", limit=50)}
    assert all(h["highlights"] or h["headline_highlights"] for h in b)


@pytest.mark.parametrize("kw", [
    {"actor": "50%_x"}, {"actor": "lavrov"}, {"actor": "Sergei"}, {"since": "2011"}, {"until": "2011-11"},
    {"since": "2011-11-22", "until": "2011-11-22"}, {"type": "REJECT", "copies": True},
])
def test_odd_filters(stores, kw):
    lite, pg, _ = stores
    _same(lite, pg, Q.events, Q.EventFilter(**kw), limit=50, offset=0)
    _same(lite, pg, Q.events, Q.EventFilter(**kw), limit=5, offset=500)
    _same(lite, pg, Q.count_events, Q.EventFilter(**kw))
    _same(lite, pg, Q.actors, kw.get("actor"), limit=10)


@pytest.mark.parametrize("kw", [{"source": "IRNA"}, {"site": "reuters.com"}, {"since": "2011-12"}, {"offset": 3}])
def test_article_filters(stores, kw):
    lite, pg, _ = stores
    _same(lite, pg, Q.articles, **kw)
    _same(lite, pg, Q.count_articles, **{k: v for k, v in kw.items() if k != "offset"})
