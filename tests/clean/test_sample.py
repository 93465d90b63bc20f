"""The shared sample (a GlobalSecurity.org reprint of an IRNA story) through the clean stage."""

from __future__ import annotations

import pytest

from dateline.clean import clean_batch
from dateline.config import Config
from dateline.types import CleanDocument, InputRef, RawDocument


@pytest.fixture(scope="module")
def sample_doc(sample_path) -> CleanDocument:
    text = sample_path.read_text("utf-8")
    raw = RawDocument(InputRef(path=str(sample_path)), text, "text", "sha", published="2011-11-10")
    [doc] = clean_batch([raw], Config())
    assert isinstance(doc, CleanDocument)
    return doc


def test_fields(sample_doc):
    assert sample_doc.site == "GlobalSecurity.org"
    assert sample_doc.section == "Weapons of Mass Destruction (WMD)"
    assert sample_doc.headline == "SNSC official: IAEA approach towards Iran's nuclear program unconstructive"
    assert sample_doc.source == "IRNA"
    assert sample_doc.news_code == "30655693"
    assert sample_doc.published == "2011-11-10"
    assert sample_doc.language == "en"
    assert sample_doc.byline is None


def test_dateline_and_body_start(sample_doc):
    body, dl = sample_doc.body, sample_doc.dateline
    assert dl is not None
    assert (dl.place, dl.date, dl.agency) == ("Moscow", "11-10", "IRNA")
    assert body[dl.span[0] : dl.span[1]] == "Moscow, Nov 10, IRNA --"
    assert body.startswith("Moscow, Nov 10, IRNA -- Iran's deputy Supreme National Security Council Secretary")


def test_body_has_no_chrome_or_header_lines(sample_doc):
    body = sample_doc.body
    for gone in (
        "UNITED24",
        "charitable donation",
        "Weapons of Mass Destruction (WMD)",
        "SNSC official: IAEA approach",
        "IRNA - Islamic Republic News Agency",
        "NewsCode",
        "30655693",
        "mailing list",
    ):
        assert gone not in body, gone
    assert body.rstrip().endswith("warning that could sow confrontation.")


def test_body_normalised(sample_doc):
    body = sample_doc.body
    assert "\n\n\n" not in body and "  " not in body
    paras = body.split("\n\n")
    assert len(paras) == 33 - 6  # every non-empty line but banner, section, headline, agency, footer, mailing list
    assert all(p == p.strip() and "\n" not in p for p in paras)
    assert "’" not in body and "Iranís" not in body


def test_no_year_guessed_without_hint(sample_path):
    raw = RawDocument(InputRef(path=str(sample_path)), sample_path.read_text("utf-8"), "text", "sha")
    [doc] = clean_batch([raw], Config())
    assert doc.published is None
    assert doc.dateline.date == "11-10"
