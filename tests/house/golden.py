"""What users see, recorded on a fixed set of inputs: the golden outputs of tests/house/goldens/.

``produce(shared, work)`` lays the inputs out under ``work/inputs`` (copies of files in ../shared,
and two JSON Lines files built from it), then, with ``work`` as the current directory, runs what a
user runs and returns each output as text, by file name:

* ``extract.jsonl``: ``dateline extract`` over every input (stdout, then the stderr lines);
* ``store.txt``: the store ``dateline ingest`` builds from the same inputs, table by table;
* ``cli.txt``: the read commands (``articles``, ``show``, ``search``, ``events``, ...) as JSON / CSV;
* ``api.txt``: answers of the HTTP API and pages of the web UI to a fixed list of requests;
* ``export.txt``: ``dateline export`` in every format, with and without a filter;
* ``watch.txt``: a watch's digest and its Atom feed.

Only what changes from run to run is normalised: the work directory's path (``<work>``) and times
within two days of the run (``<now>``). Everything else must be byte-identical to the goldens (``test_golden.py``). Re-record with
``scripts/record_goldens.py`` (see goldens/README.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

SAMPLE = "samples/000_a48cc020e4ab0942.txt"
ZYTE = (  # politics (Nigeria), a wire-style story (Sweden / Assange), a page in Portuguese
    "e7301133baab43596f19076beab32096f6405b868e0a69bcfc3349e595d62475",
    "dc7ccccc1f34eb2928cb238739aaf18c712d59d8d34b41acfb29178aeba65356",
    "23aaecd14171f96cfd201a8a46666097e286ad71f74f29347a78c5ecba50da1e",
)
POLNEAR = (  # PolNeAR train texts: campaign politics, markets, refugees
    "politico_2016-05-23_sanders-pushes-dems-to-reject-pu",
    "nyt_2016-07-30_oil-prices-keep-market-gains-in-",
    "huff-post_2016-03-10_refoulement-violates-internation",
)
VOA_LINES = 2  # the first records of eval/news/voa/voa-dev.jsonl
PUBLISHED = "2011-11-10"  # --published: the sample prints no year
GOLDEN_FILES = ("extract.jsonl", "store.txt", "cli.txt", "api.txt", "export.txt", "watch.txt")


# -- inputs ----------------------------------------------------------------------------------------------
def _polnear_meta(shared: Path) -> dict[str, dict]:
    lines = (shared / "eval/quotes/polnear/metadata.tsv").read_text("utf-8").splitlines()
    head = lines[0].split("\t")
    return {row[1]: dict(zip(head, row, strict=False)) for row in (line.split("\t") for line in lines[1:])}


def prepare_inputs(shared: Path, work: Path) -> list[str]:
    """Write the inputs under ``work/inputs``; returns them as paths relative to ``work``."""
    inp = work / "inputs"
    (inp / "zyte").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared / SAMPLE, inp / "sample.txt")
    for z in ZYTE:
        shutil.copyfile(shared / f"eval/extraction/zyte/html/{z}.html.gz", inp / "zyte" / f"{z}.html.gz")
    meta = _polnear_meta(shared)
    records = []
    for doc in POLNEAR:
        m = meta[doc]
        text = (shared / f"eval/quotes/polnear/train/text/{doc}.txt").read_text("utf-8")
        records.append(json.dumps({"id": doc, "text": text, "published": m["publication_date"],
                                   "site": m["publisher"], "title": m["title"]}, ensure_ascii=False))
    records.append('{"id": "broken", "text": ')  # a bad line: fails alone (E109)
    (inp / "polnear.jsonl").write_text("\n".join(records) + "\n", "utf-8")
    voa = (shared / "eval/news/voa/voa-dev.jsonl").read_text("utf-8").splitlines()[:VOA_LINES]
    # a syndicated copy of the sample (a near duplicate): another site, without the first site's banner,
    # footer and last paragraph, with a line of its own
    sample = (shared / SAMPLE).read_text("utf-8")
    body = sample[sample.index("Moscow, Nov 10, IRNA"):sample.index("In its statement, the Foreign Ministry")]
    body = body.rstrip() + "\n\n(Additional reporting by the wire desk in Vienna.)"
    copy = json.dumps({"id": "sample-copy", "text": body, "url": "https://wire.example.org/2011/11/10/iran-iaea",
                       "site": "wire.example.org"}, ensure_ascii=False)
    (inp / "voa.jsonl").write_text("\n".join([*voa, copy]) + "\n", "utf-8")
    names = ["inputs/sample.txt", *(f"inputs/zyte/{z}.html.gz" for z in ZYTE), "inputs/polnear.jsonl",
             "inputs/voa.jsonl"]
    return names


# -- normalising -------------------------------------------------------------------------------------------
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
_RFC2822 = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")
_COMPACT = re.compile(r"(?<!\d)(20\d{12})(?!\d)")  # GDELT's DATEADDED: YYYYMMDDHHMMSS


class Normaliser:
    """Replaces what differs between two runs on the same inputs (see the module docstring)."""

    def __init__(self, work: Path):
        self.work = str(work.resolve())
        self.start = datetime.now(UTC)

    def _recent(self, when: datetime) -> bool:
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return abs(when - self.start) < timedelta(days=2)

    def _iso(self, m: re.Match) -> str:
        try:
            when = datetime.fromisoformat(m.group().replace("Z", "+00:00"))
        except ValueError:
            return m.group()
        return "<now>" if self._recent(when) else m.group()

    def _rfc(self, m: re.Match) -> str:
        when = datetime.strptime(m.group(), "%a, %d %b %Y %H:%M:%S %z")
        return "<now>" if self._recent(when) else m.group()

    def _compact(self, m: re.Match) -> str:
        try:
            when = datetime.strptime(m.group(1), "%Y%m%d%H%M%S")
        except ValueError:
            return m.group()
        return "<now>" if self._recent(when) else m.group()

    def __call__(self, text: str) -> str:
        text = text.replace(self.work, "<work>")
        text = _ISO.sub(self._iso, text)
        text = _RFC2822.sub(self._rfc, text)
        return _COMPACT.sub(self._compact, text)


# -- running -------------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _cwd(path: Path):
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


_CLEAN_ENV = {k: None for k in ("DATELINE_DB", "DATELINE_CONFIG", "DATELINE_DEBUG", "NO_COLOR", "COLUMNS")}


def _run(*args: str, expect: tuple[int, ...] = (0,)) -> tuple[str, str]:
    from click.testing import CliRunner

    from dateline.cli.main import cli

    res = CliRunner().invoke(cli, list(args), env=_CLEAN_ENV, catch_exceptions=False)
    if res.exit_code not in expect:
        raise AssertionError(f"dateline {' '.join(args)} exited {res.exit_code}:\n{res.output}")
    return res.stdout, res.stderr


def _section(title: str, body: str) -> str:
    return f"### {title}\n{body}" + ("" if body.endswith("\n") else "\n")


def produce(shared: Path, work: Path) -> dict[str, str]:
    """Every golden output, by file name (see the module docstring)."""
    work.mkdir(parents=True, exist_ok=True)
    norm = Normaliser(work)
    inputs = prepare_inputs(shared, work)
    out: dict[str, str] = {}
    with _cwd(work):
        stdout, stderr = _run("extract", "--published", PUBLISHED, *inputs)
        out["extract.jsonl"] = stdout + "".join(f"# stderr: {line}\n" for line in stderr.splitlines())
        _run("--db", "golden.db", "ingest", "--published", PUBLISHED, *inputs)
        out["store.txt"] = dump_store(Path("golden.db"))
        out["cli.txt"] = _cli_reads("golden.db")
        out["api.txt"] = _api_answers("golden.db")
        out["export.txt"] = _exports("golden.db", work)
        out["watch.txt"] = _watch("golden.db")
    return {name: norm(text) for name, text in out.items()}


# -- the store ------------------------------------------------------------------------------------------------
_SKIP_TABLES = {"migrations", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}
# rows in primary-key order: a set of names the writer inserts in the order of a Python set (so their
# rowids follow the hash seed), and no reader depends on that order
_BY_KEY = {"actor_aliases"}


def _value(v) -> str:
    if isinstance(v, bytes):
        return json.dumps("x'" + v.hex() + "'")
    if isinstance(v, float):
        return repr(v)
    return json.dumps(v, ensure_ascii=False)


def dump_store(db: Path) -> str:
    """Every table of the store (FTS shadow tables and bookkeeping aside), its columns and its rows in
    rowid order (primary-key order for tables without rowids and those of ``_BY_KEY``)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' ORDER BY name")]
        parts = []
        for t in tables:
            if t in _SKIP_TABLES:
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')]
            pk = [r[1] for r in sorted(conn.execute(f'PRAGMA table_info("{t}")'), key=lambda r: r[5]) if r[5]]
            order = ", ".join(f'"{c}"' for c in pk)
            if t not in _BY_KEY:
                try:
                    conn.execute(f'SELECT rowid FROM "{t}" LIMIT 1')
                    order = "rowid"
                except sqlite3.OperationalError:  # WITHOUT ROWID: primary-key order
                    pass
            rows = conn.execute(f'SELECT * FROM "{t}" ORDER BY {order}').fetchall()
            lines = [f"columns: {', '.join(cols)}"] + ["[" + ", ".join(_value(v) for v in r) + "]" for r in rows]
            parts.append(_section(f"{t} ({len(rows)} rows)", "\n".join(lines)))
        return "".join(parts)
    finally:
        conn.close()


def _first(db: str, sql: str):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute(sql).fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def _picks(db: str) -> dict[str, str]:
    """Ids the requests name: found by fixed rules, so they follow the data when it is re-recorded."""
    return {
        "article": _first(db, "SELECT id FROM articles WHERE input_path = 'inputs/sample.txt' OR "
                              "input_path LIKE '%inputs/sample.txt'"),
        "actor": str(_first(db, "SELECT id FROM actors ORDER BY n_mentions DESC, id LIMIT 1")),
        "actor_name": _first(db, "SELECT name FROM actors ORDER BY n_mentions DESC, id LIMIT 1"),
        "event": str(_first(db, "SELECT rowid FROM events ORDER BY rowid LIMIT 1")),
        "country": _first(db, "SELECT source_country FROM events WHERE source_country IS NOT NULL "
                              "GROUP BY source_country ORDER BY count(*) DESC, source_country LIMIT 1"),
    }


def _cli_reads(db: str) -> str:
    p = _picks(db)
    commands = [
        ("articles", "--format", "json"),
        ("articles", "--format", "csv"),
        ("show", p["article"][:8], "--json"),
        ("search", "nuclear", "--format", "json"),
        ("search", "sanctions OR senate", "--format", "csv"),
        ("search", "Iran", "--facets", "--format", "json"),
        ("actors", "--format", "json"),
        ("actors", "ru", "--format", "csv"),
        ("actor", p["actor"], "--format", "json"),
        ("actor", p["actor"], "--format", "csv"),
        ("events", "--format", "json"),
        ("events", "--order", "date", "--format", "csv"),
        ("events", "--actor", p["actor_name"], "--format", "json"),
        ("events", "--country", p["country"], "--asserted-only", "--copies", "--format", "jsonl"),
        ("quotes", "--format", "json"),
        ("quotes", "--about", "nuclear", "--format", "csv"),
        ("timeline", "--format", "json"),
        ("timeline", "--bin", "year", "--format", "csv"),
        ("network", "--format", "json"),
    ]
    parts = []
    for args in commands:
        stdout, _ = _run("--db", db, *args)
        parts.append(_section("dateline " + " ".join(args), stdout))
    return "".join(parts)


def _api_requests(p: dict[str, str]) -> list[str]:
    a, actor, ev, cc = p["article"], p["actor"], p["event"], p["country"]
    return [
        "/api/articles", "/api/articles?copies=true&limit=3", f"/api/articles/{a}", f"/api/articles/{a}/copies",
        "/api/search?q=nuclear", "/api/search?q=Iran&facets=true", "/api/search?q=nuclear&format=csv",
        "/api/events", "/api/events?format=csv", f"/api/events/{ev}", f"/api/events?actor={actor}",
        f"/api/events?country={cc}&order=date", "/api/timeline", "/api/timeline?bin=month&format=csv",
        "/api/network", "/api/actors", "/api/actors?q=ru", f"/api/actors/{actor}", "/api/quotes",
        "/api/quotes?about=nuclear", f"/api/quotes?speaker={actor}",
        "/", "/articles", f"/articles/{a}", "/events", "/actors", f"/actors/{actor}", "/search?q=nuclear",
        "/quotes", "/timeline", "/network", "/map",
    ]


def _api_answers(db: str) -> str:
    from fastapi.testclient import TestClient

    from dateline.api import create_app
    from dateline.config import Config

    parts = []
    with TestClient(create_app(Config(db=db)), base_url="http://127.0.0.1") as client:
        for url in _api_requests(_picks(db)):
            r = client.get(url)
            kind = r.headers.get("content-type", "")
            body = r.text
            if kind.startswith("application/json"):
                body = json.dumps(r.json(), indent=1, ensure_ascii=False, sort_keys=False)
            parts.append(_section(f"GET {url} -> {r.status_code} {kind}", body))
    return "".join(parts)


def _files(d: Path) -> str:
    parts = []
    for f in sorted(d.iterdir()):
        if f.suffix == ".parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(f)
            lines = [str(table.schema)] + [json.dumps(r, ensure_ascii=False, default=str) for r in table.to_pylist()]
            parts.append(_section(f.name, "\n".join(lines)))
        else:
            parts.append(_section(f.name, f.read_text("utf-8")))
    return "".join(parts)


def _exports(db: str, work: Path) -> str:
    p = _picks(db)
    runs = [
        ("jsonl",), ("csv",), ("parquet",), ("gdelt", "--header"),
        ("csv", "--country", p["country"], "--canonical-only"),
        ("gdelt", "--since", "2011-01-01", "--until", "2016-12-31"),
        ("jsonl", "--article", p["article"]),
    ]
    parts = []
    for i, (fmt, *rest) in enumerate(runs):
        d = work / "exports" / str(i)
        _run("--db", db, "export", "--format", fmt, "--out", str(d), *rest)
        parts.append(_section(f"dateline export --format {fmt} {' '.join(rest)}".rstrip(), _files(d)))
    return "".join(parts)


def _watch(db: str) -> str:
    from fastapi.testclient import TestClient

    from dateline.api import create_app
    from dateline.config import Config

    p = _picks(db)
    parts = []
    for name, args in (("all", ("--kind", "events,quotes", "--query", "nuclear")),
                       ("one", ("--actor", p["actor_name"], "--speaker", p["actor_name"]))):
        stdout, _ = _run("--db", db, "watch", "add", name, *args, "--email", "desk@example.org",
                         "--format", "json")
        parts.append(_section(f"dateline watch add {name} {' '.join(args)}", stdout))
        stdout, _ = _run("--db", db, "digest", name, "--preview")
        parts.append(_section(f"dateline digest {name} --preview", stdout))
    with TestClient(create_app(Config(db=db)), base_url="http://127.0.0.1") as client:
        for url in ("/watch/all.atom", "/watch/one.atom", "/api/watches"):
            r = client.get(url)
            parts.append(_section(f"GET {url} -> {r.status_code}", r.text))
    return "".join(parts)


def write(outputs: dict[str, str], dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name, text in outputs.items():
        (dest / name).write_bytes(text.encode("utf-8"))
