"""A small cache of search answers, valid only while the store is unchanged.

People repeat searches (the same names and topics all day), and a full-text search is the
costliest read the API serves (BM25 over every match, highlights over every hit's body). The
cache keeps the last ``size`` answers of one server process, keyed by every parameter of the
request, and drops them all as soon as the store changes.

A change is seen through SQLite itself: the cache keeps one read-only connection of its own,
whose ``PRAGMA data_version`` moves whenever any other connection commits (another process,
the ingest writer, a pooled connection). When it moved since the last check, the cache is
emptied. An answer computed while the store changed is not kept: it is stored only if no
change was seen since its computation started (the cache's generation is the same). Any
commit empties it, also one that does not touch articles (a watch's delivery mark). Only
SQLite stores are cached.

Memory: an entry is counted as its encoded JSON (kept as exact-size ``bytes``), its key and a
fixed overhead; at most one entry per 2 KB of the budget; answers without hits are not kept
(they are cheap to compute, and would let anyone fill the cache with made-up words).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

ENTRY_OVERHEAD = 600  # bytes of Python objects per entry beyond its JSON and key (tuple, dict slot, Fragment)


class SearchCache:
    def __init__(self, max_bytes: int, db: str | None = None):
        self.size = max(0, int(max_bytes))
        self.max_entries = self.size // 2048
        self._entries: OrderedDict[tuple, tuple[tuple, int]] = OrderedDict()
        self.nbytes = 0
        self._lock = threading.Lock()
        self.generation = 0
        self.hits = self.misses = 0
        self._version: int | None = None
        self._watch: sqlite3.Connection | None = None
        if self.size and db and "://" not in db and Path(db).exists():
            try:
                self._watch = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True,
                                              check_same_thread=False)
            except sqlite3.Error:
                self._watch = None

    def __len__(self) -> int:
        return len(self._entries)

    def usable(self) -> bool:
        return self._watch is not None

    def validate(self) -> int:
        """Empty the cache when the store changed since the last check; the generation to pass to
        ``put`` for an answer computed from here on."""
        with self._lock:
            try:
                version = self._watch.execute("PRAGMA data_version").fetchone()[0]
            except (sqlite3.Error, AttributeError):  # unreadable (or closed): no caching from now on
                self._watch, version = None, None
            if version is None or version != self._version:
                self._version = version
                self._entries.clear()
                self.nbytes = 0
                self.generation += 1
            return self.generation

    def get(self, key: tuple) -> tuple | None:
        """``(items_json, n, total, facets_json)`` as put, or None."""
        if not self.usable():
            return None
        self.validate()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry[0]

    def put(self, key: tuple, items_json: bytes, n: int, total: int, facets_json: bytes, generation: int) -> None:
        """Keep an answer, evicting the least recently used ones beyond the budget."""
        if not n:
            return
        items_json, facets_json = bytes(memoryview(items_json)), bytes(memoryview(facets_json))  # exact size
        nbytes = len(items_json) + len(facets_json) + len(repr(key)) + ENTRY_OVERHEAD
        with self._lock:
            if self._watch is None or generation != self.generation or nbytes > self.size:
                return  # the store changed while the answer was computed, or it is too large
            old = self._entries.pop(key, None)
            if old is not None:
                self.nbytes -= old[1]
            self._entries[key] = ((items_json, n, total, facets_json), nbytes)
            self.nbytes += nbytes
            while self.nbytes > self.size or len(self._entries) > self.max_entries:
                self.nbytes -= self._entries.popitem(last=False)[1][1]

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
