"""Titles and the dateline fallback: multiword titles, IGO officials, explicit outsiders.

Texts written for these tests (audit of 2026-11: "Secretary-General" read as the MIL title
"General" with the dateline's country; "Chinese foreign ministry spokesman" under a TEHRAN dateline
given IRN; "A Western diplomat" under MOSCOW given RUS).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from test_actors_helpers import doc_of  # noqa: E402

from dateline.extract.actors import extract_actors  # noqa: E402


def run(nlp, text, place=None):
    doc, clean = doc_of(nlp, text, place)
    return {a.name: a for a in extract_actors(doc, clean)}


def test_hyphenated_title_of_an_igo_official(nlp):
    by = run(nlp, "OSLO, March 3 (Reuters) - NATO Secretary-General Mark Halvorsen told "
                  "allies that the alliance would stay united.")
    p = by["Mark Halvorsen"]
    assert p.titles == ("Secretary-General",)
    assert (p.country, p.sector) == (None, "IGO")


def test_un_secretary_general_under_a_foreign_dateline(nlp):
    by = run(nlp, "BEIJING, June 9 (Reuters) - U.N. Secretary-General Maria Lindqvist called for a "
                  "ceasefire. Lindqvist spoke by video.")
    p = by["Maria Lindqvist"]
    assert (p.country, p.sector) == (None, "IGO")
    assert "General" not in p.titles


def test_lowercase_director_general_of_the_agency(nlp):
    text = ("MOSCOW, Jan 5 (Reuters) - The IAEA said its inspectors were ready. The agency's director "
            "general Paolo Ferri said the site had been sealed.")
    p = run(nlp, text)["Paolo Ferri"]
    assert p.titles == ("director general",)
    assert (p.country, p.sector) == (None, "IGO")


def test_multiword_titles_keep_their_own_sector(nlp):
    by = run(nlp, "Attorney General Ruth Calder said the case was closed. Major General Tom Reyes "
                  "disagreed.", place="Washington")
    assert by["Ruth Calder"].sector == "JUD"
    assert by["Tom Reyes"].sector == "MIL"


def test_nationality_before_lowercase_institution_title_beats_dateline(nlp):
    text = ("TEHRAN, Jan 12 (Reuters) - Iran will not stop enrichment, an Iranian negotiator said.\n\n"
            "Chinese foreign ministry spokesman Li Wenqiang said talks must go on.")
    p = run(nlp, text)["Li Wenqiang"]
    assert (p.country, p.sector) == ("CHN", "GOV")
    assert p.titles == ("foreign ministry spokesman",)


def test_western_diplomat_is_not_the_dateline_country(nlp):
    by = run(nlp, "MOSCOW, Jan 12 (Reuters) - A Western diplomat said the talks had stalled. "
                  "Foreign diplomats said the same.")
    assert [a.country for a in by.values() if "diplomat" in a.name.lower()] == [None, None]


def test_military_spokesman_is_mil_and_foreign_minister_still_gov(nlp):
    by = run(nlp, "KABUL, May 1 (Reuters) - A military spokesman said troops withdrew. "
                  "Foreign Minister Omar Zaki said the talks went well.")
    spk = next(a for a in by.values() if a.name.lower().endswith("military spokesman"))
    assert (spk.country, spk.sector) == ("AFG", "MIL")
    assert (by["Omar Zaki"].country, by["Omar Zaki"].sector) == ("AFG", "GOV")


def test_outlet_long_forms_are_the_outlet(nlp):
    text = ("Interfax news agency said the talks lasted two hours. Interfax later quoted an aide. "
            "The official IRNA news agency said more talks were planned. IRNA gave no date. "
            "The RIA news agency quoted a diplomat. RIA said nothing else.")
    doc, clean = doc_of(nlp, text)
    actors = list(extract_actors(doc, clean))
    media = [a for a in actors if a.sector == "MED"]
    assert sorted(a.name for a in media) == ["IRNA", "Interfax", "RIA Novosti"]
    spans = {a.name: [text[s:e] for s, e in a.mentions] for a in media}
    assert spans["Interfax"] == ["Interfax news agency", "Interfax"]
    assert spans["IRNA"] == ["The official IRNA news agency", "IRNA"]
    assert spans["RIA Novosti"] == ["The RIA news agency", "RIA"]


def test_later_multi_token_surname_joins_the_person(nlp):
    text = ("Russian Foreign Minister Pavel Orlov met Iranian deputy foreign minister Hossein Jaberi Ansari "
            "on Saturday. \"We discussed the file,\" Jaberi Ansari told reporters.")
    by = run(nlp, text)
    p = by["Hossein Jaberi Ansari"]
    assert "Jaberi Ansari" not in by
    assert [text[s:e] for s, e in p.mentions][-1] == "Jaberi Ansari"
    assert p.country == "IRN"


def test_outlets_carry_their_home_country(nlp):
    text = ("Reuters reported the deal. AP and AFP confirmed it, Xinhua said, while Interfax and TASS "
            "quoted officials. IRNA was silent.")
    doc, clean = doc_of(nlp, text)
    got = {a.name: (a.country, a.sector) for a in extract_actors(doc, clean) if a.sector == "MED"}
    assert got == {"Reuters": ("GBR", "MED"), "Associated Press": ("USA", "MED"),
                   "Agence France-Presse": ("FRA", "MED"), "Xinhua": ("CHN", "MED"),
                   "Interfax": ("RUS", "MED"), "Itar-Tass": ("RUS", "MED"), "IRNA": ("IRN", "MED")}


def test_appositive_agency_title_and_igo_officials_spokesperson(nlp):
    text = ("MOSCOW, Jan 20 (AFP) - The IAEA said its inspectors had no access, and the agency's director "
            "general, Paolo Ferri, told reporters he was concerned.\n\nBEIJING - U.N. Secretary-General "
            "Maria Lindqvist said through his spokesperson that talks must resume.")
    actors = list(extract_actors(*doc_of(nlp, text)))
    by = {a.name: a for a in actors}
    assert (by["Paolo Ferri"].country, by["Paolo Ferri"].sector) == (None, "IGO")
    assert by["Paolo Ferri"].titles == ("director general",)
    spk = next(a for a in actors if a.name.endswith("spokesperson"))
    assert (spk.country, spk.sector) == (None, "IGO")


def test_a_country_as_the_subject_of_a_profession_is_not_the_persons_country(nlp):
    by = run(nlp, "Senators questioned Mark Delaney, a Russia specialist at the State Department, on Monday. "
                  "They also heard Oksana Petrenko, a Ukrainian diplomat.")
    assert by["Mark Delaney"].country != "RUS"
    assert by["Oksana Petrenko"].country == "UKR"


def test_a_known_organisation_name_inside_a_longer_name_is_not_that_organisation(nlp):
    by = run(nlp, "A spokesman for the National Security Council declined to comment. Later the U.N. "
                  "Security Council met in New York.")
    un = [a for a in by.values() if a.name == "UN Security Council"]
    assert un and len(un[0].mentions) == 1
