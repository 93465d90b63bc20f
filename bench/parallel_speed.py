"""``--jobs N``: wall-clock speed-up of ingest over one process, and peak memory by N (issue 17).

    .venv/bin/python -m bench.parallel_speed [--shared ../shared] [--rounds 3] [--jobs 1,2]
        [--memory-docs 10000] [--memory-nlp-docs 840] [--memory-jobs 1,2,4] [--out FILE]

Speed: ``dateline ingest --jobs N DIR --db fresh.db`` on the 84 PolNeAR dev articles
(``eval/quotes/polnear/dev/text``, a directory of plain-text pages), the whole command as a user
runs it (start, model loading, cleaning, extraction, the store), each N once per round and the
rounds interleaved (1, 2, 1, 2, ...), so load from other jobs on the machine falls on every N
alike; the best wall time of each N counts. Speed-up = best wall(1) / best wall(N); per-core
efficiency = speed-up / N. The stores of every N are compared table by table (they must be equal).

Memory: peak resident memory of the whole process tree (the main process and its workers, summed
from /proc every 0.2 s) for ``ingest --jobs N`` over (a) a generated stream of ``--memory-docs``
distinct JSON Lines text documents with ``--no-extract`` (workers clean, the main process writes),
and (b) the PolNeAR train articles with extraction (each worker holds the language model).
The tree's RSS at each tenth of the run shows whether it stays flat.

Target (issue 17, requirement 6): speed-up of --jobs 2 over --jobs 1 >= 1.5 on the 2-core machine.
Writes bench/results/parallel_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "parallel_speed.json"
TARGET = 1.5


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                todo += [int(x) for x in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


def _rss_mb(pid: int) -> float:
    total = 0
    for p in _tree(pid):
        try:
            for ln in Path(f"/proc/{p}/status").read_text().splitlines():
                if ln.startswith("VmRSS:"):
                    total += int(ln.split()[1])
        except OSError:
            pass
    return total / 1024


def run_ingest(args: list[str], db: Path, env: dict | None = None) -> dict:
    """One ``dateline ingest`` child: wall s, CPU s (it and its workers), peak tree RSS, RSS samples."""
    cmd = [sys.executable, "-m", "dateline.cli.main", "--db", str(db), "ingest", *args]
    r0 = os.times()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    samples: list[tuple[float, float]] = []

    def sample():
        while proc.poll() is None:
            samples.append((time.perf_counter() - t0, _rss_mb(proc.pid)))
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    th.join()
    r1 = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed ({proc.returncode}):\n{err[-3000:]}")
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    peak = max((m for _, m in samples), default=0.0)
    tenths = []
    for k in range(1, 11):  # the largest sample in each tenth of the run
        lo, hi = wall * (k - 1) / 10, wall * k / 10
        vals = [m for t, m in samples if lo <= t < hi]
        tenths.append(round(max(vals), 1) if vals else None)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(peak, 1),
            "rss_by_tenth_mb": tenths, "summary": out.strip().splitlines()[-1] if out.strip() else ""}


def speed(shared: Path, rounds: int, jobs: list[int], tmp: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.parallel.conftest import table_rows

    src = shared / "eval" / "quotes" / "polnear" / "dev" / "text"
    n = len(list(src.glob("*.txt")))
    best: dict[int, dict] = {}
    walls: dict[int, list[float]] = {j: [] for j in jobs}
    stores: dict[int, Path] = {}
    for r in range(rounds):
        for j in jobs:
            db = tmp / f"speed-{j}-{r}.db"
            res = run_ingest(["--jobs", str(j), str(src)], db)
            walls[j].append(res["wall_s"])
            if j not in best or res["wall_s"] < best[j]["wall_s"]:
                best[j] = res
            stores[j] = db
            print(f"  round {r + 1} --jobs {j}: {res['wall_s']:.1f} s wall, {res['cpu_s']:.1f} s CPU", flush=True)
    base = table_rows(stores[jobs[0]])
    same = {j: table_rows(stores[j]) == base for j in jobs}
    one = best[jobs[0]]["wall_s"]
    rows = {}
    for j in jobs:
        b = best[j]
        rows[str(j)] = {"best_wall_s": b["wall_s"], "walls_s": walls[j], "cpu_s": b["cpu_s"],
                        "docs_per_s": round(n / b["wall_s"], 2), "speedup": round(one / b["wall_s"], 3),
                        "per_core_efficiency": round(one / b["wall_s"] / j, 3), "peak_rss_mb": b["peak_rss_mb"],
                        "same_store_as_jobs_1": same[j], "summary": b["summary"]}
    return {"documents": n, "input": str(src.relative_to(shared)), "rounds": rounds, "by_jobs": rows}


def memory(shared: Path, n_stream: int, n_nlp: int, jobs: list[int], tmp: Path) -> dict:
    from bench.ingest_speed import _vocabulary, write_jsonl

    stream = tmp / "stream.jsonl"
    write_jsonl(stream, n_stream, _vocabulary(shared))
    nlp_dir = tmp / "train"
    nlp_dir.mkdir()
    for f in sorted((shared / "eval" / "quotes" / "polnear" / "train" / "text").glob("*.txt"))[:n_nlp]:
        shutil.copy(f, nlp_dir / f.name)
    out: dict = {"stream_documents": n_stream, "stream_bytes": stream.stat().st_size, "nlp_documents": n_nlp,
                 "no_extract": {}, "extract": {}}
    for j in jobs:
        res = run_ingest(["--jobs", str(j), "--no-extract", str(stream)], tmp / f"mem-{j}.db")
        out["no_extract"][str(j)] = res
        print(f"  memory --no-extract {n_stream} docs --jobs {j}: peak {res['peak_rss_mb']:.0f} MB, "
              f"{res['wall_s']:.0f} s", flush=True)
    for j in jobs:
        res = run_ingest(["--jobs", str(j), str(nlp_dir)], tmp / f"memx-{j}.db")
        out["extract"][str(j)] = res
        print(f"  memory with extraction {n_nlp} docs --jobs {j}: peak {res['peak_rss_mb']:.0f} MB, "
              f"{res['wall_s']:.0f} s", flush=True)
    return out


def _ints(s: str) -> list[int]:
    return [int(x) for x in s.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.parallel_speed")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--rounds", type=int, default=3)
    cores = os.cpu_count() or 1
    ap.add_argument("--jobs", default=",".join(str(j) for j in sorted({1, 2, min(cores, 4), min(cores, 8)})))
    ap.add_argument("--memory-docs", type=int, default=10_000)
    ap.add_argument("--memory-nlp-docs", type=int, default=840)
    ap.add_argument("--memory-jobs", default="1,2,4", help="'' skips the memory runs")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        res = {"speed": speed(shared, args.rounds, _ints(args.jobs), tmp)}
        if args.memory_jobs:
            res["memory"] = memory(shared, args.memory_docs, args.memory_nlp_docs, _ints(args.memory_jobs), tmp)
    load1 = os.getloadavg()
    two = res["speed"]["by_jobs"].get("2")
    res["target_speedup_jobs_2"] = TARGET
    res["environment"] = {
        "python": platform.python_version(), "cpu_count": cores, "platform": platform.platform(),
        "loadavg_before": [round(x, 2) for x in load0], "loadavg_after": [round(x, 2) for x in load1],
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": "python -m bench.parallel_speed " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    print(f"{'--jobs':>6} {'best wall s':>11} {'docs/s':>7} {'speed-up':>9} {'per core':>9} {'CPU s':>7} {'peak MB':>8}")
    for j, r in res["speed"]["by_jobs"].items():
        print(f"{j:>6} {r['best_wall_s']:>11.1f} {r['docs_per_s']:>7.2f} {r['speedup']:>9.2f} "
              f"{r['per_core_efficiency']:>9.2f} {r['cpu_s']:>7.1f} {r['peak_rss_mb']:>8.0f}"
              + ("" if r["same_store_as_jobs_1"] else "  STORE DIFFERS"))
    for kind, label in (("no_extract", "--no-extract stream"), ("extract", "with extraction")):
        for j, r in res.get("memory", {}).get(kind, {}).items():
            tenths = [x for x in r["rss_by_tenth_mb"] if x is not None]
            print(f"memory {label:20} --jobs {j}: peak {r['peak_rss_mb']:.0f} MB; by tenth of the run "
                  f"{min(tenths):.0f}..{max(tenths):.0f} MB; {r['wall_s']:.0f} s")
    print(f"load average before {load0[0]:.1f}, after {load1[0]:.1f} ({cores} cores)")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
    print(f"wrote {out}")
    ok = two is not None and two["speedup"] >= TARGET and all(r["same_store_as_jobs_1"]
                                                                 for r in res["speed"]["by_jobs"].values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
