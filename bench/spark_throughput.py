"""Spark job vs single-process CLI: records per second per core on the same 1,000 documents.

    .venv/bin/python -m bench.spark_throughput [--shared ../shared] [--n 1000] [--cores N]

Input: one JSON Lines file of ``--n`` documents: the 840 PolNeAR train texts
(``eval/quotes/polnear/train/text``), then Zyte benchmark pages (``eval/extraction/zyte/html``,
as "html" records) to make up the number; all distinct, so every document is cleaned,
signed and extracted (no duplicate shortcut).

In one run, each in its own child process:

* CLI: ``dateline ingest FILE --db fresh.db`` (one process, one core): read, clean, dedup,
  extract, store.
* Spark: ``python -m dateline.scale.job FILE --out DIR --master local[N]`` (N = ``--cores``,
  default all cores): read, clean, dedup (MinHashLSH), extract, Parquet tables.

Figures: wall time; records/s; records/s/core (CLI: per 1 core; Spark: per N cores). For Spark
both the whole child process (JVM and Python workers starting, spaCy loaded in each worker)
and the job alone (``manifest.seconds``, from listing the inputs to the last table written).
The machine's load average is recorded before and after: on a shared machine the absolute
figures move with the neighbours; the ratio between the two paths, run back to back, less so.
Writes bench/results/spark_throughput.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "spark_throughput.json"


def make_input(shared: Path, n: int, path: Path) -> dict:
    texts = sorted((shared / "eval" / "quotes" / "polnear" / "train" / "text").glob("*.txt"))
    pages = sorted((shared / "eval" / "extraction" / "zyte" / "html").glob("*.html.gz"))
    kinds = {"polnear_text": 0, "zyte_html": 0}
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i < len(texts):
                rec = {"id": f"p{i}", "text": texts[i].read_text("utf-8"), "url": f"https://site{i % 50}.example/{i}"}
                kinds["polnear_text"] += 1
            else:
                p = pages[(i - len(texts)) % len(pages)]
                rec = {"id": f"z{i}", "html": gzip.decompress(p.read_bytes()).decode("utf-8", "replace")}
                kinds["zyte_html"] += 1
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return kinds


def _child(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Run ``cmd``; (wall s, CPU s of the children, stdout)."""
    r0 = os.times()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - t0
    r1 = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    return wall, cpu, proc.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    py = sys.executable
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "docs.jsonl"
        kinds = make_input(Path(args.shared), args.n, data)

        env = dict(os.environ)
        cli_wall, cli_cpu, cli_out = _child([py, "-m", "dateline.cli.main", "ingest", str(data), "--db",
                                             str(tmp / "cli.db")], env)
        env = {**env, "PYSPARK_PYTHON": py}
        out = tmp / "spark"
        sp_wall, sp_cpu, sp_out = _child([py, "-m", "dateline.scale.job", str(data), "--out", str(out),
                                          "--master", f"local[{args.cores}]", "--conf", "spark.ui.enabled=false",
                                          "--conf", "spark.ui.showConsoleProgress=false"], env)
        manifest = json.loads((out / "manifest.json").read_text())
    load1 = os.getloadavg()
    n = args.n
    job_s = manifest["seconds"]
    res = {
        "documents": n, "input": kinds, "cores": args.cores,
        "cli": {"wall_s": round(cli_wall, 2), "cpu_s": round(cli_cpu, 2), "records_per_s": round(n / cli_wall, 2),
                "records_per_s_per_core": round(n / cli_wall, 2), "summary": cli_out.strip().splitlines()[-1]},
        "spark": {"wall_s": round(sp_wall, 2), "job_s": job_s, "cpu_s_python_driver": round(sp_cpu, 2),
                  "records_per_s": round(n / sp_wall, 2), "records_per_s_job": round(n / job_s, 2),
                  "records_per_s_per_core": round(n / sp_wall / args.cores, 2),
                  "records_per_s_per_core_job": round(n / job_s / args.cores, 2), "rows": manifest["rows"]},
        "ratio_spark_job_vs_cli_per_core": round((n / job_s / args.cores) / (n / cli_wall), 3),
        "loadavg_before": [round(x, 2) for x in load0], "loadavg_after": [round(x, 2) for x in load1],
        "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(), "platform": platform.platform()},
        "versions": {p: version(p) for p in ("pyspark", "spacy", "datasketch", "pyarrow")},
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(res, indent=2) + "\n")
    print(f"{'path':<28}{'wall s':>9}{'rec/s':>9}{'rec/s/core':>12}")
    print(f"{'CLI ingest (1 process)':<28}{cli_wall:>9.1f}{n / cli_wall:>9.2f}{n / cli_wall:>12.2f}")
    print(f"{f'Spark local[{args.cores}] (process)':<28}{sp_wall:>9.1f}{n / sp_wall:>9.2f}{n / sp_wall / args.cores:>12.2f}")
    print(f"{f'Spark local[{args.cores}] (job)':<28}{job_s:>9.1f}{n / job_s:>9.2f}{n / job_s / args.cores:>12.2f}")
    print(f"load average before {load0[0]:.1f}, after {load1[0]:.1f} ({os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
