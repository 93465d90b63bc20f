"""Full-text search: ranking, snippets with highlight ranges, matched quotes, facets, safety."""

from __future__ import annotations

import pytest

from dateline.query import count_search, search, search_facets
from dateline.query.fts import fts_query, highlight, parse_marked, snippet


def test_best_match_first_with_highlights(store, ids, fx):
    hits = search(store, "Bushehr fuel")
    assert hits[0]["article_id"] == ids["fuel"]
    h = hits[0]
    body = next(d.body for d in fx.DOCS if d.key == "fuel")
    assert body[h["snippet_start"]:h["snippet_start"] + len(h["snippet"])].replace("\n", " ") == h["snippet"]
    marked = {h["snippet"][s:e].lower() for s, e in h["highlights"]}
    assert marked == {"bushehr", "fuel"}
    assert {body[s:e].lower() for s, e in h["body_highlights"]} == {"bushehr", "fuel"}
    assert {h["headline"][s:e].lower() for s, e in h["headline_highlights"]} == {"fuel", "bushehr"}


def test_headline_matches_rank_above_body_only(store, ids):
    hits = search(store, "sanctions")
    assert hits[0]["article_id"] == ids["sanctions"]  # "sanctions" is in its headline


def test_matched_quote_names_its_speaker(store, ids):
    hits = search(store, '"political tool"')
    assert [h["article_id"] for h in hits] == [ids["talks"]]
    (q,) = hits[0]["quotes"]
    assert q["speaker_name"] == "Ali Baqeri"
    assert [q["text"][s:e] for s, e in q["highlights"]] == ["political tool"]  # a phrase is one mark


def test_copies_are_collapsed_unless_asked(store, ids):
    # only the syndicated copy says "constructive" (the original says "unconstructive")
    assert search(store, "constructive") == []
    hits = search(store, "constructive", copies=True)
    assert [h["article_id"] for h in hits] == [ids["talks_copy"]]
    talks = search(store, "Baqeri Moscow")[0]
    assert talks["article_id"] == ids["talks"] and talks["n_articles"] == 2


def test_facet_filters_narrow(store, ids):
    all_iran = {h["article_id"] for h in search(store, "Iran", limit=50)}
    assert count_search(store, "Iran") == len(all_iran) == 5
    assert count_search(store, "Iran", cap=3) == 3 and count_search(store, "Iran", cap=9) == 5
    assert count_search(store, "Iran", type="THREATEN", cap=1) == 1
    threats = {h["article_id"] for h in search(store, "Iran", type="THREATEN")}
    assert threats == {ids["sanctions"], ids["israel"]}
    assert {h["article_id"] for h in search(store, "Iran", country="SYR")} == {ids["israel"]}
    dec = {h["article_id"] for h in search(store, "Iran", since="2011-12-01")}
    assert dec == {ids["access"]}


def test_facet_counts(store, fx):
    f = search_facets(store, "Iran")
    assert f["total"] == 5 and not f["partial"]
    types = {x["value"]: x["n"] for x in f["types"]}
    want: dict = {}
    for d in fx.DOCS:
        for t in {e["type"] for e in d.events}:
            want[t] = want.get(t, 0) + 1
    assert types == want
    countries = {x["value"]: x["n"] for x in f["countries"]}
    assert countries["IRN"] == 5 and countries["SYR"] == 1
    assert {x["value"]: x["n"] for x in f["months"]} == {"2011-11": 4, "2011-12": 1}
    assert (f["min_date"], f["max_date"]) == ("2011-11-10", "2011-12-01")
    narrowed = search_facets(store, "Iran", type="SANCTION")
    assert narrowed["total"] == 1


def test_empty_query_lists_newest(store, ids):
    hits = search(store, "", limit=10)
    assert hits[0]["article_id"] == ids["access"] and len(hits) == 5
    assert search(store, "!!! ???") == [] and count_search(store, "&&") == 0


@pytest.mark.parametrize("q", ['"', "(", ")", "a:b", "NOT", "-", "*", "OR OR", 'iran" OR (', "headline:iran",
                               "NEAR(a b)", "\ue000iran\ue001", "Iran's", "^iran", "-sanctions"])
def test_hostile_queries_never_raise(store, q):
    search(store, q)
    search_facets(store, q)


def test_query_syntax(store, ids):
    assert {h["article_id"] for h in search(store, "Bushehr OR Parchin")} == {ids["fuel"], ids["access"]}
    assert ids["sanctions"] not in {h["article_id"] for h in search(store, "Iran -sanctions", limit=50)}
    assert {h["article_id"] for h in search(store, "Bush*")} == {ids["fuel"]}
    assert fts_query("Iran's") == '"Iran s"'
    assert fts_query('x" OR y') is not None


def test_highlight_escapes_before_marking():
    text = "<script>alert(1)</script> Iran & Russia"
    (s, e) = (text.index("Iran"), text.index("Iran") + 4)
    out = highlight(text, [[s, e]])
    assert out == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Iran</mark> &amp; Russia"
    assert highlight(text, [[s, e]], "[", "]", escape=None).endswith("[Iran] & Russia")


def test_parse_marked_and_snippet_window():
    plain, ranges = parse_marked("a \ue000bc\ue001 d \ue000e\ue001")
    assert plain == "a bc d e" and ranges == [[2, 4], [7, 8]]
    text = " ".join(f"w{i}" for i in range(400)) + " target here"
    s, e = text.index("target"), text.index("target") + 6
    sn = snippet(text, [[s, e]], width=100)
    assert sn["prefix_ellipsis"] and len(sn["text"]) <= 100
    (a, b), = sn["highlights"]
    assert sn["text"][a:b] == "target" and text[sn["start"]:sn["start"] + len(sn["text"])] == sn["text"]


def test_ranking_window_on_broad_queries(store, ids):
    full = search(store, "Iran", limit=50)
    assert search(store, "Iran", limit=50, max_ranked=0) == full  # window off: same exact ranking
    newest = [r[0] for r in store.conn.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH 'iran' AND a.is_canonical = 1 ORDER BY articles_fts.rowid DESC LIMIT 2")]
    windowed = search(store, "Iran", limit=50, max_ranked=2)
    assert sorted(h["article_id"] for h in windowed) == sorted(newest)
    assert count_search(store, "Iran") == len(full)  # counts are never windowed
