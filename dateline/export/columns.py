"""The exported tables and their columns: the contract for CSV, Parquet and the Spark job.

``TABLES[name]`` lists ``Column(name, type, doc)`` in file order. Types are Arrow types
(``string``, ``int64``, ``float64``, ``bool``, ``date32``, ``list<string>``,
``list<list<int64>>``); CSV writes lists as JSON, booleans as ``true``/``false``, dates as
``YYYY-MM-DD`` and nulls as empty fields. docs/export.md documents every column (a test
checks that), and the Spark job (issue 8) writes Parquet with ``arrow_schema(name)``.

Ids: ``article_id`` is the ``dateline/1`` id (stable: a hash of the normalised body);
``local_id`` is the id inside that article (``a1``, ``q1``, ``e1``); ``actor_id`` is the
store's global actor id (store-specific, may be null when an actor was not linked).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str


def column(name: str, type: str, doc: str) -> Column:
    return Column(name, type, doc)


PUBLISHED_DATE = column("published_date", "date32", "publication day of the article (the partition column)")

ARTICLES = [
    column("id", "string", "dateline/1 article id"),
    column("story_id", "string", "story cluster id (= id of the story's canonical article)"),
    column("is_canonical", "bool", "false for a near-duplicate copy of another article of the story"),
    column("similarity", "float64", "estimated Jaccard similarity to the canonical article (copies only)"),
    column("story_articles", "int64", "number of articles in the story (syndicated copies included)"),
    column("story_sources", "list<string>", "distinct sites/outlets that carried the story"),
    column("published", "string", "publication date or datetime as ISO 8601, as found"),
    PUBLISHED_DATE,
    column("url", "string", "canonical URL"),
    column("site", "string", "publishing site"),
    column("section", "string", "site section"),
    column("headline", "string", "headline"),
    column("byline", "string", "author(s) as printed"),
    column("source", "string", "originating agency or outlet (wire credit)"),
    column("news_code", "string", "the agency's own story id"),
    column("language", "string", "ISO 639-1 language code"),
    column("dateline_place", "string", "place of the dateline (\"Moscow\")"),
    column("dateline_date", "string", "date of the dateline as printed, normalised to MM-DD"),
    column("dateline_agency", "string", "agency named in the dateline"),
    column("dateline_start", "int64", "start of the dateline span in body"),
    column("dateline_end", "int64", "end of the dateline span in body (exclusive)"),
    column("input_path", "string", "path of the input the article came from"),
    column("input_url", "string", "URL of the input the article came from"),
    column("input_format", "string", "text | html | wet | warc | feed | jsonl"),
    column("input_record", "string", "record id inside the input (JSONL id, WARC record id, feed item)"),
    column("notes", "list<string>", "processing notes"),
    column("body", "string", "clean article text; every span indexes into it"),
]

ACTORS = [
    column("article_id", "string", "article the actor appears in"),
    column("local_id", "string", "actor id inside the article (a1, a2, ...)"),
    column("actor_id", "int64", "global actor id in the store (null when not linked)"),
    column("actor_name", "string", "the global actor's canonical name"),
    column("name", "string", "name as resolved in this article"),
    column("type", "string", "person | org | country | group"),
    column("titles", "list<string>", "titles seen with the name in this article"),
    column("country", "string", "ISO 3166-1 alpha-3 code"),
    column("sector", "string", "CAMEO-style sector code (GOV MIL IGO NGO MED BUS REB JUD LEG OPP CVL ...)"),
    column("n_mentions", "int64", "number of mentions in this article"),
    PUBLISHED_DATE,
]

MENTIONS = [
    column("article_id", "string", "article"),
    column("local_id", "string", "the article actor mentioned (a1, ...)"),
    column("actor_id", "int64", "global actor id (null when not linked)"),
    column("start", "int64", "start of the mention in body"),
    column("end", "int64", "end of the mention in body (exclusive)"),
    column("text", "string", "body[start:end]"),
    PUBLISHED_DATE,
]

QUOTES = [
    column("article_id", "string", "article"),
    column("local_id", "string", "quote id inside the article (q1, ...)"),
    column("kind", "string", "direct | partial | indirect"),
    column("text", "string", "the quoted content (body[start:end])"),
    column("start", "int64", "start of the quote in body"),
    column("end", "int64", "end of the quote in body (exclusive)"),
    column("parts", "list<list<int64>>", "[start, end] spans of the pieces of an interrupted quote, or null"),
    column("speaker_local", "string", "speaker's article actor id, or null"),
    column("speaker_actor", "int64", "speaker's global actor id, or null"),
    column("speaker_name", "string", "speaker's global name (else the text naming the speaker)"),
    column("speaker_text", "string", "the words naming the speaker"),
    column("speaker_start", "int64", "start of speaker_text in body"),
    column("speaker_end", "int64", "end of speaker_text in body (exclusive)"),
    column("cue_text", "string", "the reporting verb (\"said\")"),
    column("cue_start", "int64", "start of the cue in body"),
    column("cue_end", "int64", "end of the cue in body (exclusive)"),
    column("via_local", "string", "relaying outlet's article actor id, or null"),
    column("via_actor", "int64", "relaying outlet's global actor id, or null"),
    column("via_text", "string", "the words naming the relaying outlet"),
    PUBLISHED_DATE,
]

EVENTS = [
    column("article_id", "string", "article the event was read from"),
    column("local_id", "string", "event id inside the article (e1, ...)"),
    column("story_id", "string", "story the article belongs to"),
    column("type", "string", "PLOVER event type (AGREE ... ASSAULT)"),
    column("mode", "string", "PLOVER mode, or null"),
    column("cameo", "string", "CAMEO event code"),
    column("quad_class", "int64", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    column("goldstein", "float64", "Goldstein scale, -10 (conflict) .. +10 (cooperation)"),
    column("source_local", "string", "source's article actor id"),
    column("source_actor", "int64", "source's global actor id"),
    column("source_name", "string", "source's global name (else its text)"),
    column("source_text", "string", "the words naming the source"),
    column("source_country", "string", "source's ISO alpha-3 country"),
    column("source_sector", "string", "source's sector code"),
    column("target_local", "string", "target's article actor id"),
    column("target_actor", "int64", "target's global actor id"),
    column("target_name", "string", "target's global name (else its text)"),
    column("target_text", "string", "the words naming the target"),
    column("target_country", "string", "target's ISO alpha-3 country"),
    column("target_sector", "string", "target's sector code"),
    column("date", "string", "when the event happened (YYYY-MM-DD, the first day of its period), or null when undated"),
    column("date_text", "string", "the words the date was read from"),
    column("date_precision", "string", "day | week | month | season | year | decade (null when undated)"),
    column("date_basis", "string", "explicit | relative | publication | none: what the date rests on"),
    column("day", "date32", "date as a calendar day (null when undated): the day queries and timelines use"),
    column("place_name", "string", "where it happened"),
    column("place_country", "string", "ISO alpha-3 of the place"),
    column("lat", "float64", "latitude of the place"),
    column("lon", "float64", "longitude of the place"),
    column("negated", "bool", "the text says it did not happen"),
    column("modality", "string", "asserted | hypothetical | future | reported_past"),
    column("evidence_start", "int64", "start of the evidence in body"),
    column("evidence_end", "int64", "end of the evidence in body (exclusive)"),
    column("evidence_text", "string", "body[evidence_start:evidence_end]"),
    column("fingerprint", "string", "type|source|target|date key merging a story's copies of the event"),
    PUBLISHED_DATE,
]

FAILURES = [
    column("locator", "string", "path or URL of the input"),
    column("record", "string", "record id inside the input ('' for whole files)"),
    column("format", "string", "input format"),
    column("sha256", "string", "SHA-256 of the raw bytes"),
    column("code", "string", "error code (E...)"),
    column("message", "string", "what went wrong"),
    column("hint", "string", "what to do about it"),
    column("at", "string", "when (UTC, ISO 8601)"),
]

TABLES: dict[str, list[Column]] = {
    "articles": ARTICLES,
    "actors": ACTORS,
    "mentions": MENTIONS,
    "quotes": QUOTES,
    "events": EVENTS,
    "failures": FAILURES,
}


def names(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]


def arrow_type(t: str):
    import pyarrow as pa  # deferred: pyarrow takes ~0.4 s to import: Parquet only

    simple = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
              "date32": pa.date32(), "list<string>": pa.list_(pa.string()),
              "list<list<int64>>": pa.list_(pa.list_(pa.int64()))}
    return simple[t]


def arrow_schema(table: str):
    """The pyarrow schema of ``table`` (every column nullable)."""
    import pyarrow as pa  # deferred: pyarrow takes ~0.4 s to import: Parquet only

    return pa.schema([pa.field(c.name, arrow_type(c.type)) for c in TABLES[table]])
