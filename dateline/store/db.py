"""Connections and named, transactional migrations."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from dateline.errors import DatelineError


def redact(url: str) -> str:
    """A store's path or URL as messages may show it: a ``postgresql://`` URL without its password."""
    parts = urlsplit(url)
    if "://" not in url or parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


def utcnow() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def migration_files(dialect: str = "sqlite") -> list[tuple[str, str]]:
    """(name, sql) for every migration shipped with the package, in order.

    ``NAME.sql`` is the migration; ``NAME.postgres.sql`` beside it is its PostgreSQL form (used
    instead of it by ``dialect="postgres"``, never by SQLite). Both record the same ``NAME``."""
    root = resources.files("dateline.store") / "migrations"
    entries = {entry.name: entry for entry in root.iterdir()}
    out = []
    for fname in sorted(entries):
        if not fname.endswith(".sql") or fname.endswith(".postgres.sql"):
            continue
        name = fname[:-4]
        entry = entries[fname]
        if dialect == "postgres" and f"{name}.postgres.sql" in entries:
            entry = entries[f"{name}.postgres.sql"]
        out.append((name, entry.read_text("utf-8")))
    return out


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


class Store:
    """A SQLite store. ``conn`` yields ``sqlite3.Row`` rows; use ``transaction()`` for writes."""

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

    # -- migrations -----------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied, each in one transaction. Returns their names."""
        done = set(self.applied_migrations())
        applied = []
        for name, sql in migration_files():
            if name in done:
                continue
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                if name in {r[0] for r in self.conn.execute("SELECT name FROM migrations")}:
                    self.conn.execute("ROLLBACK")  # another process applied it meanwhile
                    continue
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, utcnow()))
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise DatelineError("E401", f"migration {name} failed: {exc}") from exc
            applied.append(name)
        return applied

    # -- transactions ----------------------------------------------------------------
    def transaction(self):
        return _Tx(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
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


def open_store(db: str | None = None, migrate: bool = True, readonly: bool = False):
    """Open the store at ``db``: a SQLite path, or a ``postgresql://`` URL (docs/store-postgres.md)."""
    db = db or "dateline.db"
    if db.startswith(("postgresql://", "postgres://")):
        from dateline.store.postgres import PostgresStore

        return PostgresStore(db, migrate=migrate, readonly=readonly)
    return Store(db, migrate=migrate, readonly=readonly)
