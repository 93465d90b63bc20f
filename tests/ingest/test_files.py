"""Files, directories, globs: plain text, HTML, .html.gz, and every bad-file case."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import sys

import pytest

from dateline.config import Config
from dateline.ingest import iter_inputs
from dateline.types import FailedInput, RawDocument


def read(specs, config, **kw):
    return list(iter_inputs([str(s) for s in specs], config, **kw))


def one(spec, config, **kw):
    items = read([spec], config, **kw)
    assert len(items) == 1, items
    return items[0]


def test_sample_is_read_as_text_with_its_sha256(sample_path):
    doc = one(sample_path, Config())
    raw = sample_path.read_bytes()
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text" and doc.input.format == "text"
    assert doc.input.path == str(sample_path) and doc.input.url is None
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.size == len(raw)
    assert doc.content == raw.decode("utf-8")
    assert "Moscow, Nov 10, IRNA --" in doc.content
    assert doc.fetched_at.endswith("Z") and doc.fetched_at[:2] == "20"
    assert doc.published is None and doc.url is None


def test_published_argument_fills_undated_documents(sample_path, tmp_path, config, article_html):
    (tmp_path / "a.html").write_text(article_html("A"), "utf-8")
    items = read([sample_path, tmp_path / "a.html"], config, published="2011-11-10")
    assert [d.published for d in items] == ["2011-11-10", "2011-11-10"]
    assert all(d.published_is_fallback for d in items)  # a date printed in the page still wins in cleaning


def test_html_file_is_kept_raw(tmp_path, config, article_html):
    page = article_html("Talks resume")
    (tmp_path / "story.html").write_text(page, "utf-8")
    doc = one(tmp_path / "story.html", config)
    assert doc.kind == "html" and doc.input.format == "html"
    assert doc.content == page
    assert doc.sha256 == hashlib.sha256(page.encode()).hexdigest()


def test_html_gz_is_decompressed_and_hashed_as_stored(tmp_path, config, article_html):
    page = article_html("Compressed")
    stored = gzip.compress(page.encode("utf-8"))
    (tmp_path / "story.html.gz").write_bytes(stored)
    doc = one(tmp_path / "story.html.gz", config)
    assert doc.kind == "html" and doc.content == page
    assert doc.sha256 == hashlib.sha256(stored).hexdigest() and doc.size == len(stored)


def test_html_is_sniffed_without_an_extension(tmp_path, config, article_html):
    (tmp_path / "page").write_text(article_html("No extension"), "utf-8")
    (tmp_path / "notes.txt").write_text("Plain words about <b>nothing</b> much.\n", "utf-8")
    kinds = {os.path.basename(d.input.path): d.kind for d in read([tmp_path], config)}
    assert kinds == {"page": "html", "notes.txt": "text"}


def test_directories_are_read_recursively_in_order_and_globs_expand(tmp_path, config, article_html):
    for rel in ["b/2.txt", "a/1.txt", "a/deep/3.txt", "c.html", ".hidden/4.txt", "a/.5.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(article_html(rel) if rel.endswith(".html") else f"Text of {rel}.\n", "utf-8")
    names = [os.path.relpath(d.input.path, tmp_path) for d in read([tmp_path], config)]
    assert names == ["c.html", "a/1.txt", "a/deep/3.txt", "b/2.txt"]  # hidden files skipped
    globbed = [os.path.relpath(d.input.path, tmp_path) for d in read([f"{tmp_path}/**/*.txt"], config)]
    assert sorted(globbed) == ["a/1.txt", "a/deep/3.txt", "b/2.txt"]
    # a file named by both a directory and a glob is read once
    assert len(read([tmp_path / "a", f"{tmp_path}/a/*.txt"], config)) == 2


def test_cp1252_text_is_detected_not_rejected(tmp_path, config):
    text = "Le président a déclaré à Paris — “nous sommes prêts”, said the minister’s aide.\n" * 5
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    doc = one(tmp_path / "latin.txt", config)
    assert isinstance(doc, RawDocument) and doc.content == text


def test_html_declared_charset_is_used(tmp_path, config, article_html):
    page = article_html("Moskva – Pariž", charset="windows-1250").replace("Paragraph", "Odstavec č.")
    (tmp_path / "cz.html").write_bytes(page.encode("cp1250"))
    doc = one(tmp_path / "cz.html", config)
    assert doc.content == page


def test_utf16_with_bom_is_text(tmp_path, config):
    (tmp_path / "u16.txt").write_bytes("Sanctions were eased on Monday.\n".encode("utf-16"))
    doc = one(tmp_path / "u16.txt", config)
    assert isinstance(doc, RawDocument) and doc.content == "Sanctions were eased on Monday.\n"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E101"),
        ("blank.txt", b"  \n\n \t\n", "E101"),
        ("nul.txt", b"text\x00with\x00nuls" * 20, "E102"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "E102"),
        ("noise.txt", bytes((i * 97 + 13) % 128 + 128 for i in range(3000)), "E103"),
        ("empty.html.gz", gzip.compress(b""), "E101"),
        ("bundle.tar.gz", gzip.compress(b"ustar\x00\x00" + bytes(range(256)) * 4), "E102"),
        ("scripts.html", b"<html><head><script>var x = 1;</script></head><body>  </body></html>", "E106"),
        ("noise.html", bytes((i * 97 + 13) % 128 + 128 for i in range(3000)), "E106"),
    ],
)
def test_bad_files_fail_with_their_code(tmp_path, config, name, data, code):
    (tmp_path / name).write_bytes(data)
    item = one(tmp_path / name, config)
    assert isinstance(item, FailedInput), item
    assert item.code == code, item
    assert item.message and item.hint and item.input.path == str(tmp_path / name)


def test_missing_path_and_empty_glob_and_unsupported_scheme(tmp_path, config):
    items = read([tmp_path / "nope.txt", f"{tmp_path}/*.none", "ftp://example.org/x.txt"], config)
    assert [i.code for i in items] == ["E100", "E100", "E112"]
    assert "no such file" in items[0].message and "pattern" in items[1].message
    assert items[0].input.path == str(tmp_path / "nope.txt")


def test_truncated_gzip_single_document(tmp_path, config, article_html):
    stored = gzip.compress(article_html("Cut").encode() * 50)
    (tmp_path / "cut.html.gz").write_bytes(stored[: len(stored) // 2])
    (tmp_path / "corrupt.txt.gz").write_bytes(stored[:10] + b"\xff" * 200)
    assert one(tmp_path / "cut.html.gz", config).code == "E104"
    assert one(tmp_path / "corrupt.txt.gz", config).code == "E104"


def test_size_limit_is_checked_before_reading(tmp_path):
    small = Config(max_input_bytes=1000)
    (tmp_path / "big.txt").write_text("word " * 400, "utf-8")
    (tmp_path / "ok.txt").write_text("word " * 100, "utf-8")
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 100_000))
    items = read([tmp_path / "big.txt", tmp_path / "ok.txt", tmp_path / "bomb.txt.gz"], small)
    assert [getattr(i, "code", "ok") for i in items] == ["E105", "ok", "E105"]
    assert "limit" in items[0].message


def test_a_bad_input_does_not_stop_the_run(tmp_path, config, sample_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    items = read([tmp_path / "missing", tmp_path / "empty.txt", sample_path], config)
    assert [type(i).__name__ for i in items] == ["FailedInput", "FailedInput", "RawDocument"]


def test_a_bare_spec_is_one_input(sample_path):
    assert len(list(iter_inputs(str(sample_path), Config()))) == 1


def test_stdin(monkeypatch, config):
    data = b"BEIJING, March 3 (Xinhua) -- A plain text story read from standard input.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    doc = one("-", config)
    assert doc.kind == "text" and doc.input.path == "-" and doc.content == data.decode()
