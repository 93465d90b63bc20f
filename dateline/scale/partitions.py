"""What Spark runs inside ``mapPartitions``: no pyspark import here, plain iterators in and out.

Pass 1, ``stage_partition``: input items -> one staged row per document or failure.
An item is ``("bin", file_index, locator, name, data)`` (a whole file from ``binaryFiles``:
WARC/WET archives are split into records here, by the same readers ``dateline ingest`` uses)
or ``("line", file_index, locator, name, line_index, line_bytes)`` (one line of an
uncompressed JSON Lines file). Documents are cleaned in batches of ``config.batch_size``
(``dateline.pipeline.process`` without extraction, so per-site chrome is learned per batch as
in the CLI), given their ``dateline/1`` id and their MinHash signature (``dateline.store.dedup``).

Pass 2, ``extract_partition``: staged canonical articles -> extraction rows. The spaCy
pipeline comes from ``dateline.nlp.pipeline.get_nlp``, cached per Python worker process:
it is loaded once per executor worker (Spark reuses Python workers across tasks), never per
record.

A bad record never fails the job: whatever raises is caught per batch, retried one by one,
and what still fails becomes a failure row with its code and reason.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator

from dateline.config import Config
from dateline.errors import CODES, DatelineError
from dateline.extract import extract_document
from dateline.ingest.common import Ctx, Origin, failed, human_bytes
from dateline.ingest.http import make_client
from dateline.ingest.jsonl import FORMAT, record_from_line
from dateline.ingest.sources import read_stream
from dateline.nlp.pipeline import load_model
from dateline.pipeline import extract_many, process
from dateline.scale.schema import STAGE_NAMES
from dateline.types import CleanDocument, Dateline, FailedInput, InputRef, RawDocument

RECORD_BITS = 32  # ord = (file_index << 32) | record index inside the file
RECORD_SECONDS = 120  # a record that takes longer to clean or extract fails (E200 / E301) instead of stalling


class RecordTimeout(Exception):
    pass


def _limited(seconds: float, fn, *args):
    """``fn(*args)``, interrupted with ``RecordTimeout`` after ``seconds`` (SIGALRM; only in the main
    thread, where Spark's Python workers run tasks; elsewhere no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        return fn(*args)

    def alarm(signum, frame):
        raise RecordTimeout(f"took more than {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def make_ord(file_index: int, record_index: int) -> int:
    return (file_index << RECORD_BITS) | record_index


# -- reading -------------------------------------------------------------------------------
def _read_bin(item, ctx) -> Iterator[tuple[int, RawDocument | FailedInput]]:
    _, fidx, locator, name, data = item
    origin = Origin(path=locator, name=name)
    i = 0
    try:
        if not data:
            yield make_ord(fidx, 0), failed(origin.ref("text"), "E101", "the file is empty")
            return
        stream = io.BufferedReader(io.BytesIO(bytes(data)))
        for i, doc in enumerate(read_stream(stream, origin, ctx, size=len(data))):
            yield make_ord(fidx, i), doc
    except Exception as exc:  # a reader bug: report it against the input and go on
        yield make_ord(fidx, i + 1), failed(origin.ref("text"), "E113", f"could not be read ({type(exc).__name__}: {exc})")


def _read_line(item, ctx) -> Iterator[tuple[int, RawDocument | FailedInput]]:
    _, fidx, locator, name, index, line = item
    lineno = index + 1
    origin = Origin(path=locator, name=name)
    line = bytes(line).rstrip(b"\r\n")
    if not line.strip():
        return  # blank lines are skipped, as in the CLI
    limit = ctx.config.max_input_bytes
    if len(line) > limit:
        yield make_ord(fidx, lineno), failed(origin.ref(FORMAT, f"line {lineno}"), "E105",
                                             f"line {lineno} is over the limit of {human_bytes(limit)}")
        return
    try:
        yield make_ord(fidx, lineno), record_from_line(line, lineno, origin)
    except Exception as exc:
        yield make_ord(fidx, lineno), failed(origin.ref(FORMAT, f"line {lineno}"), "E113",
                                             f"could not be read ({type(exc).__name__}: {exc})")


def read_items(items: Iterable, config: Config, published: str | None = None) -> Iterator[tuple[int, object]]:
    """``(ord, RawDocument | FailedInput)`` for every document of the partition's items."""
    ctx = Ctx(config=config, published=published, make_client=make_client)
    for item in items:
        reader = _read_bin if item[0] == "bin" else _read_line
        for o, doc in reader(item, ctx):
            if published and isinstance(doc, RawDocument):
                doc = dataclasses.replace(doc, published=published, published_is_fallback=False)
            yield o, doc


# -- pass 1: clean and sign ----------------------------------------------------------------
def stage_failure_row(o: int, f: FailedInput, raw: RawDocument | None = None) -> tuple:
    inp = f.input
    sha = f.sha256 or (raw.sha256 if raw is not None else None)
    row = dict.fromkeys(_names(), None)
    row.update(ord=o, ok=False, locator=inp.path or inp.url or "", record=inp.record, format=inp.format,
               input_path=inp.path, input_url=inp.url, sha256=sha, size=raw.size if raw is not None else None,
               fetched_at=raw.fetched_at if raw is not None else None, code=f.code, message=f.message,
               hint=f.hint or CODES.get(f.code, ("", None))[1])
    return tuple(row.values())


def _names() -> list[str]:
    return STAGE_NAMES


def _doc_row(o: int, res, config: Config) -> tuple:
    from dateline.store.dedup import signature, to_blob  # deferred: loads datasketch
    from dateline.store.writer import source_label  # deferred: loads datasketch

    rec, clean, raw = res.record, res.clean, res.raw
    inp = clean.input
    dl = clean.dateline
    row = dict.fromkeys(_names(), None)
    row.update(
        ord=o, ok=True, id=rec["id"], locator=inp.path or inp.url or "", record=inp.record, format=inp.format,
        input_path=inp.path, input_url=inp.url,
        sha256=(raw.sha256 if raw is not None else None) or clean.sha256,
        size=raw.size if raw is not None else None,
        fetched_at=(raw.fetched_at if raw is not None else None) or clean.fetched_at,
        url=clean.url, site=clean.site, section=clean.section, headline=clean.headline, byline=clean.byline,
        source=clean.source, news_code=clean.news_code, published=clean.published,
        dateline_place=dl.place if dl else None, dateline_date=dl.date if dl else None,
        dateline_agency=dl.agency if dl else None, dateline_start=dl.span[0] if dl else None,
        dateline_end=dl.span[1] if dl else None, language=clean.language, body=clean.body,
        notes=list(clean.notes), source_label=source_label(clean),
        sig=to_blob(signature(clean.body, config)),
    )
    return tuple(row.values())


def _result_row(o: int, res, config: Config) -> tuple:
    if not res.ok:
        return stage_failure_row(o, res.failure, res.raw)
    return _doc_row(o, res, config)


def _clean_rows(batch: list[tuple[int, object]], config: Config) -> list[tuple]:
    ords = deque(o for o, _ in batch)
    return [_result_row(ords.popleft(), res, config) for res in process([x for _, x in batch], config, extract=False)]


def _one_by_one(batch: list[tuple[int, object]], config: Config, seconds: float) -> Iterator[tuple]:
    for o, item in batch:
        try:
            yield _limited(seconds, _clean_rows, [(o, item)], config)[0]
        except Exception as exc:
            inp = item.input
            raw = item if isinstance(item, RawDocument) else None
            f = failed(inp, "E200", f"cleaning failed: {type(exc).__name__}: {exc}", getattr(item, "sha256", None))
            yield stage_failure_row(o, f, raw)


def stage_partition(items: Iterable, config: Config, published: str | None = None,
                    seconds: float = RECORD_SECONDS) -> Iterator[tuple]:
    """Pass 1 over one partition: a staged row (``schema.STAGE_FIELDS``) per document or failure.
    A batch that raises or runs over ``seconds`` a record is redone record by record."""
    docs = read_items(items, config, published)
    n = max(1, config.batch_size)
    while batch := list(itertools.islice(docs, n)):
        try:
            rows = _limited(seconds * len(batch), _clean_rows, batch, config)
        except Exception:  # find the record that breaks the batch; the others go through
            rows = list(_one_by_one(batch, config, seconds))
        yield from rows


# -- pass 2: extract -------------------------------------------------------------------------
def clean_from_row(r) -> CleanDocument:
    """The ``CleanDocument`` a staged row was made from."""
    dl = None
    if r["dateline_start"] is not None:
        dl = Dateline(r["dateline_place"], r["dateline_date"], r["dateline_agency"],
                      (r["dateline_start"], r["dateline_end"]))
    return CleanDocument(
        input=InputRef(path=r["input_path"], url=r["input_url"], format=r["format"], record=r["record"]),
        body=r["body"], url=r["url"], site=r["site"], section=r["section"], headline=r["headline"],
        byline=r["byline"], source=r["source"], news_code=r["news_code"], published=r["published"],
        dateline=dl, language=r["language"], sha256=r["sha256"], fetched_at=r["fetched_at"],
        notes=tuple(r["notes"] or ()),
    )


def payload_of(ex) -> str:
    """JSON of an ``Extraction``: dateline/1 actors (plus their aliases), quotes, events and notes."""
    actors = [{**a.to_json(), "aliases": list(a.aliases)} for a in ex.actors]
    return json.dumps({"actors": actors, "quotes": [q.to_json() for q in ex.quotes],
                       "events": [e.to_json() for e in ex.events], "notes": list(ex.notes)},
                      ensure_ascii=False)


def _extract_docs(docs: list[CleanDocument], config: Config, seconds: float) -> dict:
    """``dateline.pipeline.extract_many`` with a time limit on each document's extractors."""
    return extract_many(docs, config, run=lambda parsed, doc: _limited(seconds, extract_document, parsed, doc, config))


def _extract_rows(rows: list, config: Config, seconds: float = RECORD_SECONDS) -> list[tuple]:
    docs = [clean_from_row(r) for r in rows]
    got = _extract_docs(docs, config, seconds)
    out = []
    for r, d in zip(rows, docs, strict=True):
        ex = got.get(id(d))
        if isinstance(ex, FailedInput):
            out.append((r["id"], False, ex.code, ex.message, ex.hint or CODES[ex.code][1], None))
        else:
            out.append((r["id"], True, None, None, None, payload_of(ex)))
    return out


def extract_partition(rows: Iterable, config: Config, seconds: float = RECORD_SECONDS) -> Iterator[tuple]:
    """Pass 2 over one partition of staged canonical articles: ``schema.EXTRACT_FIELDS`` rows.

    ``rows`` are mappings (``pyspark.sql.Row.asDict()`` or dicts) with the staged fields. Each
    document's extractors run under a ``seconds`` limit (over it: E301); a batch that raises is
    redone record by record."""
    it = iter(rows)
    n = max(1, config.batch_size)
    while batch := list(itertools.islice(it, n)):
        try:
            out = _extract_rows(batch, config, seconds)
        except DatelineError as exc:
            if exc.code == "E300":  # no model: every record would fail the same way; stop the job
                raise
            out = None
        except Exception:
            out = None
        if out is None:  # find the record that breaks the batch
            out = []
            for r in batch:
                try:
                    out.extend(_extract_rows([r], config, seconds))
                except Exception as exc:
                    out.append((r["id"], False, "E301", f"{type(exc).__name__}: {exc}", CODES["E301"][1], None))
        yield from out


def nlp_loads() -> int:
    """How many times this process has loaded a spaCy pipeline (``load_model`` cache misses)."""
    return load_model.cache_info().misses
