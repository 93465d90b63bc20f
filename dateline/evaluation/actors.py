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

from dateline.config import Config

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
    import pycountry

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


def score(shared: Path, config: Config | None = None, misses: list | None = None) -> dict:
    from dateline.extract.actors import extract_actors
    from dateline.nlp.pipeline import get_nlp
    from dateline.types import CleanDocument, InputRef

    config = config or Config()
    recs, digest = load(shared)
    nlp = get_nlp(config.model)
    texts = [r["text"] for r in recs]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=config.batch_size))
    t_nlp = time.perf_counter() - t0
    n = ok = base_ok = located = 0
    by_role: Counter = Counter()
    by_role_ok: Counter = Counter()
    by_kind: Counter = Counter()
    by_kind_ok: Counter = Counter()
    t_act = 0.0
    for rec, doc in zip(recs, docs, strict=True):
        clean = CleanDocument(InputRef(record=rec.get("id")), body=rec["text"], published=rec.get("date"))
        t1 = time.perf_counter()
        actors = list(extract_actors(doc, clean))
        t_act += time.perf_counter() - t1
        base = _baseline(doc)
        for role, atext, code in gold_actors(rec):
            spans = locate(rec["text"], atext)
            n += 1
            located += bool(spans)
            kind = "IGO/NGO" if code in ("IGO", "NGO") else "country"
            by_role[role] += 1
            by_kind[kind] += 1
            hit = any(_ok(code, a.country, a.sector) and _overlaps(spans, a.mentions) for a in actors)
            if hit:
                ok += 1
                by_role_ok[role] += 1
                by_kind_ok[kind] += 1
            elif misses is not None:
                got = [(rec["text"][s:e], a.country, a.sector) for a in actors for s, e in a.mentions
                       if _overlaps(spans, [(s, e)])]
                misses.append((rec["id"], role, atext, code, got, rec["text"]))
            base_ok += any(_ok(code, c, s) and _overlaps(spans, [sp]) for sp, c, s in base)
    acc = ok / n if n else 0.0
    return {
        "n": n, "located": located, "ok": ok, "accuracy": acc, "baseline": base_ok / n if n else 0.0,
        "records": len(recs), "hash": digest, "t_nlp": t_nlp, "t_actors": t_act,
        "by_role": {k: (by_role_ok[k], v) for k, v in by_role.items()},
        "by_kind": {k: (by_kind_ok[k], v) for k, v in by_kind.items()},
    }


def evaluate(shared: Path, config: Config | None = None) -> dict:
    import spacy

    r = score(shared, config)
    rows = "\n".join(
        f"| {label} {k} | {ok} / {tot} | {ok / tot:.3f} |"
        for label, table in (("role", r["by_role"]), ("gold code", r["by_kind"]))
        for k, (ok, tot) in sorted(table.items())
    )
    md = f"""## Actor resolution (PLOVER gold-standard records, dev)

Corpus: `../shared/{CORPUS}` (openeventdata/PLOVER `PLOVER_GSR_CAMEO.txt`, CC BY-SA 4.0), {r['records']}
one-sentence records with {r['n']} gold source/target actors ({r['located']} located in their sentence by
search); corpus hash `{r['hash']}`. Versions: spaCy {spacy.__version__}, model from `get_nlp("auto")`.

Metric: share of gold actors for which some predicted actor with a mention overlapping the gold
`actorText` has the gold country (or sector IGO for code IGO). Each sentence is its own document, with
its `date` as the publication date and no dateline.

| system | correct | accuracy |
| --- | --- | --- |
| dateline `extract_actors` | {r['ok']} / {r['n']} | **{r['accuracy']:.3f}** |
| baseline: model entities + pycountry name lookup, same run | | {r['baseline']:.3f} |

| breakdown | correct | accuracy |
| --- | --- | --- |
{rows}

Time: parsing {r['t_nlp']:.1f} s, actor extraction {r['t_actors']:.2f} s for {r['records']} sentences.
Gold errors are counted as they are (e.g. `JAP`, `ITL`, `VTN` are not ISO codes; Amnesty and the
Red Cross are coded `IGO` where dateline says NGO).
"""
    return {
        "name": "actors",
        "title": "Actor resolution",
        "markdown": md,
        "metrics": {"accuracy": round(r["accuracy"], 4), "baseline_accuracy": round(r["baseline"], 4)},
        "floors": {"accuracy": round(max(0.0, r["accuracy"] - 0.01), 2)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[3] / "shared"))
    ap.add_argument("--misses", action="store_true", help="list the gold actors not resolved")
    args = ap.parse_args(argv)
    if args.misses:
        misses: list = []
        r = score(Path(args.shared), Config(), misses)
        for m in misses:
            print(m)
        print(f"accuracy {r['accuracy']:.4f} ({r['ok']}/{r['n']}), baseline {r['baseline']:.4f}")
        return 0
    print(evaluate(Path(args.shared), Config())["markdown"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
