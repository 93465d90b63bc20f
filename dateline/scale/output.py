"""The output tables of the Spark job, built with Spark SQL, and written grouped by day.

``tables(...)`` turns the job's intermediate frames into the nine output tables without another
pass through Python: the articles, inputs, stories and failures tables are selections and joins
of the staged rows, the story links and the extraction results; the actors, mentions, quotes and
events rows were made in the extraction pass and are only un-nested here.

``write(...)`` groups each table's rows before writing: all the rows of one publication day go to
one task (``repartition("published_date")``), which writes one file for the day, more only when
the day holds more than a file's worth of rows (``maxRecordsPerFile``, from ``file_mb`` and the
table's typical row size). So a table has a handful of files per day, whatever the number of
input files or tasks (a month of CC-NEWS: about one file per table and day, a few for articles).
"""

from __future__ import annotations

import math

from dateline.scale.schema import EXTRACTED_TABLES, PARTITIONED, table_names

FILE_MB = 128  # target size of an output file, before compression
ROW_BYTES = {  # typical uncompressed row sizes, measured on news articles (an estimate is enough)
    "articles": 6000, "extractions": 9000, "actors": 160, "mentions": 90, "quotes": 600, "events": 900,
    "inputs": 450, "stories": 250, "failures": 350,
}
SOURCES = ("filter(array_distinct(transform(array_sort(srcs), x -> x.source_label)), "
           "x -> x IS NOT NULL AND x <> '')")  # distinct labels in input order


def stories_frame(docs, arts):
    """One row per story: its article and input counts, dates, and sources in input order."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    return (docs.join(arts.select("id", "story_id"), "id")
            .groupBy("story_id")
            .agg(F.count(F.lit(1)).alias("n_inputs"), F.countDistinct("id").alias("n_articles"),
                 F.min("published").alias("first_published"), F.max("published").alias("last_published"),
                 F.collect_list(F.struct("ord", "source_label")).alias("srcs"))
            .withColumn("sources", F.expr(SOURCES))
            .drop("srcs"))


def tables(staged, arts, stories, ext, at: str) -> dict:
    """The nine output tables (DataFrames with the columns of ``schema.ALL_TABLES``)."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    ext_ok = ext.where(F.col("ok"))
    out = {}
    for t in EXTRACTED_TABLES:
        out[t] = ext_ok.select(F.explode(t).alias("r")).select("r.*")
    n_events = out["events"].groupBy("story_id").agg(F.count(F.lit(1)).alias("n_events"))
    out["stories"] = (stories.join(n_events, "story_id", "left")
                      .select("story_id", F.col("story_id").alias("canonical_id"), "n_articles", "n_inputs",
                              F.size("sources").cast("long").alias("n_sources"), "sources",
                              F.coalesce("n_events", F.lit(0)).cast("long").alias("n_events"),
                              "first_published", "last_published"))
    state = ext.select("id", F.col("ok").alias("ext_ok"), "ext_notes")
    story = stories.select("story_id", F.col("n_articles").alias("story_articles"),
                           F.col("sources").alias("story_sources"))
    out["articles"] = (arts.join(story, "story_id", "left").join(state, "id", "left")
                       .where(F.col("ext_ok").isNull() | F.col("ext_ok"))  # a failed extraction: a failure
                       .withColumn("notes", F.concat(F.coalesce("notes", F.array().cast("array<string>")),
                                                     F.coalesce("ext_notes", F.array().cast("array<string>"))))
                       .withColumn("story_articles", F.coalesce("story_articles", F.lit(1)).cast("long"))
                       .withColumn("input_format", F.col("format")).withColumn("input_record", F.col("record"))
                       .select(*table_names("articles")))
    out["extractions"] = (ext_ok.join(arts.select("id", "story_id", "published_date"), "id")
                          .select(F.col("id").alias("article_id"), "story_id", "payload", "published_date"))
    failed_ext = (ext.where(~F.col("ok")).select("id", "code", "message", "hint")
                  .join(arts.select("id", "locator", "record", "format", "sha256"), "id"))
    cols = ["locator", F.coalesce("record", F.lit("")).alias("record"), "format", "sha256", "code", "message",
            "hint", F.lit(at).alias("at")]
    out["failures"] = staged.where(~F.col("ok")).select(*cols).unionByName(failed_ext.select(*cols))
    first = arts.select("id", F.col("ord").alias("a_ord"), F.col("published_date").alias("a_day"),
                        F.col("is_canonical").alias("a_canonical"))
    status = (F.when(~F.col("ok"), "failed")
              .when((F.col("ord") == F.col("a_ord")) & F.col("a_canonical"), "ok").otherwise("duplicate"))
    out["inputs"] = (staged.join(first, "id", "left")
                     .withColumn("status", status)
                     .withColumn("article_id", F.when(F.col("ok"), F.col("id")))
                     .withColumn("record", F.coalesce("record", F.lit("")))
                     .withColumn("published_date", F.when(F.col("ok"), F.col("a_day")))
                     .select(*table_names("inputs")))
    return out


def rows_per_file(table: str, file_mb: int = FILE_MB) -> int:
    return max(1000, file_mb * 2**20 // ROW_BYTES[table])


def write(df, path: str, table: str, rows: int, file_mb: int = FILE_MB) -> None:
    """Write one table: grouped by day (partitioned tables) or into ``rows / rows_per_file`` files."""
    per_file = rows_per_file(table, file_mb)
    if table in PARTITIONED:
        df = df.repartition("published_date")
    else:
        df = df.repartition(max(1, math.ceil(rows / per_file)))
    w = df.write.mode("overwrite").option("compression", "zstd").option("maxRecordsPerFile", per_file)
    if table in PARTITIONED:
        w = w.partitionBy("published_date")
    w.parquet(path)
