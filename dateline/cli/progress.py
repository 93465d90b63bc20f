"""The progress line of ``dateline ingest`` and ``dateline extract`` (stderr, on a terminal only).

    ingest  1,234/5,000 docs · 11.8 docs/s · ETA 5m 19s · 1,200 new, 30 dup, 4 failed · 2 workers

Documents per second are counted across all workers (documents finished per wall-clock second
over the last ``RATE_WINDOW`` seconds); the total and the ETA appear when the input's size is
known before reading it (``estimate_total``: files and directories of single pages, and
uncompressed JSON Lines files, whose lines are counted; archives, feeds, URLs and stdin are not
known in advance). Before the first document the line names the step under way, e.g.
"loading the language model".
"""

from __future__ import annotations

import glob
import os
import time
import zlib
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import click

from dateline.cli.output import console
from dateline.ingest.common import is_http_url
from dateline.ingest.sniff import FEED, JSONL, WARC, sniff, strip_gz

RATE_WINDOW = 30.0  # seconds of history the rate is measured over
SCAN_SECONDS = 2.0  # the input pre-scan gives up (no total) after this long
_READ = 1 << 20


def _head(path: Path, n: int = 65536) -> tuple[bytes, bool]:
    with open(path, "rb") as f:
        head = f.read(n)
    if head[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(wbits=47).decompress(head, n), True
        except zlib.error:
            return b"", True
    return head, False


def _count_lines(path: Path) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(_READ):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def documents_in_file(path: Path) -> int | None:
    """How many documents ``dateline ingest`` reads from ``path``: 1 for a page, the lines of an
    uncompressed JSON Lines file (blank lines included: an estimate), None when it cannot be
    told without reading it all (WARC/WET, gzipped JSON Lines, feeds)."""
    head, gz = _head(path)
    if not head:
        return 1  # empty: one failure
    kind = sniff(head, strip_gz(path.name) if gz else path.name)
    if kind in (WARC, FEED) or (kind == JSONL and gz):
        return None
    if kind == JSONL:
        return _count_lines(path)
    return 1


def _files(spec: str) -> Iterable[Path] | None:
    path = Path(spec).expanduser()
    if path.is_dir():
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            yield from (Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    elif path.is_file():
        yield path
    else:
        yield from (Path(m) for m in sorted(glob.glob(os.path.expanduser(spec), recursive=True)) if Path(m).is_file())


def estimate_total(specs: Iterable[str], budget: float = SCAN_SECONDS) -> int | None:
    """The number of documents in ``specs`` when it can be told cheaply, else None."""
    t0 = time.monotonic()
    total = 0
    seen: set[str] = set()
    for spec in specs:
        spec = os.fspath(spec)
        if spec == "-" or is_http_url(spec) or "://" in spec:
            return None
        for f in _files(spec):
            if time.monotonic() - t0 > budget:
                return None
            key = str(f.resolve())
            if key in seen:
                continue
            seen.add(key)
            try:
                n = documents_in_file(f)
            except OSError:
                n = 1
            if n is None:
                return None
            total += n
    return total


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}h {s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s}s"


class Rate:
    """Documents per second over the last ``window`` seconds."""

    def __init__(self, window: float = RATE_WINDOW, clock=time.monotonic):
        self.window = window
        self.clock = clock
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, done: int) -> None:
        now = self.clock()
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[1][0] > self.window:
            self.samples.popleft()

    def per_second(self) -> float | None:
        if len(self.samples) < 2:
            return None
        (t0, d0), (t1, d1) = self.samples[0], self.samples[-1]
        return (d1 - d0) / (t1 - t0) if t1 > t0 else None


def line(done: int, total: int | None, rate: float | None, counts: str = "", step: str = "",
         workers: int = 1) -> str:
    """The text of the progress line (without the command's name)."""
    parts = [f"{done:,}/{total:,} docs" if total else f"{done:,} docs"]
    if step:
        parts.append(step)
    if rate:
        parts.append(f"{rate:.1f} docs/s")
        if total and total > done:
            parts.append(f"ETA {_duration((total - done) / rate)}")
    if counts:
        parts.append(counts)
    if workers > 1:
        parts.append(f"{workers} workers")
    return " · ".join(parts)


class RunProgress:
    """The live line on stderr (rich), or nothing when stderr is not a terminal."""

    def __init__(self, verb: str, total: int | None, workers: int, enabled: bool):
        self.verb, self.total, self.workers = verb, total, workers
        self.done = 0
        self.counts = ""
        self.step = ""
        self.rate = Rate()
        self.rate.add(0)
        self._p = None
        if enabled:
            from rich.progress import (  # deferred: rich: terminal output only
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._p = Progress(SpinnerColumn(), TextColumn(verb, markup=False),
                               TextColumn("{task.description}", markup=False), TimeElapsedColumn(),
                               console=console(stderr=True), transient=True)
            self._task = self._p.add_task(self._text(), total=None)
            self._p.start()

    def _text(self) -> str:
        return line(self.done, self.total, self.rate.per_second(), self.counts, self.step, self.workers)

    def _refresh(self) -> None:
        if self._p is not None:
            self._p.update(self._task, description=self._text())

    def set_step(self, step: str) -> None:
        if step != self.step:
            self.step = step
            self._refresh()

    def advance(self, counts: str = "") -> None:
        self.done += 1
        self.counts = counts
        self.rate.add(self.done)
        self._refresh()

    def echo(self, text: str) -> None:
        """A line above the progress line (or on stderr)."""
        if self._p is not None:
            self._p.console.print(text, markup=False, highlight=False)
        else:
            click.echo(text, err=True)

    def stop(self) -> None:
        if self._p is not None:
            self._p.stop()
            self._p = None
