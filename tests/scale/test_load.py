"""`dateline load`: the Spark output into a store through the store writer, as `dateline ingest` leaves it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

pytestmark = pytest.mark.spark


def q(db, sql):
    conn = sqlite3.connect(db)
    try:
        return sorted(tuple(r) for r in conn.execute(sql))
    finally:
        conn.close()


SAME = {
    "articles": "SELECT id, story_id, is_canonical, similarity, published, site, body, notes, extracted, input_format, "
                "input_record FROM articles",
    "stories": "SELECT id, canonical_id, n_articles, n_inputs, sources, first_published, last_published FROM stories",
    "inputs": "SELECT record, format, sha256, size, status, article_id FROM inputs",
    "article_actors": "SELECT x.article_id, x.local_id, x.name, x.type, x.country, x.sector, g.name "
                      "FROM article_actors x LEFT JOIN actors g ON g.id = x.actor_id",
    "actors": "SELECT name, type, country, sector, n_mentions, n_articles FROM actors",
    "mentions": 'SELECT article_id, local_id, start, "end", text FROM mentions',
    "quotes": 'SELECT article_id, local_id, kind, start, "end", speaker_local, speaker_text, via_local, published '
              "FROM quotes",
    "events": "SELECT article_id, local_id, story_id, type, cameo, source_text, target_text, source_start, trigger_start, "
              "evidence_start, evidence_end, quote_local, fingerprint, published FROM events",
    "failures": "SELECT record, format, sha256, code, message FROM failures",
}


def test_load_builds_the_store_ingest_builds_and_is_idempotent(spark_out, ingest_db, tmp_path):
    from dateline.cli.main import cli

    db = tmp_path / "loaded.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["load", str(spark_out), "--db", str(db)], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    assert first.output.startswith("loaded ")
    for table, sql in SAME.items():
        assert q(db, sql) == q(ingest_db, sql), table
    assert q(db, "SELECT count(*) FROM events")[0][0] > 0
    # copies carry the writer's own note, as after an ingest
    notes = [json.loads(n) for (n,) in q(db, "SELECT notes FROM articles WHERE is_canonical = 0")]
    assert notes and all(any(x.startswith("near-duplicate of ") for x in n) for n in notes)

    before = {t: q(db, sql) for t, sql in SAME.items()}
    again = runner.invoke(cli, ["load", str(spark_out), "--db", str(db)], catch_exceptions=False)
    assert again.exit_code == 0, again.output
    assert "loaded 0, duplicates 0" in again.output and "unchanged" in again.output
    assert {t: q(db, sql) for t, sql in SAME.items()} == before


def test_load_refuses_a_directory_without_output(tmp_path):
    from dateline.cli.main import cli

    res = CliRunner().invoke(cli, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert res.exit_code == 1 and "E501" in res.output
