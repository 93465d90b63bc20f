"""The actor dictionary (Phoenix/PETRARCH2 conversion + dated additions) and roles in time (issue 14)."""

from __future__ import annotations

import pytest

from dateline.extract.actors import dictionary, extract_actors
from dateline.extract.actors.dictionary import LEXICONS
from dateline.types import CleanDocument, InputRef


def run(nlp, text, published=None):
    clean = CleanDocument(InputRef(), text, published=published)
    return list(extract_actors(nlp(text), clean))


def by_name(actors):
    return {a.name: a for a in actors}


def test_source_and_licence_are_recorded_beside_the_data():
    head = (LEXICONS / "actor_dictionary.tsv").read_text("utf-8").split("\n", 8)[:8]
    assert any("openeventdata/petrarch2 @ 676801cd9cb2924bbbad09f86d15c9323e7097bf" in h for h in head)
    assert any("MIT" in h for h in head)
    assert "MIT License" in (LEXICONS / "LICENSE.petrarch2.txt").read_text("utf-8")
    assert (LEXICONS / "actor_dictionary.tsv").stat().st_size < 3_000_000  # compact enough to ship


@pytest.mark.parametrize("name,date,expected", [
    ("Vladimir Putin", "2011-05-02", ("RUS", "GOV")),   # prime minister (Phoenix: [RUSGOV >080508])
    ("Vladimir Putin", "1995-06-01", ("RUS", "ELI")),   # before office
    ("Joe Biden", "2018-06-01", ("USA", "ELI")),        # between the vice presidency and the presidency
    ("Joe Biden", "2022-06-01", ("USA", "GOV")),        # an addition replaced Phoenix's open-ended role
    ("Rex Tillerson", "2019-06-01", ("USA", "ELI")),    # an ex-secretary is not GOV years later
    ("Hassan Rouhani", "2023-01-01", ("IRN", "ELI")),
    ("Kofi Annan", "2000-01-01", (None, "IGO")),        # an IGO official has no country
])
def test_role_held_on_the_date(name, date, expected):
    entry = dictionary.person(name, date)
    assert entry is not None and dictionary.role_at(entry, date) == expected


def test_surname_alone_only_when_one_person_of_that_name_holds_a_role():
    assert dictionary.by_surname("Putin", "2011-05-02").name == "Vladimir Putin"
    assert dictionary.by_surname("Erdogan", "2019-10-01").name == "Recep Tayyip Erdogan"
    assert dictionary.by_surname("Yeltsin", "1996-01-01").name == "Boris Yeltsin"
    assert dictionary.by_surname("Lee", "2010-01-01") is None  # many people
    assert dictionary.by_surname("Smith", "2019-06-01") is None  # nobody in office
    assert dictionary.person("Sergei Lavrov", "2011-11-10") is dictionary.person("Sergey Lavrov", "2011-11-10")


def test_surname_alone_gets_the_country_the_article_never_says(nlp):
    text = "Putin said on Tuesday that the talks would go on. Erdogan agreed."
    actors = by_name(run(nlp, text, "2019-10-08"))
    putin, erdogan = actors["Vladimir Putin"], actors["Recep Tayyip Erdogan"]
    assert (putin.country, putin.sector, putin.ref) == ("RUS", "GOV", "person:RUS:vladimir-putin")
    assert (erdogan.country, erdogan.sector) == ("TUR", "GOV")
    assert "Putin" in putin.aliases or any(text[s:e] == "Putin" for s, e in putin.mentions)


def test_roles_follow_the_article_date(nlp):
    text = "Joe Biden criticised the plan on Monday."
    assert by_name(run(nlp, text, "2018-06-04"))["Joe Biden"].sector == "ELI"
    assert by_name(run(nlp, text, "2022-06-06"))["Joe Biden"].sector == "GOV"


def test_titles_in_the_text_win_over_the_dictionary(nlp):
    # the dictionary has Juppe as defence minister from Dec 2010 (MIL); the article (Nov 2011) says
    # Foreign Minister: the later, dated evidence wins
    a = by_name(run(nlp, "Foreign Minister Alain Juppe said Paris was ready.", "2011-11-10"))["Alain Juppe"]
    assert (a.country, a.sector) == ("FRA", "GOV")
    b = by_name(run(nlp, "Former President Donald Trump said he would appeal.", "2022-06-06"))["Donald Trump"]
    assert (b.country, b.sector) == ("USA", "ELI")


def test_another_country_in_the_text_means_another_person(nlp):
    text = "Brazilian Senator Joe Biden said the harvest was late."
    a = by_name(run(nlp, text, "2022-06-06"))["Joe Biden"]
    assert a.country == "BRA" and a.ref is None


def test_without_a_date_the_role_still_open_else_the_default():
    assert dictionary.role_at(dictionary.person("Donald Trump"), None) == ("USA", "GOV")  # open since 2025
    assert dictionary.role_at(dictionary.person("Joe Biden"), None) == ("USA", "ELI")  # every office ended


def test_a_surname_with_a_title_joins_the_one_person_of_that_spelling_in_office(nlp):
    # the transliteration key of "Pence" is also that of "Penke" (a Latvian official in the
    # dictionary, in office then too): the surname as spelled decides
    assert dictionary.by_surname("Pence", "2019-11-20").name == "Mike Pence"
    text = "Jennifer Williams, an aide to Vice President Pence, listened to the call, officials said."
    actors = list(extract_actors(nlp(text), CleanDocument(InputRef(), text, published="2019-11-20")))
    pence = [a for a in actors if "Pence" in a.name]
    assert len(pence) == 1 and pence[0].name == "Mike Pence" and pence[0].ref == "person:USA:mike-pence"
    assert (pence[0].country, pence[0].sector) == ("USA", "GOV")


def test_companies_of_the_international_file_are_organisations():
    from dateline.extract.actors import dictionary

    for name in ("Lockheed Martin", "Northrop Grumman", "Piper Jaffray"):
        assert dictionary.person(name) is None and dictionary.org(name).type == "org"
    assert dictionary.person("Robert Berzok") is not None  # a company's spokesman, the source's note says
