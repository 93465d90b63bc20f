"""Frozen dataclasses that flow between the stages.

ingest -> ``RawDocument`` -> clean -> ``CleanDocument`` -> nlp/extract ->
(``Actor``, ``Quote``, ``Event``) -> ``dateline.document.to_dateline`` -> store / CLI / API.

Every span is ``(start, end)``: Python ``str`` offsets into ``CleanDocument.body``,
end exclusive, so ``body[start:end]`` is the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class InputRef:
    """Where a document came from: ``format`` is text|html|wet|warc|feed|jsonl."""

    path: str | None = None
    url: str | None = None
    format: str = "text"
    record: str | None = None  # JSONL id, WARC record id, or feed item id

    def to_json(self) -> dict:
        d = {"path": self.path, "url": self.url, "format": self.format}
        if self.record is not None:
            d["id"] = self.record
        return d


@dataclass(frozen=True)
class RawDocument:
    """One document as read by ingest, before cleaning.

    ``kind`` says how to clean ``content``: "text" (plain-text page as a crawl stores it)
    or "html". ``sha256`` is of the raw bytes the document was read from.
    """

    input: InputRef
    content: str
    kind: str  # "text" | "html"
    sha256: str
    url: str | None = None
    published: str | None = None  # a hint (CLI --published, JSONL field, WARC date); cleaning may refine
    published_is_fallback: bool = False  # True when the date is only the crawl/record date
    fetched_at: str | None = None
    site: str | None = None  # host or site name when the input tells it
    title: str | None = None  # e.g. a feed item's title
    size: int = 0


@dataclass(frozen=True)
class FailedInput:
    """An input that could not be read; recorded in the store with its code."""

    input: InputRef
    code: str
    message: str
    hint: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Dateline:
    place: str | None
    date: str | None  # as printed, normalised to MM-DD when it is a month/day ("11-10")
    agency: str | None
    span: Span

    def to_json(self) -> dict:
        return {"place": self.place, "date": self.date, "agency": self.agency, "span": list(self.span)}


@dataclass(frozen=True)
class CleanDocument:
    """An article after boilerplate removal, with its wire metadata. ``body`` is final."""

    input: InputRef
    body: str
    url: str | None = None
    site: str | None = None
    section: str | None = None
    headline: str | None = None
    byline: str | None = None
    source: str | None = None
    news_code: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    language: str | None = "en"
    sha256: str | None = None
    fetched_at: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    id: str  # "a1", "a2", ... local to the article
    name: str
    type: str  # person | org | country | group
    titles: tuple[str, ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # GOV MIL IGO NGO MED BUS REB JUD LEG OPP CVL ...
    mentions: tuple[Span, ...] = ()
    aliases: tuple[str, ...] = ()  # other surface forms seen (not in dateline/1 core; added field)
    # added field: the actor dictionary's id of this actor ("person:RUS:vladimir-putin"), or None
    # when the dictionary does not know it; the store keeps one identity per ref
    ref: str | None = None

    def to_json(self) -> dict:
        d = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "titles": list(self.titles),
            "country": self.country,
            "sector": self.sector,
            "mentions": [list(m) for m in self.mentions],
        }
        if self.ref is not None:
            d["ref"] = self.ref
        return d


@dataclass(frozen=True)
class Ref:
    """A reference to an actor (or just text) at a span: speakers, cues, relays."""

    text: str
    span: Span
    actor: str | None = None

    def to_json(self) -> dict:
        return {"actor": self.actor, "text": self.text, "span": list(self.span)}


@dataclass(frozen=True)
class Quote:
    id: str
    kind: str  # direct | partial | indirect
    text: str
    span: Span
    speaker: Ref | None = None
    cue: Ref | None = None
    via: Ref | None = None
    parts: tuple[Span, ...] = ()  # pieces of an interrupted / multi-paragraph quote (added field)

    def to_json(self) -> dict:
        d = {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "span": list(self.span),
            "speaker": self.speaker.to_json() if self.speaker else None,
            "cue": {"text": self.cue.text, "span": list(self.cue.span)} if self.cue else None,
            "via": self.via.to_json() if self.via else None,
        }
        if self.parts:
            d["parts"] = [list(p) for p in self.parts]
        return d


@dataclass(frozen=True)
class EventActor:
    text: str
    actor: str | None = None
    country: str | None = None
    sector: str | None = None
    span: Span | None = None  # added field: where the actor is named in the evidence

    def to_json(self) -> dict:
        d = {"actor": self.actor, "text": self.text, "country": self.country, "sector": self.sector}
        if self.span is not None:
            d["span"] = list(self.span)
        return d


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(frozen=True)
class EventRule:
    """Why an event exists: the pattern that fired (file and line, or dictionary entry) and the checks
    it passed; ``score`` is the learned check's probability of the type when it was consulted."""

    origin: str  # "event_patterns.tsv:43", "event_cameo.tsv:912 (CAMEO.2.0.txt:3120)"
    pattern: str  # "verb meet", "light impose sanction", "frame threaten + light impose sanction"
    checks: tuple[str, ...] = ()
    score: float | None = None

    def to_json(self) -> dict:
        d = {"origin": self.origin, "pattern": self.pattern, "checks": list(self.checks)}
        if self.score is not None:
            d["score"] = round(self.score, 3)
        return d


@dataclass(frozen=True)
class Cue:
    """A word that sets an event's modality or negation ("would" -> hypothetical, "not" -> negated)."""

    text: str
    span: Span
    sets: str  # negated | hypothetical | future | reported_past | intent

    def to_json(self) -> dict:
        return {"text": self.text, "span": list(self.span), "sets": self.sets}


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # PLOVER type
    cameo: str
    source: EventActor | None
    target: EventActor | None
    evidence_span: Span
    evidence_text: str
    mode: str | None = None
    date: str | None = None
    date_text: str | None = None
    place: Place | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted | hypothetical | future | reported_past
    quad_class: int | None = None  # added field: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float | None = None  # added field
    trigger: Span | None = None  # added field: the words that triggered the event
    quote: str | None = None  # added field: id of the quote the event was read from
    rule: EventRule | None = None  # added field: the pattern that fired and the checks it passed
    cues: tuple[Cue, ...] = ()  # added field: the words that set modality and negation
    date_precision: str | None = None  # added field: day | week | month | season | year | decade
    date_basis: str | None = None  # added field: explicit | relative | publication | none

    def to_json(self) -> dict:
        d = {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "cameo": self.cameo,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "date": self.date,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "place": self.place.to_json() if self.place else None,
            "negated": self.negated,
            "modality": self.modality,
            "evidence": {"span": list(self.evidence_span), "text": self.evidence_text},
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
        }
        if self.trigger is not None:
            d["trigger"] = list(self.trigger)
        if self.quote is not None:
            d["quote"] = self.quote
        if self.rule is not None:
            d["rule"] = self.rule.to_json()
        if self.cues:
            d["cues"] = [c.to_json() for c in self.cues]
        return d


@dataclass(frozen=True)
class Extraction:
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
