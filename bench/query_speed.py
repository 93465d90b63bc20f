"""The query functions' own cost on a large store: ``python -m bench.query_speed [--db PATH]``.

Direct calls (no HTTP), single client: the cost of each query shape the CLI, API and web UI
issue, as p50 / p95 milliseconds over a fixed number of calls with varying arguments (the busiest
actors, 30-day and 2-year ranges, broad and narrow searches). The API's latency under load is
measured separately by ``bench.api_latency``, whose generator builds the store: without ``--db``
(or when the file is missing) 100,000 articles and 1,000,000 events (``--generate ARTICLES EVENTS``
for another size), kept at ``--db`` when given. Writes ``bench/results/query_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.api_latency import generate
from dateline import query as q
from dateline.store import open_store

RESULTS = Path(__file__).resolve().parent / "results" / "query_speed.json"

WORDS = ["nuclear talks", "sanctions", "minister", "uranium enrichment", "ceasefire summit", "peace agreement"]


def _time(fn, runs: int) -> tuple[float, float]:
    ts = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    return statistics.median(ts), ts[max(0, int(len(ts) * 0.95) - 1)]


def cases(store) -> list[tuple[str, object, int]]:
    conn = store.conn
    top = [r[0] for r in conn.execute("SELECT id FROM actors ORDER BY n_mentions DESC, id LIMIT 3")] or [1]
    top_by_events = [r[0] for r in conn.execute(
        "SELECT source_actor FROM events WHERE source_actor IS NOT NULL GROUP BY source_actor"
        " ORDER BY count(*) DESC LIMIT 3")] or top
    names = [r[0] for r in conn.execute("SELECT name FROM actors ORDER BY id LIMIT 20")] or ["x"]
    lo, hi = conn.execute("SELECT min(date), max(date) FROM events").fetchone()
    hi = hi or "2011-12-31"
    month = (hi[:7] + "-01", hi[:7] + "-31")

    def a(i):
        return top_by_events[i % len(top_by_events)]

    return [
        ("events, busiest actor by id, last month", lambda i: q.events(store, q.EventFilter(
            actor=a(i), since=month[0], until=month[1]), 50), 30),
        ("count_events, same", lambda i: q.count_events(store, q.EventFilter(
            actor=a(i), since=month[0], until=month[1])), 30),
        ("events, actor by name, last month", lambda i: q.events(store, q.EventFilter(
            actor=names[i % len(names)], since=month[0], until=month[1]), 50), 30),
        ("count_events, busiest actor, all dates", lambda i: q.count_events(store, q.EventFilter(actor=a(i))), 6),
        ("events, type + country, last month", lambda i: q.events(store, q.EventFilter(
            type="ACCUSE", country="IRN", since=month[0], until=month[1]), 50), 30),
        ("search (page of 20)", lambda i: q.search(store, WORDS[i % len(WORDS)], 20), 30),
        ("count_search", lambda i: q.count_search(store, WORDS[i % len(WORDS)]), 30),
        ("search_facets", lambda i: q.search_facets(store, WORDS[i % len(WORDS)]), 12),
        ("quotes, about", lambda i: q.quotes(store, q.QuoteFilter(about=WORDS[i % len(WORDS)]), 50), 30),
        ("timeline, busiest actor, all dates", lambda i: q.timeline(store, q.EventFilter(actor=a(i))), 6),
        ("actor page, busiest actors", lambda i: q.actor(store, a(i)), 6),
        ("network, last month", lambda i: q.network(store, q.EventFilter(since=month[0], until=month[1])), 3),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="the store; generated when missing, kept afterwards")
    ap.add_argument("--generate", nargs=2, type=int, metavar=("ARTICLES", "EVENTS"), default=(100_000, 1_000_000),
                    help="size of the generated store (default: 100000 1000000)")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        db = args.db or str(Path(tmp) / "bench.db")
        if not Path(db).exists():
            print(f"generating {args.generate[0]:,} articles / {args.generate[1]:,} events into {db} ...", flush=True)
            print(generate(db, *args.generate), flush=True)
        rows = run(db)
    result = {"db": args.db, "load_average": os.getloadavg()[0], "cpus": os.cpu_count(), "queries": rows}
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    return 0


def run(db: str) -> list[dict]:
    """Time every case on the store at ``db``; prints the table and returns its rows."""
    rows = []
    with open_store(db, readonly=True) as store:
        n = store.conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
        print(f"store {db}: {n[0]:,} articles, {n[1]:,} events\n")
        print(f"| {'query':45s} | p50 ms | p95 ms |\n|{'-' * 47}|-------:|-------:|")
        for label, fn, runs in cases(store):
            p50, p95 = _time(fn, runs)
            print(f"| {label:45s} | {p50:6.1f} | {p95:6.1f} |", flush=True)
            rows.append({"query": label, "runs": runs, "p50_ms": round(p50, 1), "p95_ms": round(p95, 1)})
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
