"""A small cache of search answers, valid only while the store is unchanged.

People repeat searches (the same names and topics all day), and a full-text search is the
costliest read the API serves (BM25 over every match, highlights over every hit's body). The
cache keeps the last ``size`` answers of one server process, keyed by every parameter of the
request, and drops them all as soon as the store changes.

A change is seen through SQLite itself: ``PRAGMA data_version`` of a connection moves when any
*other* connection (another process, the ingest writer) commits, and ``total_changes`` moves
when the connection itself writes. Each pooled connection's last seen pair is kept; the first
time a connection is seen, or whenever its pair moved, the cache is emptied. An answer computed
while the store changed is not kept: it is stored only if no change was seen since its
computation started (the cache's generation is the same). Only SQLite stores are cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any


class SearchCache:
    def __init__(self, max_bytes: int):
        self.size = max(0, int(max_bytes))
        self._entries: OrderedDict[tuple, tuple[Any, int]] = OrderedDict()
        self.nbytes = 0
        self._seen: dict[int, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self.generation = 0
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def usable(self, store) -> bool:
        return self.size > 0 and getattr(store, "dialect", "sqlite") == "sqlite"

    def validate(self, store) -> int:
        """Check the store through this connection (emptying the cache when it changed); the
        generation to pass to ``put`` for an answer computed from here on."""
        conn = store.conn
        state = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        with self._lock:
            if self._seen.get(id(conn)) != state:
                self._seen[id(conn)] = state
                self._entries.clear()
                self.nbytes = 0
                self.generation += 1
            return self.generation

    def get(self, store, key: tuple) -> Any | None:
        if not self.usable(store):
            return None
        self.validate(store)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: tuple, value: Any, generation: int, nbytes: int) -> None:
        """Keep ``value`` (about ``nbytes`` large), evicting the least recently used answers."""
        with self._lock:
            if generation != self.generation or nbytes > self.size:
                return  # the store changed while the answer was computed, or it is too large
            old = self._entries.pop(key, None)
            if old is not None:
                self.nbytes -= old[1]
            self._entries[key] = (value, nbytes)
            self.nbytes += nbytes
            while self.nbytes > self.size:
                self.nbytes -= self._entries.popitem(last=False)[1][1]
