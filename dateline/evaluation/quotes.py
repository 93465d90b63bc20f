"""Score the quotes extractor on PolNeAR (../shared/eval/quotes/polnear: ``train/`` and ``dev/``).

Scheme (../shared/eval/README.md): predicted ``quotes[].span`` are matched one-to-one to
gold Content spans, greedily by overlap; a pair matches when the overlapping characters
are at least half of the longer span. A discontinuous gold content counts from its first
start to its last end. Precision, recall, F1 overall.

* "Direct" = gold contents that open AND close with a quote mark (a closing mark may be
  followed by punctuation: ``"… mistake".``), or that sit between quote marks, scored against
  predictions of kind ``direct``.
* "Marked" = gold contents holding any quote mark (direct ones, and reported clauses with
  quoted words), scored against predictions of kind ``direct`` or ``partial``.
* Speaker accuracy over matched pairs whose gold has a Source: the predicted speaker span
  overlaps the gold Source span, or the resolved speaker actor's name shares its last word
  (case-insensitive) with the Source text.
* The way citron reports PARC 3.0 (bbc/citron ``citron/metrics.py``), so figures compare with
  the field: **exact** span F1 (a prediction is right when its content span equals a gold
  content's, both ends compared after trimming white space, quote marks and the punctuation
  ``.,;:`` — the format keeps a direct quote's marks outside its span, PolNeAR inside) and
  **overlap** F1 (token level: precision = gold-content tokens covered by predictions over
  predicted tokens, recall = the same over gold tokens; tokens are ``\\w+`` runs and single
  punctuation characters).

Quote marks: double ``"`` “ ” « » and the typewriter pairs ````` ``''``; single ‘ ’ ``'``
when they are not apostrophes (a mark between two letters or digits, ``Iran's``, is not one;
nor is ``s'``/``s’`` before a space and a lower-case word, a plural possessive).

Splits: PolNeAR ``train`` (840 articles) in its development part and its fixed held-back
part (``splits.is_held_back("polnear-train", name)``, one in five), and ``dev`` (84 articles,
a later month of coverage). First annotator file in sorted order per article. Each text is
run through the real pipeline (``get_nlp`` + ``extract_actors`` + ``extract_quotes``) with
the raw article text as the body, so spans map to gold offsets. A regex baseline (text
between double quote marks) is scored in the same run.

    python -m dateline.evaluation.quotes [--shared ../shared] [--split dev|train-dev|train-held]
"""

from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from dateline.config import Config, load_config
from dateline.evaluation.splits import is_held_back
from dateline.extract.actors import extract_actors
from dateline.extract.quotes import extract_quotes
from dateline.nlp.pipeline import get_nlp, resolve_model_name
from dateline.types import CleanDocument, InputRef

CORPUS = "polnear-train"  # the splits key of PolNeAR train
SPLITS = ("train-dev", "train-held", "dev")
_DOUBLE = '"“”«»„'
_SINGLE = "'‘’‹›"


@dataclass
class GoldContent:
    span: tuple[int, int]
    source: list[tuple[int, int]] = field(default_factory=list)
    direct: bool = False
    cue: list[tuple[int, int]] = field(default_factory=list)
    marked: bool = False  # holds a quote mark (direct contents always do)


@dataclass
class GoldDoc:
    name: str
    text: str
    contents: list[GoldContent]


def is_quote_mark(text: str, i: int) -> bool:
    """Is ``text[i]`` a quotation mark (and not an apostrophe)?"""
    ch = text[i]
    if ch in _DOUBLE or text[i : i + 2] in ("``", "''") or text[max(0, i - 1) : i + 1] in ("``", "''"):
        return True
    if ch not in _SINGLE:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():
        return False  # Iran's, don't
    if ch in "'’" and prev in "sS" and nxt == " " and text[i + 2 : i + 3].islower():
        return False  # the countries' active diplomacy
    if ch in "'’" and nxt.isdigit() and not prev.isalnum():
        return False  # '90s
    return True


def _opens(text: str, s: int, e: int) -> bool:
    return s < e and is_quote_mark(text, s)


def _closes(text: str, s: int, e: int) -> bool:
    k = e - 1
    while k > s and text[k] in ".,;:!?":
        k -= 1  # '"… mistake".' -- punctuation after the closing mark
    return k > s and is_quote_mark(text, k)


def _between(text: str, s: int, e: int) -> bool:
    j = s - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    k = e
    while k < len(text) and text[k] == " ":
        k += 1
    return j >= 0 and k < len(text) and is_quote_mark(text, j) and is_quote_mark(text, k)


def _is_direct(text: str, s: int, e: int) -> bool:
    """Opens AND closes with a quote mark, or sits between quote marks."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e <= s:
        return False
    return (_opens(text, s, e) and _closes(text, s, e)) or _between(text, s, e)


def _is_marked(text: str, s: int, e: int) -> bool:
    """Holds any quote mark (or is direct)."""
    return any(is_quote_mark(text, i) for i in range(s, e) if text[i] in _DOUBLE + _SINGLE + "`") or _is_direct(
        text, s, e
    )


def load_split(split_dir: Path) -> list[GoldDoc]:
    """Gold documents of one PolNeAR split (first annotator file per article)."""
    first: dict[str, Path] = {}
    for f in sorted((split_dir / "attributions").glob("*.ann")):
        first.setdefault(f.name.rsplit("_", 1)[0], f)
    docs = []
    for name, ann in sorted(first.items()):
        text = (split_dir / "text" / f"{name}.txt").read_text("utf-8")
        docs.append(GoldDoc(name, text, _contents(text, ann.read_text("utf-8"))))
    return docs


def _contents(text: str, ann: str) -> list[GoldContent]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, rest = parts[1].partition(" ")
            try:
                pieces = [tuple(int(x) for x in p.split()) for p in rest.split(";")]
            except ValueError:
                continue
            spans[parts[0]] = (label, pieces)
        elif parts[0].startswith("E"):
            rels.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
    source_of, cue_of = {}, {}
    for r in rels:
        c, s, k = r.get("Content"), r.get("Source"), r.get("Cue")
        if c and s and s in spans:
            source_of[c] = spans[s][1]
        if c and k and k in spans:
            cue_of[c] = spans[k][1]
    contents = []
    for tid, (label, pieces) in spans.items():
        if label != "Content":
            continue
        s, e = pieces[0][0], pieces[-1][1]
        contents.append(
            GoldContent(
                (s, e), source_of.get(tid, []), _is_direct(text, s, e), cue_of.get(tid, []), _is_marked(text, s, e)
            )
        )
    contents.sort(key=lambda c: c.span)
    return contents


def load(shared: Path, split: str) -> list[GoldDoc]:
    """``train-dev`` / ``train-held`` (PolNeAR train without / only its held-back fifth) or ``dev``."""
    root = Path(shared) / "eval" / "quotes" / "polnear"
    if split == "dev":
        return load_split(root / "dev")
    if split not in ("train-dev", "train-held"):
        raise ValueError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    held = split == "train-held"
    return [d for d in load_split(root / "train") if is_held_back(CORPUS, d.name) == held]


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list, pred: list, gspan=lambda g: g.span, pspan=lambda p: p.span) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap (>= half of the longer span)."""
    cands = []
    for i, g in enumerate(gold):
        gs = gspan(g)
        for j, p in enumerate(pred):
            ps = pspan(p)
            ov = _overlap(gs, ps)
            if ov and ov * 2 >= max(gs[1] - gs[0], ps[1] - ps[0]):
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def _prf(tp: int, npred: int, ngold: int) -> dict:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "pred": npred, "gold": ngold}


def _last_word(s: str) -> str:
    words = re.findall(r"\w+", s.lower())
    return words[-1] if words else ""


def _speaker_ok(doc: GoldDoc, g: GoldContent, q, actor_names: dict) -> bool:
    if q.speaker is None:
        return False
    if any(_overlap(q.speaker.span, s) for s in g.source):
        return True
    name = actor_names.get(q.speaker.actor)
    if name:
        src = " ".join(doc.text[a:b] for a, b in g.source).lower()
        lw = _last_word(name)
        return bool(lw) and lw in re.findall(r"\w+", src)
    return False


_TOKEN = re.compile(r"\w+|[^\w\s]")
_TRIM = " \t\n\u00a0.,;:" + _DOUBLE + _SINGLE + "`"


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


def _tokens(text: str, spans) -> set[int]:
    """Start offsets of the tokens inside any of ``spans``."""
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in _TOKEN.finditer(text, s, e))
    return out


def _bucket() -> dict:
    return {"tp": 0, "pred": 0, "gold": 0}


def _add(bucket: dict, tp: int, npred: int, ngold: int) -> None:
    bucket["tp"] += tp
    bucket["pred"] += npred
    bucket["gold"] += ngold


def score(docs: list[GoldDoc], preds: dict[str, tuple[list, dict]]) -> dict:
    """P/R/F1 overall, direct, marked, non-direct; exact and token-overlap F1; speaker accuracy."""
    b = {k: _bucket() for k in ("overall", "direct", "marked", "non_direct", "exact", "overlap")}
    kind_tp: dict[str, int] = {}
    kind_n: dict[str, int] = {}
    spk_ok = spk_n = 0
    for doc in docs:
        quotes, names = preds.get(doc.name, ([], {}))
        pairs = match(doc.contents, quotes)
        _add(b["overall"], len(pairs), len(quotes), len(doc.contents))
        for q in quotes:
            kind_n[q.kind] = kind_n.get(q.kind, 0) + 1
        for i, j in pairs:
            q = quotes[j]
            kind_tp[q.kind] = kind_tp.get(q.kind, 0) + 1
            g = doc.contents[i]
            if g.source:
                spk_n += 1
                spk_ok += _speaker_ok(doc, g, q, names)
        for name, gsel, psel in (
            ("direct", [g for g in doc.contents if g.direct], [q for q in quotes if q.kind == "direct"]),
            ("marked", [g for g in doc.contents if g.marked], [q for q in quotes if q.kind in ("direct", "partial")]),
            ("non_direct", [g for g in doc.contents if not g.direct], [q for q in quotes if q.kind != "direct"]),
        ):
            _add(b[name], len(match(gsel, psel)), len(psel), len(gsel))
        gold_exact = {_trimmed(doc.text, g.span) for g in doc.contents}
        pred_exact = {_trimmed(doc.text, q.span) for q in quotes}
        _add(b["exact"], len(gold_exact & pred_exact), len(pred_exact), len(gold_exact))
        gtok = _tokens(doc.text, [g.span for g in doc.contents])
        ptok = _tokens(doc.text, [q.span for q in quotes])
        _add(b["overlap"], len(gtok & ptok), len(ptok), len(gtok))
    out = {k: _prf(v["tp"], v["pred"], v["gold"]) for k, v in b.items()}
    out.update(
        {
            "kind_precision": {k: kind_tp.get(k, 0) / n for k, n in sorted(kind_n.items())},
            "kind_count": dict(sorted(kind_n.items())),
            "speaker_accuracy": spk_ok / spk_n if spk_n else 0.0,
            "speaker_pairs": spk_n,
        }
    )
    return out


# -- the regex baseline: text between a pair of double quote marks -------------------------
_BASELINE = re.compile(r"[\"“]([^\"“”\n]{2,}?)[\"”]")


@dataclass(frozen=True)
class _BaseQuote:
    span: tuple[int, int]
    kind: str = "direct"
    speaker: None = None


def baseline_quotes(text: str) -> list:
    return [_BaseQuote((m.start(1), m.end(1))) for m in _BASELINE.finditer(text)]


def predict(docs: list[GoldDoc], config: Config) -> tuple[dict, float]:
    """Run the real nlp + extractors over each gold text as the body; returns (preds, seconds)."""
    nlp = get_nlp(config.model)
    preds = {}
    t0 = time.perf_counter()
    for d, parsed in zip(docs, nlp.pipe([d.text for d in docs], batch_size=config.batch_size), strict=True):
        clean = CleanDocument(input=InputRef(path=f"polnear/{d.name}.txt"), body=d.text)
        actors = tuple(extract_actors(parsed, clean))
        quotes = list(extract_quotes(parsed, clean, actors))
        preds[d.name] = (quotes, {a.id: a.name for a in actors})
    return preds, time.perf_counter() - t0


_COLS = (("overall", "P", "p"), ("overall", "R", "r"), ("overall", "F1", "f1"), ("direct", "direct F1", "f1"),
         ("marked", "marked F1", "f1"), ("non_direct", "non-direct F1", "f1"), ("exact", "exact F1", "f1"),
         ("overlap", "overlap F1", "f1"))


def _row(name: str, m: dict) -> str:
    cells = [f"{m[k][f]:.3f}" for k, _, f in _COLS]
    cells[2] = f"**{cells[2]}**"
    spk = f"{m['speaker_accuracy']:.3f}" if m.get("speaker_pairs") else "–"
    return f"| {name} | " + " | ".join(cells) + f" | {spk} |"


def _split_line(split: str, docs: list[GoldDoc]) -> str:
    ngold = sum(len(d.contents) for d in docs)
    ndirect = sum(g.direct for d in docs for g in d.contents)
    nmarked = sum(g.marked for d in docs for g in d.contents)
    what = {
        "train-dev": "PolNeAR `train/` without its held-back fifth (rules and lexicons are developed here)",
        "train-held": "the held-back fifth of PolNeAR `train/` (`splits.is_held_back(\"polnear-train\", name)`; "
        "never read while tuning)",
        "dev": "PolNeAR `dev/` (a later month of coverage; not read while tuning)",
    }[split]
    return f"- `{split}`: {what}: {len(docs)} articles, {ngold} gold contents ({ndirect} direct, {nmarked} marked)."


def evaluate(shared: Path, config: Config, splits: tuple[str, ...] = SPLITS) -> dict:
    import spacy  # deferred: spaCy takes ~2 s to import: only when parsing

    results, lines, secs_all = {}, [], 0.0
    table = [
        "| split | system | P | R | F1 | direct F1 | marked F1 | non-direct F1 | exact F1 | overlap F1 | speaker acc. |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split in splits:
        docs = load(shared, split)
        preds, secs = predict(docs, config)
        secs_all += secs
        ours = score(docs, preds)
        base = score(docs, {d.name: (baseline_quotes(d.text), {}) for d in docs})
        results[split] = ours
        lines.append(_split_line(split, docs))
        table.append(_row(f"`{split}` | dateline quotes", ours))
        table.append(_row(f"`{split}` | baseline: regex between double quote marks", base))
    kinds = "; ".join(
        f"`{sp}`: " + ", ".join(f"{k} {m['kind_count'][k]} (precision {p:.3f})" for k, p in m["kind_precision"].items())
        for sp, m in results.items()
    )
    md = "\n".join(
        [
            "## Quotes (PolNeAR)",
            "",
            "Corpus: PolNeAR v1.0.0 (networkdynamics/PolNeAR @ c3eee833); first annotator file per article. "
            f"spaCy {spacy.__version__}, model `{resolve_model_name(config.model)}`. Pipeline time (nlp + actors + "
            f"quotes) {secs_all:.1f} s.",
            "",
            *lines,
            "",
            "Matching: greedy one-to-one by overlap, a match when the overlap is at least half of the longer span "
            "(P, R, F1). Direct = gold contents opening and closing with a quote mark (or between marks) against "
            "predictions of kind `direct`; marked = gold contents holding any quote mark against `direct` or "
            "`partial` predictions; non-direct = the other gold contents against `indirect` + `partial`. Exact and "
            "overlap F1 as citron reports PARC 3.0: exact = the same span (ends compared without white space, quote "
            "marks and `.,;:`), overlap = token-level coverage. Speaker accuracy over matched pairs whose gold has a "
            "Source.",
            "",
            *table,
            "",
            f"Predicted quotes by kind — {kinds}.",
            "",
        ]
    )
    metrics: dict[str, float] = {}
    for split, m in results.items():
        suffix = "" if split == "dev" else "_" + split.replace("-", "_")
        metrics.update(
            {
                f"quotes_f1{suffix}": m["overall"]["f1"],
                f"quotes_precision{suffix}": m["overall"]["p"],
                f"quotes_recall{suffix}": m["overall"]["r"],
                f"quotes_direct_f1{suffix}": m["direct"]["f1"],
                f"quotes_marked_f1{suffix}": m["marked"]["f1"],
                f"quotes_exact_f1{suffix}": m["exact"]["f1"],
                f"quotes_overlap_f1{suffix}": m["overlap"]["f1"],
                f"quotes_speaker_accuracy{suffix}": m["speaker_accuracy"],
            }
        )
    floors = {
        k: round(v - 0.02, 3)
        for k, v in metrics.items()
        if k.split("_train")[0] in ("quotes_f1", "quotes_direct_f1", "quotes_marked_f1", "quotes_speaker_accuracy")
    }
    return {"name": "quotes", "title": "Quotes (PolNeAR)", "markdown": md, "metrics": metrics, "floors": floors}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--split", action="append", choices=SPLITS, help="repeatable; default: all three")
    args = ap.parse_args(argv)

    res = evaluate(Path(args.shared), load_config(), splits=tuple(args.split or SPLITS))
    print(res["markdown"])


if __name__ == "__main__":
    main()
