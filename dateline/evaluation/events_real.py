"""Events on real articles, scored against dateline's own annotations (eval/annotations/).

Two kinds of annotation of the same corpora (the Zyte pages' article bodies and the PolNeAR dev
articles — never the audit corpora):
- sentences annotated event by event (``events-*.jsonl``; sentences without an event included);
- candidate triggers judged one by one (``candidates-*.jsonl``: the trigger's true PLOVER type or
  NONE).
Each article runs through the real extractors (actors, quotes, events with the learned check). An
emitted event is *right* when an annotated event (or a judged candidate) at its trigger has its
type; *wrong* when the annotation says NONE or another type; events on triggers nobody judged are
not counted; as in the audits, precision is over asserted, non-negated events. Recall: the share of annotated events (sure ones) coded with their type.

Documents are split by ``dateline.evaluation.splits`` (corpus "annotations", key
"<corpus>:<doc>"): the held-back fifth is never used by ``scripts/train_event_model.py`` nor read
while tuning, so its figures are the ones that say what users will meet.
"""

from __future__ import annotations

import collections
import csv
import json
from pathlib import Path

from dateline.evaluation.splits import split_of
from dateline.extract import extract_document
from dateline.nlp.pipeline import get_nlp
from dateline.types import CleanDocument, InputRef

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "eval" / "annotations"


def load(shared: Path) -> list[dict]:
    """Annotated documents: text, date, annotated sentences, judged candidates, split."""
    texts = {}
    gt = json.loads((shared / "eval/extraction/zyte/ground-truth.json").read_text("utf-8"))
    for k, v in gt.items():
        texts[f"zyte:{k}"] = (v["articleBody"], None)
    dates = {}
    with open(shared / "eval/quotes/polnear/metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            dates[row["filename"]] = row.get("publication_date")
    for p in (shared / "eval/quotes/polnear/dev/text").glob("*.txt"):
        texts[f"polnear-dev:{p.stem}"] = (p.read_text("utf-8"), dates.get(p.stem))
    docs: dict[str, dict] = {}

    def doc(key: str) -> dict:
        if key not in docs:
            text, date = texts[key]
            docs[key] = {"id": key, "text": text, "date": date, "split": split_of("annotations", key),
                         "sentences": [], "judged": []}
        return docs[key]

    for path in sorted(ANNOTATIONS.glob("events-*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            a = json.loads(line)
            doc(f"{a['corpus']}:{a['doc']}")["sentences"].append(a)
    for path in sorted(ANNOTATIONS.glob("candidates-*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            j = json.loads(line)
            if not j.get("unsure"):
                doc(j["doc"])["judged"].append(j)
    return sorted(docs.values(), key=lambda d: d["id"])


def gold_triggers(d: dict) -> tuple[list, list]:
    """([(span, type)] sure annotated events and judged candidates, [span] unsure or unjudgeable)."""
    sure, unsure = [], []
    for a in d["sentences"]:
        sent = d["text"][a["start"]:a["end"]]
        for ev in a["events"]:
            i = sent.find(ev["trigger"])
            if i < 0:
                continue
            span = (a["start"] + i, a["start"] + i + len(ev["trigger"]))
            (unsure if ev.get("unsure") else sure).append((span, ev["type"]) if not ev.get("unsure") else span)
    for j in d["judged"]:
        sure.append((tuple(j["trigger_span"]), j["label"]))
    return sure, unsure


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_doc(d: dict, events) -> collections.Counter:
    sure, unsure = gold_triggers(d)
    sentences = [(a["start"], a["end"]) for a in d["sentences"]]
    c = collections.Counter()
    for e in events:
        if e.negated or e.modality not in ("asserted", "reported_past"):
            continue  # as the audits do: the rows users meet are asserted acts
        t = tuple(e.trigger)
        hits = [typ for span, typ in sure if _overlap(span, t)]
        if hits:
            c["right" if e.type in hits else "wrong"] += 1
            c[f"type:{e.type}:{'right' if e.type in hits else 'wrong'}"] += 1
        elif any(_overlap(span, t) for span in unsure):
            continue
        elif any(s <= t[0] < e_ for s, e_ in sentences):
            c["wrong"] += 1  # an annotated sentence, and no annotated event at this trigger
            c[f"type:{e.type}:wrong"] += 1
    for span, typ in sure:
        if typ == "NONE" or not any(s <= span[0] < e_ for s, e_ in sentences):
            continue
        c["gold"] += 1
        c["found"] += any(_overlap(tuple(e.trigger), span) and e.type == typ for e in events)
    return c


def evaluate_docs(docs: list[dict], config) -> dict:
    nlp = get_nlp(config.model)
    parts = {"dev": collections.Counter(), "held": collections.Counter()}
    n_docs = collections.Counter()
    for d, doc in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=16), strict=True):
        clean = CleanDocument(input=InputRef(format="jsonl", record=d["id"]), body=d["text"], published=d["date"])
        events = extract_document(doc, clean, config).events
        parts[d["split"]] += score_doc(d, events)
        n_docs[d["split"]] += 1
    out = {}
    for name, c in parts.items():
        judged = c["right"] + c["wrong"]
        out[name] = {"documents": n_docs[name], "judged_events": judged,
                     "precision": c["right"] / judged if judged else None,
                     "recall": c["found"] / c["gold"] if c["gold"] else None, "counts": dict(c)}
    return out


def markdown(res: dict) -> str:
    lines = ["### Real articles: dateline's own annotations", "",
             "Zyte pages and PolNeAR dev articles annotated sentence by sentence (900 sentences) and candidate "
             "by candidate (`eval/annotations/`), split by document; the held-back fifth is never trained or "
             "tuned on. Precision: asserted, non-negated emitted events (the audits' population) whose trigger "
             "carries an annotation (or lies in an annotated sentence) that have the annotated type. Recall: sure "
             "annotated events coded with their type, whatever their modality.", "",
             "| part | documents | judged events | precision | recall |", "|---|---|---|---|---|"]
    for name, label in (("dev", "development"), ("held", "**held back**")):
        r = res[name]
        p = "—" if r["precision"] is None else f"{r['precision']:.3f}"
        rc = "—" if r["recall"] is None else f"{r['recall']:.3f}"
        lines.append(f"| {label} | {r['documents']} | {r['judged_events']} | {p} | {rc} |")
    return "\n".join(lines) + "\n"
