"""Named, transactional migrations recorded in the store."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.errors import DatelineError
from dateline.store import base, open_store


def test_migrations_apply_once_in_order(tmp_path):
    path = str(tmp_path / "s.db")
    s = open_store(path)
    names = [n for n, _ in base.migration_files()]
    assert names == sorted(names) and names[0] == "0001_initial"
    assert s.applied_migrations() == names
    s.close()
    s2 = open_store(path)
    assert s2.migrate() == []  # nothing left to apply
    assert s2.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s2.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_failed_migration_rolls_back_and_is_not_recorded(tmp_path, monkeypatch):
    good = base.migration_files()
    bad = ("9999_broken", "CREATE TABLE half_done (x INTEGER);\nCREATE TABLE broken (;\n")
    monkeypatch.setattr(base, "migration_files", lambda dialect="sqlite": [*good, bad])
    path = str(tmp_path / "s.db")
    with pytest.raises(DatelineError) as e:
        open_store(path)
    assert e.value.code == "E401" and "9999_broken" in e.value.message
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables  # the whole migration rolled back
    assert "9999_broken" not in {r[0] for r in conn.execute("SELECT name FROM migrations")}
    assert "0002_extraction" in {r[0] for r in conn.execute("SELECT name FROM migrations")}


def test_fts_follows_article_writes(tmp_path):
    s = open_store(str(tmp_path / "s.db"))
    with s.transaction() as c:
        c.execute(
            "INSERT INTO articles(id, headline, body, created_at) VALUES (?, ?, ?, ?)",
            ("x1", "Russia criticizes report", "Moscow rejected new sanctions on Iran.", base.utcnow()),
        )
    hits = s.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'sanction'").fetchall()
    assert len(hits) == 1  # porter stemming: sanction ~ sanctions
    with s.transaction() as c:
        c.execute("DELETE FROM articles WHERE id='x1'")
    assert s.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'sanction'").fetchone()[0] == 0


def test_both_stores_implement_the_store_protocol(tmp_path):
    """open_store returns a Store (dateline.store.base); the PostgreSQL one is checked in
    tests/postgres/test_store.py. The runner records every migration through the protocol only."""
    from dateline.store import SQLiteStore, Store
    from dateline.store.postgres import PostgresStore

    with open_store(str(tmp_path / "s.db")) as s:
        assert isinstance(s, Store) and isinstance(s, SQLiteStore) and s.dialect == "sqlite"
        assert base.applied_migrations(s) == [n for n, _ in base.migration_files()]
    for name in ("transaction", "execute_script", "migrate", "applied_migrations", "close", "__enter__"):
        assert callable(getattr(PostgresStore, name))
