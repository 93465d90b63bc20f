"""The same file named two ways (relative, absolute, through a link) is one input: a re-run adds
nothing, neither inputs nor story counts nor failures. Stores written before migration 0010
(locators as typed) are found by that path and upgraded in place."""

from __future__ import annotations

import os
import sqlite3


def _state(db) -> tuple:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*) FROM inputs").fetchone()[0],
                conn.execute("SELECT sum(n_inputs) FROM stories").fetchone()[0],
                conn.execute("SELECT count(*) FROM failures").fetchone()[0])
    finally:
        conn.close()


def test_relative_absolute_and_linked_paths_are_one_input(invoke, tmp_path, polnear_dir, monkeypatch):
    src = tmp_path / "news"
    src.mkdir()
    for f in sorted(polnear_dir.glob("*.txt"))[:3]:
        (src / f.name).write_text(f.read_text("utf-8"), "utf-8")
    (src / "empty.txt").write_bytes(b"")
    (tmp_path / "alias").symlink_to(src)
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "s.db"
    r = invoke("--db", db, "ingest", "--no-extract", "news")
    assert "ingested 3, duplicates 0, failed 1" in r.stdout
    first = _state(db)
    assert first == (4, 3, 1)
    for spelled in (str(src), "./news/", "alias"):
        r = invoke("--db", db, "ingest", "--no-extract", spelled)
        assert "ingested 0, duplicates 0, failed 1" in r.stdout and "(3 unchanged" in r.stdout, spelled
        assert _state(db) == first, spelled
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT locator, given FROM inputs ORDER BY id").fetchall()
    assert all(loc == os.path.realpath(loc) and os.path.isabs(loc) for loc, _ in rows)
    assert rows[0][1].startswith("news/")  # the path as it was typed, for display
    conn.close()


def test_a_store_from_before_0010_is_found_by_its_typed_paths(invoke, tmp_path, polnear_dir, monkeypatch):
    src = tmp_path / "news"
    src.mkdir()
    for f in sorted(polnear_dir.glob("*.txt"))[:2]:
        (src / f.name).write_text(f.read_text("utf-8"), "utf-8")
    (src / "empty.txt").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "old.db"
    invoke("--db", db, "ingest", "--no-extract", "news")
    conn = sqlite3.connect(db)  # as an older dateline left it: locators as typed, no `given`
    conn.execute("UPDATE inputs SET locator = given, given = NULL")
    conn.execute("UPDATE failures SET locator = given, given = NULL")
    conn.commit()
    conn.close()
    before = _state(db)
    r = invoke("--db", db, "ingest", "--no-extract", "news")
    assert "(2 unchanged" in r.stdout and _state(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM inputs WHERE given IS NULL OR locator NOT LIKE '/%'").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM failures WHERE given IS NULL").fetchone() == (0,)
    conn.close()
    r = invoke("--db", db, "ingest", "--no-extract", str(src))  # and now by its absolute path too
    assert "(2 unchanged" in r.stdout and _state(db) == before
