"""A run killed with SIGKILL part-way leaves a consistent store; the next run completes the rest."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from stored_inputs import stored_inputs  # tests/: shared with the SIGTERM test

N_DOCS = 300


@pytest.mark.slow
def test_sigkill_mid_ingest_then_resume(invoke, tmp_path, polnear_dir, h):
    src = tmp_path / "docs"
    src.mkdir()
    files = sorted(polnear_dir.glob("*.txt"))[:N_DOCS]
    for i, f in enumerate(files):
        shutil.copy(f, src / f"{i:04d}.txt")
    db = tmp_path / "k.db"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dateline.cli.main", "--db", str(db), "ingest", "--no-extract", str(src)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and stored_inputs(db) < 40:
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before it could be killed: raise N_DOCS"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    done = stored_inputs(db, readonly=False)  # a read-write connection recovers the WAL the killed writer left
    assert 0 < done < N_DOCS

    # consistent: integrity ok, every stored input has its article and story, nothing half-written
    assert h.db_rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert h.db_rows(db, "SELECT count(*) FROM inputs i LEFT JOIN articles a ON a.id = i.article_id "
                         "WHERE i.status != 'failed' AND a.id IS NULL") == [(0,)]
    assert h.db_rows(db, "SELECT count(*) FROM articles a LEFT JOIN inputs i ON i.article_id = a.id "
                         "WHERE i.id IS NULL") == [(0,)]
    assert h.db_rows(db, "SELECT count(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
                         "WHERE s.id IS NULL") == [(0,)]
    assert h.db_rows(db, "SELECT count(*) FROM articles_fts") == h.db_rows(db, "SELECT count(*) FROM articles")

    r = invoke("--db", db, "ingest", "--no-extract", src)
    assert r.exit_code == 0, r.output
    assert f"({done} unchanged" in r.stdout
    assert h.db_rows(db, "SELECT count(*), count(DISTINCT locator) FROM inputs") == [(N_DOCS, N_DOCS)]
    assert h.db_rows(db, "SELECT count(*) FROM inputs WHERE status = 'failed'") == [(0,)]
    n_articles = h.db_rows(db, "SELECT count(*) FROM articles")[0][0]
    assert h.db_rows(db, "SELECT sum(n_inputs) FROM stories") == [(N_DOCS,)]
    assert h.db_rows(db, "SELECT sum(n_articles) FROM stories") == [(n_articles,)]
    assert h.db_rows(db, "PRAGMA integrity_check") == [("ok",)]
