"""Precision first: the error classes real-article audits found (issue 12), on sentences written for
these tests. Each asserts what a careful event coder would emit — or that nothing is emitted."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.extract import extract_document
from dateline.types import CleanDocument, InputRef


def events(nlp, text: str, published: str = "2019-10-16", learned: bool = True):
    doc = nlp(text)
    clean = CleanDocument(input=InputRef(format="jsonl", record="t"), body=text, published=published)
    return list(extract_document(doc, clean, Config(event_learned_check=learned)).events)


@pytest.mark.parametrize("text", [
    "Russia beat Croatia 2-1 in the World Cup quarter-final on Saturday.",  # sports
    "Sign up to our morning briefing to get the news that matters to Europe.",  # a newsletter line
    "Oil threatens to slide further as traders weigh the risk of a glut.",  # a market
    "Half a million people have been killed in Syria since 2011.",  # a toll over years
    "The Turkish foreign ministry declined to comment.",  # no act
    "Most doctors, in my experience, don't ask that level of detail.",  # a question, private persons
    "Mitt Romney released his tax returns in 2012.",  # a document, not a prisoner
])
def test_non_events_give_nothing(nlp, text):
    assert events(nlp, text) == []


def test_private_travel_is_no_visit(nlp):
    text = "Britons who had travelled to Syria to join the group were stripped of their citizenship."
    assert not any(e.type == "CONSULT" for e in events(nlp, text))
    # the rules read the stripping as coercion of the Britons (no one named does it: the learned
    # check may leave such a sourceless act out)
    rules = events(nlp, text, learned=False)
    assert [(e.type, e.target.country) for e in rules] == [("COERCE", "GBR")]


def test_metaphorical_attack_is_not_an_assault(nlp):
    evs = events(nlp, "Iraqi officials called the strike an attack on Iraq's sovereignty.")
    assert not any(e.type == "ASSAULT" for e in evs)


def test_capturing_a_person_is_coercion_and_a_town_is_territory(nlp):
    evs = events(nlp, "The Islamic State commander was captured by the SDF near Deir ez-Zor.")
    assert [(e.type, e.source.text) for e in evs] == [("COERCE", "SDF")]
    evs = events(nlp, "Rebels captured the town of Kafr Nabl on Monday.")
    assert [e.type for e in evs] == ["ASSAULT"] and evs[0].cameo == "192"


def test_a_vow_of_vengeance_is_a_threat(nlp):
    evs = events(nlp, "Iran's supreme leader vowed vengeance against the United States.")
    assert [(e.type, e.source.country, e.target.country, e.modality) for e in evs] == \
        [("THREATEN", "IRN", "USA", "asserted")]


def test_a_state_blocking_a_convoy_rejects_protesters_blocking_a_road_protest(nlp):
    evs = events(nlp, "The aid convoy was blocked by Turkey at the border.")
    assert [(e.type, e.source.country) for e in evs] == [("REJECT", "TUR")]
    evs = events(nlp, "Thousands of protesters blocked the main highway into Beirut on Monday.")
    assert all(e.type == "PROTEST" for e in evs)


def test_the_agent_of_an_event_noun_acts_and_the_victims_are_the_target(nlp):
    evs = events(nlp, "A bombing claimed by Islamic State killed four Americans in Syria.")
    assert evs and all(e.type == "ASSAULT" for e in evs)
    assert {e.source.text for e in evs} == {"Islamic State"}
    assert {e.target.country for e in evs} == {"USA"}  # the victims, never the place as source
    evs = events(nlp, "Turkey's incursion killed dozens of civilians.")
    assert [(e.type, e.source.country) for e in evs] == [("ASSAULT", "TUR")] and "civilians" in evs[0].target.text


def test_speech_acts_are_asserted_and_conditionals_hypothetical(nlp):
    evs = events(nlp, "Johnson said Britain should take back its fighters.")
    assert [(e.type, e.target.country, e.modality) for e in evs] == [("REQUEST", "GBR", "asserted")]
    evs = events(nlp, "The deal would allow the Kurdish militia to fight the Islamic State.")
    assert evs and all(e.modality == "hypothetical" for e in evs)
    assert any(c.text == "would" and c.sets == "hypothetical" for e in evs for c in e.cues)


def test_every_event_says_which_pattern_fired_and_what_it_passed(nlp):
    evs = events(nlp, "Russia and China rejected the resolution and accused the United States of meddling.")
    assert evs
    for e in evs:
        assert e.rule.origin and e.rule.pattern and "source is a political actor" in e.rule.checks


@pytest.mark.parametrize("text", [
    "Iran's Foreign Ministry did not immediately reply to an email requesting comment.",  # a reporter's question
    "The senator declined to be interviewed for this article.",  # no comment
    "The reporter asked the minister whether Ankara would release the detainees.",  # a question, not a request
    "According to the report, the separatist group launched 504 attacks in 2024.",  # a tally over a year
    "Hundreds of protests were held across Iran in 2019.",  # a tally
])
def test_questions_no_comment_and_tallies_give_nothing(nlp, text):
    assert events(nlp, text, learned=False) == []


def test_one_days_strikes_are_one_act_and_a_prison_order_detains(nlp):
    strikes = events(nlp, "Israeli jets carried out 20 airstrikes on Gaza on Tuesday.", learned=False)
    assert [e.type for e in strikes] == ["ASSAULT"]
    order = events(nlp, "A Guatemalan judge ordered the journalist Jose Ruben Zamora back to prison on Monday.",
                   learned=False)
    assert [(e.type, e.cameo) for e in order] == [("COERCE", "173")]
    asked = events(nlp, "The United States asked Pakistan to extradite the suspects.", learned=False)
    assert [e.type for e in asked] == ["REQUEST"]


@pytest.mark.parametrize("text, owner", [
    ("A spokeswoman for the Arab League condemned the attack on the embassy.", "Arab League"),
    ("The officials of the African Union urged Sudan to end the fighting.", "African Union"),
])
def test_a_bare_role_noun_acts_for_the_owner_its_phrase_names(nlp, text, owner):
    evs = events(nlp, text, learned=False)
    assert evs and {e.source.text for e in evs} == {owner}
    assert all(e.source.sector == "IGO" for e in evs)


def test_a_role_noun_with_its_own_country_keeps_its_words(nlp):
    evs = events(nlp, "A spokesman for the Kenyan foreign ministry condemned the attack on Tuesday.", learned=False)
    assert [(e.source.text, e.source.country) for e in evs] == [("A spokesman", "KEN")]


def test_inside_a_quote_only_the_first_person_is_the_speaker(nlp):
    said = ", the Iraqi foreign minister said."
    assert events(nlp, '"This effectively denies recognition to the Yazidi minority"' + said, learned=False) == []
    assert events(nlp, '"The whole region rejects these threats"' + said, learned=False) == []
    evs = events(nlp, '"We reject the accusations by Turkey"' + said, learned=False)
    assert [(e.type, e.source.country, e.target.country) for e in evs] == [("REJECT", "IRQ", "TUR")]


def test_the_topic_of_talks_is_no_partner(nlp):
    evs = events(nlp, "Speaking at a Security Council meeting on Libya this week, the Egyptian envoy said the "
                      "talks had stalled.", learned=False)
    assert evs and all(e.type == "CONSULT" and e.target is None for e in evs)
    evs = events(nlp, "Kenya held talks on Somalia with Ethiopia in Nairobi on Monday.", learned=False)
    assert [(e.type, e.target.country) for e in evs if e.target] == [("CONSULT", "ETH")]
    # a preposition deeper in the clause is no topic: the ban is on Egypt's products
    evs = events(nlp, "Kuwait agreed to lift a ban on imports of Egyptian farm products.", learned=False)
    assert any(e.type == "AGREE" and e.target is not None and e.target.country == "EGY" for e in evs)


def test_a_rebuttal_targets_whoever_made_the_claim(nlp):
    evs = events(nlp, "Ukraine accused Russia of shelling the nuclear plant on Sunday. "
                      "Moscow rejected those claims on Monday.", learned=False)
    assert ("REJECT", "RUS", "UKR") in [(e.type, e.source.country, e.target and e.target.country) for e in evs]
    evs = events(nlp, '"The army bombed our villages," rebel leader Ahmed Saleh said. '
                      "The government dismissed the claims.", learned=False)
    rej = [e for e in evs if e.type == "REJECT"]
    assert rej and rej[0].target is not None and "Saleh" in rej[0].target.text
    # two accusers: whose claims are rejected is not clear, so no target
    evs = events(nlp, "Kenya and Uganda accused Sudan of arming rebels. Sudan rejected the accusations.",
                 learned=False)
    assert [e.target for e in evs if e.type == "REJECT"] == [None]
    # claims that name their owner keep the grammar's reading
    evs = events(nlp, "Ukraine accused Russia of shelling the plant. Moscow rejected claims by the IAEA.",
                 learned=False)
    assert all(e.target is None or e.target.country != "UKR" for e in evs if e.type == "REJECT")


def test_learned_check_reads_aspect_and_quotes():
    from dateline.extract.events.learned import get_model

    model = get_model()
    assert model is not None
    for name in ("aspect=habitual", "in_direct_quote", "src=person-no-role"):
        assert name in model.index, name


def test_who_was_asked_does_not_ask(nlp):
    # a passive participle clause: the main subject was asked; no one named asked
    evs = events(nlp, "Asked to comment on the strike, Israel's army said it was reviewing the report.",
                 learned=False)
    assert not any(e.type == "REQUEST" for e in evs)
