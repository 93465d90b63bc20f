"""`dateline ingest` and the query commands with ``--db postgresql://...``: the real pipeline on the
shared sample, an exact and a near-duplicate copy of it, two PolNeAR news texts and a failing
input; idempotent re-runs; the same answers as a SQLite store given the same inputs; and two
`dateline ingest` processes at once."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.query import table_counts
from dateline.store import open_store

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
SUMMARY = re.compile(r"ingested (\d+), duplicates (\d+), failed (\d+) in [\d.]+ s")
OTHERS = ("breitbart_2015-11-16_o-malley-campaign-to-shift-staff.txt",
          "breitbart_2015-11-19_hillary-clinton-calls-on-u-s-to-.txt")


def summary(output: str) -> tuple[int, int, int]:
    m = SUMMARY.search(output)
    assert m, output
    return tuple(int(x) for x in m.groups())


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, sample_path, shared_dir):
    src = tmp_path_factory.mktemp("pg-inputs")
    text = sample_path.read_text("utf-8")
    (src / "a_wire.txt").write_text(text)
    (src / "b_same.txt").write_text(text.replace("\n\n", "\n\n\n"))  # same body after normalisation
    start = text.index("Moscow, Nov 10")
    (src / "c_copy.txt").write_text(text[:start] + text[start:].replace("said here", "told reporters here")
                                    .replace("Wednesday evening", "on Wednesday evening"))
    polnear = shared_dir / "eval" / "quotes" / "polnear" / "train" / "text"
    for name in OTHERS:
        shutil.copy(polnear / name, src / f"d_{name}")
    (src / "e_empty.txt").write_text("  \n")
    return src


@pytest.fixture(scope="module")
def both(inputs, pg_url, tmp_path_factory, nlp):
    """The same inputs ingested into SQLite and into PostgreSQL."""
    lite = str(tmp_path_factory.mktemp("pg-lite") / "s.db")
    runner = CliRunner()
    out = {}
    for db in (lite, pg_url):
        r = runner.invoke(cli, ["--db", db, "ingest", "--published", "2011-11-10", str(inputs)])
        assert r.exit_code == 0, r.output
        out[db] = summary(r.output)
    assert out[pg_url] == out[lite] == (3, 2, 1)  # wire + two others; exact + near copy; the empty file
    return lite, pg_url


def test_ingest_stores_what_sqlite_stores(both):
    lite, pg = both
    with open_store(lite) as a, open_store(pg) as b:
        assert table_counts(b) == table_counts(a)
        q = ("SELECT a.input_path, a.is_canonical, a.extracted, s.n_articles, s.n_inputs FROM articles a "
             "JOIN stories s ON s.id = a.story_id ORDER BY a.input_path")
        assert [tuple(r) for r in b.conn.execute(q)] == [tuple(r) for r in a.conn.execute(q)]
        q = "SELECT name, type, country, n_mentions, n_articles FROM actors ORDER BY id"
        assert [tuple(r) for r in b.conn.execute(q)] == [tuple(r) for r in a.conn.execute(q)]
        q = "SELECT locator, status FROM inputs ORDER BY locator"
        assert [tuple(r) for r in b.conn.execute(q)] == [tuple(r) for r in a.conn.execute(q)]


def test_rerun_changes_nothing(both, inputs):
    _, pg = both
    with open_store(pg) as s:
        before = table_counts(s)
    r = CliRunner().invoke(cli, ["--db", pg, "ingest", "--published", "2011-11-10", str(inputs)])
    assert r.exit_code == 0 and summary(r.output) == (0, 0, 1) and "5 unchanged" in r.output, r.output
    with open_store(pg) as s:
        assert table_counts(s) == before


@pytest.mark.parametrize("args", [
    ["events"], ["events", "--actor", "Baqeri"], ["events", "--country", "IRN", "--type", "ACCUSE,REJECT"],
    ["quotes"], ["quotes", "--about", "agency"], ["actors"], ["actor", "Baqeri"], ["timeline"], ["network"],
    ["search", "nuclear"],
])
def test_query_commands_agree(both, args):
    lite, pg = both
    runner = CliRunner()
    a = runner.invoke(cli, ["--db", lite, *args, "--format", "json"])
    b = runner.invoke(cli, ["--db", pg, *args, "--format", "json"])
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    ja, jb = json.loads(a.output), json.loads(b.output)
    if args[0] == "search":  # scores differ (BM25 / ts_rank)
        ja, jb = ([{k: v for k, v in h.items() if k != "rank"} for h in j] for j in (ja, jb))
    assert jb == ja
    assert ja or args[0] == "events" and len(args) > 2


def test_show_agrees(both):
    lite, pg = both
    runner = CliRunner()
    with open_store(lite) as s:
        aid = s.conn.execute("SELECT id FROM articles WHERE is_canonical = 1 ORDER BY id LIMIT 1").fetchone()[0]
    a = runner.invoke(cli, ["--db", lite, "show", aid[:8], "--json"])
    b = runner.invoke(cli, ["--db", pg, "show", aid[:8], "--json"])
    assert a.exit_code == b.exit_code == 0, b.output
    assert json.loads(b.output) == json.loads(a.output)


def test_two_ingest_processes_at_once(inputs, new_database):
    """Two `dateline ingest` processes on the same inputs into one new store: each story once."""
    url = new_database("two_ingests")
    procs = [subprocess.Popen([sys.executable, "-m", "dateline.cli.main", "--db", url, "ingest", "--no-extract",
                               "--published", "2011-11-10", str(inputs)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=180) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err[-2000:]
    sums = [summary(out) for out, _ in results]
    assert sum(s[0] for s in sums) == 3  # the three stories, each stored by one of the two
    with open_store(url) as s:
        c = s.conn
        assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 4  # + the near copy
        assert c.execute("SELECT count(*) FROM stories").fetchone()[0] == 3
        assert c.execute("SELECT count(*) FROM articles WHERE is_canonical = 0").fetchone()[0] == 1
        statuses = dict(c.execute("SELECT status, count(*) FROM inputs GROUP BY status").fetchall())
        assert statuses == {"ok": 3, "duplicate": 2, "failed": 1}  # one input row per input, not per run
        wire = c.execute("SELECT n_articles, n_inputs FROM stories s JOIN articles a ON a.id = s.id "
                         "WHERE a.input_path LIKE ?", ("%a_wire.txt",)).fetchone()
        assert tuple(wire) == (2, 3)
