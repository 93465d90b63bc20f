"""The PolNeAR quote scorer (dateline.evaluation.quotes): matching rule, gold reading, baseline."""

from dataclasses import dataclass

from dateline.evaluation.quotes import (
    GoldContent,
    GoldDoc,
    _is_direct,
    baseline_quotes,
    direct_forms,
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


def test_direct_forms_split_quoted_throughout_from_reported_clauses():
    text = ('"We will not yield," he said. He said the plan was "a grave mistake." '
            'She called them \u201cdeplorables\u201d and left.')
    def g(sub):
        s = text.index(sub)
        return GoldContent((s, s + len(sub)), direct=True)
    doc = GoldDoc("d", text, [g('"We will not yield,"'), g('the plan was "a grave mistake."'),
                              g("deplorables"), GoldContent((0, 5), direct=False)])
    assert direct_forms([doc]) == (2, 1)
