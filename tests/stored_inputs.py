"""How many inputs a store holds while another process writes it (the kill and SIGTERM tests).

Read-only by default, so a probe never takes part in the writer's transaction; ``readonly=False``
opens it read-write, which recovers the WAL a killed writer left. A store not yet created, or
locked for longer than a second, counts as 0."""

from __future__ import annotations

import sqlite3


def stored_inputs(db, readonly: bool = True) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) if readonly else sqlite3.connect(db)
        try:
            return conn.execute("SELECT count(*) FROM inputs").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
