"""Helpers for store tests: results built by hand from real texts (no cleaning/NLP needed)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.document import to_dateline
from dateline.pipeline import Result
from dateline.schema import validate
from dateline.store import open_store
from dateline.store.writer import Writer
from dateline.types import CleanDocument, Extraction, FailedInput, InputRef, RawDocument


def make_result(body: str, path: str = "a.txt", record: str | None = None, site: str | None = None,
                published: str | None = "2011-11-10", extraction: Extraction | None = None,
                source: str | None = None, fmt: str = "text") -> Result:
    inp = InputRef(path=path, format=fmt, record=record)
    sha = hashlib.sha256((path + "\0" + body).encode()).hexdigest()
    raw = RawDocument(input=inp, content=body, kind="text", sha256=sha, size=len(body.encode()))
    clean = CleanDocument(input=inp, body=body, site=site, published=published, sha256=sha, source=source,
                          headline=body.split("\n", 1)[0][:80])
    record = to_dateline(clean, extraction)
    validate(record)  # every document these tests write is a valid dateline/1 object
    return Result(record=record, clean=clean, raw=raw)


def make_failure(path: str, code: str = "E101", message: str = "empty input") -> Result:
    f = FailedInput(InputRef(path=path), code, message)
    from dateline.document import failure_record

    record = failure_record(f)
    validate(record)
    return Result(record=record, failure=f)


def spans_of(body: str, needle: str) -> tuple[tuple[int, int], ...]:
    out, i = [], body.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = body.find(needle, i + 1)
    return tuple(out)


@pytest.fixture
def polnear_texts(shared_dir) -> list[str]:
    d = Path(shared_dir) / "eval" / "quotes" / "polnear" / "train" / "text"
    return [p.read_text("utf-8") for p in sorted(d.glob("*.txt"))[:40]]


@pytest.fixture
def sample_body(sample_path) -> str:
    """The sample's article part (from its dateline to the end), as a clean body."""
    text = sample_path.read_text("utf-8")
    return text[text.index("Moscow, Nov 10") :].strip()


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def writer(store_path, config):
    store = open_store(str(store_path))
    yield Writer(store, config)
    store.close()


def table_counts(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name != 'migrations'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


class Helpers:
    make_result = staticmethod(make_result)
    make_failure = staticmethod(make_failure)
    spans_of = staticmethod(spans_of)
    table_counts = staticmethod(table_counts)


@pytest.fixture
def h() -> type[Helpers]:
    return Helpers
