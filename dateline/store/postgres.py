"""The PostgreSQL store: ``open_store("postgresql://...")`` (docs/store-postgres.md).

``PostgresStore`` implements ``dateline.store.base.Store``: ``conn`` (``execute`` / ``executemany``
returning rows readable by name and by index, ``dict(row)``), ``transaction()``, ``execute_script()``,
``migrate()``, ``applied_migrations()``, ``close()``, ``dialect = "postgres"``. Statements are
dateline's SQL, written for SQLite and transpiled by ``dateline.store.transpile.translate``; database
errors surface as dateline's ``StoreError`` (E400 / E403 / E404, the psycopg error chained as
``__cause__``); ``dateline.store.dialect.errors()`` catches them with SQLite's own.

Concurrent writers: every ``transaction()`` first takes one transaction-scoped advisory lock
(the store's write lock), so writers run one at a time, as SQLite's ``BEGIN IMMEDIATE`` makes
them. Inside it a writer sees everything committed before it: the exact/near-duplicate check,
actor identity and story counts never race, and the ``rowid`` identities are handed out in
commit order (a watch's "rowid > mark" stays exactly "stored after the last delivery").
Reads take no lock. Migrations run through the one runner of ``dateline.store.base``, each in a write
transaction.
"""

from __future__ import annotations

import re

import psycopg
from psycopg.adapt import Loader

from dateline.errors import DatelineError, StoreError
from dateline.store import base
from dateline.store.base import redact
from dateline.store.dialect import POSTGRES
from dateline.store.transpile import translate

_TX_VERB = re.compile(r"\s*(BEGIN|COMMIT|END|ROLLBACK)(?:\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(?:\s+TRANSACTION)?\s*;?\s*$",
                      re.IGNORECASE)
LOCK_CLASS = 0x646C  # 'dl': advisory lock namespace of dateline
WRITE_LOCK = 1



# -- rows ---------------------------------------------------------------------------------------------
_ROW_CLASSES: dict[tuple[str, ...], type] = {}


class Row(tuple):
    """A result row like ``sqlite3.Row``: by index, by (case-insensitive) name, ``keys()``, ``dict(row)``."""

    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                key = self._index[key]
            except KeyError:
                try:
                    key = self._index[key.lower()]
                except KeyError:
                    raise IndexError(f"No item with that key: {key!r}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_class(names: tuple[str, ...]) -> type:
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        index: dict[str, int] = {}
        for i, n in enumerate(names):
            index.setdefault(n, i)
            index.setdefault(n.lower(), i)
        cls = type("Row", (Row,), {"_names": names, "_index": index})
        if len(_ROW_CLASSES) > 4096:
            _ROW_CLASSES.clear()
        _ROW_CLASSES[names] = cls
    return cls


def _row_factory(cursor):
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(c.name for c in desc))
    return cls


class _NumericLoader(Loader):
    """numeric -> int when integral (sum() of integers), else float (avg()): what SQLite returns."""

    def load(self, data):
        s = bytes(data).decode("ascii")
        if s in ("NaN", "Infinity", "-Infinity"):
            return float(s)
        if "." in s or "e" in s or "E" in s:
            return float(s)
        return int(s)


# -- errors ---------------------------------------------------------------------------------------------
def _store_error(exc: psycopg.Error) -> StoreError:
    """A psycopg error as dateline's ``StoreError``: E404 when a constraint refused a row, E400 when
    the server cannot be reached (the connection is gone), else E403; the SQLSTATE kept."""
    sqlstate = getattr(exc, "sqlstate", None)
    diag = getattr(exc, "diag", None)
    text = (getattr(diag, "message_primary", None) or str(exc)).strip() or type(exc).__name__
    if isinstance(exc, psycopg.IntegrityError):
        code = "E404"
    elif isinstance(exc, psycopg.InterfaceError) or (isinstance(exc, psycopg.OperationalError) and sqlstate is None):
        code = "E400"  # no SQLSTATE: the client's own error (connection refused, lost, closed)
    else:
        code = "E403"
    return StoreError(code, f"{text} (SQLSTATE {sqlstate})" if sqlstate else text, sqlstate=sqlstate)


def _params(params) -> list:
    if params is None:
        return []
    if isinstance(params, dict):
        raise TypeError("named parameters are not supported; use ? placeholders")
    # bool -> 0/1 (INTEGER columns, as SQLite stores them); NUL, which PostgreSQL text cannot
    # hold, -> U+FFFD (one character for one: spans into the text stay right)
    return [int(p) if isinstance(p, bool) else p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p
            else p for p in params]


class Cursor:
    """What ``execute`` returns: rows (iterate, ``fetchone``, ``fetchall``) and ``rowcount``."""

    def __init__(self, cur: psycopg.Cursor):
        self._cur = cur
        self.rowcount = cur.rowcount
        self.description = cur.description

    def fetchone(self):
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list:
        return self._cur.fetchall() if self._cur.description is not None else []

    def fetchmany(self, size: int = 100) -> list:
        return self._cur.fetchmany(size) if self._cur.description is not None else []

    def __iter__(self):
        if self._cur.description is None:
            return iter(())
        return iter(self._cur)

    def close(self) -> None:
        self._cur.close()


def _connect(url: str, readonly: bool) -> psycopg.Connection:
    # client-side binding: values are sent as literals, so an untyped NULL in
    # "CASE WHEN ? IS NULL" resolves as SQLite resolves it (server-side binding cannot type it)
    raw = psycopg.connect(url, autocommit=True, connect_timeout=15, application_name="dateline",
                          cursor_factory=psycopg.ClientCursor)
    raw.adapters.register_loader("numeric", _NumericLoader)
    if readonly:
        raw.execute("SET default_transaction_read_only = on")
    return raw


class Connection:
    """A psycopg connection speaking dateline's SQL (see ``dateline.store.transpile``).

    Autocommit outside ``PostgresStore.transaction()``: each read sees what is committed. A
    connection the server dropped (restart, idle timeout) is replaced before the next statement
    outside a transaction, and a read that fails because it dropped is retried once, so a
    long-running API server outlives a database restart."""

    dialect = POSTGRES
    row_factory = Row  # not None: dateline.query.store.conn_of leaves it alone

    def __init__(self, raw: psycopg.Connection, url: str | None = None, readonly: bool = False):
        self.raw = raw
        self._url = url
        self._readonly = readonly
        self._tx_open = False  # PostgresStore.transaction() or an explicit BEGIN is open

    @property
    def in_transaction(self) -> bool:
        """As ``sqlite3.Connection.in_transaction``."""
        return self._tx_open or self.raw.info.transaction_status in (
            psycopg.pq.TransactionStatus.INTRANS, psycopg.pq.TransactionStatus.INERROR)

    def _revive(self) -> bool:
        """Reconnect when the connection is gone and no transaction is open; True if it did."""
        if self._tx_open or self._url is None or not (self.raw.closed or self.raw.broken):
            return False
        try:
            self.raw.close()
        except psycopg.Error:
            pass
        self.raw = _connect(self._url, self._readonly)
        return True

    def _run(self, call, query: str):
        self._revive()
        try:
            return call()
        except psycopg.OperationalError as exc:
            # only a read is repeated: a write may have committed before the connection dropped
            if self.raw.broken and query.lstrip()[:6].upper() == "SELECT" and self._revive():
                try:
                    return call()
                except psycopg.Error as again:
                    raise _store_error(again) from again
            raise _store_error(exc) from exc
        except psycopg.Error as exc:
            raise _store_error(exc) from exc

    def execute(self, sql: str, params=None) -> Cursor:
        verb = _TX_VERB.match(sql)
        if verb:
            return self._tx_statement(verb.group(1).upper(), (verb.group(2) or "").upper())
        query, args = translate(sql), _params(params)

        def call():
            cur = self.raw.cursor(row_factory=_row_factory)
            cur.execute(query, args)
            return Cursor(cur)

        return self._run(call, query)

    def executemany(self, sql: str, seq) -> Cursor:
        query, rows = translate(sql), [_params(p) for p in seq]

        def call():
            cur = self.raw.cursor(row_factory=_row_factory)
            if rows:
                cur.executemany(query, rows)
            return Cursor(cur)

        return self._run(call, query)

    def _tx_statement(self, verb: str, mode: str) -> Cursor:
        """SQLite's explicit BEGIN [IMMEDIATE|EXCLUSIVE] / COMMIT / ROLLBACK: an IMMEDIATE or
        EXCLUSIVE transaction takes the store's write lock, as it takes SQLite's."""
        try:
            if verb == "BEGIN":
                self._revive()
                self.raw.execute("BEGIN")
                self._tx_open = True
                if mode in ("IMMEDIATE", "EXCLUSIVE"):
                    self.raw.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_CLASS, WRITE_LOCK))
            else:
                self._tx_open = False
                self.raw.execute("ROLLBACK" if verb == "ROLLBACK" else "COMMIT")
        except psycopg.Error as exc:
            raise _store_error(exc) from exc
        return Cursor(self.raw.cursor())

    def close(self) -> None:
        self.raw.close()


class PostgresStore:
    """A PostgreSQL store (``dateline.store.base.Store``)."""

    dialect = POSTGRES

    def __init__(self, url: str, migrate: bool = True, readonly: bool = False):
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        self.url = url
        self.path = redact(url)
        try:
            raw = _connect(url, readonly)
        except psycopg.Error as exc:
            raise DatelineError("E400", f"cannot open store {self.path}: {str(exc).strip()}",
                                "check the postgresql:// URL and that the server is running") from exc
        self.conn = Connection(raw, url, readonly)
        if migrate and not readonly:
            try:
                self.migrate()
            except BaseException:
                raw.close()
                raise

    # -- migrations: one runner for both stores (dateline.store.base) ------------------------------------
    def applied_migrations(self) -> list[str]:
        return base.applied_migrations(self)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied, each in one transaction; returns their names.
        Several processes opening a new store at once apply each migration once."""
        return base.migrate(self)

    def execute_script(self, script: str) -> None:
        """Run a script written for PostgreSQL (a migration) as written, inside the open transaction."""
        try:
            self.conn.raw.execute(script.encode("utf-8"))  # no parameters: a % is the character
        except psycopg.Error as exc:
            raise _store_error(exc) from exc

    # -- transactions ---------------------------------------------------------------------------------
    def transaction(self):
        """``with store.transaction() as conn:`` one transaction holding the store's write lock."""
        return _Tx(self.conn)

    def close(self) -> None:
        if not self.conn.raw.closed:
            self.conn.raw.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Tx:
    def __init__(self, conn: Connection):
        self.conn = conn
        self._tx = None

    def __enter__(self) -> Connection:
        try:
            self.conn._revive()
            self._tx = self.conn.raw.transaction()
            self._tx.__enter__()
        except psycopg.Error as exc:
            raise _store_error(exc) from exc
        try:
            self.conn.raw.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_CLASS, WRITE_LOCK))
        except psycopg.Error as exc:
            self._tx.__exit__(type(exc), exc, exc.__traceback__)
            raise _store_error(exc) from exc
        self.conn._tx_open = True
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> bool:
        self.conn._tx_open = False
        try:
            return bool(self._tx.__exit__(exc_type, exc, tb))
        except psycopg.Error as err:  # the COMMIT itself failed
            raise _store_error(err) from err


__all__ = ["PostgresStore", "Row", "redact"]
