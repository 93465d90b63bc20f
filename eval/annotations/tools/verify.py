"""Check the deliverable JSONL against the raw texts in /work/shared (independent of the sample files).

Every row's span must be inside its document; every trigger/source/target must occur inside the span;
types/modality/negated must be valid. Run: python3 verify.py
"""
import json
import sys
from pathlib import Path

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
ANN = Path("/work/annotations")


def texts(corpus):
    if corpus == "zyte":
        gt = json.load(open("/work/shared/eval/extraction/zyte/ground-truth.json", encoding="utf-8"))
        return {k: v["articleBody"] or "" for k, v in gt.items()}
    d = Path("/work/shared/eval/quotes/polnear/dev/text")
    return {p.stem: p.read_text(encoding="utf-8") for p in d.glob("*.txt")}


def main():
    bad = 0
    for fname, corpus in (("events-zyte.jsonl", "zyte"), ("events-polnear-dev.jsonl", "polnear-dev")):
        src = texts(corpus)
        seen = set()
        for n, line in enumerate(open(ANN / fname, encoding="utf-8"), 1):
            r = json.loads(line)
            probs = []
            if r["corpus"] != corpus or r["doc"] not in src:
                probs.append("bad corpus/doc")
            else:
                t = src[r["doc"]]
                if not (0 <= r["start"] < r["end"] <= len(t)):
                    probs.append("span out of range")
                sent = t[r["start"]:r["end"]]
                key = (r["doc"], r["start"])
                if key in seen:
                    probs.append("duplicate sentence")
                seen.add(key)
                for ev in r["events"]:
                    if ev["type"] not in TYPES:
                        probs.append(f"type {ev['type']}")
                    if ev["modality"] not in ("asserted", "hypothetical", "future"):
                        probs.append("modality")
                    if not isinstance(ev["negated"], bool):
                        probs.append("negated")
                    if not ev["trigger"]:
                        probs.append("empty trigger")
                    for k in ("trigger", "source", "target"):
                        if ev[k] and ev[k] not in sent:
                            probs.append(f"{k} {ev[k]!r} not in span")
            for p in probs:
                print(f"{fname}:{n}: {p}")
            bad += len(probs)
        print(fname, "rows", len(seen), "problems so far", bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
