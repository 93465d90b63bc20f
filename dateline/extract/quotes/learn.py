"""Learn the quote-cue lexicons from PolNeAR *train* (never dev).

    python -m dateline.extract.quotes.learn [--shared ../shared] [--cache /tmp/polnear-train.spacy]

Writes, into ``dateline/lexicons/``:

* ``reporting_verbs.txt`` — verb lemmas that head a gold attribution Cue in at least
  ``MIN_RATIO`` of their occurrences (and at least ``MIN_COUNT`` times), with the counts.
* ``reporting_nouns.txt`` — the same for nouns ("statement", "claim", "interview").
* ``quote_cues.tsv`` — (lemma, pos, relation) rules for reported speech: how often the
  structural candidate of ``indirect.candidates`` for that lemma and relation is a
  gold Content whose Cue contains the lemma (precision), over how many candidates.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from dateline.extract.quotes.indirect import candidates, char_span, lemma

LEX = Path(__file__).resolve().parents[2] / "lexicons"
MIN_RATIO = 0.3
MIN_COUNT = 3
RULE_MIN_HITS = 3
RULE_MIN_PRECISION = 0.1


def _ok(span, golds) -> bool:
    for s, e in golds:
        ov = max(0, min(e, span[1]) - max(s, span[0]))
        if ov and ov * 2 >= max(e - s, span[1] - span[0]):
            return True
    return False


def learn(gold_docs, parsed_docs):
    cue_n: Counter = Counter()
    tot_n: Counter = Counter()
    cand_n: Counter = Counter()
    hit_n: Counter = Counter()
    for g, doc in zip(gold_docs, parsed_docs, strict=True):
        by_tok: dict[int, list] = {}
        heads: set[int] = set()
        for c in g.contents:
            if not c.cue:
                continue
            span = doc.char_span(c.cue[0][0], c.cue[-1][1], alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                if any(a <= t.idx < b for a, b in c.cue):
                    by_tok.setdefault(t.i, []).append(c.span)
                    if not (span.start <= t.head.i < span.end) or t.head.i == t.i:
                        heads.add(t.i)
        for t in doc:
            key = (lemma(t), t.pos_)
            tot_n[key] += 1
            if t.i in heads:
                cue_n[key] += 1
        for t, rel, a, b in candidates(doc):
            key = (lemma(t), t.pos_, rel)
            cand_n[key] += 1
            sp = char_span(doc, a, b)
            if sp and _ok(sp, by_tok.get(t.i, ())):
                hit_n[key] += 1
    return cue_n, tot_n, cand_n, hit_n


def write(cue_n, tot_n, cand_n, hit_n, ndocs: int, out: Path = LEX) -> None:
    src = (
        f"# source: learned from PolNeAR v1.0.0 train ({ndocs} articles; networkdynamics/PolNeAR @ c3eee833) "
        "by dateline.extract.quotes.learn"
    )
    for pos, name, what in (("VERB", "reporting_verbs.txt", "verb"), ("NOUN", "reporting_nouns.txt", "noun")):
        rows = sorted(
            (
                (k[0], c, tot_n[k])
                for k, c in cue_n.items()
                if k[1] == pos and c >= MIN_COUNT and c / tot_n[k] >= MIN_RATIO
            ),
            key=lambda r: (-r[1], r[0]),
        )
        lines = [
            src,
            f"# reporting {what} lemmas: heads a gold attribution cue in >= {MIN_RATIO:.0%} of its occurrences, "
            f">= {MIN_COUNT} times",
            "# columns: lemma <TAB> times a cue <TAB> occurrences",
        ]
        lines += [f"{lem}\t{c}\t{t}" for lem, c, t in rows if lem.isalpha()]
        (out / name).write_text("\n".join(lines) + "\n", "utf-8")
    rules = sorted(
        (
            (k, hit_n[k], n)
            for k, n in cand_n.items()
            if hit_n[k] >= RULE_MIN_HITS and hit_n[k] / n >= RULE_MIN_PRECISION and k[0].isalpha()
        ),
        key=lambda r: (-r[1] / r[2], r[0]),
    )
    lines = [
        src,
        "# reported-speech rules: lemma, pos, relation (see dateline/extract/quotes/indirect.py), precision on "
        "train, gold hits, candidates",
        "lemma\tpos\trelation\tprecision\thits\tcandidates",
    ]
    lines += [f"{k[0]}\t{k[1]}\t{k[2]}\t{h / n:.3f}\t{h}\t{n}" for k, h, n in rules]
    (out / "quote_cues.tsv").write_text("\n".join(lines) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> None:
    from dateline.evaluation.quotes import load_split
    from dateline.nlp.pipeline import get_nlp

    ap = argparse.ArgumentParser(description="learn quote-cue lexicons from PolNeAR train")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[4] / "shared"))
    ap.add_argument("--cache", default=None, help="a spaCy DocBin of the train texts (made when missing)")
    args = ap.parse_args(argv)
    gold = load_split(Path(args.shared) / "eval" / "quotes" / "polnear" / "train")
    nlp = get_nlp("auto")
    if args.cache and Path(args.cache).exists():
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe([g.text for g in gold], batch_size=32))
        if args.cache:
            from spacy.tokens import DocBin

            db = DocBin()
            for d in docs:
                db.add(d)
            db.to_disk(args.cache)
    write(*learn(gold, docs), ndocs=len(gold))
    print(f"wrote lexicons to {LEX}")


if __name__ == "__main__":
    main()
