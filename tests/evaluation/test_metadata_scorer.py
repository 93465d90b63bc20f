"""The page-metadata scorer's gold rules and matching (issue 16)."""

from __future__ import annotations

from lxml import html as lxml_html

from dateline.evaluation import metadata as M


def gold(head: str, body: str = "") -> dict:
    return M.gold_of(f"<html><head>{head}</head><body>{body}</body></html>")


def test_headline_gold_is_the_h1_that_the_page_declares():
    g = gold('<title>Rain ends the drought at last | The Weekly</title>'
             '<meta property="og:site_name" content="The Weekly">',
             "<h1>The Weekly</h1><h1>Rain ends the drought at last</h1>")
    assert g["headline"] == "Rain ends the drought at last"  # the site-name h1 is not a headline
    g = gold('<script type="application/ld+json">{"@type":"NewsArticle","headline":"A &#8211; B c d"}</script>')
    assert g["headline"] == "A – B c d"  # no agreeing h1: the JSON-LD headline, entities decoded


def test_date_gold_allows_the_local_day_of_a_utc_timestamp():
    g = gold('<meta property="article:published_time" content="2019-11-19T04:58:46Z">')
    assert g["date"] == ["2019-11-19", "2019-11-18"]
    assert M.right("date", "2019-11-18", g["date"]) and not M.right("date", "2019-11-20", g["date"])
    assert gold('<meta property="article:published_time" content="0001-01-01T00:00:00">')["date"] is None
    assert gold('<meta property="article:published_time" content="2019-11-19T16:00:00-05:00">')["date"] == \
        ["2019-11-19"]


def test_byline_gold_and_matching_compare_personal_names():
    g = gold('<script type="application/ld+json">{"@type":"NewsArticle","author":'
             '[{"@type":"Person","name":"MEG KINNARD"},{"@type":"Person","name":"Errin Haines"}]}</script>')
    assert g["byline"] == ["MEG KINNARD", "Errin Haines"]
    assert M.right("byline", "Meg Kinnard, Errin Haines", g["byline"])
    assert M.right("byline", "By MEG KINNARD and ERRIN HAINES, Associated Press", g["byline"])
    assert not M.right("byline", "Meg Kinnard", g["byline"])
    org = gold('<script type="application/ld+json">{"@type":"NewsArticle","author":'
               '{"@type":"Organization","name":"Reuters"}}</script>')
    assert org["byline"] == [] and M.right("byline", "Reuters", org["byline"])
    assert M.person_names("Bruce Y. Lee") == {"bruce lee"}
    assert M.person_names("Troy L. Smith, Cleveland.com") == {"troy smith"}


def test_urls_match_ignoring_scheme_www_and_trailing_slash():
    assert M.right("url", "http://example.com/a/b/", "https://www.example.com/a/b")
    assert not M.right("url", "https://example.com/a/c", "https://example.com/a/b")
    assert not M.right("url", None, "https://example.com/a/b")


def test_declared_json_ld_in_graphs_is_found():
    t = lxml_html.fromstring('<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebSite"},'
                             '{"@type": ["NewsArticle"], "datePublished": "2020-01-02"}]}</script></head></html>')
    assert M.gold_date(t, M._articles(t)) == ["2020-01-02"]
