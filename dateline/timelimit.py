"""A time limit on a block of Python code, in any thread: ``with time_limit(seconds): ...``.

One watchdog thread per process keeps the deadlines of the blocks running now. When a block's
deadline passes, the watchdog raises ``DocumentTimeout`` in the thread running it
(``PyThreadState_SetAsyncExc``): the exception arrives at the next bytecode the thread runs, so a
block busy in Python code (trafilatura walking a million-node tree, an extractor looping) stops
within milliseconds, in the main thread, in the server's worker threads and in worker processes
alike (unlike SIGALRM, which only reaches the main thread). A block blocked inside one long C call
stops when that call returns.

``DocumentTimeout`` derives from ``BaseException`` so that the ``except Exception`` of the
libraries the block calls cannot swallow it; ``within_time_limit`` (below) turns it
into the document's coded failure. Blocks nest: an exception meant for an outer block passes
through the inner one.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import os
import threading
import time
from contextlib import contextmanager

from dateline.config import Config
from dateline.errors import CODES
from dateline.types import CleanDocument, FailedInput, RawDocument

_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_async_exc.restype = ctypes.c_int


def _raise_in(thread: int, exc: type[BaseException] | None) -> None:
    """Make ``thread`` raise ``exc`` at its next bytecode; ``None`` withdraws a pending one."""
    _async_exc(ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None)


class DocumentTimeout(BaseException):  # noqa: N818 - a timeout, like KeyboardInterrupt, not an "Error"
    """Raised inside a ``time_limit`` block whose time ran out."""


class _Entry:
    __slots__ = ("thread", "deadline", "state")

    def __init__(self, thread: int, deadline: float):
        self.thread, self.deadline, self.state = thread, deadline, "armed"  # -> "fired" | "done"


class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, _Entry]] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def arm(self, seconds: float) -> _Entry:
        entry = _Entry(threading.get_ident(), time.monotonic() + seconds)
        with self._cond:
            if self._pid != os.getpid():  # first use, or a forked worker process: a watchdog of its own
                self._heap = [x for x in self._heap if x[2].thread == entry.thread]  # the forking thread's blocks
                self._pid, self._thread = os.getpid(), None
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="dateline-time-limit", daemon=True)
                self._thread.start()
            heapq.heappush(self._heap, (entry.deadline, next(self._seq), entry))
            self._cond.notify()
        return entry

    def disarm(self, entry: _Entry) -> bool:
        """Stop watching ``entry``; True when it fired. A timeout fired but not yet delivered is
        withdrawn, so it never lands in the code that runs after the block."""
        with self._cond:
            fired = entry.state == "fired"
            if fired:
                _raise_in(entry.thread, None)
            entry.state = "done"
            if len(self._heap) > 1024:  # finished blocks wait at the top of the heap: drop them in bulk
                self._heap = [x for x in self._heap if x[2].state == "armed"]
                heapq.heapify(self._heap)
            return fired

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][2].state != "armed":
                    heapq.heappop(self._heap)  # finished blocks
                if not self._heap:
                    self._cond.wait()
                    continue
                deadline, _, entry = self._heap[0]
                now = time.monotonic()
                if now < deadline:
                    self._cond.wait(deadline - now)
                    continue
                heapq.heappop(self._heap)
                entry.state = "fired"
                _raise_in(entry.thread, DocumentTimeout)


_watchdog = _Watchdog()


@contextmanager
def time_limit(seconds: float | None):
    """Run the block for at most ``seconds`` (None or <= 0: no limit); raises ``DocumentTimeout``."""
    if not seconds or seconds <= 0:
        yield
        return
    entry = _watchdog.arm(seconds)
    try:
        yield
    except DocumentTimeout:
        mine = entry.state == "fired"
        _watchdog.disarm(entry)
        if mine:
            raise DocumentTimeout(f"took more than {seconds:g} s") from None
        raise  # an outer block's time ran out
    finally:
        # a block that finished (or failed otherwise) just as its time ran out keeps its outcome
        if entry.state != "done":
            _watchdog.disarm(entry)


TIMEOUT_CODES = {"clean": "E201", "extract": "E302"}


def within_time_limit(stage: str, doc: RawDocument | CleanDocument, config: Config, fn, *args,
                      seconds: float | None = None):
    """``fn(*args)`` for one document, or its FailedInput (E201 for ``stage="clean"``, E302 for
    ``"extract"``) when it takes longer than ``seconds`` (default ``config.doc_time_limit``; 0 = no
    limit). Other exceptions propagate: the caller decides what a bug costs. Works in any thread
    (``dateline.timelimit``)."""
    limit = config.doc_time_limit if seconds is None else seconds
    try:
        with time_limit(limit):
            return fn(*args)
    except DocumentTimeout:
        code = TIMEOUT_CODES[stage]
        return FailedInput(doc.input, code, f"{CODES[code][0]}: stopped after {limit:g} s (doc_time_limit)",
                           None, doc.sha256)
