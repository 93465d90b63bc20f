"""CLEAN stage: ``RawDocument`` -> ``CleanDocument`` with wire metadata, or ``FailedInput``.

    from dateline.clean import clean_batch
    clean_batch(raws, config) -> list[CleanDocument | FailedInput]   # same length and order

Per document: mojibake repair and whitespace normalisation first (``normalize``), then the
page is read into paragraphs (plain text: ``text``; HTML: trafilatura via ``html``), chrome and
wire lines are recognised (``chrome``, ``wire``), the header gives section/headline/byline,
and the dateline is found in the final body (``datelines``), so every span indexes into
``CleanDocument.body``. Within a batch, lines repeated across pages of one site are learned as
that site's chrome (``ChromeModel``).
"""

from __future__ import annotations

from dateline.clean.chrome import ChromeModel
from dateline.clean.pipeline import clean_batch, clean_document

__all__ = ["ChromeModel", "clean_batch", "clean_document"]
