"""The actor-resolution scorer's matching rules (dateline/evaluation/actors.py)."""

from __future__ import annotations

from dateline.evaluation.actors import _ok, _overlaps, gold_actors, load, locate


def test_locate_whole_words_and_elisions():
    text = "The Turkish government has refused to help the US-led war."
    assert locate(text, "US") == [(text.index("US-led"), text.index("US-led") + 2)]  # not "refUSed"
    t2 = "U.S. and Russian negotiators return to Geneva."
    spans = locate(t2, "U.S. ... negotiators")
    assert [t2[s:e] for s, e in spans] == ["U.S.", "negotiators"]
    assert locate(t2, "Bolivia") == []


def test_success_rules():
    assert _ok("IRN", "IRN", "GOV") and not _ok("IRN", "IRQ", "GOV")
    assert _ok("IGO", None, "IGO") and not _ok("IGO", None, "NGO")
    assert _overlaps([(0, 5)], [(4, 9)]) and not _overlaps([(0, 5)], [(5, 9)])


def test_corpus_loads_with_gold_actors(shared_dir):
    recs, digest = load(shared_dir)
    assert len(recs) > 100 and len(digest) == 16
    codes = [code for r in recs for _role, _text, code in gold_actors(r)]
    assert len(codes) > 300 and "IGO" in codes
