"""Agency lines, agency footers with story ids, credits, and site names in plain-text lines."""

from __future__ import annotations

import pytest

from dateline.clean import clean_batch
from dateline.clean.wire import site_from_line, site_from_url, wire_line
from dateline.config import Config
from dateline.types import FailedInput, InputRef, RawDocument


@pytest.mark.parametrize(
    "line, kind, source, code",
    [
        ("IRNA - Islamic Republic News Agency", "agency_line", "IRNA", None),
        ("Islamic Republic News Agency/IRNA NewsCode: 30655693", "footer", "IRNA", "30655693"),
        ("Kuwait News Agency/KUNA story id: 2215634", "footer", "KUNA", "2215634"),
        ("Example Wire news code: 12345", "footer", "Example Wire", "12345"),
        ("Xinhua News Agency", "agency_line", "Xinhua", None),
        ("Anadolu Agency - AA", "agency_line", "Anadolu", None),
        ("Source: Reuters", "credit", "Reuters", None),
        ("(AP)", "credit", "AP", None),
    ],
)
def test_wire_lines(line, kind, source, code):
    w = wire_line(line)
    assert w is not None and (w.kind, w.source, w.news_code) == (kind, source, code)


@pytest.mark.parametrize(
    "line",
    [
        "Promo code: SAVE20",
        "Weapons of Mass Destruction (WMD)",
        "Source: a person familiar with the matter",
        "The Associated Press reported on Monday that the talks had collapsed after a week of meetings.",
        "Zip code: 10001",
    ],
)
def test_not_wire_lines(line):
    assert wire_line(line) is None


def test_site_names():
    assert site_from_line("Join the GlobalSecurity.org mailing list") == "GlobalSecurity.org"
    assert site_from_line("Copyright © 2011 Example.com") == "Example.com"
    assert site_from_line("The mailing list of the club met on Monday.") is None
    assert site_from_url("https://www.globalsecurity.org/wmd/library/news/iran/2011/iran-111110-irna01.htm") == (
        "globalsecurity.org"
    )


def test_site_from_url_when_page_names_none():
    raw = RawDocument(
        InputRef(url="https://www.example.org/a"),
        "Geneva talks resume\n\nDiplomats said on Monday that the talks would resume next week in Geneva after a pause.",
        "text",
        "s",
        url="https://www.example.org/a",
    )
    [doc] = clean_batch([raw], Config())
    assert doc.site == "example.org" and doc.headline == "Geneva talks resume"


def test_a_page_that_breaks_a_library_does_not_lose_the_batch(monkeypatch):
    import dateline.clean.pipeline as clean_pipeline  # where clean_batch calls it

    def boom(*a, **k):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(clean_pipeline, "extract_html", boom)
    raws = [
        RawDocument(InputRef(path="a.html", format="html"), "<html><body><p>x</p></body></html>", "html", "a"),
        RawDocument(InputRef(path="b.txt"), "Headline here\n\n" + "A sentence that is long enough. " * 5, "text", "b"),
    ]
    out = clean_batch(raws, Config())
    assert isinstance(out[0], FailedInput) and out[0].code == "E106" and "parser exploded" in out[0].message
    assert out[1].body.startswith("A sentence")


def test_wire_lines_are_at_most_fourteen_words():
    footer = "Islamic Republic News Agency/IRNA NewsCode: 30655693"
    padded = " ".join(["word"] * (14 - len(footer.split()))) + " " + footer
    assert len(padded.split()) == 14 and wire_line(padded) is not None
    assert wire_line("word " + padded) is None  # 15 words: article text
