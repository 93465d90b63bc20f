"""RSS and Atom feeds (feedparser): one document per item, fetched from the item's link.

feedparser reads every RSS version, Atom 0.3/1.0 and RDF, tolerates the broken XML
feeds often are, resolves relative links and normalises item dates. For each item, when
``config.follow_feed_links`` is on and the item links to an http(s) page, the page is
fetched (httpx) and becomes the document: format "feed", record = the item's id (or its
link), title = the item's title, published = the item's date as a fallback. When the link
cannot be fetched, the item's own content (or summary) is used if it is substantial
(``MIN_CONTENT_CHARS`` of text); otherwise the item fails with the fetch's error code.

A character reference to no character (``&#55296;``, a lone surrogate; ``&#1114112;``, past
U+10FFFF) makes feedparser raise on the whole feed: such references are replaced before
parsing by a marker, and the items that held one fail alone (E108); the others are read.
"""

from __future__ import annotations

import calendar
import html as htmllib
import re
import time
from collections.abc import Iterator

import feedparser

from dateline.errors import DatelineError
from dateline.ingest.common import Ctx, Origin, failed, is_http_url, lone_surrogate
from dateline.ingest.html import visible_text
from dateline.ingest.http import fetch
from dateline.ingest.page import make_page
from dateline.types import FailedInput, RawDocument

FORMAT = "feed"
MIN_CONTENT_CHARS = 400  # an item's own text counts as the article when at least this long
_WS = re.compile(r"\s+")
_CHARREF = re.compile(rb"&#(?:([0-9]{1,20})|[xX]([0-9a-fA-F]{1,16}));?")
BAD_REF = "\ufdd0"  # a noncharacter: stands in for a reference to no character until the item is checked


def _not_a_character(m: re.Match) -> bytes:
    value = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    return b"&#xFDD0;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else m.group(0)


def neutralize_refs(data: bytes) -> bytes:
    """``data`` with every character reference to no character replaced by a reference to ``BAD_REF``."""
    return _CHARREF.sub(_not_a_character, data) if b"&#" in data else data


def _bad_text(value, depth: int = 0) -> str | None:
    """Why a value of a parsed item cannot be text (a lone surrogate, a reference to no character)."""
    if isinstance(value, str):
        if BAD_REF in value:
            return "a character reference to no character (a lone surrogate such as &#55296;, or past U+10FFFF)"
        bad = lone_surrogate(value)
        return f"a lone surrogate ({bad})" if bad else None
    if depth < 4 and isinstance(value, dict):
        value = list(value.values())
    if depth < 4 and isinstance(value, list | tuple):
        return next((b for b in (_bad_text(v, depth + 1) for v in value) if b), None)
    return None


def _item_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if st:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(st)))
    return None


def _item_html(entry) -> str:
    """The longest of the item's content blocks and its summary."""
    blocks = [c.get("value") or "" for c in entry.get("content") or []]
    blocks.append(entry.get("summary") or "")
    return max(blocks, key=len)


def _text_len(html: str) -> int:
    return len(_WS.sub(" ", htmllib.unescape(visible_text(html))).strip())


def _content_doc(entry_html: str, title: str | None, **kw) -> RawDocument | FailedInput:
    page = (
        "<html><head><title>" + htmllib.escape(title or "") + "</title></head>"
        "<body><article>" + entry_html + "</article></body></html>"
    )
    return make_page(page.encode("utf-8"), kind="html", title=title, **kw)


def _item(entry, index: int, origin: Origin, ctx: Ctx, bozo: str | None) -> RawDocument | FailedInput:
    link = entry.get("link")
    rid = entry.get("id") or link or f"item {index}"
    title = entry.get("title")
    published = _item_date(entry)
    content = _item_html(entry)
    common = {"fmt": FORMAT, "record": rid, "published": published, "published_is_fallback": True}
    if ctx.config.follow_feed_links and is_http_url(link):
        try:
            got = fetch(link, ctx.client(), ctx.config)
        except DatelineError as exc:
            error = exc
        else:
            page_origin = Origin(path=origin.path, url=origin.url, doc_url=got.url, fetched_at=got.fetched_at)
            doc = make_page(got.body, page_origin, content_type=got.content_type, title=title, **common)
            if isinstance(doc, RawDocument):
                return doc
            error = DatelineError(doc.code, doc.message)
        if _text_len(content) >= MIN_CONTENT_CHARS:
            return _content_doc(content, title, origin=origin, url=link, **common)
        return failed(
            origin.ref(FORMAT, rid),
            error.code,
            f"feed item {rid!r}: its link {link} failed ({error.message}) and the item's own text is too short "
            "to stand in for the page",
        )
    if _text_len(content) > 0:
        return _content_doc(content, title, origin=origin, url=link if is_http_url(link) else None, **common)
    if bozo:  # what feedparser salvaged from a broken feed
        return failed(origin.ref(FORMAT, rid), "E108", f"feed item {rid!r} has no link and no text; the feed is malformed ({bozo})")
    return failed(origin.ref(FORMAT, rid), "E101", f"feed item {rid!r} has no link to follow and no text")


def read_feed(data: bytes, origin: Origin, ctx: Ctx) -> Iterator[RawDocument | FailedInput]:
    headers = {}
    if origin.doc_url or origin.url:
        headers["content-location"] = origin.doc_url or origin.url
    if origin.content_type:
        headers["content-type"] = origin.content_type
    parsed = feedparser.parse(neutralize_refs(data), response_headers=headers or None)
    if not parsed.entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            yield failed(origin.ref(FORMAT), "E108", f"the feed could not be parsed: {exc}")
        else:
            yield failed(origin.ref(FORMAT), "E108", "the feed has no items")
        return
    bozo = str(parsed.get("bozo_exception") or "not well-formed") if parsed.get("bozo") else None
    for i, entry in enumerate(parsed.entries, 1):
        rid = entry.get("id") or entry.get("link") or f"item {i}"
        bad = _bad_text(dict(entry))
        if bad:
            yield failed(origin.ref(FORMAT, rid), "E108", f"feed item {i} ({rid!r}) holds {bad}; the feed's other "
                         "items are read")
            continue
        try:
            item = _item(entry, i, origin, ctx, bozo)
        except Exception as exc:  # one odd item must not lose the rest of the feed
            item = failed(origin.ref(FORMAT, rid), "E108", f"feed item {rid!r} could not be read ({type(exc).__name__}: {exc})")
        yield item
