"""Load cost of the event lexicon (once per process), with and without the converted CAMEO dictionary.

Each measurement runs in a fresh Python process (the cost a CLI run, a server worker or a Spark
executor pays once): CPU seconds of ``get_lexicon("")`` (the bundled pattern files, no user file),
the memory it keeps (tracemalloc, after a collection; a separate process, since tracing slows the
load) and, for scale, the CPU seconds of loading the spaCy model in the same processes. Best of
``--repeat`` processes. "without dictionary" reads only event_patterns.tsv, as before the dictionary.

    .venv/bin/python -m bench.event_lexicon_load [--repeat 5] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "event_lexicon_load.json"

_PROBE = r"""
import gc, json, sys, time, tracemalloc
import dateline.extract.events.lexicon as L
if sys.argv[1] == "without":
    L.BUNDLED = ("event_patterns.tsv",)
if sys.argv[2] == "memory":
    tracemalloc.start()
    lex = L.get_lexicon("")
    gc.collect()
    print(json.dumps({"retained_mb": tracemalloc.get_traced_memory()[0] / 1e6}))
else:
    t = time.process_time()
    lex = L.get_lexicon("")
    t_lex = time.process_time() - t
    from dateline.nlp.pipeline import get_nlp
    t = time.process_time()
    get_nlp("auto")
    t_nlp = time.process_time() - t
    print(json.dumps({"lexicon_s": t_lex, "spacy_s": t_nlp, "verbs": len(lex.verbs), "light": len(lex.light)}))
"""


def _probe(which: str, what: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE, which, what], capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(repeat: int = 5) -> dict:
    res = {"name": "event_lexicon_load", "repeat": repeat}
    for which in ("with", "without"):
        runs = [_probe(which, "time") for _ in range(repeat)]
        best = min(runs, key=lambda r: r["lexicon_s"])
        res[f"{which}_dictionary"] = {
            "lexicon_cpu_s": round(best["lexicon_s"], 3),
            "lexicon_cpu_s_all": [round(r["lexicon_s"], 3) for r in runs],
            "spacy_model_cpu_s": round(min(r["spacy_s"] for r in runs), 3),
            "verb_keys": best["verbs"], "light_keys": best["light"],
            "retained_mb": round(_probe(which, "memory")["retained_mb"], 1),
        }
    dict_file = ROOT / "dateline" / "lexicons" / "event_cameo.tsv.gz"
    res["dictionary_file_bytes"] = dict_file.stat().st_size
    with open("/proc/loadavg") as fh:
        res["loadavg"] = fh.read().split()[0]
    res.update(python=platform.python_version(), machine=f"{platform.machine()}, 2 cores shared with other jobs")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="event lexicon load cost, with and without the CAMEO dictionary")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    res = run(args.repeat)
    for which in ("with_dictionary", "without_dictionary"):
        r = res[which]
        print(f"{which:<20} lexicon {r['lexicon_cpu_s']:.3f} s CPU (spaCy model {r['spacy_model_cpu_s']:.3f} s), "
              f"{r['verb_keys']} verb + {r['light_keys']} light keys, {r['retained_mb']} MB kept")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
