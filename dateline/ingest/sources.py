"""From specs (paths, directories, globs, URLs, "-") to documents: expansion and dispatch by format."""

from __future__ import annotations

import errno
import glob
import io
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dateline.errors import DatelineError
from dateline.ingest.common import HEAD_BYTES, Ctx, Origin, failed, human_bytes, is_http_url
from dateline.ingest.feeds import read_feed
from dateline.ingest.gz import GZIP_MAGIC, GunzipStream, open_gunzip
from dateline.ingest.http import fetch
from dateline.ingest.jsonl import read_jsonl
from dateline.ingest.page import make_page
from dateline.ingest.sniff import FEED, JSONL, TEXT, WARC, format_by_name, sniff, strip_gz
from dateline.ingest.warc import read_warc
from dateline.types import FailedInput, InputRef, RawDocument

Item = RawDocument | FailedInput
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?[]")


def read_spec(spec: str, ctx: Ctx) -> Iterator[Item]:
    """All documents of one spec: a file, a directory (recursive), a glob, an http(s) URL or "-"."""
    spec = os.fspath(spec)
    if spec == "-":
        yield from read_stream(sys.stdin.buffer, Origin(path="-"), ctx)
    elif is_http_url(spec):
        yield from read_url(spec, ctx)
    elif _SCHEME.match(spec):
        yield failed(InputRef(url=spec, format="text"), "E112", "only http:// and https:// URLs are read")
    else:
        path = Path(spec).expanduser()
        if path.is_dir():
            yield from _walk(path, ctx)
        elif path.exists():
            yield from read_path(path, ctx, given=spec)
        elif _GLOB.search(spec):
            matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
            if not matches:
                yield failed(InputRef(path=spec), "E100", "no file matches this pattern")
            for m in matches:
                p = Path(m)
                yield from (_walk(p, ctx) if p.is_dir() else _read_file(p, ctx, m))
        else:
            yield failed(InputRef(path=spec), "E100", missing_reason(path))


def missing_reason(path: Path) -> str:
    """Why ``path`` cannot be read although it was named: a symbolic link loop, a link to nothing, a
    permission, or no such file."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (following the link leads back to it): fix or remove the link"
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return f"a symbolic link to {target}, which does not exist"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return f"cannot be read ({exc.strerror})"
        if exc.errno != errno.ENOENT:
            return f"cannot be read ({exc.strerror or exc})"
    return "no such file or directory"


def _walk(root: Path, ctx: Ctx) -> Iterator[Item]:
    """Every file under ``root`` in sorted order, skipping hidden files and directories."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield from _read_file(Path(dirpath) / name, ctx, os.path.join(dirpath, name))


def _read_file(path: Path, ctx: Ctx, given: str) -> Iterator[Item]:
    """``read_path``, where a bug costs this file only, never the rest of a directory or a glob."""
    try:
        yield from read_path(path, ctx, given=given)
    except Exception as exc:
        yield failed(InputRef(path=given), "E113", f"could not be read ({type(exc).__name__}: {exc})")


def read_path(path: Path, ctx: Ctx, given: str | None = None) -> Iterator[Item]:
    origin = Origin(path=given or str(path), name=path.name)
    try:
        try:
            key = str(path.resolve())
        except RuntimeError:  # a symbolic link loop (Python < 3.13): reported below
            key = os.path.abspath(path)
        if key in ctx.seen:
            return  # named twice (e.g. by a directory and a glob): read once
        ctx.seen.add(key)
        if not path.is_file():
            if not path.exists():  # a broken link or a link loop met in a directory or a glob
                yield failed(origin.ref(TEXT), "E100", missing_reason(path))
            else:
                yield failed(origin.ref(TEXT), "E112", "not a regular file")
            return
        size = path.stat().st_size
        if size == 0:
            yield failed(origin.ref(format_by_name(path.name)), "E101", "the file is empty")
            return
        with open(path, "rb", buffering=HEAD_BYTES) as f:
            yield from read_stream(f, origin, ctx, size=size)
    except OSError as exc:
        yield failed(origin.ref(TEXT), "E100", f"cannot be read ({exc.strerror or exc})")


def read_url(url: str, ctx: Ctx) -> Iterator[Item]:
    try:
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    except ValueError as exc:
        yield failed(InputRef(url=url, format=TEXT), "E112", f"not a valid URL ({exc})")
        return
    try:
        got = fetch(url, ctx.client(), ctx.config)
    except DatelineError as exc:
        yield failed(InputRef(url=url, format=format_by_name(name)), exc.code, exc.message)
        return
    origin = Origin(url=url, name=name, content_type=got.content_type, doc_url=got.url, fetched_at=got.fetched_at)
    if not_a_document(got.content_type):
        yield failed(origin.ref(format_by_name(name)), "E102", f"the URL serves {got.content_type}, not a page, feed or archive")
        return
    if not got.body:
        yield failed(origin.ref(format_by_name(name)), "E101", "the response body is empty")
        return
    yield from read_stream(io.BufferedReader(io.BytesIO(got.body)), origin, ctx, size=len(got.body))


_NOT_DOCUMENTS = ("image/", "audio/", "video/", "font/", "application/json", "application/pdf",
                  "application/javascript", "text/javascript", "text/css", "application/zip")


def not_a_document(content_type: str | None) -> bool:
    """A declared Content-Type that no reader of ours handles (JSON APIs, images, PDFs, scripts)."""
    ct = (content_type or "").split(";")[0].strip().lower()
    return bool(ct) and ct.startswith(_NOT_DOCUMENTS) and "ndjson" not in ct and "jsonl" not in ct


_READ_STEP = 1 << 20


def read_limited(stream, limit: int) -> bytes:
    """The rest of ``stream``, or its first ``limit + 1`` bytes when it holds more than ``limit``.

    Read in steps of at most 1 MB: ``stream.read(limit + 1)`` would allocate the whole limit
    (20 MB) for every document before shrinking it, which costs more than gunzipping a page."""
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, _READ_STEP))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_stream(stream, origin: Origin, ctx: Ctx, size: int | None = None) -> Iterator[Item]:
    """Sniff a binary stream (with ``peek``) and read it with the reader its format needs."""
    limit = ctx.config.max_input_bytes
    head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    if not head:
        yield failed(origin.ref(TEXT), "E101", "the input is empty")
        return
    gz: GunzipStream | None = None
    name = origin.name
    if head.startswith(GZIP_MAGIC):
        stream, gz = open_gunzip(stream)
        name = strip_gz(name)
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
        if not head:
            code, msg = ("E104", gz.error) if gz.error else ("E101", "the compressed input is empty")
            yield failed(origin.ref(format_by_name(origin.name)), code, msg)
            return
    fmt = sniff(head, name, origin.content_type)
    if fmt == WARC:
        yield from read_warc(stream, origin, ctx, gz)
        return
    if fmt == JSONL:
        yield from read_jsonl(stream, origin, ctx, gz)
        return
    # one document: check the size before reading it
    if gz is None and size is not None and size > limit:
        yield failed(origin.ref(fmt), "E105", f"the input is {human_bytes(size)}, over the limit of {human_bytes(limit)}")
        return
    data = read_limited(stream, limit)
    if len(data) > limit:
        yield failed(origin.ref(fmt), "E105", f"the input is over the limit of {human_bytes(limit)}")
        return
    if gz is not None:
        gz.drain()
        if gz.error:
            yield failed(origin.ref(fmt), "E104", gz.error)
            return
        sha, raw_size = gz.sha256.hexdigest(), gz.compressed_size
    else:
        sha, raw_size = None, len(data)
    if fmt == FEED:
        yield from read_feed(data, origin, ctx)
        return
    yield make_page(data, origin, kind=fmt, content_type=origin.content_type, sha256=sha, size=raw_size)
