"""CLI test helpers: a CliRunner on real store files, and inputs the tests create."""

from __future__ import annotations

import gzip
import json
import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.schema import validate


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner):
    from dateline.cli.main import cli

    def _invoke(*args, input=None):
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return _invoke


@pytest.fixture
def closed_port_url() -> str:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/article.html"


@pytest.fixture
def polnear_dir(shared_dir) -> Path:
    return Path(shared_dir) / "eval" / "quotes" / "polnear" / "train" / "text"


@pytest.fixture
def bad_inputs(tmp_path) -> dict[str, Path]:
    """One input per failure kind, keyed by the error code it must give."""
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 64)
    whole = gzip.compress(("Some article text that goes on. " * 400).encode())
    (d / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (d / "large.txt").write_text("LONDON, Jan 5 (AFP) - A long story. " * 3000)
    return {"E101": d / "empty.txt", "E102": d / "binary.txt", "E104": d / "cut.txt.gz", "E105": d / "large.txt"}


def db_rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def all_counts(db: Path) -> dict[str, int]:
    names = [r[0] for r in db_rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]
    return {n: db_rows(db, f'SELECT count(*) FROM "{n}"')[0][0] for n in names}


def jsonl(text: str) -> list[dict]:
    docs = [json.loads(line) for line in text.splitlines() if line.strip()]
    for d in docs:
        validate(d)
    return docs


class H:
    db_rows = staticmethod(db_rows)
    all_counts = staticmethod(all_counts)
    jsonl = staticmethod(jsonl)


@pytest.fixture
def h() -> type[H]:
    return H
