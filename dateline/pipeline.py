"""Run the stages over a stream: ingest -> clean -> nlp -> extract -> ``dateline/1`` dicts.

Streams: inputs are read lazily and processed in batches of ``config.batch_size`` so
memory stays flat on large JSONL/WARC inputs. Cleaning learns per-site chrome within
each batch; the NLP pipeline runs once per batch through ``nlp.pipe``.

Time: ``dateline.timelimit.within_time_limit`` runs one document's cleaning (``stage="clean"``) or extraction
(``"extract"``) under ``config.doc_time_limit`` seconds; past it the document fails alone
(E201 / E302) and the run goes on. Every caller that cleans or extracts documents (the CLI,
the server, parallel workers) gets the limit through ``clean_batch`` and ``extract_many``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dateline.clean import clean_batch
from dateline.config import Config
from dateline.document import failure_record, to_dateline
from dateline.errors import DatelineError
from dateline.extract import extract_document
from dateline.nlp.pipeline import get_nlp
from dateline.timelimit import within_time_limit
from dateline.types import CleanDocument, Extraction, FailedInput, InputRef, RawDocument


@dataclass(frozen=True)
class Result:
    """One processed input: either ``record`` (a dateline/1 dict) with its clean doc, or a failure."""

    record: dict
    clean: CleanDocument | None = None
    raw: RawDocument | None = None
    failure: FailedInput | None = None
    extraction: Extraction | None = None  # the extractors' output (actors carry aliases the store uses)

    @property
    def ok(self) -> bool:
        return self.failure is None


def _batches(items: Iterable, n: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch


def process(items: Iterable[RawDocument | FailedInput], config: Config, extract: bool | None = None) -> Iterator[Result]:
    """Clean (and extract, unless disabled) every raw document; failures pass through as results."""
    do_extract = config.extract if extract is None else extract
    for batch in _batches(items, max(1, config.batch_size)):
        raws = [x for x in batch if isinstance(x, RawDocument)]
        cleaned = iter(clean_batch(raws, config))
        staged: list[tuple[RawDocument | None, CleanDocument | FailedInput]] = []
        for x in batch:
            staged.append((x, next(cleaned)) if isinstance(x, RawDocument) else (None, x))
        goods = [(r, c) for r, c in staged if isinstance(c, CleanDocument)]
        extractions = {}
        if do_extract and goods:
            extractions = extract_many([c for _, c in goods], config)
        for raw, c in staged:
            if isinstance(c, FailedInput):
                yield Result(record=failure_record(c), raw=raw, failure=c)
                continue
            ex = extractions.get(id(c))
            if isinstance(ex, FailedInput):
                yield Result(record=failure_record(ex), raw=raw, failure=ex)
                continue
            yield Result(record=to_dateline(c, ex), clean=c, raw=raw, extraction=ex)


_WARM: set = set()


def _warm_up(nlp, config: Config) -> None:
    """Run the extractors once per process (and pattern set) on one sentence, outside any time
    limit: the first document extracted loads the extractors' dictionaries (about 2 s), which
    is no fault of that document."""
    key = (id(nlp), config.event_patterns)
    if key in _WARM:
        return
    _WARM.add(key)
    doc = CleanDocument(input=InputRef(path="warm-up"), body="Russia criticized the report, Lavrov said on Monday.")
    try:
        extract_document(nlp(doc.body), doc, config)
    except Exception:  # noqa: BLE001 - a warm-up only; real documents report their own errors
        pass


def extract_many(docs: list[CleanDocument], config: Config, run=None) -> dict:
    """Run the extractors on clean documents; ``{id(doc): Extraction | FailedInput}``.

    ``run(parsed, doc)`` replaces ``extract_document`` (the Spark job wraps it in a time limit)."""
    run = run or (lambda parsed, doc: extract_document(parsed, doc, config))
    out: dict = {}
    english = [d for d in docs if (d.language or "en") == "en"]
    for d in docs:
        if (d.language or "en") != "en":
            out[id(d)] = Extraction(notes=(f"language {d.language!r}: extractors skipped (English only)",))
    if not english:
        return out
    from dateline.extract.events.lexicon import get_lexicon  # deferred: loads numpy (the learned check)

    get_lexicon(config.event_patterns)  # a bad pattern file is a config error (E500) once, not one per document
    nlp = get_nlp(config.model)
    if config.doc_time_limit:
        _warm_up(nlp, config)
    texts = [d.body[: config.nlp_max_chars] for d in english]
    for d, parsed in zip(english, nlp.pipe(texts, batch_size=config.batch_size), strict=True):
        try:
            out[id(d)] = within_time_limit("extract", d, config, run, parsed, d)
        except DatelineError as exc:
            out[id(d)] = FailedInput(d.input, exc.code, exc.message, exc.hint, d.sha256)
        except Exception as exc:  # an extractor bug (or a time limit) must not lose the batch
            out[id(d)] = FailedInput(d.input, "E301", f"{type(exc).__name__}: {exc}", None, d.sha256)
    return out
