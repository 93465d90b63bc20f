"""Re-date the judged audit rows with the current code: which right dates stay, which wrong ones move.

The judged real-article audits (``eval/audits/*.judged.tsv``, see ``audit.py``) hold, for each
drawn event, the date the code of that time gave and the judge's verdict (``date_ok``). This
module runs the current pipeline over the articles of those rows, finds each judged event again
(same article, same evidence sentence, same trigger word) and compares its new date with the old:

* a **right** date that is unchanged stays right; one that changed is counted apart (read it);
* a **wrong** date that changed may now be right (read it); one unchanged is still wrong.

    python -m dateline.evaluation.date_audit [--corpus voa|polnear] [--show changed|wrong|none]

Figures are given per corpus for the development part and the held-back part side by side
(``splits.is_held_back("voa", doc id)`` and ``("polnear-train", doc name)``, one article in five);
rows of held-back articles are only counted, never shown. ``estimate`` is the accuracy if every
changed wrong date were now right and every changed right date now wrong — an upper bound on the
gain; read the shown rows to judge them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from dateline.config import load_config
from dateline.evaluation.audit import ROOT, corpus_records, read_table
from dateline.evaluation.splits import is_held_back
from dateline.extract.time import base_date, event_time
from dateline.ingest import iter_inputs
from dateline.nlp.pipeline import get_nlp
from dateline.pipeline import process


def _yes(v: str) -> bool | None:
    """A judge's y / n (None: not judged, or "?")."""
    v = (v or "").strip().lower()
    return True if v in ("y", "yes") else False if v in ("n", "no") else None


SPLIT_KEY = {"voa": "voa", "polnear": "polnear-train"}
FIELDS = ("date", "date_text", "date_precision", "date_basis")


def judged_rows(folder: Path, corpus: str) -> list[dict]:
    """Asserted rows of the corpus's judged tables whose date was judged y or n."""
    rows = []
    for path in sorted(folder.glob(f"*-{corpus}-seed*.judged.tsv")):
        meta, table = read_table(path)
        for r in table:
            if r["block"] == "asserted" and _yes(r["date_ok"]) is not None:
                r["table"] = path.name.removesuffix(".judged.tsv")
                r["held"] = is_held_back(SPLIT_KEY[corpus], r["doc"])
                rows.append(r)
    return rows


def rerun(shared: Path, corpus: str, docs: set[str]) -> dict[str, dict]:
    """doc id -> dateline/1 record of the current pipeline, for the given articles only."""
    records = [r for r in corpus_records(shared, corpus) if r["id"] in docs]
    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{corpus}.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        out = {}
        for res in process(iter_inputs([str(src)], config), config):
            if res.ok:
                rec = res.record
                out[(rec.get("input") or {}).get("id") or rec.get("id")] = rec
    return out


def _norm(text: str) -> str:
    return " ".join((text or "").split())


def find_event(rec: dict | None, row: dict) -> dict | None:
    """The event of ``rec`` with the row's evidence sentence and trigger word."""
    if rec is None:
        return None
    body = rec.get("body") or ""
    ev_text = _norm(row["evidence"])
    hits = [e for e in rec.get("events") or () if _norm(e["evidence"]["text"]) == ev_text]
    exact = [e for e in hits if e.get("trigger") and body[e["trigger"][0]:e["trigger"][1]] == row["trigger"]]
    return (exact or [None])[0]


def date_trigger(rec: dict | None, row: dict, parsed: dict) -> tuple | None:
    """The date ``event_time`` gives the row's trigger word read alone (its only anchor), for an event
    the coder no longer emits (its type or roles changed): its date is still what the row judged."""
    if rec is None:
        return None
    body = rec.get("body") or ""
    at = body.find(row["evidence"][:60]) if row["evidence"] else -1
    word = (row["trigger"] or " ").split()[0]
    hit = body.find(word, at) if at >= 0 else -1
    if hit < 0:
        return None
    key = rec.get("id") or row["doc"]
    if key not in parsed:
        parsed[key] = get_nlp(load_config().model)(body)
    doc = parsed[key]
    tok = next((t for t in doc if t.idx <= hit < t.idx + len(t.text)), None)
    if tok is None:
        return None
    dl = rec.get("dateline") or {}
    dl_end = (dl.get("span") or (0, 0))[1]
    when = event_time(tok, {tok.i}, tok.sent, None, base_date(rec.get("published"), dl.get("date")), dl_end)
    return (when.date or "", when.date_text or "", when.precision or "", when.basis)


def compare(rows: list[dict], records: dict[str, dict]) -> list[dict]:
    """Each row with ``new`` (the new date fields, or None when the trigger is not found) and ``direct``
    (True when the event is no longer emitted and its trigger was dated alone)."""
    out, parsed = [], {}
    for r in rows:
        rec = records.get(r["doc"])
        ev = find_event(rec, r)
        new = tuple(ev.get(f) or "" for f in FIELDS) if ev else date_trigger(rec, r, parsed)
        old = tuple(r.get(f) or "" for f in FIELDS)
        if len(old[0]) in (4, 7):  # the first tables wrote "2019" and "2019-06" for coarse dates
            old = (old[0] + "-01-01"[len(old[0]) - 4:],) + old[1:]
        out.append(dict(r, new=new, direct=ev is None, old=old))
    return out


def figures(rows: list[dict]) -> dict:
    right = [r for r in rows if _yes(r["date_ok"])]
    wrong = [r for r in rows if not _yes(r["date_ok"])]
    found = [r for r in rows if r["new"] is not None]

    def moved(r):
        # the first tables have no basis column: there the date alone is compared
        return r["new"] is not None and (r["new"][0] != r["old"][0] or r["old"][3] not in ("", r["new"][3]))

    f = {"judged": len(rows), "right": len(right), "lost": len(rows) - len(found),
         "direct": sum(1 for r in found if r["direct"]),
         "right_kept": sum(1 for r in right if r["new"] is not None and not moved(r)),
         "right_moved": sum(1 for r in right if moved(r)),
         "wrong_moved": sum(1 for r in wrong if moved(r)),
         "wrong_kept": sum(1 for r in wrong if r["new"] is not None and not moved(r))}
    n = len(found) or 1
    f["before"] = sum(1 for r in found if _yes(r["date_ok"])) / n
    f["estimate"] = (f["right_kept"] + f["wrong_moved"]) / n
    return f


def _line(label: str, f: dict) -> str:
    return (f"{label:14s} judged {f['judged']:3d}  before {f['before']:.2f}  right kept {f['right_kept']:3d}  "
            f"right moved {f['right_moved']:2d}  wrong moved {f['wrong_moved']:2d}  wrong kept {f['wrong_kept']:3d}  "
            f"lost {f['lost']:2d} (dated alone {f['direct']:2d})  estimate <= {f['estimate']:.2f}")


def _show(r: dict) -> str:
    old, new = r["old"], r["new"] or ("(lost)", "", "", "")
    return (f"[{r['table']} #{r['n']} {r['doc']} pub {r['published']}] judged {r['date_ok']}: "
            f"{old[0] or '-'} {old[3]} {old[2]} {old[1]!r} -> {new[0] or '-'} {new[3]} {new[2]} {new[1]!r}\n"
            f"   trigger {r['trigger']!r}; note: {r['note'][:220]}\n   context: {r['context'][:200]}\n"
            f"   evidence: {r['evidence'][:400]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.date_audit")
    ap.add_argument("--corpus", choices=("voa", "polnear", "both"), default="both")
    ap.add_argument("--show", choices=("changed", "wrong", "none"), default="changed",
                    help="development rows to print: the changed ones, every wrong-dated one, or none")
    ap.add_argument("--folder", type=Path, default=ROOT / "eval" / "audits")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    for corpus in ("voa", "polnear") if args.corpus == "both" else (args.corpus,):
        rows = judged_rows(args.folder, corpus)
        rows = compare(rows, rerun(args.shared, corpus, {r["doc"] for r in rows}))
        dev = [r for r in rows if not r["held"]]
        if args.show != "none":
            for r in dev:
                changed = r["new"] is None or r["new"][0] != r["old"][0] or r["old"][3] not in ("", r["new"][3])
                if (args.show == "changed" and changed) or (args.show == "wrong" and not _yes(r["date_ok"])):
                    print(_show(r))
        print(_line(f"{corpus} dev", figures(dev)))
        print(_line(f"{corpus} held", figures([r for r in rows if r["held"]])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
