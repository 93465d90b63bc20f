"""``dateline extract`` (stateless, JSON Lines to stdout) and ``dateline ingest`` (into the store).

``run(items, writer, config)`` is the ingest loop other commands (watch, serve) can reuse:
clean every document, ask the writer which ones need NLP (not stored yet, not a copy of a
stored story), extract those in batches, and write each result in its own transaction.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator

import click

from dateline.cli.progress import RunProgress, estimate_total
from dateline.config import Config
from dateline.document import document_id
from dateline.errors import CODES, DatelineError
from dateline.ingest import iter_inputs
from dateline.ingest.common import check_published
from dateline.parallel import Stream
from dateline.parallel.stream import result_of
from dateline.store.redate import redate
from dateline.types import FailedInput, RawDocument


def check_published_option(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_published(value)
    except DatelineError as exc:
        raise click.BadParameter(exc.message) from exc


def input_options(f):
    f = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Processes that clean and extract (default: config jobs, the machine's cores up to 8; "
                          "1 = this process only). The output is the same for every N.")(f)
    f = click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Inputs larger than N bytes fail with E105 (default: config max_input_bytes, 20 MB).")(f)
    f = click.option("--strict", is_flag=True, help="Exit 1 when any input fails (default: only when all fail).")(f)
    f = click.option("--no-extract", is_flag=True,
                     help="Clean only; skip the NLP extractors (actors, quotes, events stay empty).")(f)
    f = click.option("--published", callback=check_published_option, default=None, metavar="DATE",
                     help="Publication date (ISO 8601) for documents that carry none of their own, e.g. crawl pages that print no year.")(f)
    return click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(f)


def _config(state, max_bytes: int | None, no_extract: bool) -> Config:
    return state.config.replace(max_input_bytes=max_bytes, extract=False if no_extract else None)


def failure_line(f: FailedInput) -> str:
    where = f.input.path or f.input.url or "-"
    if f.input.record:
        where += f"#{f.input.record}"
    hint = f.hint or CODES.get(f.code, ("", ""))[1]
    return f"error {f.code} {where}: {f.message} (hint: {hint})"


def run(items: Iterable, writer, config: Config, jobs: int = 1, status=None) -> Iterator[tuple]:
    """Yield ``(Result, status)`` for every input item, in input order, writing each to the store.

    Cleaning and extraction run in ``jobs`` processes (``dateline.parallel``); this process
    decides which documents need the extractors (``writer.needs_extraction``) and writes every
    result, one transaction each. ``status(text)`` hears of steps such as loading the model."""
    def decide(pairs: list) -> list[bool]:
        return [writer.needs_extraction(c, raw.sha256 if raw else None) for raw, c in pairs]

    stream = Stream(items, config, jobs=jobs, decide=decide, status=status)
    try:
        for p in stream:
            r, ran = p.result, p.ran
            if p.stale and r.ok and not ran and config.extract and writer.needs_extraction(
                    p.clean, r.raw.sha256 if r.raw else None):
                # decided while an earlier document's extraction was pending; that one failed, so
                # this one is no longer its copy: extract it, as a run in one process would
                ran = True
                r = result_of(r.raw or p.clean, p.clean, True, stream.extract_now(p.clean))
            if ran and not r.ok and p.clean is not None:  # the extraction failed: forget its reservation
                writer.index.discard(document_id(p.clean.body))
                stream.failed_extraction()
            yield r, writer.write(r, extracted=ran and r.ok, extraction=r.extraction)
    finally:
        stream.close()


def _jobs(state, jobs: int | None) -> int:
    return jobs if jobs is not None else state.config.jobs


def _counts(counts: Counter) -> str:
    return f"{counts['ok']} new, {counts['duplicate']} dup, {counts['failed']} failed"


def _forced(items, published: str):
    """Inputs whose date is ``published`` whatever they carry (``--published ... --force``)."""
    for item in items:
        if isinstance(item, RawDocument):
            item = dataclasses.replace(item, published=published, published_is_fallback=False)
        yield item


@click.command("ingest", short_help="Ingest inputs into the store (one transaction per article).")
@input_options
@click.option("--db", default=None, metavar="PATH", help="The store (overrides the global --db).")
@click.option("--force", is_flag=True,
              help="With --published: the date wins over the documents' own, and articles already stored "
                   "get it too (their events re-dated from their words, as `dateline fix` does).")
@click.pass_obj
def ingest_cmd(state, inputs, published, no_extract, strict, max_bytes, jobs, db, force):
    """Read INPUT... (files, directories, globs, JSONL, WARC/WET, feeds, URLs; - for stdin) into the store.

    Each article is one transaction; re-running changes nothing; exact and near-duplicate
    copies are linked to one story. With --jobs N, N processes clean and extract while this
    one writes; the store ends up the same for every N.
    Prints `ingested N, duplicates D, failed F in T s`."""
    from dateline.store.writer import Writer  # deferred: loads datasketch

    if force and not published:
        raise DatelineError("E501", "--force needs --published", "give the date: --published YYYY-MM-DD --force")
    config = _config(state, max_bytes, no_extract)
    jobs = _jobs(state, jobs)
    store = state.open_store(db, must_exist=False)
    counts: Counter = Counter()
    t0 = time.monotonic()
    tty = sys.stderr.isatty()
    progress = RunProgress("ingest", estimate_total(inputs) if tty else None, jobs, tty)
    items = iter_inputs(inputs, config, published)
    results = run(_forced(items, published) if force else items, Writer(store, config), config, jobs,
                  progress.set_step)
    stored: list[str] = []
    try:
        with stop_on_sigterm():
            for res, status in results:
                counts[status] += 1
                if force and status in ("unchanged", "duplicate") and res.ok:
                    stored.append(res.record["id"])
                if status == "failed":
                    progress.echo(failure_line(res.failure))
                progress.advance(_counts(counts))
        results.close()
        redated = _redate_stored(store, stored, published, config) if force else 0
    except KeyboardInterrupt as exc:
        progress.stop()
        click.echo(f"interrupted: {_summary(counts, time.monotonic() - t0)}; every article stored is complete, "
                   "run the same command again to finish", err=True)
        sys.exit(_exit_code(exc))
    finally:
        results.close()  # stops the workers
        progress.stop()
        store.close()
    line = _summary(counts, time.monotonic() - t0)
    if force and redated:
        line += f"; {redated} stored articles dated {published}"
    click.echo(line)
    succeeded = counts["ok"] + counts["duplicate"] + counts["unchanged"]
    if succeeded == 0 or (strict and counts["failed"]):
        sys.exit(1)


def _redate_stored(store, ids: list[str], published: str, config) -> int:
    """Give stored articles (met again under ``--force``) the date ``published``; their events re-dated."""
    n = 0
    for aid in dict.fromkeys(ids):
        row = store.conn.execute("SELECT published FROM articles WHERE id = ?", (aid,)).fetchone()
        if row is not None and row[0] != published:
            redate(store, aid, published, config)
            n += 1
    return n


def _summary(counts: Counter, dt: float) -> str:
    line = f"ingested {counts['ok']}, duplicates {counts['duplicate']}, failed {counts['failed']} in {dt:.1f} s"
    if counts["unchanged"]:
        line += f" ({counts['unchanged']} unchanged: already in the store)"
    return line


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main process like Ctrl-C's KeyboardInterrupt."""


def _exit_code(exc: KeyboardInterrupt) -> int:
    return 143 if isinstance(exc, Terminated) else 130  # 128 + SIGTERM / SIGINT, as a shell reports them


class stop_on_sigterm:
    """SIGTERM raises ``Terminated`` (a KeyboardInterrupt) in the main process, so a run stopped by
    ``kill`` or a service manager ends like Ctrl-C: the article being written rolls back, the
    workers stop, what was stored stays stored."""

    def __enter__(self):
        self._old = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGTERM, self._raise)
        return self

    @staticmethod
    def _raise(signum, frame):
        raise Terminated("SIGTERM")

    def __exit__(self, *exc):
        if self._old is not None:
            signal.signal(signal.SIGTERM, self._old)
        return False


@click.command("extract", short_help="Print dateline/1 JSON Lines for inputs (no store).")
@input_options
@click.pass_obj
def extract_cmd(state, inputs, published, no_extract, strict, max_bytes, jobs):
    """Print one dateline/1 JSON object per document of INPUT... as JSON Lines (no store).

    A document that fails gives an error object on its line ({"schema", "input", "error"})
    and one line on stderr; the run goes on. Lines come in input order for any --jobs."""
    config = _config(state, max_bytes, no_extract)
    jobs = _jobs(state, jobs)
    ok = failed = 0
    out = sys.stdout
    tty = sys.stderr.isatty()
    progress = RunProgress("extract", estimate_total(inputs) if tty else None, jobs, tty)
    stream = Stream(iter_inputs(inputs, config, published), config, jobs=jobs, status=progress.set_step)
    try:
        with stop_on_sigterm():
            for p in stream:
                res = p.result
                out.write(json.dumps(res.record, ensure_ascii=False) + "\n")
                if res.ok:
                    ok += 1
                else:
                    failed += 1
                    progress.echo(failure_line(res.failure))
                progress.advance(f"{failed} failed" if failed else "")
    except KeyboardInterrupt as exc:
        progress.stop()
        out.flush()
        click.echo(f"interrupted after {ok + failed} documents", err=True)
        sys.exit(_exit_code(exc))
    finally:
        stream.close()
        progress.stop()
    out.flush()
    if ok == 0 or (strict and failed):
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(ingest_cmd)
    group.add_command(extract_cmd)
