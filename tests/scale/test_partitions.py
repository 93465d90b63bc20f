"""The partition functions on their own (no Spark): records split inside the partition, bad records
become failure rows, the rest of the batch goes on; the canonical choice rule."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dateline.config import Config
from dateline.scale.dedup_spark import greedy
from dateline.scale.partitions import (
    clean_from_row,
    extract_rows,
    read_batches,
    stage_batches,
    stage_partition,
)
from dateline.scale.schema import STAGE_NAMES
from dateline.store.dedup import band_keys, candidate_threshold, lsh_params, signature


def rows_of(items, config=None):
    return [dict(zip(STAGE_NAMES, r, strict=True)) for r in stage_partition(items, config or Config())]


def extracted(staged, config=None):
    return extract_rows([{**r, "story_id": r["id"]} for r in staged], config or Config())


def test_warc_records_are_split_inside_the_partition(corpus):
    data = (corpus["root"] / "b.warc.gz").read_bytes()
    rows = rows_of([("bin", 3, "/x/b.warc.gz", "b.warc.gz", data)])
    ok = [r for r in rows if r["ok"]]
    assert len(ok) == 4  # 2 HTML responses, a text response, a conversion record; 404 and image skipped
    assert all(r["record"].startswith("<urn:uuid:") and r["locator"] == "/x/b.warc.gz" for r in ok)
    assert [r["ord"] for r in rows] == sorted(r["ord"] for r in rows)
    assert all(r["ord"] >> 32 == 3 for r in rows)
    assert {r["format"] for r in ok} == {"warc", "wet"}
    c = Config()
    bands, per_band = lsh_params(candidate_threshold(c.minhash_threshold), c.minhash_perm)
    for r in ok:
        sig = signature(r["body"], c)
        assert r["body"] and len(r["sig"]) == c.minhash_perm
        assert [x & 0xFFFFFFFF for x in r["sig"]] == [int(v) for v in sig.hashvalues]  # the store's signature
        assert r["bands"] == [k for _, k in band_keys(sig, bands, per_band)]  # and its LSH buckets
        assert r["published_date"] is None or r["published"].startswith(r["published_date"].isoformat())


def test_records_of_one_file_spread_over_tasks_give_the_same_rows(corpus):
    data = (corpus["root"] / "b.warc.gz").read_bytes()
    item = ("bin", 3, "/x/b.warc.gz", "b.warc.gz", data)
    config = Config(batch_size=2)
    batches = list(read_batches([item], config))
    assert [len(b) for b in batches][:2] == [2, 2]  # batch_size consecutive records of the file
    spread = [r for b in reversed(batches) for r in stage_batches([b], config)]  # another task, another order
    read_at = STAGE_NAMES.index("fetched_at")  # when the record was read: differs between the two readings

    def rows(rs):
        return sorted(r[:read_at] + r[read_at + 1 :] for r in rs)

    assert rows(spread) == rows(stage_partition([item], config))


def test_jsonl_lines_keep_their_numbers_and_bad_lines_fail(corpus):
    lines = (corpus["root"] / "a.jsonl").read_bytes().split(b"\n")
    items = [("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)]
    rows = rows_of(items)
    bad = {r["record"]: r["code"] for r in rows if not r["ok"]}
    assert bad == {"line 6": "E109", "no-text": "E109", "empty": "E101"}
    assert [r["record"] for r in rows if r["ok"]][:2] == ["doc0", "doc1"]
    assert all(r["message"] and r["hint"] for r in rows if not r["ok"])


def test_a_record_that_breaks_cleaning_fails_alone(corpus, monkeypatch):
    from dateline.parallel import work  # the staging calls clean_batch from there

    real = work.clean_batch

    def fragile(raws, config, model=None):
        if any("BOOM" in r.content for r in raws):
            raise RuntimeError("boom")
        return real(raws, config, model)

    monkeypatch.setattr(work, "clean_batch", fragile)
    t = corpus["texts"]
    lines = [json.dumps({"id": f"r{i}", "text": x}).encode() for i, x in enumerate([t[0], "BOOM " + t[1], t[2]])]
    rows = rows_of([("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)])
    assert [(r["record"], r["ok"], r["code"]) for r in rows] == [("r0", True, None), ("r1", False, "E200"),
                                                                  ("r2", True, None)]
    assert "boom" in rows[1]["message"]


@pytest.mark.slow
def test_extraction_failure_of_one_article_is_a_row(corpus, nlp, monkeypatch):
    from dateline.parallel import work  # where the partition's extract_many calls the extractors

    real = work.extract_document

    def fragile(doc, clean, config=None):
        if clean.input.record == "r1":
            raise ValueError("extractor bug")
        return real(doc, clean, config)

    monkeypatch.setattr(work, "extract_document", fragile)
    t = corpus["texts"]
    lines = [json.dumps({"id": f"r{i}", "text": x}).encode() for i, x in enumerate(t[:3])]
    staged = rows_of([("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)])
    out = extracted(staged)
    assert [(o["id"], o["ok"], o["code"]) for o in out] == [(staged[0]["id"], True, None),
                                                           (staged[1]["id"], False, "E301"),
                                                           (staged[2]["id"], True, None)]
    payload = json.loads(out[0]["payload"])
    assert payload["actors"] and all("aliases" in a for a in payload["actors"])
    body = staged[0]["body"]
    for a in payload["actors"]:
        assert all(body[s:e] for s, e in a["mentions"])
    # the rows of its tables come with it, spans into its body
    assert len(out[0]["actors"]) == len(payload["actors"]) and len(out[0]["events"]) == len(payload["events"])
    assert all(m["text"] == body[m["start"]:m["end"]] for m in out[0]["mentions"])
    assert all(e["story_id"] == staged[0]["id"] for e in out[0]["events"])


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


@pytest.mark.slow
def test_a_record_over_the_time_limit_fails_alone(corpus, nlp, monkeypatch):
    import time

    from dateline.parallel import work  # where the partition's extract_many calls the extractors

    real = work.extract_document

    def stuck(doc, clean, config=None):
        if clean.input.record == "r0":
            t0 = time.monotonic()
            while time.monotonic() - t0 < 120:  # Python code: the time limit stops it
                pass
        return real(doc, clean, config)

    monkeypatch.setattr(work, "extract_document", stuck)
    t = corpus["texts"]
    lines = [json.dumps({"id": f"r{i}", "text": x}).encode() for i, x in enumerate(t[:2])]
    staged = rows_of([("line", 0, "/x/a.jsonl", "a.jsonl", i, line) for i, line in enumerate(lines)])
    t0 = time.monotonic()
    out = extracted(staged, Config(doc_time_limit=6))  # the pipeline's limit, as in the CLI and its workers
    assert time.monotonic() - t0 < 60
    assert [(o["ok"], o["code"]) for o in out] == [(False, "E302"), (True, None)]
    assert "stopped after 6 s" in out[0]["message"]
