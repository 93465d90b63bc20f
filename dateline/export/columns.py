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


def _c(name: str, type: str, doc: str) -> Column:
    return Column(name, type, doc)


PUBLISHED_DATE = _c("published_date", "date32", "publication day of the article (the partition column)")

ARTICLES = [
    _c("id", "string", "dateline/1 article id"),
    _c("story_id", "string", "story cluster id (= id of the story's canonical article)"),
    _c("is_canonical", "bool", "false for a near-duplicate copy of another article of the story"),
    _c("similarity", "float64", "estimated Jaccard similarity to the canonical article (copies only)"),
    _c("story_articles", "int64", "number of articles in the story (syndicated copies included)"),
    _c("story_sources", "list<string>", "distinct sites/outlets that carried the story"),
    _c("published", "string", "publication date or datetime as ISO 8601, as found"),
    PUBLISHED_DATE,
    _c("url", "string", "canonical URL"),
    _c("site", "string", "publishing site"),
    _c("section", "string", "site section"),
    _c("headline", "string", "headline"),
    _c("byline", "string", "author(s) as printed"),
    _c("source", "string", "originating agency or outlet (wire credit)"),
    _c("news_code", "string", "the agency's own story id"),
    _c("language", "string", "ISO 639-1 language code"),
    _c("dateline_place", "string", "place of the dateline (\"Moscow\")"),
    _c("dateline_date", "string", "date of the dateline as printed, normalised to MM-DD"),
    _c("dateline_agency", "string", "agency named in the dateline"),
    _c("dateline_start", "int64", "start of the dateline span in body"),
    _c("dateline_end", "int64", "end of the dateline span in body (exclusive)"),
    _c("input_path", "string", "path of the input the article came from"),
    _c("input_url", "string", "URL of the input the article came from"),
    _c("input_format", "string", "text | html | wet | warc | feed | jsonl"),
    _c("input_record", "string", "record id inside the input (JSONL id, WARC record id, feed item)"),
    _c("notes", "list<string>", "processing notes"),
    _c("body", "string", "clean article text; every span indexes into it"),
]

ACTORS = [
    _c("article_id", "string", "article the actor appears in"),
    _c("local_id", "string", "actor id inside the article (a1, a2, ...)"),
    _c("actor_id", "int64", "global actor id in the store (null when not linked)"),
    _c("actor_name", "string", "the global actor's canonical name"),
    _c("name", "string", "name as resolved in this article"),
    _c("type", "string", "person | org | country | group"),
    _c("titles", "list<string>", "titles seen with the name in this article"),
    _c("country", "string", "ISO 3166-1 alpha-3 code"),
    _c("sector", "string", "CAMEO-style sector code (GOV MIL IGO NGO MED BUS REB JUD LEG OPP CVL ...)"),
    _c("n_mentions", "int64", "number of mentions in this article"),
    PUBLISHED_DATE,
]

MENTIONS = [
    _c("article_id", "string", "article"),
    _c("local_id", "string", "the article actor mentioned (a1, ...)"),
    _c("actor_id", "int64", "global actor id (null when not linked)"),
    _c("start", "int64", "start of the mention in body"),
    _c("end", "int64", "end of the mention in body (exclusive)"),
    _c("text", "string", "body[start:end]"),
    PUBLISHED_DATE,
]

QUOTES = [
    _c("article_id", "string", "article"),
    _c("local_id", "string", "quote id inside the article (q1, ...)"),
    _c("kind", "string", "direct | partial | indirect"),
    _c("text", "string", "the quoted content (body[start:end])"),
    _c("start", "int64", "start of the quote in body"),
    _c("end", "int64", "end of the quote in body (exclusive)"),
    _c("parts", "list<list<int64>>", "[start, end] spans of the pieces of an interrupted quote, or null"),
    _c("speaker_local", "string", "speaker's article actor id, or null"),
    _c("speaker_actor", "int64", "speaker's global actor id, or null"),
    _c("speaker_name", "string", "speaker's global name (else the text naming the speaker)"),
    _c("speaker_text", "string", "the words naming the speaker"),
    _c("speaker_start", "int64", "start of speaker_text in body"),
    _c("speaker_end", "int64", "end of speaker_text in body (exclusive)"),
    _c("cue_text", "string", "the reporting verb (\"said\")"),
    _c("cue_start", "int64", "start of the cue in body"),
    _c("cue_end", "int64", "end of the cue in body (exclusive)"),
    _c("via_local", "string", "relaying outlet's article actor id, or null"),
    _c("via_actor", "int64", "relaying outlet's global actor id, or null"),
    _c("via_text", "string", "the words naming the relaying outlet"),
    PUBLISHED_DATE,
]

EVENTS = [
    _c("article_id", "string", "article the event was read from"),
    _c("local_id", "string", "event id inside the article (e1, ...)"),
    _c("story_id", "string", "story the article belongs to"),
    _c("type", "string", "PLOVER event type (AGREE ... ASSAULT)"),
    _c("mode", "string", "PLOVER mode, or null"),
    _c("cameo", "string", "CAMEO event code"),
    _c("quad_class", "int64", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"),
    _c("goldstein", "float64", "Goldstein scale, -10 (conflict) .. +10 (cooperation)"),
    _c("source_local", "string", "source's article actor id"),
    _c("source_actor", "int64", "source's global actor id"),
    _c("source_name", "string", "source's global name (else its text)"),
    _c("source_text", "string", "the words naming the source"),
    _c("source_country", "string", "source's ISO alpha-3 country"),
    _c("source_sector", "string", "source's sector code"),
    _c("target_local", "string", "target's article actor id"),
    _c("target_actor", "int64", "target's global actor id"),
    _c("target_name", "string", "target's global name (else its text)"),
    _c("target_text", "string", "the words naming the target"),
    _c("target_country", "string", "target's ISO alpha-3 country"),
    _c("target_sector", "string", "target's sector code"),
    _c("date", "string", "when the event happened (YYYY-MM-DD, the first day of its period), or null when undated"),
    _c("date_text", "string", "the words the date was read from"),
    _c("date_precision", "string", "day | week | month | season | year | decade (null when undated)"),
    _c("date_basis", "string", "explicit | relative | publication | none: what the date rests on"),
    _c("day", "date32", "date as a calendar day (null when undated): the day queries and timelines use"),
    _c("place_name", "string", "where it happened"),
    _c("place_country", "string", "ISO alpha-3 of the place"),
    _c("lat", "float64", "latitude of the place"),
    _c("lon", "float64", "longitude of the place"),
    _c("negated", "bool", "the text says it did not happen"),
    _c("modality", "string", "asserted | hypothetical | future | reported_past"),
    _c("evidence_start", "int64", "start of the evidence in body"),
    _c("evidence_end", "int64", "end of the evidence in body (exclusive)"),
    _c("evidence_text", "string", "body[evidence_start:evidence_end]"),
    _c("fingerprint", "string", "type|source|target|date key merging a story's copies of the event"),
    PUBLISHED_DATE,
]

FAILURES = [
    _c("locator", "string", "path or URL of the input"),
    _c("record", "string", "record id inside the input ('' for whole files)"),
    _c("format", "string", "input format"),
    _c("sha256", "string", "SHA-256 of the raw bytes"),
    _c("code", "string", "error code (E...)"),
    _c("message", "string", "what went wrong"),
    _c("hint", "string", "what to do about it"),
    _c("at", "string", "when (UTC, ISO 8601)"),
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
