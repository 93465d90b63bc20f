"""Turn the raw annotation sheets into the deliverable JSONL and check every string.

raw-<corpus>.txt lines:  idx TYPE | trigger | source | target | a/h/f | 0/1 | u
                         idx -            (no event)
                         idx note: text
Run: python3 build.py   (exits non-zero when a check fails)
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

from common import sample as load_sample

HERE = Path(__file__).parent
OUT = HERE.parent
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MOD = {"a": "asserted", "h": "hypothetical", "f": "future"}
FILES = {"zyte": "events-zyte.jsonl", "polnear-dev": "events-polnear-dev.jsonl"}


def parse(path):
    events, notes, seen = defaultdict(list), defaultdict(list), set()
    errors = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        if not head.isdigit():
            errors.append(f"{path.name}:{n}: bad index")
            continue
        i = int(head)
        rest = rest.strip()
        if rest == "-":
            seen.add(i)
            continue
        if rest.startswith("note:"):
            notes[i].append(rest[5:].strip())
            continue
        parts = [p.strip() for p in rest.split("|")]
        if len(parts) != 7:
            errors.append(f"{path.name}:{n}: need 7 fields, got {len(parts)}")
            continue
        typ, trig, src, tgt, mod, neg, uns = parts
        if typ not in TYPES or mod not in MOD or neg not in ("0", "1") or uns not in ("", "u"):
            errors.append(f"{path.name}:{n}: bad field in {parts}")
            continue
        ev = {"type": typ, "trigger": trig, "source": src, "target": tgt, "modality": MOD[mod],
              "negated": neg == "1"}
        if uns:
            ev["unsure"] = True
        events[i].append(ev)
        seen.add(i)
    return events, notes, seen, errors


def main():
    bad = 0
    for corpus, fname in FILES.items():
        raw = HERE / f"raw-{corpus}.txt"
        if not raw.exists():
            continue
        sample = load_sample(corpus)
        events, notes, seen, errors = parse(raw)
        done = sorted(seen)
        # annotated prefix: every index up to the highest one must be present
        hi = max(done) if done else -1
        missing = [i for i in range(hi + 1) if i not in seen]
        errors += [f"{corpus}: sentence {i} not annotated" for i in missing]
        both = [i for i in events if i in seen and any(
            l == f"{i} -" for l in raw.read_text().splitlines())]
        errors += [f"{corpus}: sentence {i} has '-' and events" for i in both]
        rows = []
        for i in range(hi + 1):
            s = sample[i]
            text = s["text"]
            for ev in events.get(i, []):
                for k in ("trigger", "source", "target"):
                    if ev[k] and ev[k] not in text:
                        errors.append(f"{corpus} {i}: {k} {ev[k]!r} not in sentence")
                if not ev["trigger"]:
                    errors.append(f"{corpus} {i}: empty trigger")
                if ev["source"] and ev["source"] == ev["target"]:
                    errors.append(f"{corpus} {i}: source == target")
            row = {"corpus": corpus, "doc": s["doc"], "start": s["start"], "end": s["end"],
                   "events": events.get(i, [])}
            if notes.get(i):
                row["note"] = "; ".join(notes[i])
            rows.append(row)
        for e in errors:
            print(e)
        bad += len(errors)
        with open(OUT / fname, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{corpus}: {len(rows)} sentences written, {sum(len(r['events']) for r in rows)} events,"
              f" {len(errors)} problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
