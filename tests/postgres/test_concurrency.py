"""Two processes writing into one PostgreSQL store at once: no duplicate articles, stories or
actors, no deadlock, and the store ends as a serial (SQLite) run of the same writes leaves it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.config import Config
from dateline.store import open_store
from dateline.store.writer import Writer

pytestmark = pytest.mark.postgres
PROC = Path(__file__).with_name("writer_proc.py")
ROUNDS = 3


def _summary(store) -> dict:
    c = store.conn
    q = lambda sql: [tuple(r) for r in c.execute(sql).fetchall()]  # noqa: E731
    return {
        "articles": q("SELECT id, story_id, is_canonical, extracted FROM articles ORDER BY id"),
        "stories": q("SELECT id, canonical_id, n_articles, n_inputs, sources FROM stories ORDER BY id"),
        "actors": q("SELECT norm_name, type, country, n_mentions, n_articles FROM actors ORDER BY norm_name, type"),
        "aliases": q("SELECT x.alias, a.norm_name FROM actor_aliases x JOIN actors a ON a.id = x.actor_id "
                     "ORDER BY x.alias, a.norm_name"),
        "titles": q("SELECT a.norm_name, t.title, t.n FROM actor_titles t JOIN actors a ON a.id = t.actor_id "
                    "ORDER BY a.norm_name, t.title"),
        "events": q("SELECT article_id, local_id, type, story_id FROM events ORDER BY article_id, local_id"),
        "quotes": q("SELECT article_id, local_id, text FROM quotes ORDER BY article_id, local_id"),
        "inputs": q("SELECT status, count(*) FROM inputs GROUP BY status ORDER BY status"),
    }


def test_two_writer_processes(pg_url, tmp_path, qfx):
    with open_store(pg_url):
        pass  # migrated before the race: the writers race on data, not on the schema
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROC.parents[1]), os.environ.get("PYTHONPATH")])))
    procs = [subprocess.Popen([sys.executable, str(PROC), pg_url, str(go), order, str(ROUNDS)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for order in ("fwd", "rev")]
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-3000:]
    # the same writes one after the other, into SQLite
    lite = open_store(str(tmp_path / "serial.db"))
    w = Writer(lite, Config())
    for order in ("fwd", "rev"):
        docs = list(qfx.DOCS) if order == "fwd" else list(reversed(qfx.DOCS))
        for r in range(ROUNDS):
            for d in docs:
                w.write(qfx.result(d, path=f"{order}/{r}/{d.key}.txt"))
            w.write(qfx.result(qfx.COPY, path=f"{order}/{r}/copy.txt", with_extraction=False), extracted=False)
    with open_store(pg_url) as pg:
        got, want = _summary(pg), _summary(lite)
        n_docs = len(qfx.DOCS)
        assert len(got["articles"]) == n_docs + 1  # each story once, plus its syndicated copy
        assert len(got["stories"]) == n_docs
        assert len({(a[0], a[1], a[2]) for a in got["actors"]}) == len(got["actors"])  # no actor twice
        assert dict(got["inputs"]) == {"duplicate": 2 * ROUNDS * (n_docs + 1) - n_docs, "ok": n_docs}
        assert got == want
    lite.close()
