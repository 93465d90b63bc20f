"""Extractors: pure functions over a parsed document yielding frozen dataclasses with spans.

``extract_document(doc, clean)`` runs actors -> quotes -> events on one spaCy ``Doc``
of ``clean.body``. The same call serves the CLI, the API and a Spark partition.
"""

from __future__ import annotations

from dateline.types import CleanDocument, Extraction


def extract_document(doc, clean: CleanDocument, config=None) -> Extraction:
    """``config`` (a ``dateline.config.Config``, optional) names extra event pattern files
    (``event_patterns``); without it, the environment's ``DATELINE_EVENT_PATTERNS`` is read."""
    from dateline.extract.actors import extract_actors
    from dateline.extract.events import extract_events
    from dateline.extract.quotes import extract_quotes

    actors = tuple(extract_actors(doc, clean))
    quotes = tuple(extract_quotes(doc, clean, actors))
    patterns = getattr(config, "event_patterns", None) if config is not None else None
    learned = getattr(config, "event_learned_check", True) if config is not None else True
    events = tuple(extract_events(doc, clean, actors, quotes, patterns=patterns, use_model=learned))
    return Extraction(actors=actors, quotes=quotes, events=events)
