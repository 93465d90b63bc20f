"""Merging trafilatura's and newspaper4k's metadata: the rules in dateline.clean.metadata."""

from __future__ import annotations

import pytest

from dateline.clean.metadata import (
    clean_byline,
    merge_byline,
    merge_date,
    merge_headline,
    site_tokens,
    strip_site_affixes,
)


@pytest.mark.parametrize(
    "title, names, url, expected",
    [
        ("Iran talks stall again | CNN", ["CNN"], "https://edition.cnn.com/x", "Iran talks stall again"),
        ("Iran talks stall again - BBC News", [], "https://www.bbc.co.uk/news/x", "Iran talks stall again"),
        ("BBC News - Iran talks stall again", [], "https://www.bbc.co.uk/news/x", "Iran talks stall again"),
        ("WeWork under investigation – TechCrunch", ["TechCrunch"], None, "WeWork under investigation"),
        ("Oil falls - Markets - Example Herald", [], "https://exampleherald.com/a", "Oil falls - Markets"),
        ("Opinion | Republicans Are Following Trump to Nowhere", ["NYTimes"], None,
         "Republicans Are Following Trump to Nowhere"),
        ("Trump - the man who would be king", ["CNN"], None, "Trump - the man who would be king"),
        ("Short | CNN", ["CNN"], None, "Short | CNN"),  # too little would be left
    ],
)
def test_strip_site_affixes(title, names, url, expected):
    assert strip_site_affixes(title, site_tokens(names, url)) == expected


def test_merge_headline_rules():
    tok = site_tokens(["CNN"], "https://cnn.com/a")
    # equal after stripping -> trafilatura's text
    assert merge_headline("Iran talks stall | CNN", "Iran talks stall", tok) == "Iran talks stall"
    # one contains the other -> the shorter
    assert merge_headline("Iran talks stall again: live updates", "Iran talks stall again", tok) == "Iran talks stall again"
    # disagree -> trafilatura's
    assert merge_headline("Iran talks stall", "Nuclear diplomacy hits wall", tok) == "Iran talks stall"
    # trafilatura's is only the site name -> newspaper4k's
    assert merge_headline("CNN", "Nuclear diplomacy hits wall", tok) == "Nuclear diplomacy hits wall"
    assert merge_headline(None, "Nuclear diplomacy hits wall", tok) == "Nuclear diplomacy hits wall"


@pytest.mark.parametrize(
    "raw, names, wire",
    [
        ("By Jane Doe", ["Jane Doe"], None),
        ("By Jane Doe Email the author", ["Jane Doe"], None),
        ("TOM KRISHER, AP Auto Writer", ["Tom Krisher"], "AP"),
        ("Associated Press", [], "AP"),
        ("By John Smith and Mary Jones, Reuters", ["John Smith", "Mary Jones"], "Reuters"),
        (["Meg James", "www.latimes.com", "meg-james"], ["Meg James"], None),
        (["admin", "humans.txt"], [], None),
        ("News Nation Bureau", [], None),
        ("Staff and wire reports", [], None),
        ("Jane Doe @janedoe, Staff Writer", ["Jane Doe"], None),
        ("Troy Smith; Troy L. Smith", ["Troy Smith"], None),
        ("Victor Tangermann; Futurism", ["Victor Tangermann"], None),
    ],
)
def test_clean_byline(raw, names, wire):
    assert clean_byline(raw, site_tokens(["Example News"], "https://example.com")) == (names, wire)


def test_merge_byline_asks_newspaper_only_when_needed():
    calls = []

    def np_authors():
        calls.append(1)
        return ["Jane Doe"]

    tok = set()
    assert merge_byline("By Ann Lee", np_authors, tok) == ("Ann Lee", None)
    assert calls == []
    assert merge_byline("Associated Press", np_authors, tok) == ("Jane Doe", "AP")
    assert calls == [1]
    assert merge_byline(None, lambda: [], tok) == (None, None)


def test_merge_date():
    assert merge_date("2019-11-18", lambda: "2019-11-20") == "2019-11-18"
    assert merge_date(None, lambda: "2019-11-20") == "2019-11-20"
    assert merge_date(None, lambda: None) is None
