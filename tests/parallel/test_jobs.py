"""``--jobs N``: the same store and the same output as one process, in input order."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.parallel.conftest import table_rows

SMALL_BATCHES = {"DATELINE_BATCH_SIZE": "4"}  # several batches, so copies sit batches after their originals


def _invoke(*args, env=None):
    from dateline.cli.main import cli

    return CliRunner().invoke(cli, [str(a) for a in args], env={**SMALL_BATCHES, **(env or {})},
                              catch_exceptions=False)


@pytest.mark.slow
def test_jobs_1_and_2_build_the_same_store_row_by_row(mixed_corpus, tmp_path, nlp):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = _invoke("--db", one, "ingest", "--jobs", "1", mixed_corpus)
    r2 = _invoke("--db", two, "ingest", "--jobs", "2", mixed_corpus)
    assert r1.exit_code == 0 and r2.exit_code == 0, (r1.output, r2.output)
    assert r1.stdout.split(" in ")[0] == r2.stdout.split(" in ")[0]
    rows1, rows2 = table_rows(one), table_rows(two)
    assert rows1.keys() == rows2.keys()
    for table in rows1:
        assert rows1[table] == rows2[table], table
    # the corpus exercised what must match: copies linked across batches, failures, extraction
    assert len(rows1["failures"]) == 3  # empty, binary, bad JSON line
    statuses = [r for r in rows1["inputs"]]
    assert sum(1 for r in statuses if "duplicate" in r) >= 5
    assert len(rows1["events"]) > 20 and len(rows1["actors"]) > 50
    # failure lines on stderr come in input order too
    assert [ln for ln in r1.stderr.splitlines() if ln.startswith("error")] == \
        [ln for ln in r2.stderr.splitlines() if ln.startswith("error")]

    # a re-run with workers changes nothing
    r3 = _invoke("--db", two, "ingest", "--jobs", "2", mixed_corpus)
    assert "ingested 0, duplicates 0, failed 3" in r3.stdout and "unchanged" in r3.stdout
    assert table_rows(two)["articles"] == rows2["articles"]


@pytest.mark.slow
def test_extract_prints_the_same_lines_in_input_order(mixed_corpus, nlp):
    r1 = _invoke("extract", "--jobs", "1", mixed_corpus)
    r2 = _invoke("extract", "--jobs", "2", mixed_corpus)
    assert r1.stdout == r2.stdout
    recs = [json.loads(x) for x in r2.stdout.splitlines()]
    assert len(recs) == 25  # 22 documents (copies too: extract keeps no store) and 3 failures
    paths = [r["input"]["path"] for r in recs]
    assert paths == sorted(paths)  # the directory is read in sorted order, and printed in that order
    assert sum("error" in r for r in recs) == 3
