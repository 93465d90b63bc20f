"""Article listing, one article as dateline/1, and a story's syndicated copies."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError
from dateline.query import article, articles, count_articles, story_articles
from dateline.schema import problems


def test_list_newest_first_one_per_story(store, fx, ids):
    rows = articles(store, limit=100)
    assert [r["id"] for r in rows] == [ids[d.key] for d in sorted(fx.DOCS, key=lambda d: d.published, reverse=True)]
    assert count_articles(store) == len(fx.DOCS)
    talks = next(r for r in rows if r["id"] == ids["talks"])
    assert (talks["n_articles"], talks["n_events"], talks["n_quotes"], talks["n_actors"]) == (
        2, len(fx.DOCS[0].events), len(fx.DOCS[0].quotes), len(fx.DOCS[0].actors))
    assert count_articles(store, copies=True) == len(fx.DOCS) + 1


def test_list_filters(store, ids):
    assert {r["id"] for r in articles(store, source="Reuters")} == {ids["sanctions"], ids["access"]}
    assert [r["id"] for r in articles(store, since="2011-12-01")] == [ids["access"]]
    assert [r["id"] for r in articles(store, until="2011-11-10")] == [ids["talks"]]  # datetimes compare by day
    assert {r["id"] for r in articles(store, story=ids["talks"])} == {ids["talks"], ids["talks_copy"]}


def test_one_article_is_dateline1(store, ids, fx):
    doc = article(store, ids["fuel"][:8])  # a unique prefix is enough
    assert doc["id"] == ids["fuel"] and problems(doc) == []
    assert doc["body"] == fx.DOCS[3].body
    with pytest.raises(DatelineError) as exc:
        article(store, "ffffffffffffffff")
    assert exc.value.code == "E402"


def test_story_articles(store, ids):
    rows = story_articles(store, ids["talks_copy"])
    assert [r["id"] for r in rows] == [ids["talks"], ids["talks_copy"]]
    assert rows[0]["is_canonical"] and not rows[1]["is_canonical"] and rows[1]["similarity"] > 0.8
    assert [r["id"] for r in story_articles(store, ids["fuel"])] == [ids["fuel"]]
