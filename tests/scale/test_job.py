"""The Spark job (local[2]) against `dateline ingest` on the same inputs: same articles, copies,
actors, quotes, events and failures; the Parquet layout and columns of the export contract."""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter

import pytest

pytestmark = pytest.mark.spark


def q(db, sql):
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def test_articles_and_copies_match_ingest(spark_out, ingest_db, read_table):
    arts = read_table(spark_out, "articles")
    got = {(a["id"], a["story_id"], a["is_canonical"], a["published"], a["headline"], a["body"]) for a in arts}
    want = set(q(ingest_db, "SELECT id, story_id, is_canonical = 1, published, headline, body FROM articles"))
    assert got == want
    # the corpus holds near-duplicate copies and an exact duplicate: both paths found them
    assert sum(1 for a in arts if not a["is_canonical"]) >= 3
    copies = [a for a in arts if not a["is_canonical"]]
    assert all(0.8 <= a["similarity"] <= 1.0 for a in copies)  # an estimate: a copy may reach 1.0
    sims = dict(q(ingest_db, "SELECT id, similarity FROM articles WHERE is_canonical = 0"))
    assert {a["id"]: round(a["similarity"], 6) for a in copies} == {k: round(v, 6) for k, v in sims.items()}


def test_stories_count_articles_inputs_and_sources(spark_out, ingest_db, read_table):
    got = {(s["story_id"], s["n_articles"], s["n_inputs"], tuple(s["sources"]), s["first_published"],
            s["last_published"]) for s in read_table(spark_out, "stories")}
    want = {(sid, n, m, tuple(json.loads(src)), f, last) for sid, n, m, src, f, last in q(
        ingest_db, "SELECT id, n_articles, n_inputs, sources, first_published, last_published FROM stories")}
    assert got == want
    assert any(s[2] > s[1] for s in got)  # an exact duplicate input
    assert any(s[1] > 1 and len(s[3]) > 1 for s in got)  # a syndicated story, several sources
    arts = read_table(spark_out, "articles")
    by_story = Counter(a["story_id"] for a in arts)
    assert all(a["story_articles"] == by_story[a["story_id"]] for a in arts)


def test_actors_mentions_quotes_events_match_ingest(spark_out, ingest_db, read_table):
    actors = {(r["article_id"], r["local_id"], r["name"], r["type"], r["country"], r["sector"], tuple(r["titles"]))
              for r in read_table(spark_out, "actors")}
    want = {(a, lid, n, t, c, s, tuple(json.loads(ti))) for a, lid, n, t, c, s, ti in q(
        ingest_db, "SELECT article_id, local_id, name, type, country, sector, titles FROM article_actors")}
    assert actors == want and len(actors) > 20
    mentions = {(r["article_id"], r["local_id"], r["start"], r["end"], r["text"]) for r in read_table(spark_out, "mentions")}
    assert mentions == set(q(ingest_db, 'SELECT article_id, local_id, start, "end", text FROM mentions'))
    quotes = {(r["article_id"], r["local_id"], r["kind"], r["start"], r["end"], r["speaker_local"], r["cue_start"])
              for r in read_table(spark_out, "quotes")}
    assert quotes == set(q(ingest_db, 'SELECT article_id, local_id, kind, start, "end", speaker_local, cue_start '
                                      "FROM quotes")) and quotes
    events = {(r["article_id"], r["local_id"], r["story_id"], r["type"], r["cameo"], r["evidence_start"],
               r["evidence_end"], r["source_local"], r["target_local"], r["negated"], r["modality"])
              for r in read_table(spark_out, "events")}
    want = {(*x[:9], bool(x[9]), x[10]) for x in q(
        ingest_db, "SELECT article_id, local_id, story_id, type, cameo, evidence_start, evidence_end, source_local, "
                   "target_local, negated, modality FROM events")}
    assert events == want and events
    # copies are not extracted: their story's events come from the canonical article
    canon = {a["id"] for a in read_table(spark_out, "articles") if a["is_canonical"]}
    assert {e[0] for e in events} <= canon


def test_failures_match_ingest(spark_out, ingest_db, read_table):
    got = Counter((os.path.basename(f["locator"]), f["record"], f["code"]) for f in read_table(spark_out, "failures"))
    want = Counter((os.path.basename(loc), rec, code) for loc, rec, code in q(
        ingest_db, "SELECT locator, record, code FROM failures"))
    assert got == want
    codes = {c for _, _, c in got}
    assert {"E109", "E101", "E102", "E104"} <= codes
    for f in read_table(spark_out, "failures"):
        assert f["message"] and f["hint"] and f["at"]


def test_tables_have_the_export_columns_and_day_partitions(spark_out, read_table):
    import pyarrow.dataset as ds

    from dateline.export.columns import TABLES, arrow_schema

    manifest = json.loads((spark_out / "manifest.json").read_text())
    for table in TABLES:
        d = ds.dataset(str(spark_out / table), format="parquet", partitioning="hive", ignore_prefixes=[".", "_"])
        assert set(d.schema.names) == {c.name for c in TABLES[table]}, table
        assert manifest["columns"][table] == [c.name for c in TABLES[table]]
        rows = read_table(spark_out, table)
        assert manifest["rows"][table] == len(rows)
        # the values cast to the export's Arrow schema
        import pyarrow as pa

        pa.Table.from_pylist(rows, schema=arrow_schema(table))
    days = sorted(p.name for p in (spark_out / "articles").iterdir() if p.name.startswith("published_date="))
    assert "published_date=2016-02-10" in days
    arts = read_table(spark_out, "articles")
    undated = [a for a in arts if a["published"] is None or len(a["published"]) < 10]
    if undated:
        assert "published_date=__HIVE_DEFAULT_PARTITION__" in days
    for a in arts:
        if a["published_date"] is not None:
            assert a["published"].startswith(a["published_date"].isoformat())


def test_inputs_table_orders_every_record(spark_out, ingest_db, read_table):
    rows = read_table(spark_out, "inputs")
    assert Counter(r["status"] for r in rows) == Counter(s for (s,) in q(ingest_db, "SELECT status FROM inputs"))
    assert len({r["ord"] for r in rows}) == len(rows)
    firsts = {r["article_id"]: r["ord"] for r in rows if r["status"] == "ok"}
    for r in rows:
        if r["status"] == "duplicate" and r["article_id"] in firsts:
            assert r["ord"] > firsts[r["article_id"]]
