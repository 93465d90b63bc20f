"""Two `dateline ingest` processes writing one SQLite store at the same time: both finish, nothing is
lost or stored twice, and the store is consistent (each article is one transaction; SQLite's lock
and busy timeout make the writers take turns)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

N_SHARED, N_OWN = 60, 40


@pytest.mark.slow
def test_two_cli_writers_on_one_store(tmp_path, polnear_dir, h):
    files = sorted(polnear_dir.glob("*.txt"))[: N_SHARED + 2 * N_OWN]
    shared, own_a, own_b = tmp_path / "shared", tmp_path / "a", tmp_path / "b"
    for d, part in ((shared, files[:N_SHARED]), (own_a, files[N_SHARED:N_SHARED + N_OWN]),
                    (own_b, files[N_SHARED + N_OWN:])):
        d.mkdir()
        for f in part:
            shutil.copy(f, d / f.name)
    db = tmp_path / "two.db"
    env = dict(os.environ, PYTHONUNBUFFERED="1")

    def start(own):
        return subprocess.Popen([sys.executable, "-m", "dateline.cli.main", "--db", str(db), "ingest",
                                 "--no-extract", str(shared), str(own)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    procs = [start(own_a), start(own_b)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "failed 0" in out, out
    # every input once, under its own locator; the shared ones written by one writer, found by the other
    total = N_SHARED + 2 * N_OWN
    assert h.db_rows(db, "SELECT count(*), count(DISTINCT locator) FROM inputs") == [(total, total)]
    assert h.db_rows(db, "SELECT count(*) FROM inputs WHERE status = 'failed'") == [(0,)]
    assert h.db_rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert h.db_rows(db, "SELECT count(*) FROM articles a LEFT JOIN inputs i ON i.article_id = a.id "
                         "WHERE i.id IS NULL") == [(0,)]
    assert h.db_rows(db, "SELECT sum(n_inputs) FROM stories") == [(total,)]
    assert h.db_rows(db, "SELECT count(*) FROM articles_fts") == h.db_rows(db, "SELECT count(*) FROM articles")
