"""Request dependencies: the store pool, the config, paging and the common filter parameters."""

from __future__ import annotations

import asyncio
import queue
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio
from fastapi import Query, Request
from fastapi.concurrency import run_in_threadpool

from dateline import query
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.store import open_store


class StorePool:
    """A small pool of store connections shared by the worker threads.

    Each request borrows one connection and gives it back, so no connection is ever used by two
    threads at once (SQLite connections are opened with ``check_same_thread=False``). The pool is
    bounded: a connection warms its own caches (SQLite pages, prepared statements), so a few busy
    connections serve better than many cold ones.

    The pool only reads: migrations run once, when the pool is made, and every pooled connection is
    read-only (SQLite ``PRAGMA query_only``; PostgreSQL ``default_transaction_read_only``). Writes go
    through the ingester's own connection (``get_write_store``).
    """

    def __init__(self, db: str, size: int = 8, cache_mb: int = 0, mmap_mb: int = 0):
        self.db = db
        self.size = size
        self.cache_mb, self.mmap_mb = cache_mb, mmap_mb
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self._all: list = []
        # migrate once up front, so every pooled connection sees the current schema
        open_store(db, migrate=True).close()
        first = self._tune(self._open_readonly())
        self._track(first)
        self._idle.put(first)

    def _open_readonly(self):
        if "://" in self.db:  # PostgreSQL: read-only transactions
            return open_store(self.db, migrate=False, readonly=True)
        store = open_store(self.db, migrate=False)
        store.conn.execute("PRAGMA query_only = ON")
        return store

    def _track(self, store) -> None:
        with self._lock:
            self._opened += 1
            self._all.append(store)

    def _tune(self, store):
        """A bigger page cache and memory-mapped reads for the server's SQLite connections."""
        if getattr(store, "dialect", "sqlite") == "sqlite":
            if self.cache_mb > 0:
                store.conn.execute(f"PRAGMA cache_size=-{int(self.cache_mb) * 1024}")
            if self.mmap_mb > 0:
                store.conn.execute(f"PRAGMA mmap_size={int(self.mmap_mb) * 1024 * 1024}")
        return store

    def try_acquire(self):
        """An idle (or newly opened) connection, or None when all ``size`` are in use."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened >= self.size:
                return None
            self._opened += 1
        store = self._tune(self._open_readonly())
        with self._lock:
            self._all.append(store)
        return store

    def acquire(self, timeout: float = 60):
        """Wait for a connection (blocking: call from a worker thread, never the event loop)."""
        store = self.try_acquire()
        if store is None:
            try:
                store = self._idle.get(timeout=timeout)
            except queue.Empty as exc:
                raise DatelineError("E400", f"no free store connection after {timeout:g} s") from exc
        return store

    def release(self, store) -> None:
        self._idle.put(store)

    def warm(self) -> int:
        """Open every connection and run a representative query on each, so that no request pays
        for a cold connection (SQLite schema parse, the query layer's per-connection checks)."""
        opened = []
        while (store := self.try_acquire()) is not None:
            opened.append(store)
        for store in opened:
            query.count_events(store, query.EventFilter(since="9999-12-31"), cap=1)
            query.count_quotes(store, query.QuoteFilter(since="9999-12-31"))
        for store in opened:
            self.release(store)
        return len(opened)

    def close(self) -> None:
        for store in self._all:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - closing at shutdown must not raise
                pass
        self._all.clear()


def get_config(request: Request) -> Config:
    return request.app.state.config


async def get_store(request: Request) -> AsyncIterator:
    """Borrow a store connection for the duration of one request.

    Async so the common case (an idle connection) costs no thread hop; when all connections are
    busy the wait happens in a worker thread, never on the event loop.
    """
    pool: StorePool = request.app.state.pool
    store = pool.try_acquire()
    if store is None:
        store = await run_in_threadpool(pool.acquire)
    try:
        yield store
    finally:
        pool.release(store)


def get_write_store(request: Request):
    """The server's one write connection (the ingester's), held for the duration of one request that
    writes (creating or removing a watch); writers take turns."""
    with request.app.state.ingester.writing() as store:
        yield store


# A light read runs on the event loop when it finishes within this budget of SQLite VM steps
# (about 5 ms of SQLite's work on the development machine; counted in steps, not time, so a wait
# for the interpreter lock does not count against it), and within LIGHT_WALL_S of wall time (a
# guard against cold disk reads holding the loop). Past either, SQLite interrupts it and it runs
# again in a worker thread.
_PROGRESS_STEPS = 1_000  # SQLite VM instructions between two calls of the progress handler
LIGHT_BUDGET_CALLS = 100  # ... and how many calls a light read may take (100,000 steps)
LIGHT_WALL_S = 0.05


@dataclass
class LightStats:
    """How light reads ran in this process: inline on the event loop, or moved to a thread."""

    inline: int = 0
    moved: int = 0


async def run_light(store, fn, stats: LightStats | None = None):
    """``fn(store)`` for a read that is usually fast (an indexed page of events, one event).

    On SQLite it first runs inline with a progress handler that interrupts it once it has taken
    ``LIGHT_BUDGET_CALLS`` x ``_PROGRESS_STEPS`` VM steps or ``LIGHT_WALL_S`` seconds; an
    interrupted read is run again from the start in a worker thread (reads have no side
    effects). Other stores always run in a worker thread.
    """
    conn = getattr(store, "conn", None)
    if getattr(store, "dialect", "sqlite") == "sqlite" and isinstance(conn, sqlite3.Connection):
        deadline = time.perf_counter() + LIGHT_WALL_S
        calls = [0]

        def progress() -> bool:
            calls[0] += 1
            return calls[0] > LIGHT_BUDGET_CALLS or time.perf_counter() > deadline

        conn.set_progress_handler(progress, _PROGRESS_STEPS)
        try:
            result = fn(store)
            if stats is not None:
                stats.inline += 1
            return result
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                raise
        finally:
            conn.set_progress_handler(None, 0)
    if stats is not None:
        stats.moved += 1
    return await run_in_threadpool(fn, store)




async def run_heavy(request: Request, fn):
    """Run ``fn(store)`` in a worker thread under the heavy-query limiter; returns its result.

    Full-text searches cost several times an event query (BM25 over every match). At most
    ``search_concurrency`` of them run at once per worker process; the others wait their turn
    without holding a store connection, so cheap reads are not starved of the interpreter by a
    crowd of searches (a bulkhead)."""
    app = request.app
    loop = id(asyncio.get_running_loop())
    limiter = getattr(app.state, "heavy_limiter", None)
    if limiter is None or limiter[0] != loop:
        limiter = (loop, anyio.CapacityLimiter(app.state.config.search_concurrency))
        app.state.heavy_limiter = limiter
    pool: StorePool = app.state.pool

    def work():
        store = pool.acquire()
        try:
            return fn(store)
        finally:
            pool.release(store)

    return await anyio.to_thread.run_sync(work, limiter=limiter[1])


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def page_params(max_size: int, default: int = 50):
    """A dependency reading ``limit`` (1..max_size) and ``offset`` (>= 0)."""

    async def dep(
        limit: int = Query(default, ge=1, le=max_size, description=f"page size (at most {max_size})"),
        offset: int = Query(0, ge=0, le=10_000_000, description="number of items to skip"),
    ) -> Page:
        return Page(limit=limit, offset=offset)

    return dep
