"""Actors: who is who in an article — persons, organisations, countries and groups.

Stages, one module each: ``mentions`` (lexicons, the model's entities and rules; nominal
descriptions in ``nominals``), ``coref`` (clusters mentions into actors), ``affiliation``
(country, sector and titles), ``extract`` (the whole pass, ``extract_actors``). ``index``
maps any span or token back to its actor for the quote and event extractors. See docs/actors.md.
"""

from dateline.extract.actors.extract import actor_index, extract_actors
from dateline.extract.actors.index import ActorIndex

__all__ = ["ActorIndex", "actor_index", "extract_actors"]
