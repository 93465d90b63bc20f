"""What Spark runs inside its Python tasks: no pyspark import here, plain iterators in and out.

Reading, ``read_batches``: input items -> batches of documents. An item is ``("bin", file_index,
locator, name, data)`` (a whole file from ``binaryFiles``: WARC/WET archives are split into
records here, by the same readers ``dateline ingest`` uses) or ``("line", file_index, locator,
name, line_index, line_bytes)`` (one line of an uncompressed JSON Lines file). A batch is
``config.batch_size`` consecutive documents of one file, each with its input order ``ord``.

Pass 1, ``stage_rows``: a batch -> one staged row per document or failure. The batch is cleaned
by ``dateline.parallel.work.clean_docs``, the function ``dateline ingest``'s workers run (per-site
chrome learned per batch, a time limit a document, a failing document redone alone); each
document gets its ``dateline/1`` id, its day, its MinHash signature and its LSH band keys (the
store's, ``dateline.store.dedup``).

Pass 2, ``extract_arrow``: Arrow record batches of canonical articles -> Arrow record batches of
their extraction (``dateline.parallel.work.extract_docs``, as in the CLI's workers) with the rows
of the actors, mentions, quotes and events tables nested in each. The spaCy pipeline is loaded
once per Python process (``get_nlp`` is cached; ``dateline.scale.daemon`` loads it in the
executor's Python daemon before it forks the workers, so they share it).

A bad record never fails the job: it becomes a failure row with its code and reason.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
from collections.abc import Iterable, Iterator

from dateline.config import Config
from dateline.document import document_id
from dateline.errors import CODES
from dateline.ingest import identity
from dateline.ingest.common import Ctx, Origin, failed, human_bytes
from dateline.ingest.http import make_client
from dateline.ingest.jsonl import FORMAT, record_from_line
from dateline.ingest.sources import read_stream
from dateline.nlp.pipeline import load_model
from dateline.parallel import work
from dateline.scale.schema import EXTRACT_FIELDS, EXTRACTED_TABLES, STAGE_NAMES, arrow_schema
from dateline.scale.tables import day_of, extraction_rows
from dateline.types import CleanDocument, Dateline, FailedInput, InputRef, RawDocument

RECORD_BITS = 32  # ord = (file_index << 32) | record index inside the file


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


# -- batches -------------------------------------------------------------------------------
def read_batches(items: Iterable, config: Config, published: str | None = None) -> Iterator[list]:
    """Batches of ``(ord, RawDocument | FailedInput)``: ``config.batch_size`` consecutive documents
    of one input file (as the CLI cleans one batch: per-site chrome is learned within it)."""
    n = max(1, config.batch_size)
    for _, group in itertools.groupby(read_items(items, config, published), key=lambda od: od[0] >> RECORD_BITS):
        while batch := list(itertools.islice(group, n)):
            yield batch


# -- pass 1: clean and sign ----------------------------------------------------------------
def stage_failure_row(o: int, f: FailedInput, raw: RawDocument | None = None) -> tuple:
    inp = f.input
    sha = f.sha256 or (raw.sha256 if raw is not None else None)
    row = dict.fromkeys(_names(), None)
    row.update(ord=o, ok=False, locator=identity.locator(inp), record=inp.record, format=inp.format,
               input_path=inp.path, input_url=inp.url, sha256=sha, size=raw.size if raw is not None else None,
               fetched_at=raw.fetched_at if raw is not None else None, code=f.code, message=f.message,
               hint=f.hint or CODES.get(f.code, ("", None))[1])
    return tuple(row.values())


def _names() -> list[str]:
    return STAGE_NAMES


def _doc_row(o: int, clean: CleanDocument, raw: RawDocument | None, config: Config) -> tuple:
    import numpy as np  # deferred: numpy: MinHash signatures, Spark only

    from dateline.store.dedup import (  # deferred: loads datasketch
        band_keys,
        candidate_threshold,
        lsh_params,
        signature,
    )
    from dateline.store.writer import source_label  # deferred: loads datasketch

    inp = clean.input
    dl = clean.dateline
    sig = signature(clean.body, config)
    bands, rows = lsh_params(candidate_threshold(config.minhash_threshold), config.minhash_perm)
    row = dict.fromkeys(_names(), None)
    row.update(
        ord=o, ok=True, id=document_id(clean.body), locator=identity.locator(inp), record=inp.record,
        format=inp.format, input_path=inp.path, input_url=inp.url,
        sha256=(raw.sha256 if raw is not None else None) or clean.sha256,
        size=raw.size if raw is not None else None,
        fetched_at=(raw.fetched_at if raw is not None else None) or clean.fetched_at,
        url=clean.url, site=clean.site, section=clean.section, headline=clean.headline, byline=clean.byline,
        source=clean.source, news_code=clean.news_code, published=clean.published,
        dateline_place=dl.place if dl else None, dateline_date=dl.date if dl else None,
        dateline_agency=dl.agency if dl else None, dateline_start=dl.span[0] if dl else None,
        dateline_end=dl.span[1] if dl else None, language=clean.language, body=clean.body,
        notes=list(clean.notes), source_label=source_label(clean), published_date=day_of(clean.published),
        sig=np.asarray(sig.hashvalues, dtype=np.uint32).view(np.int32).tolist(),
        bands=[key for _, key in band_keys(sig, bands, rows)],
    )
    return tuple(row.values())


def stage_rows(batch: list[tuple[int, object]], config: Config) -> list[tuple]:
    """Pass 1 over one batch: a staged row (``schema.STAGE_FIELDS``) per document or failure."""
    raws = [(o, x) for o, x in batch if isinstance(x, RawDocument)]
    cleaned = iter(work.clean_docs([x for _, x in raws], config))
    out = []
    for o, x in batch:
        if isinstance(x, FailedInput):
            out.append(stage_failure_row(o, x))
            continue
        c = next(cleaned)
        out.append(stage_failure_row(o, c, x) if isinstance(c, FailedInput) else _doc_row(o, c, x, config))
    return out


def stage_partition(items: Iterable, config: Config, published: str | None = None) -> Iterator[tuple]:
    """Read and stage the items of one partition (files read and cleaned in the same task)."""
    for batch in read_batches(items, config, published):
        yield from stage_rows(batch, config)


def stage_batches(batches: Iterable[list], config: Config) -> Iterator[tuple]:
    """Stage batches read by another task (the records of a few large files spread over the tasks)."""
    for batch in batches:
        yield from stage_rows(batch, config)


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


def payload_data(ex) -> dict:
    """An ``Extraction`` as dateline/1 JSON data: actors (plus their aliases), quotes, events, notes."""
    actors = [{**a.to_json(), "aliases": list(a.aliases)} for a in ex.actors]
    return {"actors": actors, "quotes": [q.to_json() for q in ex.quotes],
            "events": [e.to_json() for e in ex.events], "notes": list(ex.notes)}


def extract_rows(rows: list[dict], config: Config) -> list[dict]:
    """Pass 2 over staged canonical articles (mappings with ``schema.EXTRACT_INPUT``): one
    ``schema.EXTRACT_FIELDS`` row each, its tables' rows nested."""
    out = []
    for r, ex in zip(rows, work.extract_docs([clean_from_row(r) for r in rows], config), strict=True):
        if isinstance(ex, FailedInput):
            out.append({"id": r["id"], "ok": False, "code": ex.code, "message": ex.message,
                        "hint": ex.hint or CODES[ex.code][1], "payload": None, "ext_notes": None,
                        **dict.fromkeys(EXTRACTED_TABLES)})
            continue
        data = payload_data(ex)
        out.append({"id": r["id"], "ok": True, "code": None, "message": None, "hint": None,
                    "payload": json.dumps(data, ensure_ascii=False), "ext_notes": list(ex.notes),
                    **extraction_rows(r, data)})
    return out


CHUNK = 8  # articles given to the extractors at a time (one nlp.pipe call)


def extract_arrow(batches: Iterable, config: Config) -> Iterator:
    """``DataFrame.mapInArrow`` over canonical articles: Arrow record batches in, Arrow record
    batches of ``schema.EXTRACT_FIELDS`` out (rows go from the JVM to Python and back a batch at a
    time, not one by one)."""
    import pyarrow as pa  # deferred: pyarrow: Parquet export and Spark tables only

    schema = arrow_schema(EXTRACT_FIELDS)
    for rb in batches:
        rows = rb.to_pylist()
        for i in range(0, len(rows), CHUNK):
            yield pa.RecordBatch.from_pylist(extract_rows(rows[i : i + CHUNK], config), schema=schema)


def nlp_loads() -> int:
    """How many times this process has loaded a spaCy pipeline (``load_model`` cache misses)."""
    return load_model.cache_info().misses
