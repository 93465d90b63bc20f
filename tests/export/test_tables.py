"""CSV and Parquet exports read back as their users would: pyarrow, DuckDB, the csv module."""

from __future__ import annotations

import csv
import json
from datetime import date

import duckdb
import pyarrow.parquet as pq
import pytest

from dateline.export import export
from dateline.export.columns import TABLES, arrow_schema, names
from dateline.query import EventFilter


def store_count(store, table: str) -> int:
    src = {"actors": "article_actors"}.get(table, table)
    return store.conn.execute(f"SELECT count(*) FROM {src}").fetchone()[0]


@pytest.fixture
def parquet_dir(store, tmp_path):
    out = tmp_path / "pq"
    export(store, "parquet", out)
    return out


def test_parquet_reads_back_with_pyarrow(store, parquet_dir):
    for table in TABLES:
        t = pq.read_table(parquet_dir / f"{table}.parquet")
        assert t.schema.equals(arrow_schema(table)), table
        assert t.num_rows == store_count(store, table), table
    ev = pq.read_table(parquet_dir / "events.parquet").to_pylist()
    db = {(r["article_id"], r["local_id"]): r for r in store.conn.execute(
        "SELECT article_id, local_id, type, goldstein, negated, evidence_text FROM events")}
    assert {(r["article_id"], r["local_id"]) for r in ev} == set(db)
    for r in ev:
        row = db[(r["article_id"], r["local_id"])]
        assert (r["type"], r["goldstein"], r["negated"], r["evidence_text"]) == (
            row["type"], row["goldstein"], bool(row["negated"]), row["evidence_text"])
        assert isinstance(r["day"], date) and isinstance(r["published_date"], date)


def test_parquet_queried_with_duckdb(store, parquet_dir, fx):
    con = duckdb.connect()
    p = {t: str(parquet_dir / f"{t}.parquet") for t in TABLES}
    types = dict(con.execute(f"SELECT type, count(*) FROM read_parquet('{p['events']}') GROUP BY type").fetchall())
    want: dict = {}
    for d in fx.DOCS:
        for e in d.events:
            want[e["type"]] = want.get(e["type"], 0) + 1
    assert types == want
    # every event, actor, mention and quote row joins to an exported article
    for t in ("events", "actors", "mentions", "quotes"):
        orphans = con.execute(
            f"SELECT count(*) FROM read_parquet('{p[t]}') x ANTI JOIN read_parquet('{p['articles']}') a"
            " ON a.id = x.article_id").fetchone()[0]
        assert orphans == 0, t
    titles = con.execute(f"SELECT titles FROM read_parquet('{p['actors']}') WHERE name = 'Sergei Lavrov'"
                         " LIMIT 1").fetchone()[0]
    assert titles == ["Foreign Minister"]
    # spans index into the body: DuckDB substring is 1-based
    bad = con.execute(
        f"SELECT count(*) FROM read_parquet('{p['quotes']}') q JOIN read_parquet('{p['articles']}') a"
        " ON a.id = q.article_id WHERE substring(a.body, q.start + 1, q.\"end\" - q.start) != q.text").fetchone()[0]
    assert bad == 0
    copies = con.execute(f"SELECT count(*) FROM read_parquet('{p['articles']}') WHERE NOT is_canonical").fetchone()
    assert copies[0] == 1


def test_csv_tables(store, tmp_path):
    out = tmp_path / "csv"
    manifest = export(store, "csv", out)
    for table in TABLES:
        with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
            header, *rows = list(csv.reader(fh))
        assert header == names(table)
        assert len(rows) == store_count(store, table) == manifest["rows"][table]
    with open(out / "actors.csv", encoding="utf-8", newline="") as fh:
        lav = next(r for r in csv.DictReader(fh) if r["name"] == "Sergei Lavrov")
    assert json.loads(lav["titles"]) == ["Foreign Minister"] and lav["country"] == "RUS"
    con = duckdb.connect()
    neg = con.execute(f"SELECT count(*) FROM read_csv_auto('{out / 'events.csv'}') WHERE negated").fetchone()[0]
    assert neg == store.conn.execute("SELECT count(*) FROM events WHERE negated = 1").fetchone()[0] == 1
    body = con.execute(f"SELECT body FROM read_csv_auto('{out / 'articles.csv'}') LIMIT 1").fetchone()[0]
    assert "\n\n" in body  # multi-line bodies survive CSV quoting


def test_filtered_export_is_self_consistent(store, tmp_path):
    out = tmp_path / "iran"
    export(store, "parquet", out, EventFilter(country="IRN", type="ACCUSE,THREATEN", copies=True))
    ev = pq.read_table(out / "events.parquet").to_pylist()
    assert ev and all(r["type"] in ("ACCUSE", "THREATEN") and "IRN" in (r["source_country"], r["target_country"])
                      for r in ev)
    arts = {r["id"] for r in pq.read_table(out / "articles.parquet").to_pylist()}
    assert arts == {r["article_id"] for r in ev}
    for t in ("actors", "mentions", "quotes"):
        assert {r["article_id"] for r in pq.read_table(out / f"{t}.parquet").to_pylist()} <= arts
    assert pq.read_table(out / "failures.parquet").num_rows == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["filter"]["country"] == "IRN" and manifest["rows"]["events"] == len(ev)


def test_date_range_export_selects_by_publication(store, tmp_path, fx):
    out = tmp_path / "dec"
    export(store, "csv", out, EventFilter(since="2011-12-01", copies=True))
    with open(out / "articles.csv", encoding="utf-8", newline="") as fh:
        got = [r["headline"] for r in csv.DictReader(fh)]
    assert got == [d.headline for d in fx.DOCS if d.published >= "2011-12-01"]
