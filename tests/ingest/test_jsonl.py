"""JSON Lines: one document per record, bad lines reported one by one, streamed."""

from __future__ import annotations

import gzip
import hashlib
import json
import tracemalloc

from dateline.config import Config
from dateline.ingest import iter_inputs
from dateline.types import FailedInput, RawDocument


def test_records_become_documents(tmp_path, config, article_html):
    lines = [
        json.dumps({"id": "r1", "text": "LONDON, Jan 5 (AFP) - A text record.", "url": "https://news.example.org/a",
                    "published": "2012-01-05"}),
        json.dumps({"id": 2, "html": article_html("An HTML record"), "url": "http://www.example.com/b"}),
        json.dumps({"text": "A record without an id.", "title": "Untitled", "site": "Example Wire"}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    docs = list(iter_inputs([str(tmp_path / "in.jsonl")], config))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [d.input.record for d in docs] == ["r1", "2", "line 3"]
    assert [d.kind for d in docs] == ["text", "html", "text"]
    assert {d.input.format for d in docs} == {"jsonl"}
    assert docs[0].url == "https://news.example.org/a" and docs[0].site == "news.example.org"
    assert docs[0].published == "2012-01-05" and not docs[0].published_is_fallback
    assert docs[0].sha256 == hashlib.sha256(lines[0].encode()).hexdigest() and docs[0].size == len(lines[0])
    assert docs[1].content.startswith("<!DOCTYPE html>")
    assert docs[2].title == "Untitled" and docs[2].site == "Example Wire" and docs[2].url is None


def test_published_argument_fills_only_records_without_a_date(tmp_path, config):
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "a", "text": "Words.", "published": "1999-01-01"}) + "\n"
        + json.dumps({"id": "b", "text": "More words."}) + "\n"
    )
    dated, undated = iter_inputs([str(tmp_path / "in.jsonl")], config, published="2020-02-02")
    assert dated.published == "1999-01-01" and not dated.published_is_fallback  # the record's own date stays
    assert undated.published == "2020-02-02" and undated.published_is_fallback


def test_bad_lines_fail_one_by_one_and_the_run_goes_on(tmp_path, config):
    lines = [
        b'{"id": "ok1", "text": "First good record."}',
        b'{"id": "broken", "text": "no closing brace"',
        b"",
        b'["a", "list"]',
        b'{"id": "notext", "url": "http://x.org"}',
        b'{"id": "num", "text": 42}',
        b'{"id": "blank", "text": "   "}',
        '{"id": "latin", "text": "caf\xe9"}'.encode("latin-1"),
        b"[" * 100_000,
        b'{"id": "ok2", "text": "Second good record."}',
    ]
    (tmp_path / "mixed.jsonl").write_bytes(b"\n".join(lines))  # no newline at the end
    items = list(iter_inputs([str(tmp_path / "mixed.jsonl")], config))
    got = [(i.input.record, getattr(i, "code", "ok")) for i in items]
    assert got == [
        ("ok1", "ok"), ("line 2", "E109"), ("line 4", "E109"), ("notext", "E109"), ("num", "E109"),
        ("blank", "E101"), ("line 8", "E109"), ("line 9", "E109"), ("ok2", "ok"),
    ]
    assert "line 2" in items[1].message and "invalid JSON" in items[1].message


def test_jsonl_is_sniffed_without_the_extension(tmp_path, config):
    (tmp_path / "dump.txt").write_text('{"id": "x", "text": "A."}\n{"id": "y", "text": "B."}\n')
    assert [d.input.record for d in iter_inputs([str(tmp_path / "dump.txt")], config)] == ["x", "y"]


def test_line_over_the_size_limit(tmp_path):
    small = Config(max_input_bytes=500)
    rows = [{"id": "a", "text": "short"}, {"id": "b", "text": "x" * 2000}, {"id": "c", "text": "short too"}]
    (tmp_path / "big.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    got = [(i.input.record, getattr(i, "code", "ok")) for i in iter_inputs([str(tmp_path / "big.jsonl")], small)]
    assert got == [("a", "ok"), ("line 2", "E105"), ("c", "ok")]


def test_gzipped_jsonl_and_truncation(tmp_path, config):
    body = "".join(json.dumps({"id": f"r{i}", "text": f"Record number {i}. " * 30}) + "\n" for i in range(200))
    stored = gzip.compress(body.encode())
    (tmp_path / "all.jsonl.gz").write_bytes(stored)
    assert len([d for d in iter_inputs([str(tmp_path / "all.jsonl.gz")], config) if isinstance(d, RawDocument)]) == 200
    (tmp_path / "cut.jsonl.gz").write_bytes(stored[: len(stored) // 2])
    items = list(iter_inputs([str(tmp_path / "cut.jsonl.gz")], config))
    assert isinstance(items[-1], FailedInput) and items[-1].code == "E104"
    good = items[:-1]
    assert 0 < len(good) < 200 and all(isinstance(d, RawDocument) for d in good)
    assert [d.input.record for d in good] == [f"r{i}" for i in range(len(good))]


def _write_big_jsonl(path, n: int) -> int:
    filler = "The minister said the talks would continue next week. " * 25
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"doc{i}", "text": f"{i}: {filler}", "url": f"https://e.org/{i}"}) + "\n")
    return path.stat().st_size


def test_ten_thousand_records_stream_with_flat_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    size = _write_big_jsonl(path, 10_000)
    assert size > 10_000_000
    tracemalloc.start()
    try:
        it = iter_inputs([str(path)], Config())
        first = next(it)
        assert first.input.record == "doc0"
        count = 1
        for doc in it:
            assert isinstance(doc, RawDocument)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    assert peak < size / 20, f"peak {peak} bytes for a {size}-byte file: not streamed"
