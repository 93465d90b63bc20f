"""The SQLite store (``SQLiteStore``) and ``open_store``, which opens either store by its path or URL."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from dateline.errors import DatelineError
from dateline.store import base
from dateline.store.base import Store, redact, utcnow

__all__ = ["SQLiteStore", "open_store", "redact", "utcnow"]


def create_private(path: str) -> None:
    """Create the store file readable and writable by its owner only (0600) when it does not exist yet:
    it holds webhook secrets and what was ingested. SQLite gives its -wal and -shm files the
    permissions of the database file. An existing file keeps its permissions."""
    if path == ":memory:" or path.startswith("file:"):
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


class SQLiteStore:
    """A SQLite store (``dateline.store.base.Store``). ``conn`` yields ``sqlite3.Row`` rows; use
    ``transaction()`` for writes (``BEGIN IMMEDIATE``: SQLite's write lock)."""

    dialect = "sqlite"

    def __init__(self, path: str, migrate: bool = True, readonly: bool = False):
        self.path = path
        try:
            if readonly:
                uri = f"file:{Path(path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
            else:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                create_private(path)
                self.conn = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise DatelineError("E400", f"cannot open store {path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        if not readonly:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        if migrate and not readonly:
            self.migrate()

    # -- migrations: one runner for both stores (dateline.store.base) -------------------
    def applied_migrations(self) -> list[str]:
        return base.applied_migrations(self)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied, each in one transaction. Returns their names."""
        return base.migrate(self)

    def execute_script(self, script: str) -> None:
        """Run a script written for SQLite (a migration) statement by statement, inside the open
        transaction (``sqlite3.Connection.executescript`` would commit it first)."""
        for stmt in _split_sql(script):
            self.conn.execute(stmt)

    # -- transactions ----------------------------------------------------------------
    def transaction(self):
        return _Tx(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Tx:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements (triggers keep their BEGIN ... END bodies)."""
    stmts, buf = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") and not buf:
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            stmts.append(joined)
            buf = []
    tail = "\n".join(buf).strip()
    if tail:
        stmts.append(tail)
    return stmts


def open_store(db: str | None = None, migrate: bool = True, readonly: bool = False) -> Store:
    """Open the store at ``db``: a SQLite path, or a ``postgresql://`` URL (docs/store-postgres.md)."""
    db = db or "dateline.db"
    if db.startswith(("postgresql://", "postgres://")):
        # psycopg and sqlglot come with the postgres extra: only a PostgreSQL store loads them
        from dateline.store.postgres import PostgresStore

        return PostgresStore(db, migrate=migrate, readonly=readonly)
    return SQLiteStore(db, migrate=migrate, readonly=readonly)
