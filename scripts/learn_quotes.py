"""Learn the quote lexicons and the reported-speech model from PolNeAR train's development part.

    .venv/bin/python scripts/learn_quotes.py OUT_DIR [--shared ../shared] [--cache /tmp/polnear-train-dev.spacy]

Reads only the development part of ``train/`` (``splits.development("polnear-train", …)``: the
held-back fifth is never read) and writes into ``OUT_DIR`` (the package's own lexicons live in
``dateline/lexicons/``; pass that directory to update them):

* ``reporting_verbs.txt`` — verb lemmas that head a gold attribution Cue in at least
  ``MIN_RATIO`` of their occurrences (and at least ``MIN_COUNT`` times), with the counts;
* ``reporting_nouns.txt`` — the same for nouns ("statement", "claim", "interview");
* ``quote_cues.tsv`` — (lemma, pos, relation) rules for reported speech: how often the
  structural candidate of ``indirect.candidates`` for that lemma and relation is a gold
  Content whose Cue contains the lemma (precision), over how many candidates;
* ``quote_model.tsv`` — the weights of the logistic check of ``dateline/extract/quotes/model.py``
  over every candidate (label: the candidate is a gold Content whose Cue holds the cue word),
  fitted with scikit-learn (``pip install -e '.[test]'``), with the acceptance threshold.

Each file's header names the source commit of PolNeAR and this script. Re-running on the same
input writes the same files.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dateline.evaluation.quotes import CORPUS, load_split  # noqa: E402
from dateline.evaluation.splits import development  # noqa: E402
from dateline.extract.quotes.indirect import candidates, char_span, clipped_candidates, cue_subject, lemma  # noqa: E402
from dateline.extract.quotes.marks import find_marked, para_of, paragraphs  # noqa: E402
from dateline.extract.quotes.model import MODEL_FILE, DocContext, features  # noqa: E402

MIN_RATIO = 0.3
MIN_COUNT = 3
RULE_MIN_HITS = 3
RULE_MIN_PRECISION = 0.05
CORE_VERBS = ("say", "add", "tell", "state", "report")  # as dateline/extract/quotes/lexicon.py
C = 0.1  # inverse L2 strength of the logistic model (4-fold CV on train-dev: 0.1 above 0.5)
THRESHOLD = 0.3  # acceptance probability (4-fold CV on train-dev: F1 flat from 0.25 to 0.35; the precise end)
SOURCE = "PolNeAR v1.0.0 train, development part ({n} articles; networkdynamics/PolNeAR @ c3eee833)"


def _ok(span, golds) -> bool:
    for s, e in golds:
        ov = max(0, min(e, span[1]) - max(s, span[0]))
        if ov and ov * 2 >= max(e - s, span[1] - span[0]):
            return True
    return False


def _gold_by_cue_token(g, doc) -> tuple[dict[int, list], set[int]]:
    """{token index: gold content spans whose Cue holds it}, and the cue heads."""
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
    return by_tok, heads


def learn_lexicons(gold_docs, parsed_docs):
    cue_n: Counter = Counter()
    tot_n: Counter = Counter()
    cand_n: Counter = Counter()
    hit_n: Counter = Counter()
    for g, doc in zip(gold_docs, parsed_docs, strict=True):
        by_tok, heads = _gold_by_cue_token(g, doc)
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


def write_lexicons(cue_n, tot_n, cand_n, hit_n, ndocs: int, out: Path) -> frozenset[str]:
    src = f"# source: learned from {SOURCE.format(n=ndocs)} by scripts/learn_quotes.py"
    verbs: set[str] = set()
    for pos, name, what in (("VERB", "reporting_verbs.txt", "verb"), ("NOUN", "reporting_nouns.txt", "noun")):
        rows = sorted(
            (
                (k[0], c, tot_n[k])
                for k, c in cue_n.items()
                if k[1] == pos and c >= MIN_COUNT and c / tot_n[k] >= MIN_RATIO and k[0].isalpha()
            ),
            key=lambda r: (-r[1], r[0]),
        )
        if pos == "VERB":
            verbs = {r[0] for r in rows}
        lines = [
            src,
            f"# reporting {what} lemmas: heads a gold attribution cue in >= {MIN_RATIO:.0%} of its occurrences, "
            f">= {MIN_COUNT} times",
            "# columns: lemma <TAB> times a cue <TAB> occurrences",
        ]
        lines += [f"{lem}\t{c}\t{t}" for lem, c, t in rows]
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
    return frozenset(verbs | set(CORE_VERBS))


def candidate_rows(gold_docs, parsed_docs, verbs, rules) -> tuple[list[list[str]], list[int]]:
    """Features and labels of every candidate the extractor would score (its rule in ``rules``)."""
    X: list[list[str]] = []
    y: list[int] = []
    for g, doc in zip(gold_docs, parsed_docs, strict=True):
        by_tok, _ = _gold_by_cue_token(g, doc)
        body = g.text
        marked = find_marked(body)
        openers = {m.outer[0] for m in marked}
        ctx = DocContext(doc, [m.outer for m in marked], verbs)
        paras = paragraphs(body) or [(0, len(body))]
        for t, rel, a, b in clipped_candidates(doc, paras, para_of, 0, openers):
            if (lemma(t), t.pos_, rel) not in rules:
                continue
            X.append(features(t, rel, a, b, cue_subject(t), ctx))
            sp = char_span(doc, a, b)
            y.append(int(bool(sp) and _ok(sp, by_tok.get(t.i, ()))))
    return X, y


def fit(X, y):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    clf = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    clf.fit(M, y)
    return dict(zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)), float(clf.intercept_[0])


def write_model(weights: dict, bias: float, ndocs: int, nrows: int, out: Path) -> None:
    lines = [
        f"# source: fitted on {SOURCE.format(n=ndocs)} by scripts/learn_quotes.py (scikit-learn "
        f"LogisticRegression, C={C}, lbfgs)",
        f"# logistic check of reported-speech candidates ({nrows} candidates); features: "
        "dateline/extract/quotes/model.py",
        "# columns: feature <TAB> weight (__bias__ the intercept, __threshold__ the acceptance probability)",
        f"__bias__\t{bias:.6f}",
        f"__threshold__\t{THRESHOLD}",
    ]
    lines += [f"{k}\t{v:.6f}" for k, v in sorted(weights.items()) if abs(v) >= 1e-4]
    (out / MODEL_FILE).write_text("\n".join(lines) + "\n", "utf-8")


def parse(texts, cache: str | None):
    from spacy.tokens import DocBin

    from dateline.nlp.pipeline import get_nlp

    nlp = get_nlp("auto")
    if cache and Path(cache).exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == list(texts):
            return docs
    docs = list(nlp.pipe(texts, batch_size=32))
    if cache:
        db = DocBin()
        for d in docs:
            db.add(d)
        db.to_disk(cache)
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="directory to write the lexicons and model into")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cache", default=None, help="a spaCy DocBin of the texts (made when missing)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (for tests)")
    args = ap.parse_args(argv)
    train = load_split(Path(args.shared) / "eval" / "quotes" / "polnear" / "train")
    gold = development(CORPUS, train, key=lambda d: d.name)[: args.limit]
    docs = parse([g.text for g in gold], args.cache)
    args.out.mkdir(parents=True, exist_ok=True)
    counts = learn_lexicons(gold, docs)
    verbs = write_lexicons(*counts, ndocs=len(gold), out=args.out)
    rules = {k for k, n in counts[2].items() if counts[3][k] >= RULE_MIN_HITS and counts[3][k] / n >= RULE_MIN_PRECISION}
    X, y = candidate_rows(gold, docs, verbs, rules)
    weights, bias = fit(X, y)
    write_model(weights, bias, len(gold), len(X), args.out)
    print(f"{len(gold)} articles, {len(X)} candidates ({sum(y)} attributions); wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
