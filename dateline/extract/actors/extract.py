"""Actors: who is who in an article — persons, organisations, countries and groups.

``extract_actors(doc, clean)`` yields ``dateline.types.Actor`` with ids "a1", "a2", ... in order
of first mention; each actor lists every mention span (names, surnames, titles alone,
descriptions, anaphors like "the agency", pronoun subjects like "He added"), its titles, its
country (ISO alpha-3) and sector. Stages:

  mentions  dateline.extract.actors.mentions  (lexicons + the model's entities + rules)
  coref     dateline.extract.actors.coref            (clusters mentions into actors)
  affiliate dateline.extract.actors.affiliation      (country / sector / titles from evidence and context)

``ActorIndex`` (dateline.extract.actors.index) maps any span or token back to its actor; the
quotes and events extractors use it. See docs/actors.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from dateline.extract.actors.affiliation import place_country, resolve, titles_of
from dateline.extract.actors.coref import Resolver
from dateline.extract.actors.index import ActorIndex
from dateline.extract.actors.mentions import find_mentions
from dateline.types import Actor, CleanDocument

__all__ = ["ActorIndex", "extract_actors", "actor_index"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# "Moscow, Nov 10, IRNA --", "WASHINGTON (Reuters) -", "BEIJING, March 3 (Xinhua) --"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)(?:,\s*[A-Z][a-z]{1,5}\.)?"
    r"(?P<date>,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?P<agency>,\s*[A-Z][A-Za-z\-]+|\s*\([A-Za-z\-]+\))?\s*(?:--|—|–|-)\s"
)


def _dateline(clean: CleanDocument, body: str) -> tuple[tuple[int, int] | None, str | None]:
    if clean is not None and clean.dateline is not None:
        return tuple(clean.dateline.span), place_country(clean.dateline.place)
    m = _DATELINE.match(body[:120])
    # a place alone before a dash is not enough ("Hamas - the group said"): it needs a date, an
    # agency, or the capitals of wire style ("WASHINGTON -")
    if not m or not (m.group("date") or m.group("agency") or m.group("place").isupper()):
        return None, None
    return (m.start("place"), m.end()), place_country(m.group("place").strip().title())


def article_day(clean: CleanDocument | None) -> str | None:
    """The article's date (``YYYY-MM-DD`` from ``clean.published``), the date roles are read on."""
    published = getattr(clean, "published", None)
    return published[:10] if published and _DAY.match(published) else None


def extract_actors(doc, clean: CleanDocument | None = None, *args) -> Iterator[Actor]:
    """The article's actors, in order of first mention."""
    body = doc.text
    skip, dl_country = _dateline(clean, body)
    date = article_day(clean)
    mentions = find_mentions(doc, skip=skip, date=date)
    clusters = Resolver(doc, mentions).run()
    resolve(clusters, doc, dl_country, mentions, date=date)
    ordered = []
    for c in clusters:
        spans = sorted({(m.start, m.end) for m in c.mentions})
        # a mention inside a longer one of the same actor ("Interfax" in "Interfax news agency") is one mention
        spans = [sp for sp in spans if not any(o != sp and o[0] <= sp[0] and sp[1] <= o[1] for o in spans)]
        if spans:
            ordered.append((spans[0], spans, c))
    ordered.sort(key=lambda x: x[0])
    for n, (_first, spans, c) in enumerate(ordered, 1):
        aliases = []
        for m in c.mentions:
            if m.kind in ("person", "org", "country") and m.name != c.name and m.name not in aliases:
                aliases.append(m.name)
        yield Actor(
            id=f"a{n}",
            name=c.name,
            type=c.type,
            titles=titles_of(c) if c.type == "person" else (),
            country=c.country,
            sector=c.sector,
            mentions=tuple(spans),
            aliases=tuple(aliases),
            ref=c.ref,
        )


def actor_index(actors: Iterable[Actor]) -> ActorIndex:
    return ActorIndex(actors)
