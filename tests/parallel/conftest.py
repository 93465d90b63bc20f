"""Inputs for the parallel tests: real news texts with copies across batches, and bad inputs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

TIMES = ("created_at", "fetched_at", "at", "applied_at")  # when a row was written: differs between runs


def syndicate(text: str) -> str:
    """A syndicated copy: a few words changed, a line added at the end."""
    words = text.split(" ")
    for i in (len(words) // 3, len(words) // 2, 2 * len(words) // 3):
        words[i] = words[i].upper() if words[i].islower() else words[i].lower()
    return " ".join(words) + "\n\nThis story was distributed by a wire service."


def texts(shared_dir: Path, n: int) -> list[str]:
    root = Path(shared_dir) / "eval" / "quotes" / "polnear" / "train" / "text"
    files = sorted(p for p in root.glob("*.txt") if 1500 < p.stat().st_size < 3500)
    return [p.read_text("utf-8") for p in files[:n]]


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory, shared_dir) -> Path:
    """26 inputs: 16 distinct articles, exact and near copies of earlier ones (several batches
    later when batches hold 4), a JSON Lines file with a bad line, an empty and a binary file."""
    t = texts(shared_dir, 18)
    root = tmp_path_factory.mktemp("parallel") / "in"
    root.mkdir()
    for i in range(14):
        (root / f"a{i:02d}.txt").write_text(t[i], "utf-8")
    (root / "b_exact.txt").write_text(t[0], "utf-8")  # exact copy of a00
    (root / "b_near1.txt").write_text(syndicate(t[1]), "utf-8")  # near copies of a01, a05
    (root / "b_near5.txt").write_text(syndicate(t[5]), "utf-8")
    (root / "c_empty.txt").write_bytes(b"")
    (root / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    lines = [{"id": "j1", "text": t[14], "url": "https://news.example.com/j1", "published": "2016-03-01"},
             {"id": "j2", "text": syndicate(t[14]), "url": "https://wire.example.net/j2"},
             {"id": "j3", "text": t[15], "url": "https://news.example.com/j3"},
             {"id": "j4", "text": t[9], "url": "https://mirror.example.org/j4"}]
    body = "\n".join(json.dumps(x) for x in lines[:2]) + "\n{not json\n" + "\n".join(json.dumps(x) for x in lines[2:])
    (root / "d.jsonl").write_text(body + "\n", "utf-8")
    (root / "e_near_j3.txt").write_text(syndicate(t[15]), "utf-8")
    return root


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a store without the write times: in id order where the table has
    an integer id (the ids must match too), else sorted (rows such as ``actor_aliases`` are inserted
    from a set, in an order Python's string hashing changes from one process to the next)."""
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%' "
            "AND name NOT IN ('migrations', 'sqlite_sequence') ORDER BY name")]
        out = {}
        for name in names:
            info = list(conn.execute(f'PRAGMA table_info("{name}")'))
            cols = [r[1] for r in info if r[1] not in TIMES]
            pks = [r for r in info if r[5]]
            by_id = len(pks) == 1 and pks[0][2].upper() == "INTEGER"
            sel = ", ".join(f'"{c}"' for c in cols)
            rows = [tuple(r) for r in conn.execute(f'SELECT {sel} FROM "{name}"'
                                                   + (f' ORDER BY "{pks[0][1]}"' if by_id else ""))]
            out[name] = rows if by_id else sorted(rows, key=repr)
        return out
    finally:
        conn.close()
