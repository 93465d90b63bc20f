"""Memory on one huge record: peak RSS of `dateline ingest` on a single 16 MB JSONL record (issue 15).

    .venv/bin/python -m bench.hostile_memory [--shared ../shared] [--mb 16] [--out FILE]

One JSON Lines record whose ``text`` is 16 MiB of news-like words (sentences of the Zyte benchmark's
vocabulary, in paragraphs; below the default ``max_input_bytes`` of 20 MB, so it is read) is
ingested by the real command in a fresh child process, into a fresh SQLite store:

* ``ingest --no-extract``: read, clean, MinHash, store (target: peak RSS under 1 GB; before the
  MinHash was computed in bounded chunks it took 3.08 GB on this machine);
* ``ingest``: the same with the NLP extractors (the parser reads the first ``nlp_max_chars``).

Peak RSS is the child's ``VmHWM`` read from /proc when the command returns (not ``ru_maxrss``, which
Linux carries over exec from the parent). Writes bench/results/hostile_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.ingest_speed import _vocabulary

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "hostile_memory.json"

CHILD = """
import sys
from dateline.cli.main import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code or 0
with open("/proc/self/status") as f:
    peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
print("PEAK_KB", peak, "EXIT", code)
"""


def write_record(path: Path, mb: float, vocab: list[str], seed: int = 15) -> int:
    rng = random.Random(seed)
    target = int(mb * 1024 * 1024)
    paras, size = [], 0
    while size < target:
        para = " ".join(" ".join(rng.choices(vocab, k=rng.randint(8, 25))).capitalize() + "."
                        for _ in range(rng.randint(3, 6)))
        paras.append(para)
        size += len(para) + 2
    text = "LONDON, Jan 5 (AFP) - " + "\n\n".join(paras)
    path.write_text(json.dumps({"id": "huge", "text": text, "published": "2020-01-05"}) + "\n", "utf-8")
    return len(text)


def run(args: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    last = [line for line in proc.stdout.splitlines() if line.startswith("PEAK_KB")][-1].split()
    return {"command": "dateline " + " ".join(a for a in args[2:] if not a.startswith("/")),
            "peak_rss_mb": round(int(last[1]) / 1024, 1), "exit": int(last[3]), "wall_s": round(wall, 1),
            "stdout": [line for line in proc.stdout.splitlines() if not line.startswith("PEAK_KB")][-1:]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--mb", type=float, default=16.0)
    ap.add_argument("--out", type=Path, default=RESULTS)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as td:
        rec = Path(td) / "huge.jsonl"
        chars = write_record(rec, a.mb, _vocabulary(a.shared))
        rows = []
        for extra in (["--no-extract"], []):
            db = Path(td) / f"s{len(rows)}.db"
            rows.append(run(["--db", str(db), "ingest", *extra, str(rec)]))
        size = rec.stat().st_size
    res = {"record_bytes": size, "text_chars": chars, "runs": rows, "target_peak_rss_mb": 1024,
           "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()},
           "date": time.strftime("%Y-%m-%d")}
    for r in rows:
        print(f"{r['command']:28} one {size / 2**20:.1f} MiB record: peak RSS {r['peak_rss_mb']:7.1f} MB, "
              f"{r['wall_s']:6.1f} s, exit {r['exit']} {r['stdout']}")
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
    ok = all(r["exit"] == 0 for r in rows) and rows[0]["peak_rss_mb"] < 1024
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
