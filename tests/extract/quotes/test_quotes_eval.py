"""The PolNeAR quote scorer (dateline.evaluation.quotes): matching rule, gold reading, baseline."""

from dataclasses import dataclass

from dateline.evaluation.quotes import (
    GoldContent,
    GoldDoc,
    _is_direct,
    _is_marked,
    baseline_quotes,
    load,
    load_split,
    match,
    score,
)
from dateline.types import Ref


@dataclass
class _P:
    span: tuple
    kind: str = "direct"
    speaker: Ref | None = None


def test_match_needs_half_of_the_longer_span_and_is_one_to_one():
    gold = [GoldContent((0, 100)), GoldContent((200, 210))]
    preds = [_P((0, 50)), _P((0, 49)), _P((202, 212))]
    pairs = match(gold, preds)
    assert (0, 0) in pairs and (1, 2) in pairs and len(pairs) == 2


def test_direct_rule_and_discontinuous_gold(tmp_path):
    text = 'He said "we will win" and then left. Officials said talks would resume.'
    assert _is_direct(text, text.index('"'), text.index(" and"))
    assert _is_direct(text, text.index("we"), text.index('" and'))  # between marks
    assert not _is_direct(text, text.index("talks"), len(text) - 1)
    d = tmp_path / "split"
    (d / "text").mkdir(parents=True)
    (d / "attributions").mkdir()
    (d / "text" / "doc1.txt").write_text(text, "utf-8")
    s = text.index("talks")
    ann = (
        f"T1\tSource 37 46\tOfficials\nT2\tCue 47 51\tsaid\nT3\tContent {s} {s + 5};{s + 6} {len(text) - 1}\tx\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"
    )
    (d / "attributions" / "doc1_b.ann").write_text(ann, "utf-8")
    (d / "attributions" / "doc1_a.ann").write_text("", "utf-8")  # the first file in sorted order wins
    assert load_split(d)[0].contents == []
    (d / "attributions" / "doc1_a.ann").write_text(ann, "utf-8")
    doc = load_split(d)[0]
    assert doc.contents[0].span == (s, len(text) - 1) and doc.contents[0].source == [(37, 46)]


def test_score_speaker_by_overlap_or_last_word():
    text = "Officials said talks would resume."
    g = GoldDoc("d", text, [GoldContent((15, 33), source=[(0, 9)])])
    by_span = score([g], {"d": ([_P((15, 33), "indirect", Ref("Officials", (0, 9)))], {})})
    assert by_span["overall"]["f1"] == 1.0 and by_span["speaker_accuracy"] == 1.0
    by_name = score(
        [g], {"d": ([_P((15, 33), "indirect", Ref("they", (40, 44), "a1"))], {"a1": "The officials"})}
    )
    assert by_name["speaker_accuracy"] == 1.0
    wrong = score([g], {"d": ([_P((15, 33), "indirect", Ref("he", (40, 42), "a2"))], {"a2": "Lavrov"})})
    assert wrong["speaker_accuracy"] == 0.0 and wrong["direct"]["pred"] == 0


def test_regex_baseline_on_dev_split(shared_dir):
    docs = load_split(shared_dir / "eval" / "quotes" / "polnear" / "dev")
    assert len(docs) == 84 and sum(len(d.contents) for d in docs) > 1000
    base = score(docs, {d.name: (baseline_quotes(d.text), {}) for d in docs})
    assert 0.2 < base["overall"]["f1"] < 0.35 and 0.45 < base["direct"]["f1"] < 0.65


def test_direct_opens_and_closes_marked_holds_any_mark():
    text = (
        '"We will not yield," he said. He said the plan was "a grave mistake". '
        "She called them \u201cdeplorables\u201d and left. Iran's envoy said the countries' talks went well."
    )

    def span(sub):
        s = text.index(sub)
        return s, s + len(sub)

    assert _is_direct(text, *span('"We will not yield,"'))  # opens and closes
    assert _is_direct(text, *span('"a grave mistake".'))  # punctuation after the closing mark
    assert _is_direct(text, *span("deplorables"))  # between marks
    clause = span('the plan was "a grave mistake".')
    assert not _is_direct(text, *clause) and _is_marked(text, *clause)  # a reported clause with quoted words
    plain = span("the countries' talks went well")
    assert not _is_direct(text, *plain) and not _is_marked(text, *plain)  # a plural possessive is no mark
    assert not _is_marked(text, *span("Iran's envoy"))  # an apostrophe is no mark


def test_exact_and_overlap_scores_like_citron():
    text = 'He said "we will win," and left. Officials said talks would resume on Monday.'
    q1 = (text.index('"we'), text.index(" and"))
    q2 = (text.index("talks"), text.index(" on Monday"))
    g = GoldDoc("d", text, [GoldContent(q1, direct=True, marked=True), GoldContent((q2[0], len(text) - 1))])
    # the format keeps a direct quote's marks outside its span; exact compares without them
    preds = [_P((q1[0] + 1, q1[1] - 1)), _P(q2, "indirect")]
    m = score([g], {"d": (preds, {})})
    assert m["exact"]["tp"] == 1 and m["exact"]["p"] == 0.5
    assert m["overall"]["f1"] == 1.0  # "talks would resume" is more than half of the gold clause
    assert 0.5 < m["overlap"]["r"] < 1.0 and m["overlap"]["p"] == 1.0
    assert m["direct"]["f1"] == 1.0 and m["marked"]["f1"] == 1.0


def test_train_splits_are_disjoint_and_complete(shared_dir):
    dev, held = load(shared_dir, "train-dev"), load(shared_dir, "train-held")
    names = {d.name for d in dev} | {d.name for d in held}
    assert len(names) == len(dev) + len(held) == 840
    assert 0.15 < len(held) / 840 < 0.25
