"""Extractors: pure functions over a parsed document yielding frozen dataclasses with spans.

``extract_document(doc, clean)`` runs actors -> quotes -> events on one spaCy ``Doc``
of ``clean.body``. The same call serves the CLI, the API and a Spark partition.
"""

from __future__ import annotations

from dateline.config import Config
from dateline.extract.actors import extract_actors
from dateline.extract.quotes import extract_quotes
from dateline.types import CleanDocument, Extraction


def extract_document(doc, clean: CleanDocument, config: Config | None = None) -> Extraction:
    """``config`` names extra event pattern files (``event_patterns``) and whether the learned check
    decides with the rules (``event_learned_check``); None: the documented defaults."""
    from dateline.extract.events import extract_events  # deferred: loads numpy (the learned check)

    actors = tuple(extract_actors(doc, clean))
    quotes = tuple(extract_quotes(doc, clean, actors))
    config = config or Config()
    events = tuple(extract_events(doc, clean, actors, quotes, patterns=config.event_patterns,
                                  use_model=config.event_learned_check))
    return Extraction(actors=actors, quotes=quotes, events=events)
