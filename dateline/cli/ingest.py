"""``dateline extract`` (stateless, JSON Lines to stdout) and ``dateline ingest`` (into the store).

``run(items, writer, config)`` is the ingest loop other commands (watch, serve) can reuse:
clean every document, ask the writer which ones need NLP (not stored yet, not a copy of a
stored story), extract those in batches, and write each result in its own transaction.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator

import click

from dateline.cli.output import console
from dateline.config import Config
from dateline.document import failure_record, to_dateline
from dateline.errors import CODES, DatelineError
from dateline.ingest import iter_inputs
from dateline.ingest.common import check_published
from dateline.pipeline import Result, extract_many, process
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


def _batches(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


def run(items: Iterable, writer, config: Config) -> Iterator[tuple]:
    """Yield ``(Result, status)`` for every input item, writing each to the store."""
    do_extract = bool(config.extract)
    for batch in _batches(process(items, config, extract=False), max(1, config.batch_size)):
        need = []
        if do_extract:
            need = [r for r in batch if r.ok and writer.needs_extraction(r.clean, r.raw.sha256 if r.raw else None)]
        extractions = extract_many([r.clean for r in need], config) if need else {}
        wanted = {id(r) for r in need}
        for r in batch:
            ex = None
            ran = id(r) in wanted
            if ran:
                ex = extractions.get(id(r.clean))
                if isinstance(ex, FailedInput):
                    writer.index.discard(r.record["id"])
                    r = Result(record=failure_record(ex), raw=r.raw, failure=ex)
                    ex = None
                else:
                    r = Result(record=to_dateline(r.clean, ex), clean=r.clean, raw=r.raw)
            yield r, writer.write(r, extracted=ran, extraction=ex)


def _progress():
    from rich.progress import (  # deferred: rich: terminal output only
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(SpinnerColumn(), TextColumn("ingest", markup=False), TextColumn("{task.completed} inputs"),
                    TextColumn("{task.description}"), TimeElapsedColumn(), console=console(stderr=True),
                    transient=True)


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
def ingest_cmd(state, inputs, published, no_extract, strict, max_bytes, db, force):
    """Read INPUT... (files, directories, globs, JSONL, WARC/WET, feeds, URLs; - for stdin) into the store.

    Each article is one transaction; re-running changes nothing; exact and near-duplicate
    copies are linked to one story. Prints `ingested N, duplicates D, failed F in T s`."""
    from dateline.store.writer import Writer  # deferred: loads datasketch

    if force and not published:
        raise DatelineError("E501", "--force needs --published", "give the date: --published YYYY-MM-DD --force")
    config = _config(state, max_bytes, no_extract)
    store = state.open_store(db, must_exist=False)
    counts: Counter = Counter()
    t0 = time.monotonic()
    progress = _progress() if sys.stderr.isatty() else None
    try:
        task = progress.add_task("", total=None) if progress else None
        if progress:
            progress.start()
        writer = Writer(store, config)
        items = iter_inputs(inputs, config, published)
        stored: list[str] = []
        for res, status in run(_forced(items, published) if force else items, writer, config):
            counts[status] += 1
            if force and status in ("unchanged", "duplicate") and res.ok:
                stored.append(res.record["id"])
            if status == "failed":
                line = failure_line(res.failure)
                if progress:
                    progress.console.print(line, markup=False, highlight=False)
                else:
                    click.echo(line, err=True)
            if progress:
                progress.update(task, advance=1, description=f"{counts['ok']} new, {counts['duplicate']} dup, "
                                                             f"{counts['failed']} failed")
        redated = _redate_stored(store, stored, published, config) if force else 0
    finally:
        if progress:
            progress.stop()
        store.close()
    dt = time.monotonic() - t0
    line = f"ingested {counts['ok']}, duplicates {counts['duplicate']}, failed {counts['failed']} in {dt:.1f} s"
    if counts["unchanged"]:
        line += f" ({counts['unchanged']} unchanged: already in the store)"
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


@click.command("extract", short_help="Print dateline/1 JSON Lines for inputs (no store).")
@input_options
@click.pass_obj
def extract_cmd(state, inputs, published, no_extract, strict, max_bytes):
    """Print one dateline/1 JSON object per document of INPUT... as JSON Lines (no store).

    A document that fails gives an error object on its line ({"schema", "input", "error"})
    and one line on stderr; the run goes on."""
    config = _config(state, max_bytes, no_extract)
    ok = failed = 0
    out = sys.stdout
    for res in process(iter_inputs(inputs, config, published), config):
        out.write(json.dumps(res.record, ensure_ascii=False) + "\n")
        if res.ok:
            ok += 1
        else:
            failed += 1
            click.echo(failure_line(res.failure), err=True)
    out.flush()
    if ok == 0 or (strict and failed):
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(ingest_cmd)
    group.add_command(extract_cmd)
