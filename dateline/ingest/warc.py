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


class _Archive(ArchiveIterator):
    """warcio's iterator without its stderr warning on a record not followed by a blank line (a
    wrong Content-Length): that record is reported here, with its code, instead."""

    INC_RECORD = ""


def _length_error(record, n: int, rid: str) -> str | None:
    """Why the record's Content-Length cannot be trusted (warcio reads a negative or non-numeric
    one as 0 and takes the record's payload for the next record's headers)."""
    value = (record.rec_headers.get_header("Content-Length") or "").strip()
    if value.isdigit():
        return None
    what = "a negative" if value.startswith("-") and value[1:].isdigit() else "no valid"
    label = f"record {n}" if rid == f"record {n}" else f"record {n} ({rid})"
    return f"{label} has {what} Content-Length ({value or 'missing'}): the archive is damaged from here on"


def _parse_error(exc: Exception, n: int) -> str:
    if type(exc).__name__ == "ArchiveLoadFailed":
        return f"record {n} cannot be parsed: {str(exc).strip()}"
    # warcio fails with AttributeError, ValueError... on a record whose headers are cut off
    return f"record {n} cannot be parsed: its WARC or HTTP headers are malformed or cut off"


def _document(record, rid: str, n: int, origin: Origin, limit: int) -> tuple[RawDocument | FailedInput | None, bool]:
    """(the document of a response/resource/conversion record, or its failure, or None when the record
    is not a document; True when the archive ends inside this record)."""
    rtype, h = record.rec_type, record.rec_headers
    if rtype not in _DOC_TYPES or not _status_ok(record):
        return None, _cut_short(record)
    fmt = "wet" if rtype == "conversion" else "warc"
    ref = origin.ref(fmt, rid)
    if record.length and record.length > limit:
        if _cut_short(record):
            return None, True
        return failed(ref, "E105", f"record {rid} is {human_bytes(record.length)}, over the limit"), False
    if rtype == "response" and record.http_headers is not None:
        ctype = record.http_headers.get_header("Content-Type")
    else:
        ctype = h.get_header("Content-Type")
    payload = record.content_stream().read(limit + 1)
    if _cut_short(record):
        return None, True
    if len(payload) > limit:
        return failed(ref, "E105", f"record {rid}: the payload is over {human_bytes(limit)}"), False
    kind = TEXT if rtype == "conversion" else _kind_of(ctype, payload[:8192])
    if kind is None:
        return None, False  # images, scripts, PDFs...
    url = h.get_header("WARC-Target-URI") or h.get_header("uri")  # WARC, or ARC
    doc = make_page(payload, origin, kind=kind, fmt=fmt, record=rid, content_type=ctype,
                    url=url.strip("<>") if url else None, published=h.get_header("WARC-Date"),
                    published_is_fallback=True)
    return doc, False


def read_warc(stream, origin: Origin, ctx: Ctx, gz: GunzipStream | None = None) -> Iterator[RawDocument | FailedInput]:
    limit = ctx.config.max_input_bytes
    n_records = n_docs = n_failed = 0
    truncated = False
    records = iter(_Archive(stream, check_digests=False))
    while True:
        try:
            record = next(records, None)
        except Exception as exc:  # warcio raises assorted errors on garbage: the rest cannot be located
            if gz is None or not gz.error:
                yield failed(origin.ref("warc"), "E107", _parse_error(exc, n_records + 1))
                return
            break
        if record is None:
            break
        n_records += 1
        rid = record.rec_headers.get_header("WARC-Record-ID") or f"record {n_records}"
        if record.rec_type is None:
            yield failed(origin.ref("warc", rid), "E107", f"record {n_records} has no valid WARC header")
            return
        if record.format != "arc" and (bad_length := _length_error(record, n_records, rid)):
            yield failed(origin.ref("warc", rid), "E107", bad_length)
            return
        try:
            doc, truncated = _document(record, rid, n_records, origin, limit)
        except Exception as exc:  # one record the reader cannot handle fails alone
            doc = failed(origin.ref("warc", rid), "E107", f"record {n_records} ({rid}) could not be read "
                         f"({type(exc).__name__}: {exc})")
        if truncated:
            break
        if doc is None:
            continue
        if isinstance(doc, RawDocument):
            n_docs += 1
        else:
            n_failed += 1
        yield doc
    if gz is not None and gz.error:
        yield failed(origin.ref("warc"), "E104", f"{gz.error}; {n_docs} documents were read before the damage")
        return
    if truncated:
        yield failed(origin.ref("warc"), "E107", f"record {n_records} is cut short: the archive is truncated")
        return
    if n_docs == 0 and n_failed == 0:
        yield failed(origin.ref("warc"), "E107", "the archive holds no HTML or text response, resource or conversion record")
