"""The Zyte benchmark metric as dateline.evaluation.extraction implements it."""

from __future__ import annotations

import pytest

from dateline.evaluation.extraction import aggregate, match, shingles


def test_shingles_multiset_and_short_texts():
    assert sum(shingles("a b c d e").values()) == 2
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2
    assert list(shingles("too short")) == [("too", "short")]  # fewer than 4 tokens: one shingle
    assert not shingles("")


def test_match_scales_to_one():
    tp, fp, fn = match("a b c d e f", "a b c d e g")
    assert tp + fp + fn == pytest.approx(1.0)
    assert (tp, fp, fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))
    assert match("", "") == (0.0, 0.0, 0.0)


def test_aggregate_averages_over_pages():
    pages = [match("a b c d e", "a b c d e"), match("a b c d e f g", "a b c d")]
    m = aggregate(pages)
    # page 1: P=R=1; page 2: tp=1 fp=3 fn=0 -> P=0.25, R=1
    assert m["precision"] == pytest.approx((1 + 0.25) / 2)
    assert m["recall"] == pytest.approx(1.0)
    assert m["f1"] == pytest.approx(2 * 0.625 / 1.625)


def test_empty_prediction_counts_for_recall_only():
    m = aggregate([match("", "a b c d e"), match("a b c d e", "a b c d e")])
    assert m["precision"] == pytest.approx(1.0)
    assert m["recall"] == pytest.approx(0.5)
