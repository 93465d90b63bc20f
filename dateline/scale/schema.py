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
    ("body", "string"), ("notes", "list<string>"), ("source_label", "string"),
    ("published_date", "date32"),  # the article's day (the partition column of its rows)
    ("sig", "list<int32>"),  # MinHash signature (dateline.store.dedup.signature), values as signed 32-bit
    ("bands", "list<int64>"),  # its LSH bucket key in each band, the store's bands (NearDuplicateIndex)
]
STAGE_NAMES = [n for n, _ in STAGE_FIELDS]

# what pass 2 (extraction) reads of a canonical article
EXTRACT_INPUT = ["id", "story_id", "published_date", "input_path", "input_url", "format", "record", "sha256",
                 "fetched_at", "url", "site", "section", "headline", "byline", "source", "news_code", "published",
                 "dateline_place", "dateline_date", "dateline_agency", "dateline_start", "dateline_end",
                 "language", "body", "notes"]
EXTRACTED_TABLES = ("actors", "mentions", "quotes", "events")

# pass 2 (extraction) result, one row per extracted article: the rows of its tables, nested
EXTRACT_FIELDS: list[tuple[str, str]] = [
    ("id", "string"), ("ok", "bool"), ("code", "string"), ("message", "string"), ("hint", "string"),
    ("payload", "string"), ("ext_notes", "list<string>"),
    *[(t, f"list<struct:{t}>") for t in EXTRACTED_TABLES],
]


def _fields(spec: str) -> list[tuple[str, str]]:
    return [(c.name, c.type) for c in ALL_TABLES[spec]]


def spark_type(t: str):
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    if t.startswith("list<struct:"):
        return T.ArrayType(struct(_fields(t[len("list<struct:"):-1])))
    simple = {"string": T.StringType(), "int64": T.LongType(), "int32": T.IntegerType(), "float64": T.DoubleType(),
              "bool": T.BooleanType(), "date32": T.DateType(), "binary": T.BinaryType(),
              "list<string>": T.ArrayType(T.StringType()), "list<int32>": T.ArrayType(T.IntegerType()),
              "list<int64>": T.ArrayType(T.LongType()),
              "list<list<int64>>": T.ArrayType(T.ArrayType(T.LongType()))}
    return simple[t]


def struct(fields: list[tuple[str, str]]):
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    return T.StructType([T.StructField(n, spark_type(t), True) for n, t in fields])


def arrow_type(t: str):
    import pyarrow as pa  # deferred: pyarrow: Parquet export and Spark tables only

    if t.startswith("list<struct:"):
        return pa.list_(arrow_struct(_fields(t[len("list<struct:"):-1])))
    simple = {"string": pa.string(), "int64": pa.int64(), "int32": pa.int32(), "float64": pa.float64(),
              "bool": pa.bool_(), "date32": pa.date32(), "binary": pa.binary(),
              "list<string>": pa.list_(pa.string()), "list<int32>": pa.list_(pa.int32()),
              "list<int64>": pa.list_(pa.int64()), "list<list<int64>>": pa.list_(pa.list_(pa.int64()))}
    return simple[t]


def arrow_struct(fields: list[tuple[str, str]]):
    import pyarrow as pa  # deferred: pyarrow: Parquet export and Spark tables only

    return pa.struct([pa.field(n, arrow_type(t)) for n, t in fields])


def arrow_schema(fields: list[tuple[str, str]]):
    import pyarrow as pa  # deferred: pyarrow: Parquet export and Spark tables only

    return pa.schema([pa.field(n, arrow_type(t)) for n, t in fields])


def table_schema(table: str):
    return struct(_fields(table))


def table_names(table: str) -> list[str]:
    return [c.name for c in ALL_TABLES[table]]
