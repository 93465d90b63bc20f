"""Spark schemas: the staged (cleaned) documents, the extraction results, and the output tables.

The output tables are the export contract (``dateline.export.columns.TABLES``: articles,
actors, mentions, quotes, events, failures) plus three tables of the Spark output only:
``stories`` (one row per story: its canonical article, article/input/source/event counts),
``inputs`` (one row per input record, with the global order ``ord`` that decides which copy
of a story is canonical) and ``extractions`` (each extracted article's actors, quotes and
events as ``dateline/1`` JSON with actor aliases: everything ``dateline load`` needs to
store them exactly as ``dateline ingest`` would, incl. fields the export columns leave out).
"""

from __future__ import annotations

from dateline.export.columns import TABLES, Column, column

EXTRA: dict[str, list[Column]] = {
    "stories": [
        column("story_id", "string", "story id (= id of its canonical article)"),
        column("canonical_id", "string", "the story's canonical article"),
        column("n_articles", "int64", "distinct articles (bodies) in the story: the canonical and its near-duplicates"),
        column("n_inputs", "int64", "input records that carried the story (exact duplicates included)"),
        column("n_sources", "int64", "distinct sites/outlets that carried the story"),
        column("sources", "list<string>", "those sites/outlets, in input order"),
        column("n_events", "int64", "events of the story (read from its canonical article)"),
        column("first_published", "string", "earliest publication date among its inputs"),
        column("last_published", "string", "latest publication date among its inputs"),
    ],
    "inputs": [
        column("ord", "int64", "global input order: (file index << 32) | record index; decides canonicals"),
        column("locator", "string", "path or URL of the input file"),
        column("record", "string", "record id inside the input ('' for whole files)"),
        column("format", "string", "input format"),
        column("sha256", "string", "SHA-256 of the raw bytes"),
        column("size", "int64", "size of the raw bytes"),
        column("fetched_at", "string", "when the record was fetched/read"),
        column("status", "string", "ok (the input that started a story) | duplicate (exact or near copy) | failed"),
        column("article_id", "string", "the article the input holds (null when it failed)"),
        column("site", "string", "the input's site"),
        column("url", "string", "the input's URL"),
        column("source", "string", "the input's wire credit"),
        column("published", "string", "the input's publication date"),
        column("published_date", "date32", "publication day of the input's article (the partition column)"),
    ],
    "extractions": [
        column("article_id", "string", "the extracted (canonical) article"),
        column("story_id", "string", "its story"),
        column("payload", "string", "JSON: the article's dateline/1 actors (with aliases), quotes and events"),
        column("published_date", "date32", "publication day of the article (the partition column)"),
    ],
}

ALL_TABLES: dict[str, list[Column]] = {**TABLES, **EXTRA}
PARTITIONED = ("articles", "actors", "mentions", "quotes", "events", "inputs", "extractions")

# the staged document of pass 1 (read + clean + sign), one row per input record
STAGE_FIELDS: list[tuple[str, str]] = [
    ("ord", "int64"), ("ok", "bool"), ("id", "string"),
    ("locator", "string"), ("record", "string"), ("format", "string"),
    ("input_path", "string"), ("input_url", "string"),
    ("sha256", "string"), ("size", "int64"), ("fetched_at", "string"),
    ("code", "string"), ("message", "string"), ("hint", "string"),
    ("url", "string"), ("site", "string"), ("section", "string"), ("headline", "string"),
    ("byline", "string"), ("source", "string"), ("news_code", "string"), ("published", "string"),
    ("dateline_place", "string"), ("dateline_date", "string"), ("dateline_agency", "string"),
    ("dateline_start", "int64"), ("dateline_end", "int64"), ("language", "string"),
    ("body", "string"), ("notes", "list<string>"), ("source_label", "string"), ("sig", "binary"),
]
STAGE_NAMES = [n for n, _ in STAGE_FIELDS]

# pass 2 (extraction) result, one row per extracted article
EXTRACT_FIELDS: list[tuple[str, str]] = [
    ("id", "string"), ("ok", "bool"), ("code", "string"), ("message", "string"), ("hint", "string"),
    ("payload", "string"),
]


def spark_type(t: str):
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    simple = {"string": T.StringType(), "int64": T.LongType(), "float64": T.DoubleType(),
              "bool": T.BooleanType(), "date32": T.DateType(), "binary": T.BinaryType(),
              "list<string>": T.ArrayType(T.StringType()),
              "list<list<int64>>": T.ArrayType(T.ArrayType(T.LongType()))}
    return simple[t]


def struct(fields: list[tuple[str, str]]):
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    return T.StructType([T.StructField(n, spark_type(t), True) for n, t in fields])


def table_schema(table: str):
    return struct([(c.name, c.type) for c in ALL_TABLES[table]])


def table_names(table: str) -> list[str]:
    return [c.name for c in ALL_TABLES[table]]
