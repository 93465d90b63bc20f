"""The per-document time limit: ``dateline.timelimit`` and ``dateline.pipeline.within_time_limit``.

Deadlines here are short and the bounds generous (a loaded machine may be slow): the tests assert
that a runaway block is stopped with the right code, never how fast."""

from __future__ import annotations

import threading
import time

import pytest

from dateline.clean import clean_batch
from dateline.config import Config
from dateline.pipeline import extract_many, within_time_limit
from dateline.timelimit import DocumentTimeout, time_limit
from dateline.types import CleanDocument, FailedInput, InputRef, RawDocument


def spin(seconds: float = 60.0) -> None:
    """Python work that would run for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(1000))


def test_a_block_over_its_time_is_stopped_in_the_main_thread():
    t0 = time.monotonic()
    with pytest.raises(DocumentTimeout, match="took more than 0.2 s"):
        with time_limit(0.2):
            spin()
    assert time.monotonic() - t0 < 30


def test_a_block_within_its_time_keeps_its_result_and_nothing_fires_later():
    with time_limit(5):
        value = sum(range(1000))
    assert value == 499500
    for _ in range(2000):  # many short blocks; none of their timeouts may land afterwards
        with time_limit(0.05):
            pass
    spin(0.3)


def test_limits_work_in_worker_threads_each_on_its_own():
    outcome: dict[str, str] = {}

    def slow():
        try:
            with time_limit(0.2):
                spin()
            outcome["slow"] = "finished"
        except DocumentTimeout:
            outcome["slow"] = "stopped"

    def quick():
        with time_limit(30):
            spin(0.5)
        outcome["quick"] = "finished"

    threads = [threading.Thread(target=slow), threading.Thread(target=quick)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert outcome == {"slow": "stopped", "quick": "finished"}


def test_nested_limits_the_outer_one_wins_through_the_inner():
    with pytest.raises(DocumentTimeout, match="0.2 s"):
        with time_limit(0.2):
            with time_limit(30):
                spin()


def test_no_limit_when_zero():
    with time_limit(0):
        spin(0.1)


def _raw(name: str, content: str, kind: str = "html") -> RawDocument:
    return RawDocument(input=InputRef(path=name, format=kind), content=content, kind=kind, sha256=name * 4)


PARAGRAPHS = "".join(
    f"<p>The foreign ministers met on Tuesday in Geneva to discuss the crisis, officials said ({i}).</p>"
    for i in range(8)
)


def test_cleaning_a_pathological_page_fails_alone_with_E201():
    """A page of 200,000 <br> tags keeps trafilatura busy for many seconds: with a 0.5 s limit (and the
    tag cap off) it fails with E201, and the pages beside it in the batch are cleaned."""
    hostile = "<html><body><p>" + "word<br>" * 200_000 + "</p></body></html>"
    good = f"<html><head><title>Talks</title></head><body><article>{PARAGRAPHS}</article></body></html>"
    config = Config(doc_time_limit=0.5, max_html_tags=0)
    t0 = time.monotonic()
    out = clean_batch([_raw("a", good), _raw("b", hostile), _raw("c", good.replace("Geneva", "Vienna"))], config)
    assert time.monotonic() - t0 < 60
    assert isinstance(out[0], CleanDocument) and isinstance(out[2], CleanDocument)
    assert isinstance(out[1], FailedInput) and out[1].code == "E201"
    assert "doc_time_limit" in out[1].message and out[1].input.path == "b"


def test_a_page_over_max_html_tags_fails_before_it_is_parsed():
    hostile = "<html><body><p>" + "word<br>" * 1_000_000 + "</p></body></html>"
    good = f"<html><head><title>Talks</title></head><body><article>{PARAGRAPHS}</article></body></html>"
    t0 = time.monotonic()
    bad, ok = clean_batch([_raw("b", hostile), _raw("a", good)], Config(max_html_tags=100_000))
    assert time.monotonic() - t0 < 60  # not parsed: trafilatura would take minutes and gigabytes
    assert isinstance(bad, FailedInput) and bad.code == "E106" and "1,000,006 tags" in bad.message
    assert isinstance(ok, CleanDocument)


def test_within_time_limit_codes_by_stage_and_passes_other_errors():
    doc = _raw("x", "text", "text")
    config = Config(doc_time_limit=0.2)
    failed = within_time_limit("extract", doc, config, spin)
    assert isinstance(failed, FailedInput) and failed.code == "E302" and failed.sha256 == doc.sha256
    assert within_time_limit("clean", doc, config, lambda: 42) == 42
    with pytest.raises(ZeroDivisionError):
        within_time_limit("clean", doc, config, lambda: 1 / 0)
    assert within_time_limit("clean", doc, Config(doc_time_limit=0), spin, 0.3) is None


def test_extraction_over_the_limit_fails_alone_with_E302(nlp):
    docs = [CleanDocument(input=InputRef(path=n), body=f"Russia criticized the report on {n}.", sha256=n)
            for n in ("a", "b", "c")]

    def run(parsed, doc):
        if doc.input.path == "b":
            spin()
        return f"extracted {doc.input.path}"

    got = extract_many(docs, Config(doc_time_limit=0.3), run=run)
    assert got[id(docs[0])] == "extracted a" and got[id(docs[2])] == "extracted c"
    assert isinstance(got[id(docs[1])], FailedInput) and got[id(docs[1])].code == "E302"


def test_the_limit_is_a_validated_setting():
    from dateline.config import load_config
    from dateline.errors import DatelineError

    assert load_config(env={"DATELINE_DOC_TIME_LIMIT": "2.5"}).doc_time_limit == 2.5
    with pytest.raises(DatelineError) as e:
        load_config(env={"DATELINE_DOC_TIME_LIMIT": "-1"})
    assert e.value.code == "E500" and "doc_time_limit" in e.value.message
