"""Helpers for the actor tests (no tests here; named test_* to sit in the actors test namespace)."""

from __future__ import annotations

import hashlib

from dateline.types import CleanDocument, Dateline, InputRef, RawDocument


def _by_hand(text: str, path) -> CleanDocument:
    """Fallback while the clean stage is missing: drop the 4 chrome lines and the 2 footer lines."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    body = "\n\n".join(lines[4:-2])
    dl = body.index("--") + 2
    return CleanDocument(InputRef(path=str(path)), body=body, published="2011-11-10",
                         dateline=Dateline("Moscow", "11-10", "IRNA", (0, dl)))


def sample_clean(sample_path) -> CleanDocument:
    """The sample as the clean stage makes it (or by hand when that stage is not importable)."""
    text = sample_path.read_text("utf-8")
    try:
        from dateline.clean import clean_document
    except ImportError:
        return _by_hand(text, sample_path)
    raw = RawDocument(InputRef(path=str(sample_path)), content=text, kind="text",
                      sha256=hashlib.sha256(text.encode()).hexdigest(), published="2011-11-10", size=len(text))
    c = clean_document(raw)
    if not isinstance(c, CleanDocument) or not c.body:
        return _by_hand(text, sample_path)
    return c


def doc_of(nlp, text: str, place: str | None = None):
    dl = Dateline(place, None, None, (0, 0)) if place else None
    return nlp(text), CleanDocument(InputRef(), body=text, dateline=dl)
