"""Actor resolution on the PLOVER gold-standard records (../shared/eval/events/plover-gsr-dev.json).

Each record is one document: its sentence ``text`` is the body and its ``date`` the publication
date (no dateline). For every gold ``source``/``target`` actor (``actorText``, ``code`` = a
country code, or ``IGO``), it is a success when some predicted actor with a mention overlapping
the gold text in the sentence has the gold country (or sector IGO when the code is IGO, sector
NGO when it is NGO). Gold texts are found in the sentence by search; a text elided with "..."
("U.S. ... negotiators") is searched piece by piece and any piece counts; a gold text that is not
in the sentence at all still counts as a gold actor (and as a miss unless a piece is found).

Baseline, same run: the model's GPE/NORP/ORG/PERSON entities, each mapped to a country by a
plain pycountry name lookup (no rules, lexicons or coreference).

Figures are given for the development part and the held-back part (``splits.is_held_back("gsr",
record id)``, the split the events scorer uses) side by side; ``--misses`` lists development misses only.

    python -m dateline.evaluation.actors [--shared ../shared] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pycountry

from dateline.config import Config
from dateline.evaluation.splits import is_held_back
from dateline.extract.actors import extract_actors
from dateline.nlp.pipeline import get_nlp
from dateline.types import CleanDocument, InputRef

CORPUS = "eval/events/plover-gsr-dev.json"
_WS = re.compile(r"\s+")


def load(shared: Path) -> tuple[list[dict], str]:
    path = shared / CORPUS
    data = path.read_bytes()
    recs = [r for r in json.loads(data) if r.get("text") and (r.get("source") or r.get("target"))]
    return recs, hashlib.sha256(data).hexdigest()[:16]


def locate(text: str, actor_text: str) -> list[tuple[int, int]]:
    """Char spans of the gold actor text (or of each of its "..."-separated pieces) in the sentence."""
    spans = []
    for piece in actor_text.split("..."):
        piece = _WS.sub(" ", piece).strip()
        if not piece:
            continue
        body = r"\s+".join(re.escape(w) for w in piece.split())
        pat = re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)
        m = pat.search(text)
        if m:
            spans.append((m.start(), m.end()))
    return spans


def gold_actors(rec: dict):
    for role in ("source", "target"):
        for a in rec.get(role) or []:
            if isinstance(a, dict) and a.get("code"):
                yield role, a["actorText"], a["code"].strip().upper()


def _ok(code: str, country: str | None, sector: str | None) -> bool:
    if code in ("IGO", "NGO"):
        return sector == code
    return country == code


def _overlaps(spans, mentions) -> bool:
    return any(s < me and ms < e for s, e in spans for ms, me in mentions)


def _baseline(doc) -> list[tuple[tuple[int, int], str | None, str | None]]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "ORG", "PERSON"):
            continue
        try:
            c = pycountry.countries.lookup(ent.text).alpha_3
        except LookupError:
            c = None
        out.append(((ent.start_char, ent.end_char), c, None))
    return out


SPLIT = "gsr"  # dateline.evaluation.splits corpus key; the record id is the key (as the events scorer)


def split_of_record(rec: dict) -> str:
    return "held" if is_held_back(SPLIT, rec["id"]) else "dev"


def _tally() -> dict:
    return {"n": 0, "ok": 0, "base_ok": 0, "located": 0, "records": 0,
            "by_role": Counter(), "by_role_ok": Counter(), "by_kind": Counter(), "by_kind_ok": Counter()}


def score(shared: Path, config: Config | None = None, misses: list | None = None) -> dict:
    """Score every record; figures per split ("dev", "held") and overall ("all"). ``misses`` (a
    list) receives the unresolved gold actors of the development part only: held-back records are
    never shown, so nobody tunes on them."""
    config = config or Config()
    recs, digest = load(shared)
    nlp = get_nlp(config.model)
    texts = [r["text"] for r in recs]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=config.batch_size))
    t_nlp = time.perf_counter() - t0
    tallies = {"dev": _tally(), "held": _tally()}
    t_act = 0.0
    for rec, doc in zip(recs, docs, strict=True):
        split = split_of_record(rec)
        t = tallies[split]
        t["records"] += 1
        clean = CleanDocument(InputRef(record=rec.get("id")), body=rec["text"], published=rec.get("date"))
        t1 = time.perf_counter()
        actors = list(extract_actors(doc, clean))
        t_act += time.perf_counter() - t1
        base = _baseline(doc)
        for role, atext, code in gold_actors(rec):
            spans = locate(rec["text"], atext)
            kind = "IGO/NGO" if code in ("IGO", "NGO") else "country"
            t["n"] += 1
            t["located"] += bool(spans)
            t["by_role"][role] += 1
            t["by_kind"][kind] += 1
            if any(_ok(code, a.country, a.sector) and _overlaps(spans, a.mentions) for a in actors):
                t["ok"] += 1
                t["by_role_ok"][role] += 1
                t["by_kind_ok"][kind] += 1
            elif misses is not None and split == "dev":
                got = [(rec["text"][s:e], a.country, a.sector) for a in actors for s, e in a.mentions
                       if _overlaps(spans, [(s, e)])]
                misses.append((rec["id"], role, atext, code, got, rec["text"]))
            t["base_ok"] += any(_ok(code, c, s) and _overlaps(spans, [sp]) for sp, c, s in base)
    out: dict = {"hash": digest, "t_nlp": t_nlp, "t_actors": t_act, "records": len(recs)}
    for name, t in (*tallies.items(), ("all", _merge(tallies.values()))):
        n = t["n"]
        out[name] = {
            "n": n, "ok": t["ok"], "located": t["located"], "records": t["records"],
            "accuracy": t["ok"] / n if n else 0.0, "baseline": t["base_ok"] / n if n else 0.0,
            "by_role": {k: (t["by_role_ok"][k], v) for k, v in t["by_role"].items()},
            "by_kind": {k: (t["by_kind_ok"][k], v) for k, v in t["by_kind"].items()},
        }
    return out


def _merge(tallies) -> dict:
    out = _tally()
    for t in tallies:
        for k, v in t.items():
            out[k] = out[k] + v
    return out


def _cell(part: dict, ok: int | None = None, tot: int | None = None) -> str:
    ok = part["ok"] if ok is None else ok
    tot = part["n"] if tot is None else tot
    return f"{ok} / {tot} ({ok / tot:.3f})" if tot else "-"


def evaluate(shared: Path, config: Config | None = None) -> dict:
    import spacy  # deferred: spaCy takes ~2 s to import: only when parsing

    r = score(shared, config)
    dev, held = r["dev"], r["held"]
    rows = []
    for label, table in (("role", "by_role"), ("gold code", "by_kind")):
        for k in sorted(set(dev[table]) | set(held[table])):
            d = dev[table].get(k, (0, 0))
            h = held[table].get(k, (0, 0))
            rows.append(f"| {label} {k} | {_cell(dev, *d)} | {_cell(held, *h)} |")
    md = f"""## Actor resolution (PLOVER gold-standard records)

Corpus: `../shared/{CORPUS}` (openeventdata/PLOVER `PLOVER_GSR_CAMEO.txt`, CC BY-SA 4.0), {r['records']}
one-sentence records with {r['all']['n']} gold source/target actors ({r['all']['located']} located in their
sentence by search); corpus hash `{r['hash']}`. Versions: spaCy {spacy.__version__}, model from
`get_nlp("auto")`. Split: `dateline.evaluation.splits.is_held_back("{SPLIT}", record id)` holds back
{held['records']} records ({held['n']} gold actors) that are never read while tuning; the development part
has {dev['records']} records ({dev['n']} gold actors).

Metric: share of gold actors for which some predicted actor with a mention overlapping the gold
`actorText` has the gold country (or sector IGO for code IGO). Each sentence is its own document, with
its `date` as the publication date and no dateline.

| system | development | held back |
| --- | --- | --- |
| dateline `extract_actors` | {_cell(dev)} | **{_cell(held)}** |
| baseline: model entities + pycountry name lookup, same run | {dev['baseline']:.3f} | {held['baseline']:.3f} |

| breakdown | development | held back |
| --- | --- | --- |
{chr(10).join(rows)}

Time: parsing {r['t_nlp']:.1f} s, actor extraction {r['t_actors']:.2f} s for {r['records']} sentences.
Gold errors are counted as they are (e.g. `JAP`, `ITL`, `VTN` are not ISO codes; Amnesty and the
Red Cross are coded `IGO` where dateline says NGO).
"""
    return {
        "name": "actors",
        "title": "Actor resolution",
        "markdown": md,
        "metrics": {
            "accuracy": round(dev["accuracy"], 4),
            "accuracy_held": round(held["accuracy"], 4),
            "baseline_accuracy": round(dev["baseline"], 4),
            "baseline_accuracy_held": round(held["baseline"], 4),
        },
        "floors": {"accuracy": round(max(0.0, dev["accuracy"] - 0.01), 2),
                   "accuracy_held": round(max(0.0, held["accuracy"] - 0.02), 2)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--misses", action="store_true", help="list the development gold actors not resolved")
    args = ap.parse_args(argv)
    if args.misses:
        misses: list = []
        r = score(Path(args.shared), Config(), misses)
        for m in misses:
            print(m)
        print(f"development accuracy {r['dev']['accuracy']:.4f} ({r['dev']['ok']}/{r['dev']['n']}), "
              f"baseline {r['dev']['baseline']:.4f}; held back {r['held']['accuracy']:.4f} "
              f"({r['held']['ok']}/{r['held']['n']}), not listed")
        return 0
    print(evaluate(Path(args.shared), Config())["markdown"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
