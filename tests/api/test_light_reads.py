"""Light reads run on the event loop within a time budget; a slow one is interrupted and run again
in a worker thread, with the same answer."""

from __future__ import annotations

import asyncio
import threading

import pytest

from dateline.api import deps
from dateline.store import open_store

SLOW = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)"
        " SELECT count(*) FROM n")


def _run(store, sql, stats=None):
    seen = []

    def fn(s):
        seen.append(threading.get_ident())
        return s.conn.execute(sql).fetchone()[0]

    async def main():
        return await deps.run_light(store, fn, stats), threading.get_ident()

    value, loop_thread = asyncio.run(main())
    return value, loop_thread, seen


@pytest.mark.slow
def test_fast_read_runs_inline_and_slow_read_moves_to_a_thread(sample_db):
    store = open_store(sample_db, migrate=False)
    try:
        stats = deps.LightStats()
        value, loop_thread, seen = _run(store, "SELECT count(*) FROM articles", stats)
        assert value >= 1 and seen == [loop_thread] and (stats.inline, stats.moved) == (1, 0)
        value, loop_thread, seen = _run(store, SLOW, stats)
        assert (stats.inline, stats.moved) == (1, 1)
        assert value == 3000000
        assert seen[0] == loop_thread and len(seen) == 2 and seen[1] != loop_thread  # interrupted, then rerun
        # the handler is removed afterwards: the connection runs long queries unhindered
        assert store.conn.execute(SLOW).fetchone()[0] == 3000000
    finally:
        store.close()
