"""Non-English articles are kept with their language and skipped by the extractors, with a note."""

from __future__ import annotations

from dateline.config import Config
from dateline.pipeline import extract_many
from dateline.types import CleanDocument, InputRef

FR = ("Moscou, 10 nov -- Le ministre russe des Affaires étrangères Sergueï Lavrov a critiqué mercredi "
      "le rapport de l'Agence internationale de l'énergie atomique sur l'Iran.")
EN = ("Moscow, Nov 10 -- Russian Foreign Minister Sergei Lavrov on Wednesday criticized the report of the "
      "International Atomic Energy Agency on Iran.")


def test_non_english_skipped_with_note_english_extracted(nlp):
    fr = CleanDocument(InputRef(record="fr"), body=FR, language="fr")
    en = CleanDocument(InputRef(record="en"), body=EN, language="en")
    unknown = CleanDocument(InputRef(record="x"), body=EN, language=None)
    out = extract_many([fr, en, unknown], Config())
    skipped = out[id(fr)]
    assert skipped.actors == () and skipped.events == ()
    assert any("'fr'" in n and "skipped" in n for n in skipped.notes)
    for d in (en, unknown):  # undetermined language is processed as English
        names = {a.name for a in out[id(d)].actors}
        assert "Sergei Lavrov" in names and "International Atomic Energy Agency" in names


def test_both_languages_identified():
    from dateline.nlp.pipeline import detect_language

    assert detect_language(FR) == "fr" and detect_language(EN) == "en"
