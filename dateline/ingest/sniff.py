"""Tell an input's format from its name, its HTTP Content-Type and its first bytes."""

from __future__ import annotations

import json
import re

from dateline.ingest.text import bom_encoding

WARC, JSONL, FEED, HTML, TEXT = "warc", "jsonl", "feed", "html", "text"

_EXT = {
    ".warc": WARC, ".wet": WARC, ".arc": WARC,
    ".jsonl": JSONL, ".ndjson": JSONL, ".jsonlines": JSONL,
    ".rss": FEED, ".atom": FEED, ".xml": FEED, ".rdf": FEED,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML,
}
_GZ_EXT = (".gz", ".gzip")
# an XML prolog: declaration, comments, processing instructions, doctype
_PROLOG = re.compile(rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*", re.S | re.I)
_FEED_ROOT = re.compile(rb"<(?:[a-z0-9]+:)?(rss|feed|rdf:rdf|rdf)\b", re.I)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)
_HTML_TAG = re.compile(rb"<(?:p|div|br|span|a|table|article|section|h[1-6]|ul|li|meta|title)[\s>/]", re.I)


def strip_gz(name: str) -> str:
    low = name.lower()
    for ext in _GZ_EXT:
        if low.endswith(ext):
            return name[: -len(ext)]
    return name


def by_name(name: str) -> str | None:
    low = strip_gz(name).lower()
    dot = low.rfind(".")
    return _EXT.get(low[dot:]) if dot >= 0 else None


def format_by_name(name: str) -> str:
    """The ``input.format`` a file's name suggests (``text`` when it suggests none): what a failure
    reported before the file is read records, in ``dateline ingest`` and the Spark job alike."""
    return by_name(name) or TEXT


def _by_content_type(ct: str | None) -> str | None:
    if not ct:
        return None
    ct = ct.split(";")[0].strip().lower()
    if "rss" in ct or "atom" in ct or ct in ("application/rdf+xml",):
        return FEED
    if "html" in ct:
        return HTML
    if ct in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"):
        return JSONL
    if ct in ("application/warc", "application/x-warc"):
        return WARC
    if ct == "text/plain":
        return TEXT
    return None


def _strip_bom(head: bytes) -> bytes:
    enc = bom_encoding(head)
    if enc == "utf-8-sig":
        return head[3:]
    return head


def is_feed(head: bytes) -> bool:
    """The first element after the XML prolog is <rss>, <feed> or <rdf:RDF>."""
    h = _strip_bom(head[:8192])
    m = _PROLOG.match(h)
    return bool(_FEED_ROOT.match(h, m.end() if m else 0))


def is_html(head: bytes) -> bool:
    h = _strip_bom(head[:8192])
    if _HTML_START.search(h[:2048]):
        return True
    return len(_HTML_TAG.findall(h)) >= 5


def is_jsonl(head: bytes) -> bool:
    """The first non-blank line is a JSON object with a text or html field."""
    h = _strip_bom(head).lstrip()
    if not h.startswith(b"{"):
        return False
    line = h.split(b"\n", 1)[0]
    try:
        obj = json.loads(line)
    except ValueError:
        # the first line may be longer than the head we looked at
        return b"\n" not in h and re.search(rb'"(text|html)"\s*:', line) is not None
    return isinstance(obj, dict) and ("text" in obj or "html" in obj)


def sniff(head: bytes, name: str = "", content_type: str | None = None) -> str:
    """One of WARC, JSONL, FEED, HTML, TEXT. ``head`` is the (decompressed) start of the input."""
    if head.startswith(b"WARC/"):
        return WARC
    named = by_name(name)
    if named in (WARC, JSONL):
        return named
    typed = _by_content_type(content_type)
    if typed in (WARC, JSONL):
        return typed
    if is_feed(head):
        return FEED
    if typed == FEED or named == FEED:
        # declared a feed but it is not one: an HTML page served as XML is still a page
        return HTML if is_html(head) else FEED
    if typed == HTML or named == HTML:
        return HTML
    if is_jsonl(head):
        return JSONL
    if typed == TEXT:
        return TEXT
    return HTML if is_html(head) else TEXT
