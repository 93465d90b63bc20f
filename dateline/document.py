"""Assemble the ``dateline/1`` JSON object (see docs/format.md) from the stage outputs."""

from __future__ import annotations

import hashlib

from dateline import SCHEMA
from dateline.errors import DatelineError
from dateline.types import CleanDocument, Extraction, FailedInput, InputRef


def normalize_body(body: str) -> str:
    """The form two bodies must share to be exact duplicates: casefolded, whitespace collapsed."""
    return " ".join(body.split()).casefold()  # str.split() breaks on exactly the characters \s matches


def document_id(body: str) -> str:
    """Stable id derived from the normalized body (16 hex digits of its SHA-256)."""
    return hashlib.sha256(normalize_body(body).encode("utf-8")).hexdigest()[:16]


def to_dateline(doc: CleanDocument, extraction: Extraction | None = None) -> dict:
    ex = extraction or Extraction()
    out = {
        "schema": SCHEMA,
        "id": document_id(doc.body),
        "input": doc.input.to_json(),
        "url": doc.url,
        "site": doc.site,
        "section": doc.section,
        "headline": doc.headline,
        "byline": doc.byline,
        "source": doc.source,
        "news_code": doc.news_code,
        "published": doc.published,
        "dateline": doc.dateline.to_json() if doc.dateline else None,
        "language": doc.language,
        "body": doc.body,
        "actors": [a.to_json() for a in ex.actors],
        "quotes": [q.to_json() for q in ex.quotes],
        "events": [e.to_json() for e in ex.events],
    }
    notes = list(doc.notes) + list(ex.notes)
    if notes:
        out["notes"] = notes
    return out


def error_record(inp: InputRef, code: str, message: str, hint: str | None = None) -> dict:
    err = DatelineError(code, message, hint)
    return {"schema": SCHEMA, "input": inp.to_json(), "error": err.to_json()}


def failure_record(f: FailedInput) -> dict:
    return error_record(f.input, f.code, f.message, f.hint)
