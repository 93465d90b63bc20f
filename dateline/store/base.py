"""What a store is, and what every store does the same way.

``Store`` is the interface both stores implement: ``dateline.store.db.SQLiteStore`` (the default) and
``dateline.store.postgres.PostgresStore`` (``postgresql://`` URLs). Everything else in dateline holds a
``Store`` (from ``dateline.store.open_store``) or its ``conn`` and writes its SQL once, for SQLite, with
``?`` placeholders; the PostgreSQL connection translates it (``dateline.store.transpile``).

The migrations run through one runner (``migrate``) for both dialects: ``migrations/NAME.sql``, applied
in order, each in one write transaction and recorded in the ``migrations`` table. On PostgreSQL a
migration runs as sqlglot translates it (``transpile.translate_schema``: PostgreSQL's types, text in
byte order), unless a ``NAME.postgres.sql`` beside it says what no translation can: full-text search
(0001, 0002: a stored tsvector instead of FTS5 tables) and PostgreSQL-only index columns (0008).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from importlib import resources
from typing import Any, Protocol, Self, runtime_checkable
from urllib.parse import urlsplit, urlunsplit

from dateline.errors import DatelineError
from dateline.store import dialect as sql_dialect


class Cursor(Protocol):
    """What ``Connection.execute`` returns: rows (iterate, ``fetchone``, ``fetchall``) and ``rowcount``."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A store's connection: ``sqlite3.Connection`` (rows are ``sqlite3.Row``) or the PostgreSQL one
    (rows read by index and by name alike). SQL is SQLite's, with ``?`` placeholders."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...


@runtime_checkable
class Store(Protocol):
    """A dateline store. ``conn`` reads (each read sees what is committed); ``transaction()`` writes:
    ``with store.transaction() as conn:`` holds the store's write lock (writers run one at a time)
    and commits on success, rolls back on an exception. Database errors are ``dialect.errors()``."""

    @property
    def dialect(self) -> str:
        """``dialect.SQLITE`` or ``dialect.POSTGRES``."""

    @property
    def path(self) -> str:
        """The store's path or URL as messages may show it (a URL's password masked)."""

    @property
    def conn(self) -> Connection: ...

    def transaction(self) -> AbstractContextManager[Connection]: ...

    def execute_script(self, script: str) -> None:
        """Run a script written in this store's own dialect (a migration), statement after statement,
        inside the open transaction."""

    def migrate(self) -> list[str]: ...

    def applied_migrations(self) -> list[str]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def utcnow() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def redact(url: str) -> str:
    """A store's path or URL as messages may show it: a ``postgresql://`` URL without its password."""
    parts = urlsplit(url)
    if "://" not in url or parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[-1]}"))


# -- migrations -------------------------------------------------------------------------------------------
MIGRATIONS_TABLE = "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"


def in_dialect(script: str, dialect: str) -> str:
    """A schema script written for SQLite, in ``dialect``'s own SQL."""
    if dialect == sql_dialect.POSTGRES:
        # sqlglot comes with the postgres extra: only a PostgreSQL store loads it
        from dateline.store.transpile import translate_schema

        return translate_schema(script)
    return script


def data_step(target: str) -> Callable[[Connection], object]:
    """The function a ``NAME.data`` migration names (``module:function``), found when it runs: the
    modules it needs sit above this one (``dateline.store.rekey`` imports the actor key rules)."""
    module, _, func = target.partition(":")
    if not module.startswith("dateline.") or not func:
        raise DatelineError("E401", f"data migration target {target!r} is not 'dateline.module:function'")

    def step(conn: Connection) -> object:
        try:
            return getattr(importlib.import_module(module), func)(conn)
        except (ImportError, AttributeError, ValueError, TypeError) as exc:  # the transaction rolls back
            raise DatelineError("E401", f"data migration {target} failed: {exc}",
                                "reinstall dateline; the store is left as it was before this migration") from exc

    step.__name__ = func
    return step


def migration_files(dialect: str = sql_dialect.SQLITE) -> list[tuple[str, str]]:
    """(name, script in ``dialect``'s SQL) for every migration shipped with the package, in order.

    ``NAME.sql`` is the migration; on PostgreSQL ``NAME.postgres.sql`` beside it is used as written when
    there is one, else ``NAME.sql`` translated. SQLite never reads a ``.postgres.sql`` file. ``NAME.data``
    names a function (``module:function``) that migrates data with dateline's own rules; its entry is
    that function, called with the connection in the migration's transaction."""
    root = resources.files("dateline.store") / "migrations"
    entries = {entry.name: entry for entry in root.iterdir()}
    out: list[tuple[str, str | Callable[[Connection], object]]] = []
    for fname in sorted(entries):
        if fname.endswith(".data"):  # a data migration: the function it names (dateline.store.rekey)
            out.append((fname[:-5], data_step(entries[fname].read_text("utf-8").strip())))
            continue
        if not fname.endswith(".sql") or fname.endswith(".postgres.sql"):
            continue
        name = fname[:-4]
        twin = entries.get(f"{name}.postgres.sql")
        if dialect == sql_dialect.POSTGRES and twin is not None:
            out.append((name, twin.read_text("utf-8")))
            continue
        try:
            out.append((name, in_dialect(entries[fname].read_text("utf-8"), dialect)))
        except DatelineError as exc:
            raise DatelineError("E401", f"migration {name}: {exc.message}",
                                f"write what PostgreSQL runs instead in {name}.postgres.sql beside {fname}") from exc
    return out


def applied_migrations(store: Store) -> list[str]:
    """The names of the migrations applied to ``store`` (the ``migrations`` table made when missing)."""
    if not sql_dialect.has_table(store.conn, "migrations"):
        with store.transaction():
            store.execute_script(in_dialect(MIGRATIONS_TABLE, store.dialect))
    return [r[0] for r in store.conn.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(store: Store) -> list[str]:
    """Apply the migrations not yet applied to ``store``, each in one write transaction with its record
    in ``migrations``; returns their names. Several processes opening a new store at once apply each
    migration once; a failed migration leaves nothing behind (E401)."""
    done = set(applied_migrations(store))
    applied: list[str] = []
    for name, script in migration_files(store.dialect):
        if name in done:
            continue
        try:
            with store.transaction() as conn:
                if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone() is not None:
                    continue  # another process applied it meanwhile
                if callable(script):
                    script(conn)
                else:
                    store.execute_script(script)
                conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, utcnow()))
        except sql_dialect.errors() as exc:
            raise DatelineError("E401", f"migration {name} failed: {str(exc).strip()}") from exc
        applied.append(name)
    return applied
