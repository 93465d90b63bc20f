"""API latency under load: actor + date-range event queries and full-text searches.

Generates a store of 100,000 articles and 1,000,000 events (bulk SQL inserts through the real
schema, with skewed, realistic distributions: a few actors take most events, event types follow
a news-like mix, dates span two years), serves it with uvicorn on 127.0.0.1, and runs 20
concurrent clients for 30 s, each picking an event query or a search at random.

Usage: python -m bench.api_latency [--articles N] [--events N] [--clients 20] [--seconds 30]
                                   [--db PATH (reuse/keep the generated store)] [--out JSON]
Targets: p95 <= 50 ms (events), p95 <= 150 ms (search), zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import platform
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "api_latency.json"
TARGETS = {"events": 50.0, "search": 150.0}

# (PLOVER type, CAMEO root, quad class, Goldstein, relative frequency) - a news-like mix:
# consultations and statements dominate, force is rarer.
TYPES = [
    ("CONSULT", "040", 1, 1.0, 22), ("SUPPORT", "050", 1, 3.5, 10), ("AGREE", "030", 1, 4.0, 9),
    ("REQUEST", "100", 3, -5.0, 8), ("ACCUSE", "112", 3, -2.0, 9), ("REJECT", "120", 3, -4.0, 6),
    ("THREATEN", "130", 3, -4.4, 4), ("PROTEST", "140", 4, -6.5, 4), ("COOPERATE", "060", 2, 6.0, 6),
    ("AID", "070", 2, 7.0, 4), ("CONCEDE", "080", 2, 5.0, 2), ("RETREAT", "087", 2, 9.0, 1),
    ("SANCTION", "160", 4, -4.0, 4), ("MOBILIZE", "150", 4, -7.2, 2), ("COERCE", "170", 4, -7.0, 3),
    ("ASSAULT", "190", 4, -10.0, 6),
]
COUNTRIES = ["USA", "IRN", "RUS", "CHN", "GBR", "FRA", "DEU", "ISR", "SYR", "IRQ", "AFG", "PAK", "IND", "TUR",
             "EGY", "SAU", "UKR", "JPN", "PRK", "KOR", "BRA", "NGA", "KEN", "ZAF", "MEX", "VEN", "LBY", "YEM"]
SECTORS = ["GOV", "MIL", "IGO", "NGO", "MED", "BUS", "REB", "JUD", "LEG", "OPP", "CVL", None]
SOURCES = ["IRNA", "AP", "Reuters", "AFP", "Xinhua", "ITAR-TASS", "BBC", "Al Jazeera", "DPA", "Kyodo"]
SYLLABLES = ["ka", "ri", "mo", "ne", "sa", "lo", "vi", "da", "ro", "te", "ma", "ni", "su", "be", "ha", "zu"]
WORDS = ("minister talks nuclear agency report security council sanctions meeting president official "
         "government military forces border attack peace agreement cooperation economic trade oil energy "
         "election protest opposition rebels ceasefire summit delegation visit foreign ministry statement "
         "said accused rejected warned demanded pledged support aid humanitarian crisis refugees embassy "
         "parliament court ruling investigation police arrested killed wounded bombing troops withdrawal "
         "negotiations proposal inspectors program enrichment uranium resolution vote united nations region "
         "developments pressure diplomacy relations bilateral international conference spokesman capital").split()
START = date(2010, 1, 1)
DAYS = 730
VOCABULARY = 20_000  # word types; English news follows Zipf with s ~ 1
ZIPF_S = 1.05


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (k**s) for k in range(1, n + 1)]


def cumulative(weights: list[float]) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


def make_vocabulary(rng: random.Random, n: int = VOCABULARY) -> list[str]:
    """News words first (the frequent ranks), then made-up words: a Zipf-ranked vocabulary."""
    words = list(dict.fromkeys(WORDS))
    seen = set(words)
    while len(words) < n:
        w = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def make_actors(rng: random.Random, n: int) -> list[tuple]:
    rows = []
    for i, cc in enumerate(COUNTRIES, start=1):
        rows.append((i, cc.title(), cc.lower(), "country", cc, "GOV"))
    for i in range(len(COUNTRIES) + 1, n + 1):
        name = " ".join("".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).title() for _ in range(2))
        kind = rng.choices(["person", "org", "group"], [6, 3, 1])[0]
        rows.append((i, name, name.lower(), kind, rng.choice(COUNTRIES), rng.choice(SECTORS)))
    return rows


def sentence(rng: random.Random, vocab: list[str], cum: list[float], words: int) -> str:
    return " ".join(rng.choices(vocab, cum_weights=cum, k=words)).capitalize() + "."


def generate(db: str, n_articles: int, n_events: int, n_actors: int = 5000, seed: int = 7) -> dict:
    """Build the store at ``db`` through the real migrations, then bulk-insert generated rows."""
    from dateline.store import open_store

    rng = random.Random(seed)
    t0 = time.perf_counter()
    open_store(db).close()  # creates the schema
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    # drop the events/quotes indexes during the load and recreate them from their own DDL after
    ddl = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name IN ('events','quotes','article_actors')"
        " AND sql IS NOT NULL"
    ).fetchall()
    for name, _ in ddl:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("BEGIN")
    actors = make_actors(random.Random(seed + 1), n_actors)  # the load plan rebuilds the same names
    conn.executemany(
        "INSERT INTO actors(id, name, norm_name, type, country, sector, first_seen, last_seen)"
        " VALUES (?,?,?,?,?,?,'2010-01-01','2011-12-31')",
        actors,
    )
    actor_cum = cumulative(zipf_weights(n_actors))
    vocab = make_vocabulary(random.Random(seed))
    cum = cumulative(zipf_weights(len(vocab), ZIPF_S))
    ids = [f"{i:016x}" for i in range(1, n_articles + 1)]
    days = [(START + timedelta(days=rng.randrange(DAYS))).isoformat() for _ in ids]
    type_cum = cumulative([t[4] for t in TYPES])
    per, extra = divmod(n_events, n_articles)
    # each article's events first: their evidence sentences are part of its body (names searchable)
    plans = []
    for i in range(len(days)):
        evs = []
        for _ in range(per + (1 if i < extra else 0)):
            t = rng.choices(TYPES, cum_weights=type_cum)[0]
            sa, ta = (actors[k] for k in rng.choices(range(n_actors), cum_weights=actor_cum, k=2))
            evs.append((t, sa, ta, f"{sa[1]} {t[0].lower()} {ta[1]} over {rng.choice(vocab[:2000])}."))
        plans.append(evs)

    def articles():
        for aid, day, evs in zip(ids, days, plans, strict=True):
            paras = [" ".join(sentence(rng, vocab, cum, rng.randint(12, 25)) for _ in range(rng.randint(2, 4)))
                     for _ in range(rng.randint(3, 6))]
            for k, ev in enumerate(evs[:6]):
                paras[k % len(paras)] += " " + ev[3]
            yield (aid, sentence(rng, vocab, cum, 9), "\n\n".join(paras), day, rng.choice(SOURCES), aid,
                   "2026-01-01T00:00:00Z")

    conn.executemany(
        "INSERT INTO stories(id, canonical_id) VALUES (?, ?)", ((a, a) for a in ids)
    )
    conn.executemany(
        "INSERT INTO articles(id, headline, body, published, source, story_id, extracted, created_at)"
        " VALUES (?,?,?,?,?,?,1,?)",
        articles(),
    )

    def article_actors():
        for aid in ids:
            for k, a in enumerate(set(rng.choices(range(n_actors), cum_weights=actor_cum, k=4)), start=1):
                row = actors[a]
                yield (aid, f"a{k}", row[0], row[1], row[3], row[4], row[5])

    conn.executemany(
        "INSERT INTO article_actors(article_id, local_id, actor_id, name, type, country, sector)"
        " VALUES (?,?,?,?,?,?,?)",
        article_actors(),
    )

    def quotes():
        for i, (aid, day) in enumerate(zip(ids, days, strict=True)):
            if i % 2:
                continue
            a = actors[rng.choices(range(n_actors), cum_weights=actor_cum)[0]]
            q = sentence(rng, vocab, cum, 18)
            yield (aid, "q1", "direct", q, 10, 10 + len(q), a[0], a[1], day)

    conn.executemany(
        "INSERT INTO quotes(article_id, local_id, kind, text, start, \"end\", speaker_actor, speaker_text, published)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        quotes(),
    )
    def events():
        for aid, day, evs in zip(ids, days, plans, strict=True):
            for k, (t, sa, ta, ev) in enumerate(evs):
                d = (date.fromisoformat(day) - timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))).isoformat()
                modality = rng.choices(["asserted", "reported_past", "future", "hypothetical"], [80, 10, 6, 4])[0]
                yield (aid, f"e{k + 1}", aid, t[0], t[1], t[2], t[3], sa[0], sa[1], sa[4], sa[5], ta[0], ta[1],
                       ta[4], ta[5], d, "day", "publication" if d == day else "relative", modality, 0, len(ev), ev,
                       day, f"{t[0]}|{sa[0]}|{ta[0]}|{d}")

    conn.executemany(
        "INSERT INTO events(article_id, local_id, story_id, type, cameo, quad_class, goldstein, source_actor,"
        " source_text, source_country, source_sector, target_actor, target_text, target_country, target_sector,"
        " date, date_precision, date_basis, modality, evidence_start, evidence_end, evidence_text, published,"
        " fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        events(),
    )
    conn.execute("COMMIT")
    for _, sql in ddl:
        conn.execute(sql)
    conn.execute("ANALYZE")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "events", "actors", "quotes", "article_actors")}
    conn.close()
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER = "from dateline.cli.main import cli; cli()"


def start_server(db: str, port: int, workers: int = 1) -> subprocess.Popen:
    """``dateline serve`` (as a user runs it: uvicorn, ``workers`` processes) on 127.0.0.1."""
    env = {**os.environ, "DATELINE_DB": db, "DATELINE_TOKEN": ""}
    args = ["--db", db, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--log-level", "warning"]
    proc = subprocess.Popen([sys.executable, "-c", SERVER, *args], cwd=ROOT, env=env)
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


@functools.cache
def plan_data(n_actors: int, seed: int) -> tuple:
    """What the query plans draw from (built once, before the clock starts)."""
    vocab = make_vocabulary(random.Random(seed))
    content = vocab[50:5000]
    return (cumulative(zipf_weights(n_actors)), content, cumulative(zipf_weights(len(content), 0.8)),
            make_actors(random.Random(seed + 1), n_actors))


def requests_plan(rng: random.Random, n_actors: int, seed: int = 7, search_share: float = 0.5):
    """Yield (kind, path, params) forever: actor + date-range event queries and FTS searches.

    Event queries pick the actor by popularity (Zipf) and a 1-week to 3-month window. Searches are
    what people type into a news search: content words (vocabulary ranks 50-5,000, popular ones
    more often), two-word queries, and actor names.
    """
    actor_cum, content, content_cum, names = plan_data(n_actors, seed)
    while True:
        if rng.random() >= search_share:
            actor = rng.choices(range(1, n_actors + 1), cum_weights=actor_cum)[0]
            since = START + timedelta(days=rng.randrange(DAYS - 90))
            until = since + timedelta(days=rng.choice([7, 30, 90]))
            yield "events", "/api/events", {"actor": str(actor), "since": since.isoformat(),
                                            "until": until.isoformat(), "limit": "50"}
        else:
            r = rng.random()
            if r < 0.2:
                q = names[rng.choices(range(n_actors), cum_weights=actor_cum)[0]][1]
            else:
                q = " ".join(rng.choices(content, cum_weights=content_cum, k=1 if r < 0.7 else 2))
            yield "search", "/api/search", {"q": q, "limit": "20"}


class Connection:
    """A minimal keep-alive HTTP/1.1 client on asyncio streams, so that the load generator, which
    shares the machine with the server, spends as little CPU per request as possible."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def get(self, target: str) -> tuple[int, bytes, float | None]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        if "content-length" not in headers:
            raise RuntimeError("response without Content-Length")
        body = await self.reader.readexactly(int(headers["content-length"]))
        timing = headers.get("server-timing", "")
        app_ms = float(timing.split("dur=")[1]) if "dur=" in timing else None
        return status, body, app_ms

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def load(base: str, clients: int, seconds: float, n_actors: int, search_share: float = 0.5,
               seed: int = 1000) -> dict:
    from urllib.parse import urlencode, urlsplit

    url = urlsplit(base)
    lat: dict[str, list[float]] = {"events": [], "search": []}
    app: dict[str, list[float]] = {"events": [], "search": []}
    slowest: list[tuple[float, str]] = []
    errors: dict[str, list[str]] = {"events": [], "search": []}
    stop = time.perf_counter() + seconds

    async def client(i: int) -> None:
        plan = requests_plan(random.Random(seed + i), n_actors, search_share=search_share)
        conn = Connection(url.hostname, url.port)
        try:
            while time.perf_counter() < stop:
                kind, path, params = next(plan)
                target = f"{path}?{urlencode(params)}"
                t = time.perf_counter()
                try:
                    status, body, app_ms = await asyncio.wait_for(conn.get(target), 30)
                    ok = status == 200 and body[:1] == b"{"
                    if not ok:
                        errors[kind].append(f"{status} {target}")
                except (TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError) as exc:
                    ok = False
                    errors[kind].append(f"{type(exc).__name__} {target}")
                    conn.close()
                    conn = Connection(url.hostname, url.port)
                if ok:
                    lat[kind].append((time.perf_counter() - t) * 1000)
                    if app_ms is not None:
                        app[kind].append(app_ms)
                        slowest.append((app_ms, target))
        finally:
            conn.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    slowest.sort(reverse=True)
    return {"latencies": lat, "app": app, "errors": errors, "slowest": slowest[:10]}


def worker_stats(base: str, calls: int = 24) -> dict:
    """``/api/health`` of each worker process reached in ``calls`` fresh connections, by process id."""
    import httpx

    seen = {}
    for _ in range(calls):
        st = httpx.get(f"{base}/api/health", timeout=10).json()
        seen[st["process"]] = st
    return seen


def run_loop(coro):
    """Run the load on uvloop when installed (uvicorn's own loop; less CPU per request taken from
    the server, which shares the machine), else on asyncio's default loop."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its live children, from /proc (Linux)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    try:
        pids += [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    v = sorted(values)
    return round(v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))], 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--actors", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--search-share", type=float, default=0.5, help="share of requests that are searches")
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of unmeasured load first")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="uvicorn worker processes")
    ap.add_argument("--db", help="store path; generated when missing, kept afterwards")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args(argv)
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="dateline-bench-")
        db = str(Path(tmp.name) / "bench.db")
    gen = {"reused": True}
    if not Path(db).exists():
        print(f"generating {args.articles:,} articles / {args.events:,} events into {db} ...", flush=True)
        gen = generate(db, args.articles, args.events, args.actors)
        print(f"  done in {gen['seconds']} s: {gen}", flush=True)
    port = free_port()
    proc = start_server(db, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        plan_data(args.actors, 7)
        # warm-up at the measured concurrency, so every pooled connection is open and warm; its own
        # request streams (other seeds), so the measured run does not replay answers it cached
        run_loop(load(base, args.clients, args.warmup, args.actors, args.search_share, seed=5000))
        print(f"load: {args.clients} clients x {args.seconds:.0f} s against {base}", flush=True)
        before = worker_stats(base)
        cpu0, t0, c0 = cpu_seconds(proc.pid), time.perf_counter(), time.process_time()
        res = run_loop(load(base, args.clients, args.seconds, args.actors, args.search_share))
        wall = time.perf_counter() - t0
        server_cpu = cpu_seconds(proc.pid) - cpu0
        client_cpu = time.process_time() - c0
        load_avg = os.getloadavg()
        after = worker_stats(base)
        # per worker, what happened during the measured run only (workers seen both times)
        workers = {pid: {"search_cache_hits": a["search_cache"]["hits"] - before[pid]["search_cache"]["hits"],
                         "search_cache_misses": a["search_cache"]["misses"] - before[pid]["search_cache"]["misses"],
                         "search_cache_answers": a["search_cache"]["answers"],
                         "search_cache_mb": round(a["search_cache"]["bytes"] / 1e6, 1),
                         "light_reads_inline": a["light_reads"]["inline"] - before[pid]["light_reads"]["inline"],
                         "light_reads_moved": a["light_reads"]["moved"] - before[pid]["light_reads"]["moved"]}
                   for pid, a in after.items() if pid in before}
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    rows = {}
    for kind in ("events", "search"):
        v = res["latencies"][kind]
        rows[kind] = {
            "requests": len(v), "errors": len(res["errors"][kind]), "p50_ms": pct(v, 50), "p95_ms": pct(v, 95),
            "p99_ms": pct(v, 99), "max_ms": round(max(v), 1) if v else None, "target_p95_ms": TARGETS[kind],
            "meets_target": bool(v) and pct(v, 95) <= TARGETS[kind] and not res["errors"][kind],
            "error_samples": res["errors"][kind][:5],
            "server_app_p50_ms": pct(res["app"][kind], 50), "server_app_p95_ms": pct(res["app"][kind], 95),
        }
    total = sum(r["requests"] for r in rows.values())
    print(f"\n{'query':8} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'target':>8}")
    for kind, r in rows.items():
        print(f"{kind:8} {r['requests']:>9} {r['errors']:>7} {r['p50_ms']!s:>8} {r['p95_ms']!s:>8} "
              f"{r['p99_ms']!s:>8} {'<=' + str(int(r['target_p95_ms'])):>8} {'ok' if r['meets_target'] else 'MISSED'}")
    print(f"throughput: {total / wall:.0f} requests/s over {wall:.1f} s; server CPU {server_cpu:.1f} s "
          f"= {1000 * server_cpu / max(total, 1):.1f} ms per request; load generator CPU {client_cpu:.1f} s; load average {load_avg[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    for pid, w in workers.items():
        seen = w["search_cache_hits"] + w["search_cache_misses"]
        print(f"worker {pid} during the run: search cache {w['search_cache_hits']} hits of {seen} lookups "
              f"({w['search_cache_answers']} answers, {w['search_cache_mb']} MB); event reads "
              f"{w['light_reads_inline']} on the event loop, {w['light_reads_moved']} moved to a thread")
    for kind, r in rows.items():
        print(f"{kind}: time inside the app (Server-Timing) p50 {r['server_app_p50_ms']} ms, p95 {r['server_app_p95_ms']} ms")
    out = {
        "name": "api_latency",
        "store": {"articles": args.articles, "events": args.events, "actors": args.actors, "generation": gen},
        "load": {"clients": args.clients, "search_share": args.search_share, "seconds": args.seconds, "wall_s": round(wall, 1),
                 "throughput_rps": round(total / wall, 1), "warmup_s": args.warmup,
                 "server_cpu_s": round(server_cpu, 2),
                 "server_cpu_ms_per_request": round(1000 * server_cpu / max(total, 1), 2),
                 "load_generator_cpu_s": round(client_cpu, 2),
                 "machine_load_average_1m_at_end": round(load_avg[0], 2), "transport": f"HTTP/1.1 keep-alive over 127.0.0.1, `dateline serve --workers {args.workers}` (uvicorn)"},
        "results": rows,
        "workers_during_run": workers,
        "slowest_in_app": [{"ms": round(ms, 1), "request": target} for ms, target in res["slowest"]],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "sqlite": sqlite3.sqlite_version},
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n")
    if tmp:
        tmp.cleanup()
    return 0 if all(r["meets_target"] for r in rows.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
