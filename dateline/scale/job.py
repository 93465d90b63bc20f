"""The dateline PySpark job: inputs -> Parquet tables partitioned by publication day.

    spark-submit dateline/scale/job.py INPUT... --out DIR            # on a cluster (docs/scale.md)
    python -m dateline.scale.job INPUT... --out DIR --master local[4]
    dateline spark INPUT... --out DIR [--master URL]

Stages (docs/scale.md):

1. list the inputs on the driver (``inputs.list_inputs``) and read them as one RDD;
2. pass 1 (``partitions.stage_rows``): split archives into records, clean them in batches with
   the CLI workers' code (``dateline.parallel.work``), give each document its id, day, MinHash
   signature and LSH band keys (persisted). A few large files have their records spread over
   all tasks before cleaning;
3. duplicates (``dedup_spark``): exact by id, near by the store's LSH bands and verification
   (Spark SQL, no Python), canonical = first in input order; stories with their counts;
4. pass 2 (``mapInArrow(partitions.extract_arrow)``) on the canonical articles only: actors,
   quotes and events, with the rows of their tables nested; copies share their canonical's events;
5. the tables by Spark SQL (``output.tables``), written grouped by day (``output.write``):
   ``DIR/<table>/published_date=YYYY-MM-DD/*.parquet`` for articles, actors, mentions, quotes,
   events, inputs and extractions (articles without a publication day go to Hive's null
   partition ``published_date=__HIVE_DEFAULT_PARTITION__``), ``DIR/failures``, ``DIR/stories``
   and ``DIR/manifest.json`` (row counts, columns, settings).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from functools import partial

from dateline import __version__
from dateline.config import Config, load_config
from dateline.scale import dedup_spark, inputs, output, schema
from dateline.scale.partitions import (
    extract_arrow,
    make_ord,
    read_batches,
    stage_batches,
    stage_failure_row,
    stage_partition,
)
from dateline.store.db import utcnow

EXTRACT_TASKS_PER_CORE = 4
TABLE_ORDER = ("articles", "actors", "mentions", "quotes", "events", "failures", "stories", "inputs", "extractions")


def build_session(master: str | None = None, app_name: str = "dateline", conf: dict | None = None,
                  model: str | None = None):
    """A SparkSession; in local mode the Python workers use this interpreter. ``model`` (the config's)
    is the one the executors' Python daemon loads before it forks workers (``dateline.scale.daemon``)."""
    from pyspark.sql import SparkSession  # deferred: pyspark, the [spark] extra

    conf = dict(conf or {})
    # the workers' daemon loads the model once per executor and forks workers that share it
    conf.setdefault("spark.python.daemon.module", "dateline.scale.daemon")
    if model:
        conf.setdefault("spark.executorEnv.DATELINE_MODEL", model)
    launched = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit: its settings stand
    if (master or "").startswith("local") or (master is None and not launched):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        conf.setdefault("spark.sql.shuffle.partitions", str(max(2, 2 * (os.cpu_count() or 1))))
        # the JVM only moves rows here (Python does the work): its C1 compiler alone costs half the
        # CPU of C1 + C2 (about 25 s less on 1,000 records) and the rows never get hot enough for C2
        conf.setdefault("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for k, v in conf.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()


def _write_text(spark, path: str, text: str) -> None:
    """Write a small file through Hadoop's FileSystem (so DIR may be any Hadoop URI)."""
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    out = fs.create(p, True)
    try:
        out.write(bytearray(text.encode("utf-8")))
    finally:
        out.close()


def _stage(items, files: list, parts: int, config: Config, published: str | None):
    """Pass 1 as an RDD of staged rows. With at least as many files as tasks, each task reads and
    cleans its files; with fewer (one large archive), the records read are spread over the tasks
    in batches first, so every core cleans."""
    if len(files) >= parts:
        return items.mapPartitions(partial(stage_partition, config=config, published=published))
    batches = items.mapPartitions(partial(read_batches, config=config, published=published))
    return batches.repartition(parts).mapPartitions(partial(stage_batches, config=config))


def _extract(spark, arts, config: Config, parts: int):
    """Pass 2: the canonical articles through the extractors, Arrow batches to Python and back."""
    from pyspark import StorageLevel  # deferred: pyspark, the [spark] extra
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    ext_schema = schema.struct(schema.EXTRACT_FIELDS)
    if not config.extract:
        return spark.createDataFrame([], ext_schema)
    canon = arts.where(F.col("is_canonical")).select(*schema.EXTRACT_INPUT).repartition(parts)  # tasks: see run_job
    ext = canon.mapInArrow(partial(extract_arrow, config=config), ext_schema).persist(StorageLevel.MEMORY_AND_DISK)
    ext.count()
    return ext


def _counts(staged, arts, ext) -> dict:
    """Rows of every table, from three aggregates over persisted frames (not one count a table)."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    s = staged.agg(F.count(F.lit(1)).alias("n"), F.sum(F.col("ok").cast("long")).alias("ok")).first()
    e = ext.agg(F.sum(F.col("ok").cast("long")).alias("ok"), F.sum((~F.col("ok")).cast("long")).alias("failed"),
                *[F.sum(F.size(t)).alias(t) for t in schema.EXTRACTED_TABLES]).first()
    n_arts = arts.count()
    failed_ext = e["failed"] or 0
    counts = {"articles": n_arts - failed_ext, "failures": (s["n"] - (s["ok"] or 0)) + failed_ext,
              "inputs": s["n"], "extractions": e["ok"] or 0, "records": s["n"]}
    counts.update({t: int(e[t] or 0) for t in schema.EXTRACTED_TABLES})
    return counts


def run_job(spark, specs: list[str], out: str, config: Config, published: str | None = None,
            partitions: int | None = None, file_mb: int | None = None) -> dict:
    """Run the job; returns the manifest (also written to ``out/manifest.json``)."""
    from pyspark import StorageLevel  # deferred: pyspark, the [spark] extra
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    t0 = time.monotonic()
    at = utcnow()
    sc = spark.sparkContext
    parts = partitions or sc.defaultParallelism
    file_mb = file_mb or output.FILE_MB
    out = out.rstrip("/")
    files, listing_failures = inputs.list_inputs(spark, specs, config)
    items = inputs.read_rdd(spark, files, parts)

    # pass 1: read, clean, sign (persisted: every later step reads it)
    stage_schema = schema.struct(schema.STAGE_FIELDS)
    staged = spark.createDataFrame(_stage(items, files, parts, config, published), stage_schema)
    early = [stage_failure_row(make_ord((1 << 30) + i, 0), f) for i, f in enumerate(listing_failures)]
    if early:
        staged = staged.unionByName(spark.createDataFrame(early, stage_schema))
    staged = staged.persist(StorageLevel.MEMORY_AND_DISK)
    staged.count()
    docs = staged.where(F.col("ok"))

    # duplicates and stories
    firsts = dedup_spark.exact_firsts(docs)
    links = dedup_spark.story_links(spark, firsts, config)
    arts = (firsts.join(links, "id", "left")
            .withColumn("story_id", F.coalesce(F.col("story_id"), F.col("id")))
            .withColumn("is_canonical", F.coalesce(F.col("is_canonical"), F.lit(True)))
            .persist(StorageLevel.MEMORY_AND_DISK))
    stories = output.stories_frame(docs, arts).persist(StorageLevel.MEMORY_AND_DISK)

    # pass 2: extract the canonical articles, in more tasks than cores unless told (a core that
    # finishes its share early takes another task instead of waiting for the slowest one)
    ext = _extract(spark, arts, config, partitions or EXTRACT_TASKS_PER_CORE * parts)

    counts = _counts(staged, arts, ext)
    counts["stories"] = stories.count()
    frames = output.tables(staged, arts, stories, ext, at)
    for table in TABLE_ORDER:
        output.write(frames[table], f"{out}/{table}", table, counts[table], file_mb)
    manifest = {
        "dateline": __version__, "created_at": at, "inputs": [str(s) for s in specs], "files": len(files),
        "records": counts.pop("records"),
        "partition_column": "published_date", "null_partition": "__HIVE_DEFAULT_PARTITION__",
        "rows": {t: counts[t] for t in TABLE_ORDER}, "columns": {t: schema.table_names(t) for t in TABLE_ORDER},
        "settings": {"minhash_threshold": config.minhash_threshold, "minhash_perm": config.minhash_perm,
                     "shingle_size": config.shingle_size, "extract": config.extract, "model": config.model,
                     "batch_size": config.batch_size, "partitions": parts, "file_mb": file_mb},
        "seconds": round(time.monotonic() - t0, 2),
    }
    _write_text(spark, f"{out}/manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for df in (ext, arts, stories, staged):
        df.unpersist()
    return manifest


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="dateline.scale.job", description="dateline on Spark: inputs -> Parquet tables")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories, globs or Hadoop URIs")
    p.add_argument("--out", required=True, help="output directory (any Hadoop URI)")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    p.add_argument("--partitions", type=int, default=None, help="partitions for the NLP pass (default: parallelism)")
    p.add_argument("--published", default=None, help="publication date for every document (ISO 8601)")
    p.add_argument("--no-extract", action="store_true", help="clean and deduplicate only")
    p.add_argument("--config", default=None, help="a dateline TOML config file")
    p.add_argument("--file-mb", type=int, default=None, help="target size of an output file in MB (default 128)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark settings")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = load_config(args.config, extract=False if args.no_extract else None)
    conf = dict(kv.split("=", 1) for kv in args.conf)
    # no --master: spark-submit's setting, else Spark's default (local[*]) when run with python
    spark = build_session(args.master, conf=conf, model=config.model)
    try:
        manifest = run_job(spark, args.inputs, args.out, config, published=args.published,
                           partitions=args.partitions, file_mb=args.file_mb)
    finally:
        spark.stop()
    print(json.dumps({"out": args.out, "rows": manifest["rows"], "seconds": manifest["seconds"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
