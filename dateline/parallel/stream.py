"""An input stream processed in batches, on one core or many, with results in input order.

``Stream(items, config, jobs=N, decide=...)`` reads ``items`` (``RawDocument`` / ``FailedInput``)
lazily in batches of ``config.batch_size`` and yields one ``Processed`` per item, in input
order, whatever ``jobs`` is:

1. **clean** each batch as a whole (per-site chrome is learned within a batch, so batches are
   the same for every ``jobs``);
2. **decide**, in the main process and in input order, which clean documents need the
   extractors: ``decide([(raw, clean), ...]) -> [bool, ...]`` (``dateline ingest`` asks the store
   writer: not stored yet, not a copy of a stored or reserved story); default: all of them;
3. **extract** those, in chunks (the parser's output does not depend on how documents are
   grouped);
4. **yield** the batch's documents in order once all of its tasks are done.

With ``jobs == 1`` (or when the whole input fits in one batch) everything runs in this process,
batch after batch, as ``dateline ingest`` always has. With more, a ``WorkerPool`` cleans and
extracts; at most ``window`` batches are read ahead of the oldest one not yet yielded, so memory
stays flat on any stream. Decisions for a batch may then come before earlier batches are
written: the writer's reservations (``NearDuplicateIndex.reserve``) make them the same as in one
process, except after an extraction that failed; ``stale`` marks the documents decided before
such a failure was reported (``failed_extraction``), and ``extract_now`` extracts one of them
when the caller's second look says it needs it.

A task whose worker died or overran is split and retried document by document; a document that
still kills its worker fails alone (E200 while cleaning, E301 while extracting; E201 / E302 when
it was stopped for running past its deadline).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dateline.config import Config
from dateline.document import failure_record, to_dateline
from dateline.errors import CODES
from dateline.parallel import work
from dateline.parallel.pool import WorkerPool
from dateline.types import CleanDocument, Extraction, FailedInput, RawDocument

WAIT_SECONDS = 0.5  # how often the main loop wakes up to report progress while workers are busy


@dataclass(frozen=True)
class Processed:
    """One input item after the stream: ``result`` (a ``dateline.pipeline.Result``), whether the
    extractors ran on it, and ``stale`` (decided before an extraction failure was reported)."""

    result: object
    ran: bool = False
    clean: CleanDocument | None = None
    stale: bool = False


@dataclass
class _Batch:
    no: int
    items: list
    cleaned: list = field(default_factory=list)
    ran: list = field(default_factory=list)
    ext: dict = field(default_factory=dict)
    open: int = 0  # tasks not finished
    decided: bool = False
    epoch: int = 0


def _crash_failure(doc, kind: str, reason: str, timed_out: bool = False) -> FailedInput:
    if timed_out:  # stuck past its deadline: the time limit's own codes
        code = "E201" if kind == "clean" else "E302"
    else:
        code = "E200" if kind == "clean" else "E301"
    what = "cleaning" if kind == "clean" else "extracting"
    return FailedInput(doc.input, code, f"{reason} while {what} this document", CODES[code][1],
                       getattr(doc, "sha256", None))


def result_of(item, clean, ran: bool, ex) -> work.Result:
    """The ``Result`` of one item: a failure (reading, cleaning or extraction), or its record."""
    raw = item if isinstance(item, RawDocument) else None
    if isinstance(item, FailedInput):
        return work.Result(record=failure_record(item), failure=item)
    if isinstance(clean, FailedInput):
        return work.Result(record=failure_record(clean), raw=raw, failure=clean)
    if isinstance(ex, FailedInput):
        return work.Result(record=failure_record(ex), raw=raw, failure=ex)
    return work.Result(record=to_dateline(clean, ex if ran else None), clean=clean, raw=raw,
                  extraction=ex if ran else None)


class Stream:
    def __init__(self, items: Iterable, config: Config, jobs: int = 1, extract: bool | None = None,
                 decide: Callable[[list], list] | None = None, status: Callable[[str], None] | None = None,
                 window: int | None = None, chunk: int | None = None, pool_options: dict | None = None):
        self.items = iter(items)
        self.config = config
        self.jobs = max(1, int(jobs))
        self.extract = bool(config.extract if extract is None else extract)
        self.decide = decide
        self.status = status or (lambda text: None)
        self.size = max(1, config.batch_size)
        self.window = window or 2 * self.jobs + 1
        self.chunk = chunk or max(1, -(-self.size // 8))
        self.pool_options = pool_options or {}
        self.epoch = 0
        self.pool = None
        self._model = False  # the model is loaded in this process (inline mode)

    # -- what the caller tells the stream ---------------------------------------------
    def failed_extraction(self) -> None:
        """An extraction failure was just reported (written): later documents decided before it are stale."""
        self.epoch += 1

    def extract_now(self, clean: CleanDocument) -> Extraction | FailedInput:
        """Extract one document now (a stale decision turned out to need it)."""
        if self.pool is None:
            self._load_inline()
            return work.extract_docs([clean], self.config)[0]
        tid = self.pool.submit("extract", [clean], (-1,))
        while True:
            for done in self.pool.wait(WAIT_SECONDS):
                if done.tid == tid:
                    if done.crash is None:
                        return done.value[0]
                    return _crash_failure(clean, "extract", done.crash, done.timed_out)
                self._finished(done)

    # -- the main loop -----------------------------------------------------------------
    def __iter__(self) -> Iterator[Processed]:
        first = list(itertools.islice(self.items, self.size))
        if not first:
            return
        nxt = list(itertools.islice(self.items, 1))
        rest = itertools.chain(nxt, self.items)
        if self.jobs == 1 or not nxt:
            yield from self._inline(itertools.chain([first], self._batches(rest)))
            return
        yield from self._parallel(itertools.chain([first], self._batches(rest)))

    def _batches(self, items: Iterator) -> Iterator[list]:
        while batch := list(itertools.islice(items, self.size)):
            yield batch

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close(now=True)
            self.pool = None

    # -- one process -------------------------------------------------------------------
    def _load_inline(self) -> None:
        if not self._model:
            self.status("loading the language model")
            work.load_model(self.config)
            self._model = True
            self.status("")

    def _inline(self, batches: Iterator[list]) -> Iterator[Processed]:
        for no, items in enumerate(batches):
            b = _Batch(no, items)
            raws = [x for x in items if isinstance(x, RawDocument)]
            cleaned = iter(work.clean_docs(raws, self.config))
            b.cleaned = [next(cleaned) if isinstance(x, RawDocument) else x for x in items]
            need = self._decide(b)
            if need:
                self._load_inline()
            for i in range(0, len(need), self.chunk):  # chunks: fewer parsed documents held at once
                part = need[i : i + self.chunk]
                for pos, ex in zip(part, work.extract_docs([b.cleaned[p] for p in part], self.config), strict=True):
                    b.ext[pos] = ex
            yield from self._emit(b)

    # -- many processes ----------------------------------------------------------------
    def _parallel(self, batches: Iterator[list]) -> Iterator[Processed]:
        options = {"seconds_per_doc": work.time_limit(self.config), **self.pool_options}
        self.pool = WorkerPool(self.jobs, self.config, **options)
        self._open: dict[int, _Batch] = {}
        self._tasks: dict[int, tuple[int, list[int]]] = {}
        read = decided = emitted = 0
        more = True
        try:
            while True:
                while more and read - emitted < self.window:
                    items = next(batches, None)
                    if items is None:
                        more = False
                        break
                    self._start(_Batch(read, items))
                    read += 1
                while decided < read and self._open[decided].open == 0:
                    self._submit_extraction(self._open[decided])
                    decided += 1
                b = self._open.get(emitted)
                if b is not None and b.decided and b.open == 0:
                    del self._open[emitted]
                    emitted += 1
                    yield from self._emit(b)
                    continue
                if not more and emitted == read:
                    break
                for done in self.pool.wait(WAIT_SECONDS):
                    self._finished(done)
                loading = self.pool.model_loading
                self.status("loading the language model" if loading else "")
        finally:
            self.close()

    def _start(self, b: _Batch) -> None:
        b.cleaned = list(b.items)
        self._open[b.no] = b
        raws = [i for i, x in enumerate(b.items) if isinstance(x, RawDocument)]
        if raws:
            self._task(b, "clean", raws, (b.no, 0))

    def _task(self, b: _Batch, kind: str, positions: list[int], priority: tuple) -> None:
        src = b.items if kind == "clean" else b.cleaned
        tid = self.pool.submit(kind, [src[p] for p in positions], priority)
        self._tasks[tid] = (b.no, positions)
        b.open += 1

    def _submit_extraction(self, b: _Batch) -> None:
        need = self._decide(b)
        for i in range(0, len(need), self.chunk):
            self._task(b, "extract", need[i : i + self.chunk], (b.no, 1, i))

    def _finished(self, done) -> None:
        no, positions = self._tasks.pop(done.tid)
        b = self._open[no]
        b.open -= 1
        target = b.cleaned if done.kind == "clean" else b.ext
        if done.crash is None:
            for p, value in zip(positions, done.value, strict=True):
                target[p] = value
        elif len(positions) > 1:  # find the document at fault: one task each
            for p in positions:
                self._task(b, done.kind, [p], (b.no, 0 if done.kind == "clean" else 1, -1))
        else:
            target[positions[0]] = _crash_failure(done.docs[0], done.kind, done.crash, done.timed_out)

    # -- both ----------------------------------------------------------------------------
    def _decide(self, b: _Batch) -> list[int]:
        """Positions of the batch's clean documents to extract (and remember the decisions)."""
        b.decided, b.epoch = True, self.epoch
        goods = [i for i, c in enumerate(b.cleaned) if isinstance(c, CleanDocument)]
        b.ran = [False] * len(b.items)
        if not self.extract or not goods:
            return []
        if self.decide is None:
            flags = [True] * len(goods)
        else:
            flags = self.decide([(b.items[i], b.cleaned[i]) for i in goods])
        need = [i for i, f in zip(goods, flags, strict=True) if f]
        for i in need:
            b.ran[i] = True
        return need

    def _emit(self, b: _Batch) -> Iterator[Processed]:
        for i, item in enumerate(b.items):
            clean = b.cleaned[i]
            ran = b.ran[i]
            res = result_of(item, clean, ran, b.ext.get(i))
            yield Processed(res, ran, clean if isinstance(clean, CleanDocument) else None,
                            stale=b.epoch < self.epoch)
