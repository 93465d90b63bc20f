"""What a page declares about itself (issue 16): its own URL and the headline it shows."""

from __future__ import annotations

from lxml import html as lxml_html

from dateline.clean import clean_document
from dateline.clean.declared import declared_titles, declared_url, visible_headlines
from dateline.clean.metadata import merge_headline
from dateline.types import CleanDocument, InputRef, RawDocument

BODY = " ".join(["The council met on Tuesday and agreed a new budget for the coming year."] * 8)


def page(head: str, h1: str = "Council agrees a new budget for the coming year") -> str:
    return (f"<html><head><title>Council agrees budget | Daily Example</title>{head}</head><body>"
            f"<h1>{h1}</h1><article><p>{BODY}</p><p>{BODY}</p></article></body></html>")


def tree(html: str):
    return lxml_html.fromstring(html)


def test_declared_url_prefers_canonical_then_og_url():
    t = tree(page('<link rel="canonical" href="https://example.com/news/budget">'
                  '<meta property="og:url" content="https://example.com/og/budget">'))
    assert declared_url(t) == "https://example.com/news/budget"
    assert declared_url(tree(page('<meta property="og:url" content="https://example.com/og/budget">'))) \
        == "https://example.com/og/budget"


def test_declared_url_refuses_home_pages_other_schemes_and_unresolvable_relatives():
    assert declared_url(tree(page('<link rel="canonical" href="https://example.com/">'))) is None
    assert declared_url(tree(page('<link rel="canonical" href="javascript:alert(1)//x">'))) is None
    rel = tree(page('<link rel="canonical" href="/news/budget">'))
    assert declared_url(rel) is None
    assert declared_url(rel, "https://example.com/a?b=1") == "https://example.com/news/budget"


def test_the_clean_stage_stores_the_declared_url_else_the_crawl_url():
    html = page('<link rel="canonical" href="https://example.com/news/budget">')
    doc = clean_document(RawDocument(InputRef(path="p.html", format="html"), html, "html", "k"))
    assert isinstance(doc, CleanDocument) and doc.url == "https://example.com/news/budget"
    bare = page("")
    crawl = clean_document(RawDocument(InputRef(url="https://example.com/x/1", format="html"), bare, "html", "k",
                                       url="https://example.com/x/1"))
    assert crawl.url == "https://example.com/x/1"
    local = clean_document(RawDocument(InputRef(path="p.html", format="html"), bare, "html", "k"))
    assert local.url is None


def test_the_visible_headline_wins_over_a_reworded_social_title():
    html = page('<meta property="og:title" content="Budget agreed">'
                '<script type="application/ld+json">{"@type": "NewsArticle", '
                '"headline": "Council agrees a new budget for the coming year"}</script>')
    t = tree(html)
    assert declared_titles(t) == ["Council agrees a new budget for the coming year", "Budget agreed"]
    assert visible_headlines(t) == ["Council agrees a new budget for the coming year"]
    got = merge_headline("Budget agreed", "Budget agreed", set(), visible=visible_headlines(t),
                         declared=declared_titles(t))
    assert got == "Council agrees a new budget for the coming year"


def test_an_h1_that_declares_nothing_is_not_the_headline():
    # a site banner in <h1> matches no declared title: the libraries' titles decide as before
    got = merge_headline("Council agrees budget - Daily Example", None, {"dailyexample"},
                         visible=["Daily Example", "Sign up for our newsletter today"], declared=[])
    assert got == "Council agrees budget"


def test_a_text_record_without_a_header_line_keeps_its_own_title():
    raw = RawDocument(InputRef(path="r.jsonl", format="jsonl", record="1"), BODY + "\n\n" + BODY, "text", "k",
                      title="Council agrees a new budget")
    doc = clean_document(raw)
    assert isinstance(doc, CleanDocument) and doc.headline == "Council agrees a new budget"
