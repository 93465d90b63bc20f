"""PostgresStore on a real server: the same named migrations, rows like sqlite3.Row, errors in
dateline's codes (StoreError), full-text search following writes, rowids in commit order."""

from __future__ import annotations

import sqlite3
import threading

import psycopg
import pytest

from dateline.errors import DatelineError, StoreError
from dateline.store import Store, base, dialect, open_store
from dateline.store.postgres import PostgresStore
from dateline.store.transpile import translate

pytestmark = pytest.mark.postgres


def test_migrations_apply_once_with_the_sqlite_names(pg_url, tmp_path):
    s = open_store(pg_url)
    assert isinstance(s, PostgresStore) and isinstance(s, Store) and s.dialect == "postgres"
    names = [n for n, _ in base.migration_files()]
    assert [n for n, _ in base.migration_files(dialect="postgres")] == names  # same names, same order
    assert s.applied_migrations() == names
    rows = s.conn.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
    assert [r["name"] for r in rows] == names and all(r["applied_at"].endswith("Z") for r in rows)
    s.close()
    with open_store(pg_url) as s2:
        assert s2.migrate() == []
    # SQLite never reads a *.postgres.sql file
    lite = open_store(str(tmp_path / "s.db"))
    assert lite.applied_migrations() == names
    assert lite.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0] == 1


def test_concurrent_openers_migrate_once(new_database):
    url = new_database("openers")
    errors: list[BaseException] = []

    def open_one():
        try:
            open_store(url).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(url) as s:
        names = [r[0] for r in s.conn.execute("SELECT name FROM migrations")]
        assert sorted(names) == [n for n, _ in base.migration_files()]


def test_failed_migration_rolls_back(new_database, monkeypatch):
    url = new_database("broken")
    good = base.migration_files(dialect="postgres")
    bad = ("9999_broken", "CREATE TABLE half_done (x INTEGER);\nCREATE TABLE broken (;\n")
    monkeypatch.setattr(base, "migration_files", lambda dialect: [*good, bad])
    with pytest.raises(DatelineError) as e:
        open_store(url)
    assert e.value.code == "E401" and "9999_broken" in e.value.message
    monkeypatch.undo()
    with open_store(url, migrate=False) as s:
        assert s.conn.execute("SELECT to_regclass('half_done')").fetchone()[0] is None
        assert "9999_broken" not in s.applied_migrations()


def test_rows_errors_and_transactions(pg_url):
    with open_store(pg_url) as s:
        with s.transaction() as c:
            c.execute("INSERT INTO articles(id, headline, body, created_at, minhash) VALUES (?, ?, ?, ?, ?)",
                      ("r1", "Russia criticizes report", "Moscow rejected new sanctions on Iran.", base.utcnow(),
                       b"\x00\x01\xff"))
        r = s.conn.execute("SELECT id AS Id, headline, minhash, is_canonical, similarity FROM articles WHERE id = ?",
                           ("r1",)).fetchone()
        assert r[0] == r["id"] == r["Id"] == "r1" and r["minhash"] == b"\x00\x01\xff"
        assert dict(r) == {"id": "r1", "headline": "Russia criticizes report", "minhash": b"\x00\x01\xff",
                           "is_canonical": 1, "similarity": None}
        a, b = s.conn.execute("SELECT sum(is_canonical), avg(is_canonical) FROM articles").fetchone()
        assert (a, b) == (1, 1.0) and type(a) is int and type(b) is float  # never Decimal
        with s.transaction() as c:  # NUL (no PostgreSQL text can hold it) keeps its place as U+FFFD
            c.execute("INSERT INTO failures(locator, code, message, at) VALUES (?, 'E100', ?, 't')", ("nul", "a\x00b"))
        assert s.conn.execute("SELECT message FROM failures WHERE locator = 'nul'").fetchone()[0] == "a\ufffdb"
        # database errors in dateline's codes (the psycopg error chained), caught with SQLite's by errors()
        with pytest.raises(StoreError) as dup:
            with s.transaction() as c:
                c.execute("INSERT INTO articles(id, body, created_at) VALUES (?, ?, ?)", ("r1", "x", "t"))
        assert dup.value.code == "E404" and dup.value.sqlstate == "23505"
        assert isinstance(dup.value.__cause__, psycopg.errors.UniqueViolation)
        with pytest.raises(dialect.errors()) as bad:
            s.conn.execute("SELECT nope FROM articles")
        assert bad.value.code == "E403" and bad.value.sqlstate == "42703" and "nope" in bad.value.message
        assert not isinstance(bad.value, sqlite3.Error) and "E403" in str(bad.value)
        with pytest.raises(ValueError):  # an exception inside rolls the transaction back
            with s.transaction() as c:
                c.execute("INSERT INTO articles(id, body, created_at) VALUES (?, ?, ?)", ("r2", "x", "t"))
                raise ValueError("boom")
        assert s.conn.execute("SELECT count(*) FROM articles WHERE id = 'r2'").fetchone()[0] == 0
        # full-text search follows writes (english stemming: sanction ~ sanctions)
        hits = s.conn.execute("SELECT rowid FROM articles_fts WHERE ts_match_vq(fts, to_tsquery('english', 'sanction'))")
        assert len(hits.fetchall()) == 1
        with s.transaction() as c:
            c.execute("DELETE FROM articles WHERE id = 'r1'")
        n = s.conn.execute("SELECT count(*) FROM articles_fts WHERE ts_match_vq(fts, to_tsquery('english', 'sanction'))")
        assert n.fetchone()[0] == 0


def test_rowids_follow_commit_order(pg_url):
    """A second writer waits for the first one's commit before its first statement (the store's
    write lock), so rowids are handed out in commit order (what watch marks rely on)."""
    a, b = open_store(pg_url), open_store(pg_url)
    started, release = threading.Event(), threading.Event()
    order: list[str] = []

    def slow():
        with a.transaction() as c:
            started.set()
            release.wait(5)
            c.execute("INSERT INTO articles(id, body, created_at) VALUES ('slow', 'x', 't')")
            order.append("slow")

    t = threading.Thread(target=slow)
    t.start()
    started.wait(5)
    blocked = threading.Thread(target=lambda: _insert(b, "fast", order))
    blocked.start()
    blocked.join(0.5)
    assert blocked.is_alive()  # waiting for the write lock
    release.set()
    t.join()
    blocked.join()
    rows = dict(a.conn.execute("SELECT id, rowid FROM articles WHERE id IN ('slow', 'fast')").fetchall())
    assert order == ["slow", "fast"] and rows["slow"] < rows["fast"]
    a.close()
    b.close()


def _insert(store, aid, order):
    with store.transaction() as c:
        c.execute("INSERT INTO articles(id, body, created_at) VALUES (?, 'x', 't')", (aid,))
        order.append(aid)


def test_bad_url_is_a_store_error():
    with pytest.raises(DatelineError) as e:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert e.value.code == "E400" and "secret" not in e.value.message


def test_a_dropped_connection_is_replaced(pg_url, pg_server):
    """A server-side disconnect (restart, idle timeout) does not break a long-lived store (the API's pool)."""
    import psycopg

    s = open_store(pg_url)
    pid = s.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert s.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(base.migration_files())
    assert s.conn.execute("SELECT pg_backend_pid()").fetchone()[0] != pid
    with s.transaction() as c:  # and writes go on
        c.execute("INSERT INTO failures(locator, code, message, at) VALUES ('x', 'E101', 'm', 't')")
    assert s.conn.execute("SELECT count(*) FROM failures WHERE locator = 'x'").fetchone()[0] == 1
    s.close()


def test_explicit_begin_immediate_takes_the_write_lock(pg_url):
    """Code written for SQLite may run BEGIN IMMEDIATE ... COMMIT itself: the same on PostgreSQL."""
    a, b = open_store(pg_url), open_store(pg_url)
    assert not a.conn.in_transaction
    a.conn.execute("BEGIN IMMEDIATE")
    assert a.conn.in_transaction
    a.conn.execute("INSERT INTO failures(locator, code, message, at) VALUES ('tx', 'E101', 'm', 't')")
    done = threading.Event()

    def other():
        with b.transaction() as c:
            c.execute("INSERT INTO failures(locator, code, message, at) VALUES ('tx2', 'E101', 'm', 't')")
        done.set()

    t = threading.Thread(target=other)
    t.start()
    assert not done.wait(0.5)  # waits for the write lock
    a.conn.execute("ROLLBACK")
    assert done.wait(5) and not a.conn.in_transaction
    t.join()
    got = {r[0] for r in a.conn.execute("SELECT locator FROM failures WHERE locator IN ('tx', 'tx2')")}
    assert got == {"tx2"}
    a.conn.execute("BEGIN")
    a.conn.execute("INSERT INTO failures(locator, code, message, at) VALUES ('tx3', 'E101', 'm', 't')")
    a.conn.execute("COMMIT")
    assert b.conn.execute("SELECT count(*) FROM failures WHERE locator = 'tx3'").fetchone()[0] == 1
    a.close()
    b.close()


def test_translated_day_filters_use_the_expression_indexes(pg_url):
    """The query layer's day expressions, translated, are the expressions the indexes were built on
    (0003_query_indexes): PostgreSQL matches index expressions by their parsed form, so a translation
    to SUBSTRING(x FROM 1 FOR 10) would turn every day filter into a table scan."""
    from dateline.query.filters import QUOTE_DAY

    with open_store(pg_url) as s:
        s.conn.raw.execute("SET enable_seqscan = off")
        query = translate(f"SELECT q.text FROM quotes q WHERE {QUOTE_DAY} >= '2024-01-01'")
        plan = " ".join(r[0] for r in s.conn.raw.execute("EXPLAIN " + query).fetchall())
        assert "quotes_q_day" in plan, plan
