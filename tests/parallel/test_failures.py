"""Failures stay per document: a document that kills its worker, hangs it, or overruns its time
limit fails alone (coded), the worker is replaced, the run goes on; SIGTERM stops a run cleanly."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from stored_inputs import stored_inputs  # tests/: shared with the SIGKILL test

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.parallel import Stream, work
from dateline.types import InputRef, RawDocument
from tests.parallel.conftest import texts

MARK = "Zanzibar-marker-17"


def _raws(shared_dir, n: int, marked: int) -> list[RawDocument]:
    out = []
    for i, t in enumerate(texts(shared_dir, n)):
        if i == marked:
            t = t.replace(". ", f". {MARK} ", 1)
        out.append(RawDocument(InputRef(path=f"doc{i:02d}.txt"), t, "text", hashlib.sha256(t.encode()).hexdigest()))
    return out


def _busy(seconds: float) -> None:
    """Work in Python for ``seconds`` (the time limit stops Python code, not one long C call)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        pass


def _run(raws, config: Config | None = None, **stream) -> list:
    config = config or Config(batch_size=4)
    s = Stream(raws, config, jobs=2, chunk=4, pool_options={"start_method": "fork", **stream.pop("pool", {})},
               **stream)
    try:
        return [p.result for p in s]
    finally:
        s.close()


def _patch_extract(monkeypatch, action):
    """Workers forked from this process run ``action()`` on the marked document's extraction."""
    original = work.extract_docs

    def extract_docs(cleans, config):
        if any(MARK in c.body for c in cleans):
            action()
        return original(cleans, config)

    monkeypatch.setattr(work, "extract_docs", extract_docs)


def test_a_document_that_kills_its_worker_fails_alone(monkeypatch, shared_dir, nlp):
    _patch_extract(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    results = _run(_raws(shared_dir, 12, marked=5))
    assert [r.ok for r in results] == [i != 5 for i in range(12)]
    f = results[5].failure
    assert f.code == "E301" and "killed by SIGKILL" in f.message and f.input.path == "doc05.txt"
    assert all(r.record["actors"] for r in results if r.ok)  # its chunk's neighbours were extracted again
    assert [r.record["input"]["path"] for r in results] == [f"doc{i:02d}.txt" for i in range(12)]


@pytest.mark.slow
def test_a_document_that_hangs_its_worker_is_stopped_by_the_deadline(monkeypatch, shared_dir, nlp):
    def hang():
        time.sleep(600)  # one long C call: the in-worker limit cannot interrupt it, the pool's deadline can

    _patch_extract(monkeypatch, hang)
    t0 = time.monotonic()
    results = _run(_raws(shared_dir, 8, marked=2), pool={"seconds_per_doc": 3.0, "grace": 10.0})
    assert time.monotonic() - t0 < 300
    assert [r.ok for r in results] == [i != 2 for i in range(8)]
    assert results[2].failure.code == "E302" and "did not finish within 13 s" in results[2].failure.message


def test_workers_that_keep_dying_stop_the_run_with_E303(monkeypatch, shared_dir):
    """Every task kills its worker (a broken native library, no memory at all): after a few
    replacements in a row that finish nothing, the run stops with E303 instead of looping."""
    monkeypatch.setattr(work, "run_task", lambda kind, docs, config: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(DatelineError) as err:
        _run(_raws(shared_dir, 8, marked=-1))
    assert err.value.code == "E303" and "killed by SIGKILL" in err.value.message


@pytest.mark.slow
def test_the_time_limit_fails_a_slow_document_inside_its_worker(monkeypatch, shared_dir, nlp):
    original = work.extract_document  # where extract_many calls the extractors

    def slow(parsed, doc, config=None):
        if MARK in doc.body:
            _busy(30)
        return original(parsed, doc, config)

    monkeypatch.setattr(work, "extract_document", slow)
    config = Config(batch_size=4, doc_time_limit=8)  # the pipeline's limit; the others take well under a second
    for results in (_run(_raws(shared_dir, 8, marked=6), config),  # in worker processes
                    list(__import__("dateline.pipeline").pipeline.process(_raws(shared_dir, 8, marked=6),
                                                                       config))):  # in this one
        assert [r.ok for r in results] == [i != 6 for i in range(8)]
        f = results[6].failure
        assert f.code == "E302" and "stopped after 8 s" in f.message


def test_cleaning_time_limit_and_a_cleaning_crash(monkeypatch, shared_dir):
    import dateline.clean.pipeline as clean_pipeline

    read = clean_pipeline._read

    def slow_read(raw):
        if MARK in raw.content:
            _busy(30)
        return read(raw)

    monkeypatch.setattr(clean_pipeline, "_read", slow_read)
    out = work.clean_docs(_raws(shared_dir, 4, marked=1), Config(doc_time_limit=2))
    assert [type(x).__name__ for x in out] == ["CleanDocument", "FailedInput", "CleanDocument", "CleanDocument"]
    assert out[1].code == "E201" and "stopped after 2 s" in out[1].message

    original = work.clean_batch  # where clean_docs calls it

    def clean_batch(raws, config, model=None):  # a batch that raises: redone one by one
        if any(MARK in r.content for r in raws):
            raise RuntimeError("the batch breaks")
        return original(raws, config, model)

    monkeypatch.setattr(work, "clean_batch", clean_batch)
    monkeypatch.setattr(clean_pipeline, "_read", read)
    out = work.clean_docs(_raws(shared_dir, 4, marked=1), Config())
    assert [type(x).__name__ for x in out] == ["CleanDocument", "FailedInput", "CleanDocument", "CleanDocument"]
    assert out[1].code == "E200" and "RuntimeError: the batch breaks" in out[1].message


def _workers(pid: int) -> set[int]:
    """The worker processes of ``pid`` (multiprocessing's resource tracker is not one)."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            try:
                if b"spawn_main" in Path(f"/proc/{kid}/cmdline").read_bytes():
                    out.add(kid)
            except OSError:
                pass
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_sigterm_stops_workers_and_a_rerun_completes(tmp_path, shared_dir):
    src = tmp_path / "docs"
    src.mkdir()
    for i, t in enumerate(texts(shared_dir, 40)):
        (src / f"{i:03d}.txt").write_text(t, "utf-8")
    db = tmp_path / "t.db"
    cmd = [sys.executable, "-m", "dateline.cli.main", "--db", str(db), "ingest", "--jobs", "2", str(src)]
    env = dict(os.environ, DATELINE_BATCH_SIZE="4")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    deadline = time.monotonic() + 300
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None and stored_inputs(db) < 6:
        workers |= _workers(proc.pid)
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be stopped"
    workers |= _workers(proc.pid)
    assert len(workers) >= 2
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "interrupted: ingested" in err and "run the same command again" in err
    assert not [pid for pid in workers if _alive(pid)]  # no worker left behind
    done = stored_inputs(db)
    assert 0 < done < 40

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=500)
    assert rerun.returncode == 0, rerun.stderr
    assert f"ingested {40 - done}," in rerun.stdout and f"({done} unchanged" in rerun.stdout
    import sqlite3

    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT locator) FROM inputs").fetchone() == (40, 40)
    assert conn.execute("SELECT count(*) FROM articles WHERE extracted = 0").fetchone() == (0,)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_memory_is_bounded_by_the_batches_in_flight(shared_dir):
    """A long stream is read only as far as the window of batches in flight."""
    base = _raws(shared_dir, 4, marked=-1)
    consumed = 0

    def endless():
        nonlocal consumed
        for i in range(100_000):
            consumed += 1
            r = base[i % 4]
            yield RawDocument(InputRef(path=f"s{i}.txt"), r.content + f" Story {i}.", "text", r.sha256)

    s = Stream(endless(), Config(batch_size=2, extract=False), jobs=2, pool_options={"start_method": "fork"})
    try:
        it = iter(s)
        for _ in range(30):
            next(it)
        assert consumed <= 30 + s.window * 2 + 1
    finally:
        s.close()
