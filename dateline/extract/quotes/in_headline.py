"""Quotes in a headline the clean stage moved out of the body: the quote objects of
``extract_quotes`` over the headline alone, spans into the headline (the added ``headline_quotes``
field of docs/format.md)."""

from __future__ import annotations

from dataclasses import replace

from dateline.extract.quotes.extract import extract_quotes
from dateline.types import CleanDocument, InputRef, Ref


def quotes_in_headline(doc, headline: str, actors=()) -> tuple:
    """Quotes in the article's ``headline`` once the clean stage has moved it out of ``body``
    (``"Ryabkov: sanctions are 'destructive'"``): the quote objects of ``extract_quotes`` over the
    headline alone (``doc`` is its parse), ids ``h1``, ``h2``, …, every span (``span``, ``parts``,
    ``speaker``, ``cue``, ``via``) indexing into ``headline``, never into ``body``. A speaker whose
    words name one of the article's ``actors`` (the body's) refers to it. The proposed added field
    ``headline_quotes`` of docs/format.md carries them.
    """
    if not headline or not headline.strip():
        return ()
    clean = CleanDocument(input=InputRef(path=None), body=headline)
    out = []
    for i, q in enumerate(extract_quotes(doc, clean, ()), 1):
        speaker = q.speaker
        if speaker is not None:
            actor = _actor_named(speaker.text, actors)
            speaker = Ref(text=speaker.text, span=speaker.span, actor=actor)
        out.append(replace(q, id=f"h{i}", speaker=speaker, via=None if q.via is None else replace(q.via, actor=None)))
    return tuple(out)


def _actor_named(text: str, actors) -> str | None:
    """The article actor a headline phrase names: its full name, or its last word as a surname."""
    words = [w.strip(".,'’\"").lower() for w in text.split()]
    if not words:
        return None
    for a in actors:
        name = a.name.lower()
        if name == " ".join(words) or (a.type == "person" and name.split()[-1:] == words[-1:]):
            return a.id
    return None
