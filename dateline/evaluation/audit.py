"""Real-article event audits (../shared/eval/events-audit.md): draw events to judge, then score them.

Gold sentences show whether the coder knows the ontology; real articles show what users meet.
This module runs the whole pipeline (ingest -> clean -> extract) over real articles, draws random
events with a seed, and writes a table a judge fills in; ``score`` reads the judged table back.

    python -m dateline.evaluation.audit draw --corpus voa --seed 7 --out eval/audits/voa-seed7.tsv
    python -m dateline.evaluation.audit score eval/audits/voa-seed7.tsv [--md out.md]

Corpora: ``voa`` (../shared/eval/news/voa/voa-dev.jsonl, 49 international stories) and ``polnear``
(../shared/eval/quotes/polnear/train/text, 840 US-politics articles of 2016, dated from
metadata.tsv). ``draw`` writes three blocks to one TSV: 100 asserted, non-negated events
(``block=asserted``), 30 negated or non-asserted ones (``block=flagged``) and 60 random sentences
with whatever was coded in them (``block=recall``: the judge marks the first 20 that report a
political act, and whether the act was coded). Judge columns are left empty: ``type_ok``,
``source_ok``, ``target_ok``, ``date_ok``, ``place_ok``, ``flags_ok`` (y / n / ? for "cannot
judge"), ``error`` (a short error class) and ``note``; for recall rows ``political`` and ``coded``.
The extraction of a corpus is cached (``--cache``) keyed by the commit, so several draws reuse it.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from dateline.config import load_config
from dateline.ingest import iter_inputs
from dateline.pipeline import process

ROOT = Path(__file__).resolve().parents[2]
JUDGE_COLS = ("type_ok", "source_ok", "target_ok", "date_ok", "place_ok", "flags_ok", "error", "note")
RECALL_COLS = ("political", "coded", "note")
COLS = ("block", "n", "doc", "published", "event", "type", "cameo", "source", "target", "date", "date_text",
        "date_precision", "date_basis", "place", "negated", "modality", "rule", "trigger", "context", "evidence") + JUDGE_COLS + ("political", "coded")
ASSERTED = ("asserted",)


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def corpus_records(shared: Path, corpus: str) -> list[dict]:
    """The corpus as dateline JSONL input records (id, text, published, url)."""
    if corpus == "voa":
        out = []
        for line in (shared / "eval/news/voa/voa-dev.jsonl").read_text("utf-8").splitlines():
            r = json.loads(line)
            out.append({"id": f"voa-{r['id']}", "text": r["text"], "published": r["published"][:10],
                        "url": r.get("url")})
        return out
    if corpus == "polnear":
        root = shared / "eval/quotes/polnear"
        dates = {}
        with open(root / "metadata.tsv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                dates[row["filename"]] = row.get("publication_date")
        return [{"id": p.stem, "text": p.read_text("utf-8"), "published": dates.get(p.stem)}
                for p in sorted((root / "train/text").glob("*.txt"))]
    raise SystemExit(f"unknown corpus {corpus!r} (voa | polnear)")


def extract_corpus(shared: Path, corpus: str, cache: Path | None) -> list[dict]:
    """dateline/1 records of the whole corpus through the real pipeline (cached per commit)."""
    commit = _commit()
    path = cache / f"{corpus}-{commit}.jsonl" if cache else None
    if path is not None and path.exists() and not commit.endswith("dirty"):
        return [json.loads(x) for x in path.read_text("utf-8").splitlines()]

    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{corpus}.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in corpus_records(shared, corpus)), "utf-8")
        records = [res.record for res in process(iter_inputs([str(src)], config), config) if res.ok]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return records


def _actor(ea: dict | None, names: dict) -> str:
    if not ea:
        return ""
    name = names.get(ea.get("actor"), "")
    bits = [ea.get("text") or ""]
    if name and name != ea.get("text"):
        bits.append(f"= {name}")
    bits.append(f"[{ea.get('country') or '-'}/{ea.get('sector') or '-'}]")
    return " ".join(bits)


def _context(body: str, start: int) -> str:
    """The sentence-ish text just before the evidence (up to 300 characters)."""
    lo = max(0, start - 300)
    before = body[lo:start]
    cut = max(before.rfind(". ", 0, len(before) - 2), before.rfind("\n"))
    return " ".join(before[cut + 1:].split()) if cut >= 0 else " ".join(before.split())


def _row(block: str, n: int, rec: dict, ev: dict | None, names: dict, evidence: str, context: str) -> dict:
    row = dict.fromkeys(COLS, "")
    row.update(block=block, n=n, doc=(rec.get("input") or {}).get("id") or rec.get("id"),
               published=(rec.get("published") or "")[:10], evidence=" ".join(evidence.split()),
               context=context)
    if ev is not None:
        place = ev.get("place") or {}
        trig = ev.get("trigger")
        row.update(event=ev["id"], type=ev["type"], cameo=ev.get("cameo") or "",
                   source=_actor(ev.get("source"), names), target=_actor(ev.get("target"), names),
                   date=ev.get("date") or "", date_text=ev.get("date_text") or "",
                   date_precision=ev.get("date_precision") or "", date_basis=ev.get("date_basis") or "",
                   place=place.get("name") or "", negated="yes" if ev.get("negated") else "no",
                   modality=ev.get("modality") or "", rule=str(ev.get("rule") or ""),
                   trigger=rec["body"][trig[0]:trig[1]] if trig else "")
    return row


def draw(records: list[dict], seed: int, n_asserted: int = 100, n_flagged: int = 30, n_recall: int = 60) -> list[dict]:
    rng = random.Random(seed)
    pool_a, pool_f, sents = [], [], []
    for rec in records:
        names = {a["id"]: a["name"] for a in rec.get("actors") or ()}
        for ev in rec.get("events") or ():
            (pool_a if not ev.get("negated") and ev.get("modality") in ASSERTED else pool_f).append((rec, ev, names))
        body = rec.get("body") or ""
        for m in re.finditer(r"[^.!?\n]{40,400}[.!?]", body):
            sents.append((rec, m.start(), m.end(), names))
    rows = []
    for block, pool, k in (("asserted", pool_a, n_asserted), ("flagged", pool_f, n_flagged)):
        for i, (rec, ev, names) in enumerate(rng.sample(pool, min(k, len(pool))), 1):
            s, _ = ev["evidence"]["span"]
            rows.append(_row(block, i, rec, ev, names, ev["evidence"]["text"], _context(rec["body"], s)))
    for i, (rec, s, e, names) in enumerate(rng.sample(sents, min(n_recall, len(sents))), 1):
        coded = [ev for ev in rec.get("events") or () if s <= ev["evidence"]["span"][0] < e]
        row = _row("recall", i, rec, coded[0] if coded else None, names, rec["body"][s:e], _context(rec["body"], s))
        if len(coded) > 1:
            row["note"] = "also: " + "; ".join(f"{ev['type']} {_actor(ev.get('source'), names)} -> "
                                               f"{_actor(ev.get('target'), names)}" for ev in coded[1:])
        rows.append(row)
    return rows


def write_table(rows: list[dict], out: Path, meta: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        for k, v in meta.items():
            fh.write(f"# {k}: {v}\n")
        w = csv.DictWriter(fh, fieldnames=COLS, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def read_table(path: Path) -> tuple[dict, list[dict]]:
    meta, lines = {}, []
    for line in Path(path).read_text("utf-8").splitlines(keepends=True):
        if line.startswith("# ") and ":" in line and not lines:
            k, v = line[2:].split(":", 1)
            meta[k.strip()] = v.strip()
        else:
            lines.append(line)
    return meta, list(csv.DictReader(lines, delimiter="\t"))


def _yes(v: str) -> bool | None:
    v = (v or "").strip().lower()
    return True if v in ("y", "yes", "1", "true") else False if v in ("n", "no", "0", "false") else None


def _rate(rows: list[dict], col: str) -> tuple[int, int]:
    vals = [_yes(r[col]) for r in rows]
    judged = [v for v in vals if v is not None]
    return sum(judged), len(judged)


def score(rows: list[dict], n_articles: int | None = None) -> dict:
    """Figures of a judged table (see events-audit.md)."""
    asserted = [r for r in rows if r["block"] == "asserted"]
    flagged = [r for r in rows if r["block"] == "flagged"]
    recall = [r for r in rows if r["block"] == "recall" and _yes(r["political"])][:20]
    out = {}
    for name, col in (("type_precision", "type_ok"), ("date_accuracy", "date_ok"), ("place_accuracy", "place_ok")):
        k, n = _rate(asserted, col)
        out[name] = (k / n if n else None, k, n)
    triple = [r for r in asserted if _yes(r["type_ok"]) is not None]
    k = sum(1 for r in triple if _yes(r["type_ok"]) and _yes(r["source_ok"]) and _yes(r["target_ok"]))
    out["triple_precision"] = (k / len(triple) if triple else None, k, len(triple))
    k, n = _rate(asserted + flagged, "flags_ok")
    out["flag_accuracy"] = (k / n if n else None, k, n)
    k = sum(1 for r in recall if _yes(r["coded"]))
    out["recall"] = (k / len(recall) if recall else None, k, len(recall))
    out["errors"] = collections.Counter(r["error"].strip() for r in asserted + flagged if r["error"].strip())
    return out


def markdown(meta: dict, figures: dict, rows: list[dict]) -> str:
    lines = [f"Audit `{meta.get('corpus')}`, seed {meta.get('seed')}, commit {meta.get('commit')}, "
             f"judged by {meta.get('judge', '?')}; {meta.get('events', '?')} events in "
             f"{meta.get('articles', '?')} articles ({meta.get('events_per_article', '?')} per article).", "",
             "| figure | value | judged |", "|---|---|---|"]
    for k in ("type_precision", "triple_precision", "date_accuracy", "place_accuracy", "flag_accuracy", "recall"):
        v, hit, n = figures[k]
        lines.append(f"| {k.replace('_', ' ')} | {'—' if v is None else f'{v:.2f}'} | {hit}/{n} |")
    if figures["errors"]:
        lines += ["", "Commonest error classes (one example each):", "", "| error | n | example |", "|---|---|---|"]
        for err, c in figures["errors"].most_common(10):
            ex = next(r for r in rows if r["error"].strip() == err)
            lines.append(f"| {err} | {c} | {ex['type']}: {ex['evidence'][:140]} |")
    return "\n".join(lines) + "\n"


def agreement(a: list[dict], b: list[dict]) -> dict:
    """How far two judges of the same rows agree, per judged column (rows both judged y/n)."""
    second = {(r["block"], r["n"]): r for r in b}
    out = {}
    for col in ("type_ok", "source_ok", "target_ok", "date_ok", "place_ok", "flags_ok"):
        pairs = [(_yes(r[col]), _yes(second[(r["block"], r["n"])][col])) for r in a
                 if (r["block"], r["n"]) in second]
        pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
        out[col] = (sum(x == y for x, y in pairs), len(pairs))
    return out


def summary(folder: Path = ROOT / "eval" / "audits") -> str:
    """Markdown: one row per judged event audit in ``folder`` (``*.judged.tsv``), with the second
    judge's agreement on type where a ``*.second20.tsv`` sits beside it — for docs/evaluation.md."""
    lines = ["| audit | commit | type | triple | date | place | flags | recall | 2nd judge type agreement |",
             "|---|---|---|---|---|---|---|---|---|"]
    for path in sorted(folder.glob("*.judged.tsv")):
        meta, rows = read_table(path)
        if not any(r.get("block") == "asserted" for r in rows):
            continue
        f = score(rows)
        cells = [f"{f[k][0]:.2f} ({f[k][1]}/{f[k][2]})" if f[k][0] is not None else "—" for k in
                 ("type_precision", "triple_precision", "date_accuracy", "place_accuracy", "flag_accuracy", "recall")]
        second = path.with_name(path.name.replace(".judged.tsv", ".second20.tsv"))
        agree = "—"
        if second.exists():
            k, n = agreement(rows, read_table(second)[1])["type_ok"]
            agree = f"{k}/{n}" if n else "—"
        name = path.name.removesuffix(".judged.tsv")
        lines.append(f"| `{name}` | {meta.get('commit', '?')} | " + " | ".join(cells) + f" | {agree} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluation.audit")
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw", help="run the pipeline on a corpus and draw events to judge")
    d.add_argument("--corpus", choices=("voa", "polnear"), required=True)
    d.add_argument("--seed", type=int, required=True)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    d.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dateline-audit")
    g = sub.add_parser("agree", help="agreement of two judges on the rows both judged")
    g.add_argument("first", type=Path)
    g.add_argument("second", type=Path)
    s = sub.add_parser("score", help="figures of a judged table")
    s.add_argument("table", type=Path)
    s.add_argument("--md", type=Path, default=None, help="also write the figures as Markdown here")
    args = ap.parse_args(argv)
    if args.cmd == "draw":
        records = extract_corpus(args.shared, args.corpus, args.cache)
        n_events = sum(len(r.get("events") or ()) for r in records)
        rows = draw(records, args.seed)
        meta = {"corpus": args.corpus, "seed": args.seed, "commit": _commit(), "articles": len(records),
                "events": n_events, "events_per_article": f"{n_events / max(1, len(records)):.1f}",
                "judge": "(fill in: who or what judged)"}
        write_table(rows, args.out, meta)
        print(f"{args.out}: {len(rows)} rows to judge ({n_events} events in {len(records)} articles)")
        return 0
    if args.cmd == "agree":
        for col, (k, n) in agreement(read_table(args.first)[1], read_table(args.second)[1]).items():
            print(f"{col}: {k}/{n}" + (f" = {k / n:.2f}" if n else ""))
        return 0
    meta, rows = read_table(args.table)
    figs = score(rows)
    md = markdown(meta, figs, rows)
    print(md)
    if args.md:
        args.md.write_text(md, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
