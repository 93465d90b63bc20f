"""The partition functions on their own (no Spark): records split inside the partition, bad records
become failure rows, the rest of the batch goes on; the canonical choice rule."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dateline.config import Config
from dateline.scale.dedup_spark import estimated_jaccard, greedy
from dateline.scale.partitions import clean_from_row, extract_partition, stage_partition
from dateline.scale.schema import STAGE_NAMES
from dateline.store.dedup import signature, to_blob


def rows_of(items, config=None):
    return [dict(zip(STAGE_NAMES, r, strict=True)) for r in stage_partition(items, config or Config())]


def test_warc_records_are_split_inside_the_partition(corpus):
    data = (corpus["root"] / "b.warc.gz").read_bytes()
    rows = rows_of([("bin", 3, "/x/b.warc.gz", "b.warc.gz", data)])
    ok = [r for r in rows if r["ok"]]
    assert len(ok) == 4  # 2 HTML responses, a text response, a conversion record; 404 and image skipped
    assert all(r["record"].startswith("<urn:uuid:") and r["locator"] == "/x/b.warc.gz" for r in ok)
    assert [r["ord"] for r in rows] == sorted(r["ord"] for r in rows)
    assert all(r["ord"] >> 32 == 3 for r in rows)
    assert {r["format"] for r in ok} == {"warc", "wet"}
    for r in ok:
        assert r["body"] and len(r["sig"]) == 4 * Config().minhash_perm
        assert r["sig"] == to_blob(signature(r["body"], Config()))


def test_jsonl_lines_keep_their_numbers_and_bad_lines_fail(corpus):
    lines = (corpus["root"] / "a.jsonl").read_bytes().split(b"\n")
    items = [("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)]
    rows = rows_of(items)
    bad = {r["record"]: r["code"] for r in rows if not r["ok"]}
    assert bad == {"line 6": "E109", "no-text": "E109", "empty": "E101"}
    assert [r["record"] for r in rows if r["ok"]][:2] == ["doc0", "doc1"]
    assert all(r["message"] and r["hint"] for r in rows if not r["ok"])


def test_a_record_that_breaks_cleaning_fails_alone(corpus, monkeypatch):
    import dateline.pipeline as pipeline  # process() calls clean_batch from there

    real = pipeline.clean_batch

    def fragile(raws, config, model=None):
        if any("BOOM" in r.content for r in raws):
            raise RuntimeError("boom")
        return real(raws, config, model)

    monkeypatch.setattr(pipeline, "clean_batch", fragile)
    t = corpus["texts"]
    lines = [json.dumps({"id": f"r{i}", "text": x}).encode() for i, x in enumerate([t[0], "BOOM " + t[1], t[2]])]
    rows = rows_of([("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)])
    assert [(r["record"], r["ok"], r["code"]) for r in rows] == [("r0", True, None), ("r1", False, "E200"),
                                                                  ("r2", True, None)]
    assert "boom" in rows[1]["message"]


@pytest.mark.slow
def test_extraction_failure_of_one_article_is_a_row(corpus, nlp, monkeypatch):
    import dateline.scale.partitions as partitions  # where the partition calls the extractors

    real = partitions.extract_document

    def fragile(doc, clean, config=None):
        if clean.input.record == "r1":
            raise ValueError("extractor bug")
        return real(doc, clean, config)

    monkeypatch.setattr(partitions, "extract_document", fragile)
    t = corpus["texts"]
    lines = [json.dumps({"id": f"r{i}", "text": x}).encode() for i, x in enumerate(t[:3])]
    staged = rows_of([("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)])
    out = list(extract_partition(staged, Config()))
    assert [(o[0], o[1], o[2]) for o in out] == [(staged[0]["id"], True, None), (staged[1]["id"], False, "E301"),
                                                 (staged[2]["id"], True, None)]
    payload = json.loads(out[0][5])
    assert payload["actors"] and all("aliases" in a for a in payload["actors"])
    body = staged[0]["body"]
    for a in payload["actors"]:
        assert all(body[s:e] for s, e in a["mentions"])


def test_clean_document_round_trips_through_a_staged_row(corpus):
    from dateline.ingest import iter_inputs
    from dateline.pipeline import process

    path = corpus["root"] / "b.warc.gz"
    results = [r for r in process(iter_inputs([str(path)], Config()), Config(), extract=False) if r.ok]
    rows = rows_of([("bin", 0, str(path), path.name, path.read_bytes())])
    # fetched_at is the clock time each read happened (a WARC record's fetch time is not carried over):
    # the two reads may fall on different seconds
    def unclocked(docs):
        return [dataclasses.replace(d, fetched_at=None) for d in docs]

    assert unclocked(clean_from_row(r) for r in rows if r["ok"]) == unclocked(r.clean for r in results)


def test_copies_attach_to_the_most_similar_earlier_canonical_only():
    # b copies a; c is close to b (a copy) but not to a: c starts its own story; d copies c
    edges = [(1, "a", 2, "b", 0.9), (2, "b", 3, "c", 0.85), (3, "c", 4, "d", 0.95), (1, "a", 4, "d", 0.81)]
    got = {x[0]: x[1:] for x in greedy(edges)}
    assert got == {"a": ("a", True, None), "b": ("a", False, 0.9), "c": ("c", True, None), "d": ("c", False, 0.95)}


def test_estimated_jaccard_is_datasketch_jaccard(corpus):
    c = Config()
    a, b = corpus["texts"][0], corpus["texts"][0].replace("the ", "a ", 3)
    sa, sb = signature(a, c), signature(b, c)
    assert estimated_jaccard(to_blob(sa), to_blob(sb)) == pytest.approx(sa.jaccard(sb))
    assert estimated_jaccard(to_blob(sa), to_blob(signature(corpus["texts"][5], c))) < 0.2


@pytest.mark.slow
def test_a_record_over_the_time_limit_fails_alone(corpus, nlp, monkeypatch):
    import time

    import dateline.scale.partitions as partitions  # where the partition calls the extractors

    real = partitions.extract_document

    def stuck(doc, clean, config=None):
        if clean.input.record == "r0":
            time.sleep(120)
        return real(doc, clean, config)

    monkeypatch.setattr(partitions, "extract_document", stuck)
    t = corpus["texts"]
    lines = [json.dumps({"id": f"r{i}", "text": x}).encode() for i, x in enumerate(t[:2])]
    staged = rows_of([("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)])
    t0 = time.monotonic()
    out = list(extract_partition(staged, Config(), seconds=6))
    assert time.monotonic() - t0 < 60
    assert [(o[1], o[2]) for o in out] == [(False, "E301"), (True, None)]
    assert "more than 6 s" in out[0][3]
