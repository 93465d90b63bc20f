"""Careers, media, commerce and sports context (issue 12): clauses that name a political verb without
telling a political act, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.extract import extract_document
from dateline.types import CleanDocument, InputRef


def events(nlp, text: str, learned: bool = True):
    doc = nlp(text)
    clean = CleanDocument(input=InputRef(format="jsonl", record="t"), body=text, published="2019-10-16")
    return list(extract_document(doc, clean, Config(event_learned_check=learned)).events)


@pytest.mark.parametrize("text", [
    "The Nigerian president agreed to an interview with the BBC last week.",  # a media engagement
    "Amazon is offering instant discounts on laptops to customers in India.",  # commerce
    "Senator Nancy Pelosi arrived in Congress in 1987 and became speaker in 2007.",  # a career step
    "The former minister entered parliament in 2010.",
])
def test_media_commerce_and_career_are_no_acts(nlp, text):
    assert events(nlp, text, learned=False) == []


def test_political_offers_and_agreements_still_code(nlp):
    assert any(e.type == "AGREE" for e in events(nlp, "Russia agreed to a ceasefire in Idlib.", learned=False))
    assert any(e.target is not None and e.target.country == "IRN"
               for e in events(nlp, "The United States offered a deal to Iran on Monday.", learned=False))


def test_one_sports_word_in_a_match_report_paragraph_is_sports(nlp):
    report = ("Spain dominated the match from the kickoff. Portugal allowed only one shot on goal in the "
              "second half. The coach said his team had played its best game of the season.")
    assert events(nlp, report, learned=False) == []
    # the same verb outside sports still codes
    evs = events(nlp, "The government allowed United Nations inspectors to visit the site.", learned=False)
    assert [e.type for e in evs] == ["RETREAT"]
