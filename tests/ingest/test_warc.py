"""WARC and WET archives, gzipped or not, written with warcio's own writer."""

from __future__ import annotations

import hashlib

import pytest

from dateline.config import Config
from dateline.ingest import iter_inputs
from dateline.types import FailedInput, RawDocument


def _pages(article_html, n=3):
    return [(f"https://www.example.com/news/{i}", article_html(f"Story {i}").encode("utf-8")) for i in range(n)]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_responses_become_html_documents(tmp_path, config, make_warc, article_html, gz):
    pages = _pages(article_html)
    path = make_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz, pages)
    docs = list(iter_inputs([str(path)], config))
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [d.url for d in docs] == [u for u, _ in pages]  # request, image, 404 and warcinfo skipped
    for d, (_, body) in zip(docs, pages, strict=True):
        assert d.kind == "html" and d.input.format == "warc" and d.input.path == str(path)
        assert d.content == body.decode("utf-8")
        assert d.sha256 == hashlib.sha256(body).hexdigest() and d.size == len(body)
        assert d.input.record.startswith("<urn:uuid:")
        assert d.published and d.published.endswith("Z") and d.published_is_fallback
        assert d.site == "www.example.com"
    assert len({d.input.record for d in docs}) == 3


@pytest.mark.parametrize("gz", [False, True])
def test_wet_conversion_records_become_text(tmp_path, config, make_warc, gz):
    wet = [("https://a.example.org/x", "TALLAHASSEE, Fla. (AP) — A converted page.\nSecond line."),
           ("https://b.example.org/y", "Another converted page.")]
    path = make_warc(tmp_path / ("c.warc.wet.gz" if gz else "c.wet"), gz, [], extra=False, wet=wet)
    docs = list(iter_inputs([str(path)], config))
    assert [(d.kind, d.input.format, d.url, d.content) for d in docs] == [
        ("text", "wet", u, t) for u, t in wet
    ]


def test_published_argument_replaces_the_warc_date(tmp_path, config, make_warc, article_html):
    path = make_warc(tmp_path / "c.warc", False, _pages(article_html, 1))
    (doc,) = iter_inputs([str(path)], config, published="2011-11-10")
    # the user's date replaces the crawl date, still as a fallback: a date printed in the page wins
    assert doc.published == "2011-11-10" and doc.published_is_fallback


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_archive_yields_what_was_readable_then_fails(tmp_path, config, make_warc, article_html, gz):
    path = make_warc(tmp_path / ("full.warc.gz" if gz else "full.warc"), gz, _pages(article_html, 6), extra=False)
    data = path.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: int(len(data) * 0.6)])
    items = list(iter_inputs([str(cut)], config))
    assert isinstance(items[-1], FailedInput) and items[-1].code == ("E104" if gz else "E107")
    good = items[:-1]
    assert 1 <= len(good) < 6 and all(isinstance(d, RawDocument) for d in good)
    assert [d.url for d in good] == [f"https://www.example.com/news/{i}" for i in range(len(good))]


def test_gzip_trailer_missing_is_reported(tmp_path, config, make_warc, article_html):
    path = make_warc(tmp_path / "full.warc.gz", True, _pages(article_html, 2), extra=False)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(path.read_bytes()[:-4])
    items = list(iter_inputs([str(cut)], config))
    assert [getattr(i, "code", "ok") for i in items] == ["ok", "ok", "E104"]


@pytest.mark.parametrize(
    "data",
    [
        b"WARC/1.0\r\nthis is not a header\r\n\r\nnor is this a record",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\nGARBAGE LINE\r\n\r\n",
    ],
)
def test_malformed_warc(tmp_path, config, data):
    (tmp_path / "bad.warc").write_bytes(data)
    items = list(iter_inputs([str(tmp_path / "bad.warc")], config))
    assert items and items[-1].code == "E107", items


def test_warc_named_file_that_is_not_a_warc(tmp_path, config):
    (tmp_path / "fake.warc").write_text("just some words in a file called .warc\n")
    items = list(iter_inputs([str(tmp_path / "fake.warc")], config))
    assert [i.code for i in items] == ["E107"]


def test_archive_without_documents_says_so(tmp_path, config, make_warc):
    path = make_warc(tmp_path / "only-extras.warc", False, [])
    items = list(iter_inputs([str(path)], config))
    assert [i.code for i in items] == ["E107"] and "no HTML or text" in items[0].message


def test_record_over_the_size_limit_is_skipped_not_the_archive(tmp_path, make_warc, article_html):
    pages = [("https://e.org/small", article_html("S", 2).encode()), ("https://e.org/big", article_html("B", 60).encode()),
             ("https://e.org/small2", article_html("S2", 2).encode())]
    path = make_warc(tmp_path / "mixed.warc.gz", True, pages, extra=False)
    items = list(iter_inputs([str(path)], Config(max_input_bytes=5000)))
    assert [getattr(i, "code", "ok") for i in items] == ["ok", "E105", "ok"]
    assert items[2].url == "https://e.org/small2"


def test_large_archive_streams_record_by_record(tmp_path, make_warc):
    import tracemalloc

    filler = "<p>" + "The delegations met again in Vienna on Thursday. " * 150 + "</p>"
    pages = [(f"https://e.org/{i}", f"<html><body><h1>{i}</h1>{filler}</body></html>".encode()) for i in range(1500)]
    path = make_warc(tmp_path / "big.warc.gz", True, pages, extra=False)
    total = sum(len(b) for _, b in pages)
    tracemalloc.start()
    try:
        n = sum(1 for d in iter_inputs([str(path)], Config()) if isinstance(d, RawDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 1500
    assert peak < total / 10, f"peak {peak} bytes for {total} bytes of pages: not streamed"
