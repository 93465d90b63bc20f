"""The plainly-English shortcut must agree with the language identifier and never claim other languages."""

from __future__ import annotations

import pytest

from dateline.clean.pipeline import _language, plainly_english

ENGLISH = (
    "The foreign minister said on Tuesday that the government would not accept any new sanctions and "
    "that talks with the other members of the council were expected to continue in the coming weeks, "
    "although officials in the capital warned that there was little time left for an agreement."
)
OTHERS = {
    "pt": "O ministro das Relações Exteriores disse na terça-feira que o governo não aceitaria novas sanções "
          "e que as conversas com os outros membros do conselho deveriam continuar nas próximas semanas, "
          "embora autoridades na capital tenham alertado que restava pouco tempo para um acordo.",
    "id": "Menteri luar negeri mengatakan pada hari Selasa bahwa pemerintah tidak akan menerima sanksi baru "
          "dan bahwa pembicaraan dengan anggota dewan lainnya diperkirakan akan berlanjut dalam beberapa minggu "
          "mendatang, meskipun para pejabat di ibu kota memperingatkan bahwa waktu untuk kesepakatan tinggal sedikit.",
    "de": "Der Außenminister sagte am Dienstag, die Regierung werde keine neuen Sanktionen akzeptieren und die "
          "Gespräche mit den anderen Mitgliedern des Rates würden in den kommenden Wochen fortgesetzt, obwohl "
          "Beamte in der Hauptstadt warnten, dass nur noch wenig Zeit für eine Einigung bleibe.",
}


def test_english_takes_the_shortcut_and_agrees_with_the_identifier():
    from dateline.nlp.pipeline import detect_language

    assert plainly_english(ENGLISH)
    assert detect_language(ENGLISH) == "en" == _language(ENGLISH)


@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_other_languages_never_take_the_shortcut(lang):
    text = OTHERS[lang]
    assert not plainly_english(text)
    assert _language(text) == lang


def test_short_samples_are_left_to_the_identifier():
    assert not plainly_english("The minister said the talks would go on.")
