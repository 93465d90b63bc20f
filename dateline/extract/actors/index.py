"""Resolve a character span (or a spaCy token/span) to the article's actor.

Used by the quotes and events extractors::

    from dateline.extract.actors import ActorIndex   # (re-exported from here)

    index = ActorIndex(actors)            # actors: the tuple extract_actors() returned
    actor = index.at(start, end)          # Actor | None: the actor with a mention overlapping [start, end)
    actor = index.token(tok)              # same, for a spaCy Token (its character extent)
    actor = index.span(span)              # same, for a spaCy Span
    actor = index.get("a3")               # by id
    pairs = index.within(start, end)      # [(mention_span, Actor)] for mentions inside [start, end), in order

Rules for ``at``: a mention containing the query span wins over one merely overlapping it;
among several candidates the tightest (shortest) mention wins, then the one with the
largest overlap. Pronoun mentions ("He added") are mentions like any other, so asking
for the span of "He" returns the person it refers to. Lookups are O(log n) (bisect over
mention starts), so calling ``at`` for every token of an article is cheap.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from dateline.types import Actor, Span


class ActorIndex:
    """Mention-span -> actor lookup over one article's actors."""

    __slots__ = ("_actors", "_by_id", "_starts", "_mentions", "_max_len")

    def __init__(self, actors: Iterable[Actor]):
        self._actors = tuple(actors)
        self._by_id = {a.id: a for a in self._actors}
        items = sorted((m[0], m[1], a) for a in self._actors for m in a.mentions)
        self._mentions: list[tuple[int, int, Actor]] = items
        self._starts = [s for s, _, _ in items]
        self._max_len = max((e - s for s, e, _ in items), default=0)

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self):
        return iter(self._actors)

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self._actors

    def get(self, actor_id: str | None) -> Actor | None:
        return self._by_id.get(actor_id) if actor_id else None

    def _candidates(self, start: int, end: int):
        # a mention overlapping [start, end) starts before end and after start - max_len
        lo = bisect.bisect_left(self._starts, start - self._max_len)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        for s, e, a in self._mentions[lo:hi]:
            if s < max(end, start + 1) and e > start:
                yield s, e, a

    def at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping the character span ``[start, end)``, or None."""
        best = None
        best_key = None
        for s, e, a in self._candidates(start, end):
            contains = s <= start and e >= end
            overlap = min(e, end) - max(s, start)
            key = (0 if contains else 1, (e - s) if contains else -overlap, s)
            if best_key is None or key < best_key:
                best, best_key = a, key
        return best

    def mention_at(self, start: int, end: int) -> tuple[Span, Actor] | None:
        """Like ``at`` but also returns the matching mention span."""
        a = self.at(start, end)
        if a is None:
            return None
        for s, e, b in self._candidates(start, end):
            if b is a:
                return (s, e), a
        return None

    def token(self, tok) -> Actor | None:
        """The actor a spaCy ``Token`` belongs to (via its character extent)."""
        return self.at(tok.idx, tok.idx + len(tok.text))

    def span(self, span) -> Actor | None:
        """The actor a spaCy ``Span`` belongs to (via its character extent)."""
        return self.at(span.start_char, span.end_char)

    def within(self, start: int, end: int) -> list[tuple[Span, Actor]]:
        """Every mention lying inside ``[start, end)`` with its actor, in text order."""
        lo = bisect.bisect_left(self._starts, start)
        out = []
        for s, e, a in self._mentions[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append(((s, e), a))
        return out
