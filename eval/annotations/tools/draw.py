"""Draw the annotation sample: sentences (project parser) from the Zyte gold bodies and PolNeAR dev.

Run: cd /work/main && .venv/bin/python /work/annotations/tools/draw.py
Writes /work/annotations/tools/sample-<corpus>.jsonl (corpus, doc, start, end): offsets only; the
tools re-read the text from /work/shared.
"""
import json
import random
from pathlib import Path

from dateline.nlp.pipeline import get_nlp

SEED = 20261212
MIN_WORDS = 6
OUT = Path("/work/annotations/tools")


def sentences(nlp, text):
    doc = nlp(text)
    for s in doc.sents:
        words = [t for t in s if not (t.is_punct or t.is_space)]
        if len(words) < MIN_WORDS:
            continue
        yield s.start_char, s.end_char


def draw(docs, n, per_doc, rng):
    """Round-robin over shuffled documents, each with its shuffled sentences, up to per_doc each."""
    pools = {d: rng.sample(sents, len(sents)) for d, sents in docs.items()}
    order = sorted(pools)
    rng.shuffle(order)
    picked = []
    for rnd in range(per_doc):
        for d in order:
            if len(picked) >= n:
                return picked
            if rnd < len(pools[d]):
                picked.append((d, *pools[d][rnd]))
    return picked


def main():
    nlp = get_nlp("auto")
    zyte = json.load(open("/work/shared/eval/extraction/zyte/ground-truth.json", encoding="utf-8"))
    ztexts = {k: v["articleBody"] or "" for k, v in zyte.items()}
    pdir = Path("/work/shared/eval/quotes/polnear/dev/text")
    ptexts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(pdir.glob("*.txt"))}
    for corpus, texts, n, per_doc, seed in (("zyte", ztexts, 450, 6, SEED),
                                            ("polnear-dev", ptexts, 450, 8, SEED + 1)):
        docs = {d: list(sentences(nlp, t)) for d, t in sorted(texts.items())}
        rng = random.Random(seed)
        picked = draw(docs, n, per_doc, rng)
        picked.sort(key=lambda x: (x[0], x[1]))
        with open(OUT / f"sample-{corpus}.jsonl", "w", encoding="utf-8") as f:
            for d, s, e in picked:
                f.write(json.dumps({"corpus": corpus, "doc": d, "start": s, "end": e}) + "\n")
        print(corpus, len(picked), "sentences from", len({p[0] for p in picked}), "docs;",
              "eligible", sum(len(v) for v in docs.values()))


if __name__ == "__main__":
    main()
