"""Not actors (issue 14, requirement 4): products, platforms, teams, bare titles and places the
model takes for people; platforms are organisations only where they act."""

from __future__ import annotations

from dateline.extract.actors import extract_actors
from dateline.types import CleanDocument, InputRef


def run(nlp, text, published="2019-11-14"):
    return list(extract_actors(nlp(text), CleanDocument(InputRef(), text, published=published)))


def persons(actors):
    return {a.name for a in actors if a.type == "person"}


def test_products_are_not_people(nlp):
    text = ("Apple has now redesigned the MacBook Pro. The 16-inch MacBook Pro can hold a higher clock speed. "
            "If you are coming from a 2018 MacBook Pro, the Magic Keyboard is the main change: the keyboard "
            "is quieter.")
    actors = run(nlp, text)
    assert not {n for n in persons(actors) if "MacBook" in n or "Keyboard" in n}


def test_a_platform_is_an_organisation_only_where_it_acts(nlp):
    text = ("Delhi's chief minister turned to Twitter last month to describe his city as a gas chamber. "
            "Twitter suspended the account on Monday, the company said.")
    actors = run(nlp, text)
    assert "Twitter" not in persons(actors)
    tw = [a for a in actors if a.name == "Twitter"]
    assert len(tw) == 1 and tw[0].type == "org"
    spans = [text[s:e] for s, e in tw[0].mentions]
    assert spans == ["Twitter"] and tw[0].mentions[0][0] == text.index("Twitter suspended")


def test_teams_things_and_bare_titles_are_not_people(nlp):
    text = ("The Steelers beat the Browns 21-7 on Sunday. The Thunder lost again in Oklahoma City. "
            "NASA wants to build the Gateway in lunar orbit. \"Meth. We're on it,\" the slogan says.")
    assert not persons(run(nlp, text)) & {"Steelers", "Browns", "Thunder", "Gateway", "Meth"}


def test_people_stay_people(nlp):
    text = ("Mr. Vogel declined to comment. Adele said she was tired. King Abdullah of Jordan received "
            "Taylor Swift in Amman.")
    got = persons(run(nlp, text))
    assert {"Vogel", "Adele", "Taylor Swift"} <= got
    assert any("Abdullah" in n for n in got)
