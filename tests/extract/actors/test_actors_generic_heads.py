"""Definite descriptions with a generic actor noun ("the agency", "the insurgent group") resolved to the
organisation named shortly before; sentences written for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_actors_helpers import doc_of  # noqa: E402

from dateline.extract.actors import extract_actors  # noqa: E402


def run(nlp, text):
    doc, clean = doc_of(nlp, text, None)
    return list(extract_actors(doc, clean))


def owner(actors, text, phrase):
    start = text.index(phrase)
    return next((a.name for a in actors if any(s == start for s, _ in a.mentions)), None)


def test_agency_joins_the_agency_named_before(nlp):
    text = ("The International Energy Agency cut its forecast for oil demand on Tuesday. "
            "Prices fell after the report. The agency said demand would recover next year.")
    assert owner(run(nlp, text), text, "The agency said") == "International Energy Agency"


def test_insurgent_group_joins_the_armed_group(nlp):
    text = ("A bomb killed six people at a market in Kandahar on Sunday. Police blamed the Taliban. "
            "The insurgent group denied any role in the attack.")
    assert owner(run(nlp, text), text, "The insurgent group") == "Taliban"


def test_two_fitting_organisations_leave_the_noun_alone(nlp):
    text = ("The International Energy Agency and the European Environment Agency met in Paris. "
            "The agency said it would publish a report.")
    actors = run(nlp, text)
    assert owner(actors, text, "The agency said") not in ("International Energy Agency", "European Environment Agency")


def test_organisation_too_far_back_is_not_used(nlp):
    text = ("The Taliban seized a district in Helmand. Farmers fled to the city. Schools closed. "
            "Markets emptied. Aid workers counted the displaced. The group said it had freed prisoners.")
    assert owner(run(nlp, text), text, "The group said") != "Taliban"
