"""Worker processes for ``--jobs N``: each runs ``dateline.parallel.work`` on the batches it is sent.

``WorkerPool(jobs, config)`` starts ``jobs`` processes (``spawn``: a fresh interpreter each, no
state copied from the main process, which keeps the store). A task is a list of documents
and a kind ("clean" or "extract"); ``submit`` queues it by priority, ``wait`` hands queued
tasks to idle workers and returns the tasks that finished (``Done``).

* A worker loads the language model once, before its first extraction task, and tells the
  main process (``loading`` / ``loaded``), which shows it as a step of the progress line.
* A worker that dies while it holds a task (a crash in a native library, the kernel's OOM
  killer) or runs over the task's deadline (``doc_time_limit`` a document plus a grace, for a
  document stuck where the in-worker limit cannot interrupt it, inside one long C call) is killed and replaced; the task
  comes back as ``Done(crash=reason)`` so the caller can split it and fail only the document at
  fault. Workers that keep dying before finishing anything stop the run (E303).
* Workers ignore SIGINT: Ctrl-C reaches the main process, which stops them (``close``).
* A worker whose main process disappears (SIGKILL) finds its pipe closed and exits.
"""

from __future__ import annotations

import heapq
import itertools
import multiprocessing
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_any

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.parallel import work

GRACE_SECONDS = 60.0  # added to a task's deadline (``time_limit`` x documents) before its worker is killed
MAX_EARLY_DEATHS = 3  # per worker slot: deaths in a row without finishing a task, then E303


@dataclass(order=True)
class _Task:
    priority: tuple
    tid: int
    kind: str = field(compare=False)
    docs: list = field(compare=False)


@dataclass
class Done:
    """A finished task: ``value`` (one result per document, in order), or ``crash`` (why its worker
    was lost: it died or overran); ``kind`` and ``docs`` are the task's."""

    tid: int
    kind: str
    docs: list
    value: list | None = None
    crash: str | None = None
    timed_out: bool = False  # the worker was stopped for running over the task's deadline


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "the worker process stopped answering"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process was killed by {name}"
    return f"the worker process exited with status {code}"


def _worker_main(conn, config: Config) -> None:
    """A worker: receive ``(tid, kind, docs)``, send back ``("done", tid, results)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    loaded = False
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):  # the main process is gone
            return
        if msg is None:
            return
        tid, kind, docs = msg
        try:
            if kind == "extract" and not loaded:
                conn.send(("loading", tid))
                work.load_model(config)
                loaded = True
                conn.send(("loaded", tid))
            conn.send(("done", tid, work.run_task(kind, docs, config)))
        except DatelineError as exc:
            conn.send(("fatal", tid, (exc.code, exc.message, exc.hint)))
            return
        except Exception as exc:  # work.* fail per document; anything here is the batch's
            conn.send(("error", tid, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx, config: Config, slot: int):
        self.slot = slot
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, config), name=f"dateline-worker-{slot}",
                                daemon=True)
        self.proc.start()
        child.close()
        self.task: _Task | None = None
        self.deadline: float | None = None
        self.loading = False


class WorkerPool:
    def __init__(self, jobs: int, config: Config, seconds_per_doc: float, grace: float = GRACE_SECONDS,
                 start_method: str = "spawn"):
        self.config = config
        self.seconds = seconds_per_doc
        self.grace = grace
        self._ctx = multiprocessing.get_context(start_method)
        self._queue: list[_Task] = []
        self._ids = itertools.count()
        self._early = dict.fromkeys(range(jobs), 0)
        self.model_loading = False  # some worker is loading the language model, none has it yet
        self.model_loaded = False
        self.workers = [_Worker(self._ctx, config, i) for i in range(jobs)]

    # -- tasks -------------------------------------------------------------------------
    def submit(self, kind: str, docs: list, priority: tuple) -> int:
        tid = next(self._ids)
        heapq.heappush(self._queue, _Task(priority, tid, kind, docs))
        return tid

    @property
    def busy(self) -> int:
        return sum(w.task is not None for w in self.workers) + len(self._queue)

    def _deadline(self, task: _Task) -> float | None:
        if self.seconds <= 0:
            return None
        return time.monotonic() + self.seconds * max(1, len(task.docs)) + self.grace

    def _dispatch(self) -> None:
        for w in self.workers:
            if w.task is None and self._queue:
                task = heapq.heappop(self._queue)
                w.task, w.deadline = task, self._deadline(task)
                try:
                    w.conn.send((task.tid, task.kind, task.docs))
                except (BrokenPipeError, OSError):
                    pass  # it died: wait() sees its sentinel and gives the task back

    def wait(self, timeout: float | None = None) -> list[Done]:
        """Start queued tasks, then wait up to ``timeout`` s for any to finish (or a worker to die)."""
        self._dispatch()
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        now = time.monotonic()
        deadlines = [w.deadline for w in busy if w.deadline is not None and not w.loading]
        if deadlines:
            left = max(0.0, min(deadlines) - now)
            timeout = left if timeout is None else min(timeout, left)
        ready = wait_any([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout)
        out: list[Done] = []
        for w in busy:
            if w.conn in ready:
                out.extend(self._receive(w))
            elif w.proc.sentinel in ready:
                out.extend(self._lost(w))
        now = time.monotonic()
        for w in self.workers:
            if w.task is not None and w.deadline is not None and not w.loading and now > w.deadline:
                seconds = self.seconds * max(1, len(w.task.docs)) + self.grace
                out.extend(self._lost(w, f"the worker process did not finish within {seconds:.0f} s and was stopped",
                                      timed_out=True))
        return out

    def _receive(self, w: _Worker) -> list[Done]:
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                kind = msg[0]
                if kind == "loading":
                    w.loading = True
                    self.model_loading = not self.model_loaded
                elif kind == "loaded":
                    w.loading = False
                    self.model_loaded, self.model_loading = True, False
                    w.deadline = self._deadline(w.task) if w.task else None
                elif kind == "fatal":
                    code, message, hint = msg[2]
                    raise DatelineError(code, message, hint)
                else:
                    task, w.task, w.deadline = w.task, None, None
                    self._early[w.slot] = 0
                    if kind == "done":
                        return [Done(task.tid, task.kind, task.docs, value=msg[2])]
                    return [Done(task.tid, task.kind, task.docs, crash=msg[2])]
        except (EOFError, OSError):
            return self._lost(w)
        return []

    def _lost(self, w: _Worker, reason: str | None = None, timed_out: bool = False) -> list[Done]:
        """Kill and replace ``w``; its task comes back as crashed (``reason``: why; default, how it ended)."""
        task = w.task
        if reason is None:
            w.proc.join(timeout=5)  # it is dying: its exit status says how
        self._stop(w)
        reason = reason or _exit_reason(w.proc.exitcode)
        self._early[w.slot] += 1
        if self._early[w.slot] > MAX_EARLY_DEATHS:
            raise DatelineError("E303", f"worker processes keep dying ({reason})")
        self.workers[w.slot] = _Worker(self._ctx, self.config, w.slot)
        return [Done(task.tid, task.kind, task.docs, crash=reason, timed_out=timed_out)] if task else []

    # -- stopping ----------------------------------------------------------------------
    @staticmethod
    def _stop(w: _Worker) -> None:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=10)
        w.conn.close()

    def close(self, now: bool = False) -> None:
        """Stop every worker: ``now`` kills them (Ctrl-C, SIGTERM, an error), else they finish and exit."""
        for w in self.workers:
            if now or w.task is not None:
                if w.proc.is_alive():
                    w.proc.terminate()
            else:
                try:
                    w.conn.send(None)
                except (BrokenPipeError, OSError):
                    pass
        for w in self.workers:
            w.proc.join(timeout=3)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()
        self.workers = []
        self._queue.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close(now=exc[0] is not None)
