"""scripts/learn_quotes.py: reads only the development part of PolNeAR train, writes where it is told,
and writes files the package can read; and the shipped model is the one the package loads."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from dateline.evaluation.splits import is_held_back
from dateline.extract.quotes.lexicon import LEX
from dateline.extract.quotes.model import MODEL_FILE, cue_model

ROOT = Path(__file__).resolve().parents[3]


def _script():
    spec = importlib.util.spec_from_file_location("learn_quotes", ROOT / "scripts" / "learn_quotes.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["learn_quotes"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_learner_reads_the_development_part_only_and_writes_where_told(shared_dir, tmp_path, monkeypatch):
    learn = _script()
    seen: list[str] = []
    real_parse = learn.parse

    def parse(texts, cache):
        seen.extend(texts)
        return real_parse(texts, cache)

    monkeypatch.setattr(learn, "parse", parse)
    out = tmp_path / "lex"
    assert learn.main([str(out), "--shared", str(shared_dir), "--limit", "12"]) == 0
    train = shared_dir / "eval" / "quotes" / "polnear" / "train" / "text"
    held = {f.read_text("utf-8") for f in train.glob("*.txt") if is_held_back("polnear-train", f.stem)}
    assert len(seen) == 12 and not held & set(seen)  # never a held-back article
    for name in ("reporting_verbs.txt", "reporting_nouns.txt", "quote_cues.tsv", MODEL_FILE):
        text = (out / name).read_text("utf-8")
        assert text.startswith("# source:") and "development part" in text
    model = (out / MODEL_FILE).read_text("utf-8").splitlines()
    assert any(line.startswith("__bias__\t") for line in model)
    assert any(line.startswith("R:say|VERB|ccomp\t") for line in model)  # the commonest attribution rule


def test_shipped_model_is_loaded_and_scores_speech_above_actions():
    model = cue_model()
    assert model is not None and (LEX / MODEL_FILE).exists() and 0 < model.threshold < 1
    speech = ["R:say|VERB|ccomp", "L:say", "Rel:ccomp", "P:VERB", "S:person", "CS", "CR:VERB"]
    inside = [*speech, "Q", "Q:ccomp", "QS:person"]  # the same cue inside someone's quotation
    assert model.prob(speech) > model.threshold > model.prob(inside)
