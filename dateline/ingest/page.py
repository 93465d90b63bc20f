"""One document from bytes: a plain-text page (kind "text") or an HTML page (kind "html")."""

from __future__ import annotations

import re

from dateline.errors import DatelineError
from dateline.ingest.common import Origin, failed, host_of, now_iso, sha256_hex
from dateline.ingest.html import decode_html, has_text
from dateline.ingest.sniff import HTML, TEXT, is_html
from dateline.ingest.text import binary_reason, decode_text
from dateline.types import FailedInput, RawDocument

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)


def charset_of(content_type: str | None) -> str | None:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def make_page(
    data: bytes,
    origin: Origin,
    *,
    kind: str | None = None,
    fmt: str | None = None,
    record: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    published: str | None = None,
    published_is_fallback: bool = False,
    title: str | None = None,
    site: str | None = None,
    sha256: str | None = None,
    size: int | None = None,
) -> RawDocument | FailedInput:
    """Decode ``data`` into a RawDocument, or say why it cannot be one.

    ``sha256``/``size`` describe the raw bytes the document was read from (default: ``data``).
    ``kind`` is sniffed from ``content_type`` and the bytes when not given.
    """
    sha = sha256 or sha256_hex(data)
    if kind is None:
        ct = (content_type or "").lower()
        kind = HTML if "html" in ct or ("text/plain" not in ct and is_html(data[:8192])) else TEXT
    ref = origin.ref(fmt or kind, record)
    if not data.strip():
        return failed(ref, "E101", "the document is empty", sha)
    why = binary_reason(data)
    if why:
        return failed(ref, "E102", f"not a text document: {why}", sha)
    try:
        if kind == HTML:
            content, _enc = decode_html(data, charset_of(content_type))
        else:
            content, _enc = decode_text(data, charset_of(content_type))
    except DatelineError as exc:
        return failed(ref, exc.code, exc.message, sha)
    content = content.lstrip("\ufeff")
    if kind == HTML and not has_text(content):
        return failed(ref, "E106", "the HTML page holds no text", sha)
    if kind == TEXT and not content.strip():
        return failed(ref, "E101", "the document holds only whitespace", sha)
    url = url or origin.doc_url
    return RawDocument(
        input=ref,
        content=content,
        kind=kind,
        sha256=sha,
        url=url,
        published=published,
        published_is_fallback=published_is_fallback and published is not None,
        fetched_at=origin.fetched_at or now_iso(),
        site=site or host_of(url),
        title=title,
        size=len(data) if size is None else size,
    )
