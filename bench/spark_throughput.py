"""The Spark job against the single-process CLI on a crawl archive: records per second per core,
CPU, files written, and the same tables (issue 17, requirements 6 and 7).

    .venv/bin/python -m bench.spark_throughput [--shared ../shared] [--cores N] [--skip-zyte]

Inputs, built from ../shared by ``bench/_crawl.py`` (no download):

* ``crawl-1000.warc.gz``: 1,021 distinct records (the 840 PolNeAR train articles as text/plain
  responses, the 181 Zyte pages as HTML), all cleaned, signed and extracted;
* ``zyte.warc.gz``: the 181 Zyte pages with 12 exact and 12 edited copies, a 404, an image, a
  garbage record and a last record cut short.

In one run, each in its own child process:

* CLI: ``dateline ingest --jobs 1 FILE --db fresh.db`` (one process, one core);
* Spark: ``python -m dateline.scale.job FILE --out DIR --master local[N]`` (N = ``--cores``).

Figures: wall time, records/s and records/s per core (CLI: per 1 core; Spark: per N cores, for
the job alone, ``manifest.seconds``, and for the whole process with the JVM starting); CPU
seconds of each process tree (the CLI; the driver, the JVM and its Python workers), sampled from
/proc every 0.2 s; Parquet files per table and publication day. On the Zyte archive the two
outputs are compared table by table, then the Spark output is loaded into the CLI's store with
``dateline load``: inputs, story input counts and failures must not change (one identity per
input). Writes bench/results/spark_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

from bench.parallel_speed import run_ingest

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "spark_throughput.json"
TARGET = 0.85


def _cpu_s(pids: set[int], seen: dict[int, float]) -> None:
    tick = os.sysconf("SC_CLK_TCK")
    for p in pids:
        try:
            f = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            seen[p] = (int(f[11]) + int(f[12])) / tick  # utime + stime
        except (OSError, IndexError, ValueError):
            pass


def run_spark(spec: str, out: Path, cores: int) -> dict:
    import subprocess
    import threading

    from bench.parallel_speed import _tree

    cmd = [sys.executable, "-m", "dateline.scale.job", spec, "--out", str(out), "--master", f"local[{cores}]",
           "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false"]
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    env.setdefault("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    cpu: dict[int, float] = {}

    def sample():
        while proc.poll() is None:
            _cpu_s(set(_tree(proc.pid)), cpu)
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    th.join()
    if proc.returncode != 0:
        raise SystemExit(f"spark job failed ({proc.returncode}):\n{err[-3000:]}")
    manifest = json.loads((out / "manifest.json").read_text())
    return {"wall_s": round(wall, 2), "job_s": manifest["seconds"], "cpu_s": round(sum(cpu.values()), 1),
            "rows": manifest["rows"], "records": manifest["records"]}


def files_per_day(out: Path) -> dict:
    """Per table: Parquet files, partition values, and the most files any one value has."""
    res = {}
    for table in sorted(p.name for p in out.iterdir() if p.is_dir()):
        per = Counter(f.parent.name for f in (out / table).rglob("*.parquet"))
        res[table] = {"files": sum(per.values()), "partition_values": len(per), "max_files_per_value": max(per.values(), default=0)}
    return res


def _q(db: Path, sql: str) -> list:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def compare(out: Path, db: Path) -> dict:
    """The Spark output against the CLI's store, table by table (the keys tests/scale compares)."""
    sys.path.insert(0, str(ROOT))
    from tests.scale.conftest import _read_table

    checks = {
        "articles": ({(a["id"], a["story_id"], a["is_canonical"], a["body"]) for a in _read_table(out, "articles")},
                     set(_q(db, "SELECT id, story_id, is_canonical = 1, body FROM articles"))),
        "stories": ({(s["story_id"], s["n_articles"], s["n_inputs"]) for s in _read_table(out, "stories")},
                    set(_q(db, "SELECT id, n_articles, n_inputs FROM stories"))),
        "events": ({(e["article_id"], e["local_id"], e["type"], e["evidence_start"]) for e in _read_table(out, "events")},
                   set(_q(db, "SELECT article_id, local_id, type, evidence_start FROM events"))),
        "quotes": ({(e["article_id"], e["local_id"], e["start"], e["end"]) for e in _read_table(out, "quotes")},
                   set(_q(db, 'SELECT article_id, local_id, start, "end" FROM quotes'))),
        "actors": ({(e["article_id"], e["local_id"], e["name"]) for e in _read_table(out, "actors")},
                   set(_q(db, "SELECT article_id, local_id, name FROM article_actors"))),
        "failures": (Counter((f["locator"], f["record"], f["code"]) for f in _read_table(out, "failures")),
                     Counter(_q(db, "SELECT locator, record, code FROM failures"))),
    }
    return {t: {"same": a == b, "spark": len(a), "cli": len(b)} for t, (a, b) in checks.items()}


def _counts(db: Path) -> dict:
    return {"inputs": _q(db, "SELECT count(*) FROM inputs")[0][0],
            "story_inputs": _q(db, "SELECT sum(n_inputs) FROM stories")[0][0],
            "failures": _q(db, "SELECT count(*) FROM failures")[0][0],
            "articles": _q(db, "SELECT count(*) FROM articles")[0][0]}


def zyte_check(archive: Path, tmp: Path, cores: int) -> dict:
    import subprocess

    db = tmp / "zyte-cli.db"
    cli = run_ingest(["--jobs", "1", str(archive)], db)
    out = tmp / "zyte-spark"
    spark = run_spark(str(archive), out, cores)
    same = compare(out, db)
    before = _counts(db)
    load = subprocess.run([sys.executable, "-m", "dateline.cli.main", "load", str(out), "--db", str(db)],
                          capture_output=True, text=True, cwd=ROOT)
    after = _counts(db)
    return {"cli": cli, "spark": spark, "tables": same, "store_before_load": before, "store_after_load": after,
            "load": load.stdout.strip().splitlines()[-1] if load.stdout.strip() else load.stderr[-500:],
            "nothing_counted_twice": before == after}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.spark_throughput")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-zyte", action="store_true")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from bench._crawl import build_all

    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        built = build_all(Path(args.shared), tmp / "in")
        archive = tmp / "in" / "crawl-1000.warc.gz"
        cli = run_ingest(["--jobs", "1", str(archive)], tmp / "cli.db")
        spark = run_spark(str(archive), tmp / "spark", args.cores)
        files = files_per_day(tmp / "spark")
        zyte = None if args.skip_zyte else zyte_check(tmp / "in" / "zyte.warc.gz", tmp, args.cores)
    load1 = os.getloadavg()
    n = built["crawl-1000.warc.gz"]["records"]
    per_core_cli = n / cli["wall_s"]
    per_core_job = n / spark["job_s"] / args.cores
    per_core_process = n / spark["wall_s"] / args.cores
    res = {
        "input": {"crawl-1000.warc.gz": built["crawl-1000.warc.gz"], "zyte.warc.gz": built["zyte.warc.gz"]},
        "cores": args.cores,
        "cli": {**cli, "records_per_s": round(per_core_cli, 2), "records_per_cpu_s": round(n / cli["cpu_s"], 2)},
        "spark": {**spark, "records_per_s_job": round(n / spark["job_s"], 2),
                  "records_per_s_per_core_job": round(per_core_job, 2),
                  "records_per_s_per_core_process": round(per_core_process, 2),
                  "records_per_cpu_s": round(n / spark["cpu_s"], 2), "files": files},
        "ratio_per_core_job_vs_cli": round(per_core_job / per_core_cli, 3),
        "ratio_per_core_process_vs_cli": round(per_core_process / per_core_cli, 3),
        "ratio_cpu_spark_vs_cli": round(spark["cpu_s"] / cli["cpu_s"], 3),
        "target_ratio": TARGET, "zyte": zyte,
        "loadavg_before": [round(x, 2) for x in load0], "loadavg_after": [round(x, 2) for x in load1],
        "machine": {"python": platform.python_version(), "cpu_count": os.cpu_count(), "platform": platform.platform()},
        "versions": {p: version(p) for p in ("pyspark", "spacy", "pyarrow")},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=2) + "\n")
    print(f"{'path (' + str(n) + ' WARC records)':36}{'wall s':>8}{'CPU s':>8}{'rec/s':>8}{'rec/s/core':>11}")
    print(f"{'CLI ingest --jobs 1':36}{cli['wall_s']:>8.1f}{cli['cpu_s']:>8.1f}{per_core_cli:>8.2f}{per_core_cli:>11.2f}")
    print(f"{f'Spark local[{args.cores}], job':36}{spark['job_s']:>8.1f}{'':>8}{n / spark['job_s']:>8.2f}"
          f"{per_core_job:>11.2f}")
    print(f"{f'Spark local[{args.cores}], whole process':36}{spark['wall_s']:>8.1f}{spark['cpu_s']:>8.1f}"
          f"{n / spark['wall_s']:>8.2f}{per_core_process:>11.2f}")
    print(f"per core, Spark / CLI: job {res['ratio_per_core_job_vs_cli']:.3f}, whole process "
          f"{res['ratio_per_core_process_vs_cli']:.3f} (target >= {TARGET}); CPU Spark / CLI {res['ratio_cpu_spark_vs_cli']:.2f}")
    worst = max(f["max_files_per_value"] for f in files.values())
    print(f"Parquet files: {sum(f['files'] for f in files.values())} for {n} records; at most {worst} per table and day")
    if zyte:
        print(f"zyte.warc.gz: tables {'identical' if all(v['same'] for v in zyte['tables'].values()) else 'DIFFER'} "
              f"({', '.join(t for t, v in zyte['tables'].items() if not v['same']) or 'all'}); load into the CLI's "
              f"store: {'nothing counted twice' if zyte['nothing_counted_twice'] else 'COUNTS CHANGED'}")
    print(f"load average before {load0[0]:.1f}, after {load1[0]:.1f} ({os.cpu_count()} cores)")
    return 0 if res["ratio_per_core_job_vs_cli"] >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
