"""WARC and WET archives (warcio), gzipped or not.

Documents are ``response`` (and ``resource``) records whose payload is HTML or plain
text, and ``conversion`` records (the plain text of WET files). Other records (requests,
metadata, warcinfo, revisits, images, scripts, redirects and error pages) are skipped.
The record's WARC-Target-URI becomes the document's ``url`` and its WARC-Date a
fallback ``published`` (``published_is_fallback=True``: a date printed in the page wins).
sha256 and size are of the record's payload (the HTTP body, decoded of its transfer and
content encodings).

Damage: warcio reads a cut-off record as a short one and takes a cut-off gzip for the end
of the archive. So a record shorter than its Content-Length is reported (E107, or E104
when the gzip is damaged) and gzip damage is detected by ``GunzipStream``; the records
read before the damage are yielded first.
"""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from dateline.ingest.common import Ctx, Origin, failed, human_bytes
from dateline.ingest.gz import GunzipStream
from dateline.ingest.page import make_page
from dateline.ingest.sniff import HTML, TEXT, is_html
from dateline.types import FailedInput, RawDocument

_DOC_TYPES = ("response", "resource", "conversion")


def _kind_of(content_type: str | None, payload_head: bytes) -> str | None:
    ct = (content_type or "").split(";")[0].strip().lower()
    if "html" in ct:
        return HTML
    if ct == "text/plain":
        return TEXT
    if not ct:
        return HTML if is_html(payload_head) else TEXT
    return None


def _status_ok(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return True
    code = record.http_headers.get_statuscode() or ""
    return code.startswith("2")


def _cut_short(record) -> bool:
    """Read what is left of the record; True when the archive ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(65536):
        pass
    return getattr(raw, "limit", 0) > 0


def read_warc(stream, origin: Origin, ctx: Ctx, gz: GunzipStream | None = None) -> Iterator[RawDocument | FailedInput]:
    limit = ctx.config.max_input_bytes
    n_records = n_docs = n_failed = 0
    truncated = False
    try:
        for record in ArchiveIterator(stream, check_digests=False):
            n_records += 1
            rtype = record.rec_type
            h = record.rec_headers
            rid = h.get_header("WARC-Record-ID") or f"record {n_records}"
            if rtype is None:
                n_failed += 1
                yield failed(origin.ref("warc", rid), "E107", f"record {n_records} has no valid WARC header")
                return
            if rtype not in _DOC_TYPES or not _status_ok(record):
                if _cut_short(record):
                    truncated = True
                    break
                continue
            fmt = "wet" if rtype == "conversion" else "warc"
            ref = origin.ref(fmt, rid)
            if record.length and record.length > limit:
                if _cut_short(record):
                    truncated = True
                    break
                n_failed += 1
                yield failed(ref, "E105", f"record {rid} is {human_bytes(record.length)}, over the limit")
                continue
            if rtype == "response" and record.http_headers is not None:
                ctype = record.http_headers.get_header("Content-Type")
            else:
                ctype = h.get_header("Content-Type")
            payload = record.content_stream().read(limit + 1)
            if len(payload) > limit:
                if _cut_short(record):
                    truncated = True
                    break
                n_failed += 1
                yield failed(ref, "E105", f"record {rid}: the payload is over {human_bytes(limit)}")
                continue
            if _cut_short(record):
                truncated = True
                break
            kind = TEXT if rtype == "conversion" else _kind_of(ctype, payload[:8192])
            if kind is None:
                continue  # images, scripts, PDFs...
            url = h.get_header("WARC-Target-URI") or h.get_header("uri")  # WARC, or ARC
            doc = make_page(
                payload,
                origin,
                kind=kind,
                fmt=fmt,
                record=rid,
                content_type=ctype,
                url=url.strip("<>") if url else None,
                published=h.get_header("WARC-Date"),
                published_is_fallback=True,
            )
            if isinstance(doc, RawDocument):
                n_docs += 1
            else:
                n_failed += 1
            yield doc
    except Exception as exc:  # warcio raises assorted errors on garbage
        if gz is None or not gz.error:
            yield failed(origin.ref("warc"), "E107", f"record {n_records + 1} cannot be parsed ({type(exc).__name__}: {exc})")
            return
    if gz is not None and gz.error:
        yield failed(origin.ref("warc"), "E104", f"{gz.error}; {n_docs} documents were read before the damage")
        return
    if truncated:
        yield failed(origin.ref("warc"), "E107", f"record {n_records} is cut short: the archive is truncated")
        return
    if n_docs == 0 and n_failed == 0:
        yield failed(origin.ref("warc"), "E107", "the archive holds no HTML or text response, resource or conversion record")
