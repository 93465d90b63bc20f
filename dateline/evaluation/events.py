"""Score the events extractor on the PLOVER gold-standard records (../shared/eval/events).

Corpus: ``plover-gsr-dev.json`` — a fixed 180-record subset of openeventdata/PLOVER @ 5e0c24fb
``gold_standard_records/PLOVER_GSR_CAMEO.txt`` (CC BY-SA 4.0), one news sentence per record.
Each record is one document through the real pipeline (``get_nlp`` + ``extract_document``:
actors, quotes, events): its sentence is the body, its ``date`` the publication date.
Old PLOVER 0.5b1 labels are mapped as ../shared/eval/README.md says (DEMAND->REQUEST,
DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT).

Metrics: type accuracy (some predicted event has the gold type); triple accuracy (one predicted
event has the gold type, a source whose country is among the gold source codes — or sector IGO
when the code is IGO — and, when the gold names targets, a target likewise); events per record.
Baseline: a keyword coder (the first verb of the sentence found in the same pattern file's verb
list gives the type; source = first actor with a country before it, target = first after it),
on the same actors.

    python -m dateline.evaluation.events [--shared ../shared]
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

from dateline.config import Config

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
CORPUS = "eval/events/plover-gsr-dev.json"


def load_records(shared: Path) -> list[dict]:
    data = json.loads((Path(shared) / CORPUS).read_text("utf-8"))
    out = []
    for r in data:
        if not r.get("text") or r.get("event") == "DOCUMENT":
            continue
        out.append({
            "id": r["id"], "text": r["text"], "date": r.get("date"),
            "type": OLD_LABELS.get(r["event"], r["event"]),
            "sources": {a["code"] for a in r.get("source") or () if isinstance(a, dict)},
            "targets": {a["code"] for a in r.get("target") or () if isinstance(a, dict)},
        })
    return out


def _ok(ea, codes: set[str]) -> bool:
    if ea is None:
        return False
    return (ea.country is not None and ea.country in codes) or ("IGO" in codes and ea.sector == "IGO")


def score(records: list[dict], predicted: list[list]) -> dict:
    """Type/triple accuracy, events per record, per-type counts and confusion of the first event."""
    per_type = collections.defaultdict(lambda: {"n": 0, "type": 0, "triple": 0})
    confusion = collections.Counter()
    t_hits = tr_hits = n_events = 0
    for rec, evs in zip(records, predicted, strict=True):
        gold = rec["type"]
        n_events += len(evs)
        type_ok = any(e.type == gold for e in evs)
        triple_ok = any(e.type == gold and _ok(e.source, rec["sources"])
                        and (not rec["targets"] or _ok(e.target, rec["targets"])) for e in evs)
        t_hits += type_ok
        tr_hits += triple_ok
        row = per_type[gold]
        row["n"] += 1
        row["type"] += type_ok
        row["triple"] += triple_ok
        confusion[(gold, gold if type_ok else (evs[0].type if evs else "none"))] += 1
    n = len(records) or 1
    return {"type_accuracy": t_hits / n, "triple_accuracy": tr_hits / n, "events_per_record": n_events / n,
            "per_type": dict(per_type), "confusion": confusion, "n": len(records)}


def predict(records: list[dict], config: Config) -> tuple[list[list], list[tuple], float]:
    from dateline.extract import extract_document
    from dateline.nlp.pipeline import get_nlp
    from dateline.types import CleanDocument, InputRef

    nlp = get_nlp(config.model)
    t0 = time.perf_counter()
    preds, actors = [], []
    for rec, doc in zip(records, nlp.pipe([r["text"] for r in records], batch_size=config.batch_size),
                        strict=True):
        clean = CleanDocument(input=InputRef(format="jsonl", record=rec["id"]), body=rec["text"],
                              published=rec["date"])
        ex = extract_document(doc, clean)
        preds.append(list(ex.events))
        actors.append((doc, ex.actors))
    return preds, actors, time.perf_counter() - t0


def _event_actor(text: str, m, cls):
    if m is None:
        return None
    return cls(text=text[m[0]:m[1]], actor=m[2].id, country=m[2].country, sector=m[2].sector)


def baseline(actors: list[tuple]) -> list[list]:
    """Keyword coder: first lexicon verb -> type; nearest actors with a country around it."""
    from dateline.extract.events.lexicon import get_lexicon
    from dateline.types import Event, EventActor

    lex = get_lexicon()
    out = []
    for doc, acts in actors:
        mentions = sorted((s, e, a) for a in acts for s, e in a.mentions if a.country or a.sector == "IGO")
        evs = []
        for tok in doc:
            p = lex.verbs.get((tok.lemma_.lower(), None))
            if tok.pos_ != "VERB" or p is None:
                continue
            before = [m for m in mentions if m[1] <= tok.idx]
            after = [m for m in mentions if m[0] >= tok.idx + len(tok.text)]

            evs.append(Event(id="e1", type=p.type, cameo=p.cameo,
                             source=_event_actor(doc.text, before[-1] if before else None, EventActor),
                             target=_event_actor(doc.text, after[0] if after else None, EventActor),
                             evidence_span=(0, len(doc.text)), evidence_text=doc.text))
            break
        out.append(evs)
    return out


def _markdown(ours: dict, base: dict, n: int, secs: float, model: str) -> str:
    import spacy

    lines = [
        "## Events (PLOVER gold-standard records)",
        "",
        f"Corpus: `{CORPUS}` — {n} records (one news sentence each; the file's DOCUMENT record skipped), "
        "a fixed subset of openeventdata/PLOVER @ 5e0c24fb `PLOVER_GSR_CAMEO.txt` (CC BY-SA 4.0). Old labels "
        "mapped: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT. Each sentence runs "
        f"through the real pipeline (actors, quotes, events) as a document dated with its record date. "
        f"spaCy {spacy.__version__}, model `{model}`; pipeline time {secs:.1f} s.",
        "",
        "Type accuracy: some coded event has the gold type. Triple accuracy: one coded event has the gold "
        "type, a source whose country is among the gold source codes (or sector IGO for IGO) and, when the "
        "gold names targets, a target likewise. Events/record: all coded events over records (lower means "
        "fewer spurious events).",
        "",
        "| system | type accuracy | triple accuracy | events / record |",
        "|---|---|---|---|",
        f"| dateline events | {ours['type_accuracy']:.3f} | {ours['triple_accuracy']:.3f} | "
        f"{ours['events_per_record']:.2f} |",
        f"| baseline: first lexicon verb + nearest actors | {base['type_accuracy']:.3f} | "
        f"{base['triple_accuracy']:.3f} | {base['events_per_record']:.2f} |",
        "",
        "Per gold type (dateline): records, type accuracy, triple accuracy, and what the first coded event "
        "was when the gold type was missed.",
        "",
        "| gold type | n | type acc. | triple acc. | missed as |",
        "|---|---|---|---|---|",
    ]
    for t in TYPES:
        row = ours["per_type"].get(t)
        if not row:
            continue
        missed = ", ".join(f"{p} {c}" for (g, p), c in ours["confusion"].most_common() if g == t and p != t)
        lines.append(f"| {t} | {row['n']} | {row['type'] / row['n']:.2f} | {row['triple'] / row['n']:.2f} | "
                     f"{missed or '—'} |")
    present = [t for t in TYPES if t in ours["per_type"]]
    cols = present + ["none"]
    lines += ["", "Confusion (rows gold, columns the gold type when coded, else the first coded event's type):",
              "", "| gold \\ coded | " + " | ".join(c[:4] for c in cols) + " |",
              "|---|" + "---|" * len(cols)]
    for g in present:
        cells = [str(ours["confusion"].get((g, c), "") or "·") for c in cols]
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def evaluate(shared: Path, config: Config) -> dict:
    from dateline.nlp.pipeline import resolve_model_name

    records = load_records(Path(shared))
    preds, actors, secs = predict(records, config)
    ours = score(records, preds)
    base = score(records, baseline(actors))
    md = _markdown(ours, base, len(records), secs, resolve_model_name(config.model))
    metrics = {
        "type_accuracy": round(ours["type_accuracy"], 4),
        "triple_accuracy": round(ours["triple_accuracy"], 4),
        "events_per_record": round(ours["events_per_record"], 4),
        "baseline_type_accuracy": round(base["type_accuracy"], 4),
        "baseline_triple_accuracy": round(base["triple_accuracy"], 4),
    }
    floors = {"type_accuracy": round(max(0.0, ours["type_accuracy"] - 0.03), 2),
              "triple_accuracy": round(max(0.0, ours["triple_accuracy"] - 0.03), 2)}
    return {"name": "events", "title": "Events (PLOVER GSR)", "markdown": md, "metrics": metrics, "floors": floors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.events")
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args(argv)
    result = evaluate(Path(args.shared), Config())
    print(result["markdown"])
    print(json.dumps(result["metrics"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
