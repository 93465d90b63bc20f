"""HTML pages: decode with the declared charset (HTTP header, <meta>, XML declaration) or detect it.

Ingest keeps the raw HTML; trafilatura extracts the article text and metadata in the
clean stage. Here an HTML input fails (E106) only when it cannot be decoded or holds no
text at all.
"""

from __future__ import annotations

import re

from dateline.errors import DatelineError
from dateline.ingest.text import decode_text

_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]+encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.I)
_SKIP = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
# a text node with a word character: at the very start, or right after a tag's ">" (the literal ">"
# first lets the regex engine jump from one ">" to the next)
_TEXT_AT_START = re.compile(r"[^<]*?\w")
_TEXT_AFTER_TAG = re.compile(r">[^<]*?\w")
_OPEN_TAG = re.compile(r"([A-Za-z][A-Za-z0-9]*)")
_INVISIBLE = {"script", "style", "noscript", "template"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset>, http-equiv, <?xml encoding>)."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; the HTTP charset wins over the page's own declaration."""
    try:
        return decode_text(data, http_charset or declared_charset(data))
    except DatelineError as exc:
        raise DatelineError("E106", "the HTML page could not be decoded: no plausible character encoding") from exc


def visible_text(html: str) -> str:
    """The page's text with scripts, styles, comments and tags removed (a rough check, not extraction)."""
    return _TAG.sub(" ", _SKIP.sub(" ", html))


def has_text(html: str) -> bool:
    """True when some text outside tags, scripts and styles has a word character (stops at the first)."""
    pos = 0
    m = _TEXT_AT_START.match(html)
    if m:
        if _visible_at(html, 0):
            return True
        pos = m.end()
    for m in _TEXT_AFTER_TAG.finditer(html, pos):
        if _visible_at(html, m.start() + 1):
            return True
    return False


def _visible_at(html: str, start: int) -> bool:
    """The text node starting at ``start`` is not inside a script, style, noscript or template."""
    tag = _OPEN_TAG.match(html, html.rfind("<", 0, start) + 1)
    return tag is None or tag.group(1).lower() not in _INVISIBLE
