"""What the extractor benchmarks share: the bodies they parse and a best-of timer."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path


def polnear_bodies(shared: Path, limit: int | None = None) -> list:
    """The bundled sample and the 84 PolNeAR dev articles, cleaned as `dateline ingest` cleans a
    plain-text page (a page the cleaner rejects is kept whole), in that order."""
    from dateline.clean import clean_document
    from dateline.types import CleanDocument, InputRef, RawDocument

    files = [shared / "samples" / "000_a48cc020e4ab0942.txt"]
    files += sorted((shared / "eval" / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))
    cleans = []
    for f in files[: limit or None]:
        text = f.read_text("utf-8")
        raw = RawDocument(InputRef(path=str(f)), text, "text", hashlib.sha256(text.encode()).hexdigest(),
                          size=len(text))
        c = clean_document(raw)
        cleans.append(c if isinstance(c, CleanDocument) and c.body else CleanDocument(InputRef(path=str(f)),
                                                                                        body=text))
    return cleans


def best_of(fn, passes: int = 2) -> tuple[float, object]:
    """(the fastest of ``passes`` runs of ``fn()`` in wall seconds, the last run's result)."""
    best, out = float("inf"), None
    for _ in range(passes):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out
