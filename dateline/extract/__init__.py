"""Extractors: pure functions over a parsed document yielding frozen dataclasses with spans.

``extract_document(doc, clean)`` runs actors -> quotes -> events on one spaCy ``Doc``
of ``clean.body``. The same call serves the CLI, the API and a Spark partition.
"""

from __future__ import annotations

from dateline.types import CleanDocument, Extraction


def extract_document(doc, clean: CleanDocument) -> Extraction:
    from dateline.extract.actors import extract_actors
    from dateline.extract.events import extract_events
    from dateline.extract.quotes import extract_quotes

    actors = tuple(extract_actors(doc, clean))
    quotes = tuple(extract_quotes(doc, clean, actors))
    events = tuple(extract_events(doc, clean, actors, quotes))
    return Extraction(actors=actors, quotes=quotes, events=events)
