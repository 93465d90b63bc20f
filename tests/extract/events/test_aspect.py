"""Aspect of the trigger clause (dateline/extract/events/aspect.py): a habit is background, a stance is
no act, one act on one occasion stays asserted. Sentences written for these tests."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.extract import extract_document
from dateline.types import CleanDocument, InputRef


def events(nlp, text: str):
    doc = nlp(text)
    clean = CleanDocument(input=InputRef(format="jsonl", record="t"), body=text, published="2020-05-05")
    return list(extract_document(doc, clean, Config(event_learned_check=False)).events)


@pytest.mark.parametrize("text, cue", [
    ("The Thai army routinely detains activists near the border.", "routinely"),
    ("Kenya frequently criticizes Somalia over the border dispute.", "frequently"),
    ("Opposition leaders have long accused the president of corruption.", "long"),
    ("Ministers have been urging Brussels to relax the rules.", "been"),
    ("The Chilean government bans protests in the capital every year.", "year"),
    ("Peru has accused Chile over the past decade of spying on its navy.", "decade"),
])
def test_a_habit_is_background_with_its_cue(nlp, text, cue):
    evs = events(nlp, text)
    assert evs, text
    assert all(e.modality == "reported_past" for e in evs)
    assert all(any(c.text == cue and c.sets == "reported_past" for c in e.cues) for e in evs)


@pytest.mark.parametrize("text", [
    "Venezuela accused Colombia of harbouring rebels on Tuesday.",
    "Venezuela has accused Colombia of harbouring rebels.",
    "A Cairo court jailed the blogger for five years on Monday.",  # a sentence's length, not a habit
    "Germany backed the French plan on Monday.",
])
def test_one_act_stays_asserted(nlp, text):
    evs = events(nlp, text)
    assert evs and any(e.modality == "asserted" for e in evs), text


@pytest.mark.parametrize("text", [
    "Nigeria opposes the French military presence in the Sahel.",
    "The senator supports the sanctions bill against Iran.",
    "The ruling party is opposed to talks with the rebels.",
    "Brazil rejects the claims that its troops entered Paraguay.",
    "Ghana does support the regional force for Mali.",
])
def test_a_stance_is_no_act(nlp, text):
    assert events(nlp, text) == []


def test_a_stance_participle_describes_its_noun_and_the_clause_act_stays(nlp):
    evs = events(nlp, "Opposition groups supporting the former president marched in Abidjan.")
    assert not any(e.type == "SUPPORT" for e in evs)


def test_a_stance_said_by_the_actor_is_a_statement(nlp):
    evs = events(nlp, "The Egyptian foreign minister said Cairo supports the African Union plan for Sudan.")
    assert any(e.type == "SUPPORT" and e.modality == "asserted" for e in evs)
    evs = events(nlp, "Brazil rejected the claims that its troops entered Paraguay.")
    assert [(e.type, e.source.country) for e in evs] == [("REJECT", "BRA")]


@pytest.mark.parametrize("text", [
    "There are three reasons Hungary refuses to join the asylum scheme.",  # generic relative clause
    "The coalition government is committed to maintaining close ties with Tokyo.",
    "The treasury minister swears his budget will protect pensioners.",
])
def test_a_standing_claim_is_no_act(nlp, text):
    assert not any(e.modality == "asserted" and e.type in ("REJECT", "AGREE") for e in events(nlp, text)), text


@pytest.mark.parametrize("text", [
    "Russia refuses to extradite the suspects to Britain.",  # a present-tense act in a news lead
    "Hungary refused on Monday to join the asylum scheme proposed by Brussels.",
])
def test_a_refusal_in_a_lead_stays(nlp, text):
    assert any(e.type == "REJECT" for e in events(nlp, text)), text
