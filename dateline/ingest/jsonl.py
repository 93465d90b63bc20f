"""JSON Lines: one document per line, ``{"id", "text" or "html", "url", "published"}``.

Read line by line from a stream (memory stays flat whatever the file size). A bad line
gives one FailedInput (E109, or E105 for a line over the size limit) and reading goes on
with the next line. The sha256 and size of a record are of its line's bytes, without the
line ending. Optional fields: "title", "site". A record without "id" is named by its
line number ("line 12").

A record any of whose fields holds a lone surrogate (a JSON escape such as ``\\ud800``: valid
JSON, but not Unicode text) fails alone with E109; so does a record the reader cannot handle
for any other reason (E113), and the next line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from dateline.ingest.common import Ctx, Origin, failed, host_of, human_bytes, lone_surrogate, sha256_hex
from dateline.ingest.gz import GunzipStream
from dateline.ingest.page import make_page
from dateline.types import FailedInput, RawDocument

FORMAT = "jsonl"
FIELDS = ("id", "text", "html", "url", "published", "title", "site")  # the fields a record may carry


def _skip_rest_of_line(stream) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _str_field(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def record_from_line(line: bytes, lineno: int, origin: Origin) -> RawDocument | FailedInput:
    where = f"line {lineno}"
    sha = sha256_hex(line)
    ref = origin.ref(FORMAT, where)
    try:
        obj = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except UnicodeDecodeError:
        return failed(ref, "E109", f"{where}: not UTF-8 (JSON Lines must be UTF-8)", sha)
    except (ValueError, RecursionError) as exc:
        return failed(ref, "E109", f"{where}: invalid JSON ({exc})", sha)
    if not isinstance(obj, dict):
        return failed(ref, "E109", f"{where}: a JSON {type(obj).__name__}, not an object", sha)
    for key in FIELDS:
        value = obj.get(key)
        bad = lone_surrogate(value) if isinstance(value, str) else None
        if bad:
            return failed(ref, "E109", f"{where}: \"{key}\" holds a lone surrogate ({bad}), which is not Unicode "
                          "text; fix the escape in the record", sha)
    rid = _str_field(obj, "id") or where
    ref = origin.ref(FORMAT, rid)
    html, text = obj.get("html"), obj.get("text")
    body, kind = (html, "html") if isinstance(html, str) and html.strip() else (text, "text")
    if body is None:
        return failed(ref, "E109", f"{where} (id {rid}): the record has neither \"text\" nor \"html\"", sha)
    if not isinstance(body, str):
        return failed(ref, "E109", f"{where} (id {rid}): \"{kind}\" is a {type(body).__name__}, not a string", sha)
    if not body.strip():
        return failed(ref, "E101", f"{where} (id {rid}): the record's {kind} is empty", sha)
    url = _str_field(obj, "url")
    return make_page(
        body.encode("utf-8"),
        origin,
        kind=kind,
        fmt=FORMAT,
        record=rid,
        url=url,
        published=_str_field(obj, "published"),
        title=_str_field(obj, "title"),
        site=_str_field(obj, "site") or host_of(url),
        sha256=sha,
        size=len(line),
    )


def read_jsonl(stream, origin: Origin, ctx: Ctx, gz: GunzipStream | None = None) -> Iterator[RawDocument | FailedInput]:
    limit = ctx.config.max_input_bytes
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            break
        lineno += 1
        complete = line.endswith(b"\n")
        if len(line) > limit and not complete:
            _skip_rest_of_line(stream)
            yield failed(
                origin.ref(FORMAT, f"line {lineno}"), "E105", f"line {lineno} is over the limit of {human_bytes(limit)}"
            )
            continue
        if not complete and gz is not None and gz.error:
            lineno -= 1
            break  # the cut-off last line of a damaged gzip: reported below
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        try:
            item = record_from_line(line, lineno, origin)
        except Exception as exc:  # a bug must cost this record only, never the rest of the file
            item = failed(origin.ref(FORMAT, f"line {lineno}"), "E113",
                          f"line {lineno} could not be read ({type(exc).__name__}: {exc})", sha256_hex(line))
        yield item
    if gz is not None and gz.error:
        yield failed(origin.ref(FORMAT), "E104", f"{gz.error}; {lineno} complete lines were read before the damage")
