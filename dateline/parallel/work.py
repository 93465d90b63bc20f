"""What a worker runs on one batch: clean, and extract, every document under the time limit.

The same functions run in every place documents are processed: inline in ``dateline ingest
--jobs 1`` and ``dateline.pipeline.process``, in the worker processes of ``--jobs N``
(``dateline.parallel.pool``), and inside the Spark job's partitions
(``dateline.scale.partitions``). They never raise for one document: a document that raises
or runs over the time limit becomes a ``FailedInput`` with its code, and its neighbours go on.

* ``clean_docs(raws, config)``: the batch is cleaned together (per-site chrome is learned
  within a batch); when the batch raises, it is redone document by document.
* ``extract_docs(cleans, config)``: one ``nlp.pipe`` over the documents, then the extractors on
  each; a failure of the parser redoes the documents one by one.

The time limit is the pipeline's (``config.doc_time_limit``, ``dateline.pipeline.within_time_limit``
inside ``clean_batch`` and ``extract_many``): E201 for cleaning, E302 for extraction. Only
``DatelineError`` E300 (no model) and E500 (bad configuration, e.g. a broken ``event_patterns``
file) stop a run: every document would fail the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.clean import clean_batch
from dateline.config import Config
from dateline.errors import CODES, DatelineError
from dateline.extract import extract_document
from dateline.nlp.pipeline import get_nlp
from dateline.timelimit import within_time_limit
from dateline.types import CleanDocument, Extraction, FailedInput, InputRef, RawDocument

FATAL = ("E300", "E500")  # errors that stop a run instead of failing one document


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


_WARM: set = set()


def warm_up(nlp, config: Config) -> None:
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
        warm_up(nlp, config)
    texts = [d.body[: config.nlp_max_chars] for d in english]
    for d, parsed in zip(english, nlp.pipe(texts, batch_size=config.batch_size), strict=True):
        try:
            out[id(d)] = within_time_limit("extract", d, config, run, parsed, d)
        except DatelineError as exc:
            out[id(d)] = FailedInput(d.input, exc.code, exc.message, exc.hint, d.sha256)
        except Exception as exc:  # an extractor bug (or a time limit) must not lose the batch
            out[id(d)] = FailedInput(d.input, "E301", f"{type(exc).__name__}: {exc}", None, d.sha256)
    return out


def time_limit(config: Config) -> float:
    """Seconds one document may take to be cleaned, and as long again for its extractors
    (``doc_time_limit``; 0: no limit). The worker pool gives a task this much a document, plus a
    grace, before it stops a worker stuck where the limit cannot reach."""
    return float(config.doc_time_limit or 0)


def _failed(doc, code: str, message: str) -> FailedInput:
    return FailedInput(doc.input, code, message, CODES[code][1], getattr(doc, "sha256", None))


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _batch_or_one_by_one(docs: list, batch, one, code: str, what: str) -> list:
    """``batch()`` (the whole list at once); when it raises, ``one(doc)`` for each document, so only
    the document at fault fails (``code``). E300/E500 stop the run wherever they come from."""
    try:
        return batch()
    except DatelineError as exc:
        if exc.code in FATAL:
            raise
    except Exception:
        pass
    out: list = []
    for doc in docs:
        try:
            out.extend(one(doc))
        except DatelineError as exc:
            if exc.code in FATAL:
                raise
            out.append(_failed(doc, exc.code, exc.message))
        except Exception as exc:
            out.append(_failed(doc, code, f"{what}{_reason(exc)}"))
    return out


# -- cleaning ------------------------------------------------------------------------------
def clean_docs(raws: list[RawDocument], config: Config) -> list[CleanDocument | FailedInput]:
    """``clean_batch`` on the batch (each document under ``doc_time_limit``: E201); redone one by
    one when the batch raises, so only the document at fault fails (E200)."""
    if not raws:
        return []
    return _batch_or_one_by_one(raws, lambda: clean_batch(raws, config), lambda raw: clean_batch([raw], config),
                                "E200", "cleaning failed: ")


# -- extraction ----------------------------------------------------------------------------
def load_model(config: Config) -> None:
    """Load what extraction needs once per process (spaCy pipeline, event patterns, the extractors'
    dictionaries, by one warm-up sentence): a missing model (E300) or a bad pattern file (E500)
    raises here, before any document, and no document's time limit pays for the loading."""
    from dateline.extract.events.lexicon import get_lexicon  # deferred: loads numpy (the learned check)

    get_lexicon(config.event_patterns)
    warm_up(get_nlp(config.model), config)


def _extract_batch(docs: list[CleanDocument], config: Config) -> list:
    got = extract_many(docs, config)
    return [got[id(d)] for d in docs]


def extract_docs(cleans: list[CleanDocument], config: Config) -> list[Extraction | FailedInput]:
    """Actors, quotes and events of each document (``Extraction``), or its failure: E302 past
    ``doc_time_limit``, E301 for an extractor's bug; when the batch itself raises (the parser),
    the documents are redone one by one."""
    if not cleans:
        return []
    return _batch_or_one_by_one(cleans, lambda: _extract_batch(cleans, config),
                                lambda doc: _extract_batch([doc], config), "E301", "")


# -- tasks (what the worker processes are sent) --------------------------------------------
def run_task(kind: str, docs: list, config: Config) -> list:
    """One task of a worker: ``kind`` is "clean" (raw documents) or "extract" (clean documents)."""
    if kind == "clean":
        return clean_docs(docs, config)
    if kind == "extract":
        return extract_docs(docs, config)
    raise ValueError(f"unknown task kind {kind!r}")
