"""WET against HTML: the same 181 pages read from a crawl's WET text and from their HTML (issue 17).

    .venv/bin/python -m bench.wet_cleaning [--shared ../shared] [--jobs 2] [--out FILE]

The WET file is built from the Zyte benchmark pages by ``bench/_crawl.py`` (every visible text
line of each page, menus and footers included, as a crawl's conversion records hold it). Both
inputs go through ``dateline extract`` (cleaning, then actors, quotes and events): the WET
records through the crawl-text cleaning (``dateline/clean/crawltext.py``), the HTML through
trafilatura. Figures, for the development pages, the held-back pages (never looked at while the
WET cleaning was written; ``dateline.evaluation.splits``, corpus "zyte") and all 181:

* events found on each side and their ratio (target: within 10%);
* body extraction against the gold bodies (the Zyte metric, ``dateline.evaluation.extraction``).

Writes bench/results/wet_cleaning.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "wet_cleaning.json"
TARGET = 0.10


def _extract(spec: str, jobs: int) -> list[dict]:
    cmd = [sys.executable, "-m", "dateline.cli.main", "extract", "--jobs", str(jobs), spec]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    return [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]


def measure(shared: Path, jobs: int) -> dict:
    from bench._crawl import build_zyte_wet
    from dateline.evaluation.extraction import aggregate, match
    from dateline.evaluation.splits import is_held_back

    gold = json.loads((shared / "eval" / "extraction" / "zyte" / "ground-truth.json").read_text("utf-8"))
    by_url = {v["url"]: k for k, v in gold.items()}
    with tempfile.TemporaryDirectory() as td:
        wet_path = Path(td) / "zyte.wet.gz"
        build_zyte_wet(shared, wet_path)
        t0 = time.perf_counter()
        wet = {by_url[r["url"]]: r for r in _extract(str(wet_path), jobs) if "error" not in r}
        t_wet = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = {Path(r["input"]["path"]).name.split(".")[0]: r
            for r in _extract(str(shared / "eval" / "extraction" / "zyte" / "html"), jobs) if "error" not in r}
    t_html = time.perf_counter() - t0
    out = {}
    for split in ("dev", "held", "all"):
        keys = [k for k in sorted(gold) if split == "all" or (split == "held") == is_held_back("zyte", k)]
        ev_wet = sum(len(wet[k]["events"]) for k in keys if k in wet)
        ev_html = sum(len(html[k]["events"]) for k in keys if k in html)
        f_wet = aggregate([match(wet[k]["body"] if k in wet else "", gold[k]["articleBody"]) for k in keys])
        f_html = aggregate([match(html[k]["body"] if k in html else "", gold[k]["articleBody"]) for k in keys])
        out[split] = {"pages": len(keys), "events_wet": ev_wet, "events_html": ev_html,
                      "ratio": round(ev_wet / max(1, ev_html), 3),
                      "body_wet": {k: round(v, 3) for k, v in f_wet.items()},
                      "body_html": {k: round(v, 3) for k, v in f_html.items()}}
    out["seconds"] = {"wet": round(t_wet, 1), "html": round(t_html, 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.wet_cleaning")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    res = measure(Path(args.shared), args.jobs)
    res["target_ratio_within"] = TARGET
    res["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    print(f"{'pages':10} {'events WET':>10} {'events HTML':>11} {'ratio':>6} {'body F1 WET':>12} {'body F1 HTML':>13}")
    for split in ("dev", "held", "all"):
        r = res[split]
        print(f"{split + ' (' + str(r['pages']) + ')':10} {r['events_wet']:>10} {r['events_html']:>11} {r['ratio']:>6.3f} "
              f"{r['body_wet']['f1']:>12.3f} {r['body_html']['f1']:>13.3f}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
    print(f"wrote {out}")
    return 0 if abs(res["all"]["ratio"] - 1) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
