"""Actors extractor (in progress). ``ActorIndex`` resolves spans to actors for quotes/events."""

from dateline.extract.actors_index import ActorIndex

__all__ = ["ActorIndex", "extract_actors"]


def extract_actors(doc, clean, *args):
    return iter(())
