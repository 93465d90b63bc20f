"""Ingest speed and memory: ingest -> clean -> store (no NLP), against trafilatura alone.

    .venv/bin/python -m bench.ingest_speed [--shared ../shared] [--repeat 3] [--memory 1000,10000] [--out FILE]

* HTML: the 181 Zyte benchmark pages (``../shared/eval/extraction/zyte/html/*.html.gz``) read by
  ``dateline.ingest.iter_inputs`` from their directory, cleaned (``clean_batch``) and written by
  the store writer (``dateline.store.writer.Writer``) into a fresh SQLite store, extraction off;
  compared in the same run with trafilatura alone on the same files (read, gunzipped and decoded,
  then trafilatura): once with the exact call dateline makes (``bare_extraction`` with metadata
  and dateline's options) and once as ``trafilatura.extract`` with default settings (text only).
* Text: 181 plain-text pages built from the same gold bodies (banner, section, headline, agency
  line, body, footer lines), same path.
* Memory: a generated JSONL stream (unique text records, ~4 KB each) ingested in a child process,
  once through ingest + clean only and once also into a fresh store; peak RSS
  (``VmHWM``) and RSS samples at every tenth of the stream, for 1,000 and 10,000
  documents. (The near-duplicate LSH index lives in the store, tables ``minhash_bands`` and
  ``minhash_lsh``; the writer keeps only the current batch's reservations in memory.)

CPU time (``time.process_time``) is the main figure: the machine is shared, and CPU time is
what the extra work costs; wall time is reported too. The variants run in interleaved rounds
(each once per round, so all see the same machine load); each figure is the best of ``--repeat``.
The ratio to trafilatura is also given per round (both measured under that round's load).
A variant's output is dropped as soon as it is timed unless the results report it (the status
counts of the dateline variants): 181 trafilatura Documents held in memory slowed the variants
timed after them (``--keep-outputs`` keeps them, as this benchmark did before 2026-11-29).
Writes bench/results/ingest_speed.json (``--out`` elsewhere).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "ingest_speed.json"


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    best_cpu = best_wall = float("inf")
    out = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall, out


def _store_run(specs: list[str], config, tmp: Path) -> dict:
    """ingest + clean + store (no NLP) into a fresh store; returns status counts."""
    from collections import Counter

    from dateline.cli.ingest import run
    from dateline.ingest import iter_inputs
    from dateline.store import open_store
    from dateline.store.writer import Writer

    db = tmp / f"bench-{time.monotonic_ns()}.db"
    store = open_store(str(db))
    counts: Counter = Counter()
    try:
        writer = Writer(store, config)
        for _res, status in run(iter_inputs(specs, config), writer, config):
            counts[status] += 1
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return dict(counts)


def _clean_run(specs: list[str], config) -> int:
    from dateline.ingest import iter_inputs
    from dateline.pipeline import process

    return sum(1 for r in process(iter_inputs(specs, config), config, extract=False) if r.ok)


def _instrumented_clean_run(specs: list[str], config) -> dict:
    """ingest + clean with trafilatura's own share timed inside the same run (same load)."""
    import trafilatura

    import dateline.clean.html as html_mod

    spent = {"trafilatura": 0.0}
    orig_extract, orig_parse = trafilatura.bare_extraction, html_mod._parse

    def timed(fn):
        def inner(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent["trafilatura"] += time.process_time() - t

        return inner

    trafilatura.bare_extraction, html_mod._parse = timed(orig_extract), timed(orig_parse)
    try:
        t0 = time.process_time()
        _clean_run(specs, config)
        total = time.process_time() - t0
    finally:
        trafilatura.bare_extraction, html_mod._parse = orig_extract, orig_parse
    return {"total_cpu_s": total, "trafilatura_cpu_s": spent["trafilatura"]}


def text_pages(gold: dict, out: Path) -> int:
    """Plain-text pages in the shape web crawls store them, built from the gold bodies."""
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for key, item in sorted(gold.items()):
        body = item["articleBody"].strip()
        words = body.split()
        if len(words) < 30:
            continue
        headline = " ".join(words[:9]).rstrip(".,;:") + " " + key[:6]
        page = "\n\n".join([
            "UNITED24 - Make a charitable donation in support of Ukraine!",
            "World News",
            headline,
            "IRNA - Islamic Republic News Agency",
            body,
            f"Islamic Republic News Agency/IRNA NewsCode: {int(key[:7], 16)}",
            "Join the Example.org mailing list",
        ])
        (out / f"{key}.txt").write_text(page, "utf-8")
        n += 1
    return n


def _read_pages(files: list[Path]) -> list[str]:
    return [gzip.decompress(p.read_bytes()).decode("utf-8") for p in files]


_REPORTED = ("html_ingest_clean", "html_ingest_clean_store", "text_ingest_clean", "text_ingest_clean_store")


def speed(shared: Path, repeat: int, keep_outputs: bool = False) -> dict:
    """Interleaved rounds (every variant once per round), best CPU and wall time per variant."""
    import trafilatura

    from dateline.clean.html import EXTRACT_OPTIONS
    from dateline.config import Config

    html_dir = shared / "eval" / "extraction" / "zyte" / "html"
    files = sorted(html_dir.glob("*.html.gz"))
    gold = json.loads((shared / "eval" / "extraction" / "zyte" / "ground-truth.json").read_text("utf-8"))
    config = Config(extract=False)
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        text_dir = tmp / "text"
        nt = text_pages(gold, text_dir)
        # warm-up: imports, lexicons, models, the language identifier
        _clean_run([str(files[0])], config)
        trafilatura.bare_extraction(_read_pages(files[:1])[0], with_metadata=True, **EXTRACT_OPTIONS)

        variants = {
            # trafilatura alone: read + gunzip + decode the same files, then the call dateline makes
            "trafilatura_same_call": lambda: [
                trafilatura.bare_extraction(h, with_metadata=True, **EXTRACT_OPTIONS) for h in _read_pages(files)
            ],
            "trafilatura_extract_default": lambda: [trafilatura.extract(h) for h in _read_pages(files)],
            "html_ingest_clean": lambda: _clean_run([str(html_dir)], config),
            "html_ingest_clean_store": lambda: _store_run([str(html_dir)], config, tmp),
            "text_ingest_clean": lambda: _clean_run([str(text_dir)], config),
            "text_ingest_clean_store": lambda: _store_run([str(text_dir)], config, tmp),
        }
        best = {k: [float("inf"), float("inf"), None] for k in variants}
        inrun = []
        rounds = []
        for _ in range(repeat):
            this = {}
            for k, fn in variants.items():
                cpu, wall, out = _timed(fn, 1)
                b = best[k]
                # keep only the small outputs the results report (status counts): the trafilatura
                # variants return 181 Documents (~110 MB of RSS), and holding them while the other
                # variants were timed made those 5-7% slower relative to trafilatura (measured in
                # alternating runs; --keep-outputs restores the old behaviour)
                b[0], b[1], b[2] = min(b[0], cpu), min(b[1], wall), (out if keep_outputs or k in _REPORTED else None)
                del out
                this[k] = cpu
            rounds.append(round(this["html_ingest_clean_store"] / this["trafilatura_same_call"], 3))
            inrun.append(_instrumented_clean_run([str(html_dir)], config))

    n = len(files)

    def row(k: str, docs: int) -> dict:
        return {"cpu_s": round(best[k][0], 3), "wall_s": round(best[k][1], 3), "docs_per_s": round(docs / best[k][0], 1)}

    tm = best["trafilatura_same_call"][0]
    return {
        "html": {
            "documents": n,
            "cleaned_ok": best["html_ingest_clean"][2],
            "store_statuses": best["html_ingest_clean_store"][2],
            "trafilatura_same_call": row("trafilatura_same_call", n),
            "trafilatura_extract_default": row("trafilatura_extract_default", n),
            "ingest_clean": row("html_ingest_clean", n),
            "ingest_clean_store": row("html_ingest_clean_store", n),
            "ratio_clean_store_vs_trafilatura_same_call": round(best["html_ingest_clean_store"][0] / tm, 3),
            "ratio_clean_store_vs_trafilatura_same_call_per_round": rounds,
            "ratio_clean_vs_trafilatura_same_call": round(best["html_ingest_clean"][0] / tm, 3),
            "ratio_clean_store_vs_trafilatura_extract_default": round(
                best["html_ingest_clean_store"][0] / best["trafilatura_extract_default"][0], 3
            ),
            # trafilatura's share measured inside dateline's own ingest+clean runs (parse + bare_extraction)
            "in_run": [{k: round(v, 3) for k, v in r.items()} for r in inrun],
            "in_run_clean_overhead": round(
                min(r["total_cpu_s"] / r["trafilatura_cpu_s"] - 1 for r in inrun), 3
            ),
            "store_cpu_s": round(best["html_ingest_clean_store"][0] - best["html_ingest_clean"][0], 3),
        },
        "text": {
            "documents": nt,
            "cleaned_ok": best["text_ingest_clean"][2],
            "store_statuses": best["text_ingest_clean_store"][2],
            "ingest_clean": row("text_ingest_clean", nt),
            "ingest_clean_store": row("text_ingest_clean_store", nt),
        },
    }


# -- memory ------------------------------------------------------------------------------------
def _vocabulary(shared: Path) -> list[str]:
    import re

    gold = json.loads((shared / "eval" / "extraction" / "zyte" / "ground-truth.json").read_text("utf-8"))
    words = re.findall(r"[A-Za-z]{3,12}", " ".join(v["articleBody"] for v in gold.values()))
    return sorted(set(words))


def write_jsonl(path: Path, n: int, vocab: list[str], seed: int = 7) -> None:
    """n unique text records, written one at a time (never held in memory together)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            paras = []
            for _ in range(rng.randint(5, 10)):
                ws = rng.choices(vocab, k=rng.randint(40, 90))
                paras.append(" ".join(ws).capitalize() + ".")
            text = f"World News\n\nStory {i}: " + " ".join(rng.choices(vocab, k=7)) + "\n\n"
            text += f"LONDON, Jan {1 + i % 28} (AFP) - " + "\n\n".join(paras)
            rec = {"id": f"r{i}", "text": text, "url": f"https://example.org/{i % 50}/story-{i}",
                   "published": "2020-01-02"}
            f.write(json.dumps(rec) + "\n")


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _rss_mb() -> float:
    return _status_mb("VmRSS")


def memory_child(shared: Path, n: int, store_it: bool) -> dict:
    """Runs in a fresh process: generate n records, ingest them streamed, report RSS.

    ``store_it`` False: ingest + clean only (``dateline.pipeline.process``); True: + the store writer.
    """
    from collections import Counter

    from dateline.cli.ingest import run
    from dateline.config import Config
    from dateline.ingest import iter_inputs
    from dateline.pipeline import process
    from dateline.store import open_store
    from dateline.store.writer import Writer

    config = Config(extract=False)
    with tempfile.TemporaryDirectory() as td:
        path = Path(td) / "stream.jsonl"
        write_jsonl(path, n, _vocabulary(shared))
        size = path.stat().st_size
        store = open_store(str(Path(td) / "mem.db")) if store_it else None
        if store_it:
            writer = Writer(store, config)
            stream = (status for _res, status in run(iter_inputs([str(path)], config), writer, config))
        else:
            stream = ("ok" if r.ok else "failed" for r in process(iter_inputs([str(path)], config), config, extract=False))
        samples = []
        counts: Counter = Counter()
        t0 = time.perf_counter()
        base = _rss_mb()
        for i, status in enumerate(stream, 1):
            counts[status] += 1
            if i % max(1, n // 10) == 0:
                samples.append([i, round(_rss_mb(), 1)])
        elapsed = time.perf_counter() - t0
        if store is not None:
            store.close()
    peak = _status_mb("VmHWM")  # not ru_maxrss: Linux carries that over exec from the parent
    return {"documents": n, "store": store_it, "jsonl_bytes": size, "rss_before_mb": round(base, 1),
            "peak_rss_mb": round(peak, 1), "rss_samples_mb": samples, "statuses": dict(counts),
            "wall_s": round(elapsed, 1), "docs_per_s": round(n / elapsed, 1)}


def memory(shared: Path, sizes: list[int]) -> list[dict]:
    out = []
    for store_it in (False, True):
        for n in sizes:
            cmd = [sys.executable, "-m", "bench.ingest_speed", "--shared", str(shared), "--memory-child", str(n)]
            if store_it:
                cmd.append("--store")
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
            out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def table(res: dict) -> str:
    h, t = res["html"], res["text"]
    lines = [
        f"{'input':6} {'path':48} {'docs/s (CPU)':>12} {'CPU s':>7} {'wall s':>7}",
        f"{'html':6} {'trafilatura alone (same call as dateline)':48} {h['trafilatura_same_call']['docs_per_s']:12.1f} "
        f"{h['trafilatura_same_call']['cpu_s']:7.2f} {h['trafilatura_same_call']['wall_s']:7.2f}",
        f"{'html':6} {'trafilatura.extract default (text only)':48} {h['trafilatura_extract_default']['docs_per_s']:12.1f} "
        f"{h['trafilatura_extract_default']['cpu_s']:7.2f} {h['trafilatura_extract_default']['wall_s']:7.2f}",
    ]
    for kind, r in (("html", h), ("text", t)):
        for k, label in (("ingest_clean", "ingest + clean"), ("ingest_clean_store", "ingest + clean + store (no NLP)")):
            lines.append(f"{kind:6} {label:48} {r[k]['docs_per_s']:12.1f} {r[k]['cpu_s']:7.2f} {r[k]['wall_s']:7.2f}")
    lines.append("")
    lines.append(f"HTML: ingest+clean+store / trafilatura (same call) = {h['ratio_clean_store_vs_trafilatura_same_call']:.3f} "
                 f"(+{(h['ratio_clean_store_vs_trafilatura_same_call'] - 1) * 100:.1f}%); ingest+clean alone "
                 f"{h['ratio_clean_vs_trafilatura_same_call']:.3f}; vs trafilatura.extract default "
                 f"{h['ratio_clean_store_vs_trafilatura_extract_default']:.3f}; per round "
                 + ", ".join(f"{r:.3f}" for r in h["ratio_clean_store_vs_trafilatura_same_call_per_round"]))
    lines.append(f"HTML, inside dateline's own runs: ingest+clean costs +{h['in_run_clean_overhead'] * 100:.1f}% over the "
                 f"trafilatura work it contains (parse + bare_extraction); the store writer adds "
                 f"{h['store_cpu_s']:.2f} s CPU for {h['documents']} documents "
                 f"(+{h['store_cpu_s'] / h['trafilatura_same_call']['cpu_s'] * 100:.1f}% of trafilatura alone)")
    for m in res.get("memory", []):
        what = "ingest+clean+store" if m["store"] else "ingest+clean"
        rss = [r for _, r in m["rss_samples_mb"]]
        lines.append(f"memory {what:18} {m['documents']:>6} JSONL docs ({m['jsonl_bytes'] / 1e6:.1f} MB): peak RSS "
                     f"{m['peak_rss_mb']:.1f} MB; RSS at 10%..100% of the stream {min(rss):.1f}..{max(rss):.1f} MB; "
                     f"{m['docs_per_s']} docs/s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ingest_speed")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory", default="1000,10000", help="JSONL sizes for the memory test ('' to skip)")
    ap.add_argument("--out", default=str(RESULTS), help="where to write the JSON results (default: %(default)s)")
    ap.add_argument("--keep-outputs", action="store_true",
                    help="hold every variant's last output until the next round, as this benchmark did before "
                         "(the trafilatura variants' 181 Documents then stay in memory while the others are timed)")
    ap.add_argument("--memory-child", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--store", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if args.memory_child is not None:
        print(json.dumps(memory_child(shared, args.memory_child, args.store)))
        return 0
    res = speed(shared, args.repeat, keep_outputs=args.keep_outputs)
    sizes = [int(x) for x in args.memory.split(",") if x.strip()]
    if sizes:
        res["memory"] = memory(shared, sizes)
    res["environment"] = {
        "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
        "versions": {p: version(p) for p in ("trafilatura", "htmldate", "newspaper4k", "ftfy", "lxml")},
        "repeat": args.repeat, "keep_outputs": args.keep_outputs, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": "python -m bench.ingest_speed " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    print(table(res))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
