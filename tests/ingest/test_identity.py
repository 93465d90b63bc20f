"""One identity per input: the canonical locator of a path, a file: URI, a URL."""

from __future__ import annotations

import os

from dateline.ingest.identity import canonical_path, given, locator
from dateline.types import InputRef


def test_a_file_written_several_ways_is_one_locator(tmp_path, monkeypatch):
    d = tmp_path / "news"
    d.mkdir()
    f = d / "a.txt"
    f.write_text("x")
    (tmp_path / "link").symlink_to(d)
    monkeypatch.chdir(tmp_path)
    real = os.path.realpath(f)
    for spelled in ("news/a.txt", "./news/a.txt", "news/../news/a.txt", str(f), "link/a.txt",
                    f"file:{f}", f"file://{f}", f"file://localhost{f}"):
        assert canonical_path(spelled) == real, spelled
    assert canonical_path("-") == "-"
    assert canonical_path("hdfs://nn/crawl/x.warc.gz") == "hdfs://nn/crawl/x.warc.gz"
    assert canonical_path("s3a://bucket/a b.warc.gz") == "s3a://bucket/a b.warc.gz"


def test_locator_and_given():
    url = InputRef(url="https://example.org/a?b=1", format="html")
    assert locator(url) == "https://example.org/a?b=1" == given(url)
    rel = InputRef(path="x/y.txt")
    assert locator(rel) == os.path.realpath("x/y.txt") and given(rel) == "x/y.txt"
