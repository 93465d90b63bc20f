"""Run the stages over a stream: ingest -> clean -> nlp -> extract -> ``dateline/1`` dicts.

Streams: inputs are read lazily and processed in batches of ``config.batch_size`` so
memory stays flat on large JSONL/WARC inputs. Cleaning learns per-site chrome within
each batch; the NLP pipeline runs once per batch through ``nlp.pipe``. The batches are
run by ``dateline.parallel`` (in this process, or in worker processes with ``jobs``), where
``Result``, ``extract_many`` and ``warm_up`` live (``dateline.parallel.work``); they are
imported here under their old names.

Time: ``dateline.timelimit.within_time_limit`` runs one document's cleaning (``stage="clean"``) or extraction
(``"extract"``) under ``config.doc_time_limit`` seconds; past it the document fails alone
(E201 / E302) and the run goes on. Every caller that cleans or extracts documents (the CLI,
the server, parallel workers) gets the limit through ``clean_batch`` and ``extract_many``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dateline.config import Config
from dateline.parallel.stream import Stream
from dateline.parallel.work import Result, extract_many, warm_up
from dateline.timelimit import within_time_limit
from dateline.types import FailedInput, RawDocument

__all__ = ["Result", "extract_many", "process", "warm_up", "within_time_limit"]


def process(items: Iterable[RawDocument | FailedInput], config: Config, extract: bool | None = None,
            jobs: int = 1) -> Iterator[Result]:
    """Clean (and extract, unless disabled) every raw document; failures pass through as results.

    In input order; ``jobs`` > 1 cleans and extracts in worker processes (``dateline.parallel``)."""
    stream = Stream(items, config, jobs=jobs, extract=extract)
    try:
        for p in stream:
            yield p.result
    finally:
        stream.close()
