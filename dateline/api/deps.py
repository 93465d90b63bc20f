"""Request dependencies: the store pool, the config, paging and the common filter parameters."""

from __future__ import annotations

import queue
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Query, Request

from dateline.config import Config
from dateline.store import open_store


class StorePool:
    """A small pool of store connections shared by the worker threads.

    Each request borrows one connection and gives it back, so no connection is ever used by two
    threads at once (SQLite connections are opened with ``check_same_thread=False``).
    """

    def __init__(self, db: str, size: int = 64):
        self.db = db
        self.size = size
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self._all: list = []
        # open (and migrate) once up front, so every later connection sees the current schema
        first = open_store(db, migrate=True)
        self._track(first)
        self._idle.put(first)

    def _track(self, store) -> None:
        with self._lock:
            self._opened += 1
            self._all.append(store)

    def acquire(self):
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            can_open = self._opened < self.size
        if can_open:
            store = open_store(self.db, migrate=False)
            self._track(store)
            return store
        return self._idle.get(timeout=60)

    def release(self, store) -> None:
        self._idle.put(store)

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

    Async so it runs on the event loop (no thread hop); the pool is larger than the worker
    thread pool, so borrowing never waits in practice.
    """
    pool: StorePool = request.app.state.pool
    store = pool.acquire()
    try:
        yield store
    finally:
        pool.release(store)


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
