"""Decoding and format sniffing, the two decisions every reader relies on."""

from __future__ import annotations

import codecs

import pytest

from dateline.errors import DatelineError
from dateline.ingest.html import declared_charset, decode_html
from dateline.ingest.sniff import FEED, HTML, JSONL, TEXT, WARC, sniff
from dateline.ingest.text import binary_reason, decode_text

SENTENCE = "Le ministre a déclaré à Genève : « nous sommes prêts », the envoy’s aide said."


def test_decode_order_bom_utf8_declared_detected():
    assert decode_text(codecs.BOM_UTF8 + b"abc") == ("abc", "utf-8-sig")
    assert decode_text(SENTENCE.encode("utf-8"), "iso-8859-1") == (SENTENCE, "utf-8")  # mislabelled UTF-8
    assert decode_text(SENTENCE.encode("cp1252"), "windows-1252") == (SENTENCE, "cp1252")
    text, enc = decode_text(SENTENCE.encode("cp1252") * 3, "no-such-charset")
    assert text == SENTENCE * 3 and enc == "cp1252"
    cyr = "Министр иностранных дел России заявил, что переговоры продолжатся на следующей неделе. " * 3
    assert decode_text(cyr.encode("cp1251")) == (cyr, "cp1251")


def test_undecodable_bytes():
    with pytest.raises(DatelineError) as err:
        decode_text(bytes((i * 89 + 7) % 128 + 128 for i in range(4000)))
    assert err.value.code == "E103"
    with pytest.raises(DatelineError) as err:
        decode_html(bytes((i * 89 + 7) % 128 + 128 for i in range(4000)))
    assert err.value.code == "E106"


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"%PDF-1.7\n...", True),
        (b"plain\x00text", True),
        (b"\x01\x02\x03\x04 control soup" * 10, True),
        ("utf-16 text".encode("utf-16"), False),
        (b"Ordinary text\twith tabs\r\nand newlines\x0c", False),
    ],
)
def test_binary_detection(data, binary):
    assert (binary_reason(data) is not None) is binary


def test_declared_charset_in_meta_and_xml_declaration():
    assert declared_charset(b'<html><head><meta charset="windows-1251">') == "windows-1251"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-2">') == "ISO-8859-2"
    assert declared_charset(b'<?xml version="1.0" encoding="koi8-r"?><html>') == "koi8-r"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


@pytest.mark.parametrize(
    ("head", "name", "ctype", "expected"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo", "anything.bin", None, WARC),
        (b"garbage", "crawl.warc.gz", None, WARC),
        (b'{"id": 1, "text": "a"}\n{"id": 2', "dump", None, JSONL),
        (b'{"id": 1, "other": "a"}\n', "dump", None, TEXT),
        (b'{"id": 1, "text": "a"}', "x.txt", "application/x-ndjson", JSONL),
        (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', "feed", None, FEED),
        (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', "", None, FEED),
        (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>", "", None, FEED),
        (b"<!DOCTYPE html><html><head>", "page.txt", None, HTML),
        (b"<p>one</p><p>two</p><div>three</div><br/><a href=x>four</a>", "fragment", None, HTML),
        (b"<html><body>served as xml</body></html>", "page.xml", "application/xml", HTML),
        (b"Plain words, with a <b>tag</b>.", "notes", None, TEXT),
        (b"<html><body>declared text</body></html>", "", "text/plain; charset=utf-8", TEXT),
        (b"anything", "", "text/html", HTML),
    ],
)
def test_sniff(head, name, ctype, expected):
    assert sniff(head, name, ctype) == expected


def test_has_text_equals_checking_every_text_node():
    """has_text jumps from one ">" to the next; it answers as checking every text node in turn does."""
    import random
    import re

    from dateline.ingest.html import _INVISIBLE, _OPEN_TAG, has_text

    def every_node(html):
        for m in re.finditer(r"(?:^|(?<=>))[^<]*?\w", html):
            tag = _OPEN_TAG.match(html, html.rfind("<", 0, m.start()) + 1)
            if tag is None or tag.group(1).lower() not in _INVISIBLE:
                return True
        return False

    cases = ["", "hello", "<p>x</p>", "<script>a<b</script>", "<script>var a = 1 > 0;</script>", "script x",
             ">x", "<style>p{}</style><!-- c -->", "<div>\n</div>", "<script>x</script>y", "<b>&nbsp;</b>",
             "<template><p>hi</p></template>", "<SCRIPT>foo</SCRIPT>", "abc<script>", "<p>>> 1</p>",
             "<noscript>x</noscript><p>"]
    rng = random.Random(3)
    pieces = ["<script>", "</script>", "<style>", "</style>", "<p>", "</p>", "x", " ", ">", "<", "1", "<!-- -->"]
    cases += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 10))) for _ in range(3000)]
    for html in cases:
        assert has_text(html) == every_node(html), html


def test_read_limited_reads_to_the_end_or_one_byte_over_the_limit():
    import io

    from dateline.ingest.sources import read_limited

    data = bytes(range(256)) * 9000  # 2.3 MB: read in several steps
    assert read_limited(io.BufferedReader(io.BytesIO(data)), len(data)) == data
    assert read_limited(io.BufferedReader(io.BytesIO(data)), len(data) - 10) == data[: len(data) - 9]
    assert read_limited(io.BufferedReader(io.BytesIO(b"")), 100) == b""
