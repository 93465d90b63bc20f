"""The dateline PySpark job: inputs -> Parquet tables partitioned by publication day.

    spark-submit dateline/scale/job.py INPUT... --out DIR            # on a cluster (docs/scale.md)
    python -m dateline.scale.job INPUT... --out DIR --master local[4]
    dateline spark INPUT... --out DIR [--master URL]

Stages (docs/scale.md):

1. list the inputs on the driver (``inputs.list_inputs``) and read them as one RDD;
2. pass 1, ``mapPartitions(stage_partition)``: split archives into records, clean in batches,
   give each document its id and MinHash signature (persisted);
3. duplicates (``dedup_spark``): exact by id, near by ``MinHashLSH`` + the store's verification,
   canonical = first in input order; stories with their article, input and source counts;
4. pass 2, ``mapPartitions(extract_partition)`` on the canonical articles only (repartitioned
   over the cluster): actors, quotes and events; copies share their canonical's events;
5. write ``DIR/<table>/published_date=YYYY-MM-DD/*.parquet`` for articles, actors, mentions,
   quotes, events, inputs and extractions (articles without a publication day go to Hive's
   null partition ``published_date=__HIVE_DEFAULT_PARTITION__``), ``DIR/failures``,
   ``DIR/stories`` and ``DIR/manifest.json`` (row counts, columns, settings).
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
from dateline.scale import dedup_spark, inputs, schema
from dateline.scale.partitions import extract_partition, make_ord, stage_failure_row, stage_partition
from dateline.scale.tables import article_rows, day_of, failure_row, input_row
from dateline.store.db import utcnow

TABLE_ORDER = ("articles", "actors", "mentions", "quotes", "events", "failures", "stories", "inputs", "extractions")


def build_session(master: str | None = None, app_name: str = "dateline", conf: dict | None = None):
    """A SparkSession; in local mode the Python workers use this interpreter."""
    from pyspark.sql import SparkSession  # deferred: pyspark, the [spark] extra

    conf = dict(conf or {})
    launched = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit: its settings stand
    if (master or "").startswith("local") or (master is None and not launched):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        conf.setdefault("spark.sql.shuffle.partitions", str(max(2, 2 * (os.cpu_count() or 1))))
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for k, v in conf.items():
        builder = builder.config(k, v)
    return builder.getOrCreate()


def _sources(pairs) -> list[str]:
    out: list[str] = []
    for _, label in sorted(pairs or [], key=lambda p: p[0]):
        if label and label not in out:
            out.append(label)
    return out


def _article_out(r, at: str):
    d = r.asDict()
    if d.get("ext_ok") is False:  # extraction failed: a failure, no article (as in `dateline ingest`)
        yield ("failures", failure_row({**d, "code": d["ext_code"], "message": d["ext_message"],
                                        "hint": d["ext_hint"]}, at))
        return
    d["story_sources"] = _sources(d.get("srcs"))
    yield from article_rows(d)


def _input_out(r):
    d = r.asDict()
    if not d["ok"]:
        return input_row(d, "failed", None)
    first = d["ord"] == d["a_ord"]  # the input that gave the article row; "ok" when it started a story
    return input_row(d, "ok" if first and d["a_canonical"] else "duplicate", day_of(d["a_published"]))


def _write(df, path: str, partitioned: bool) -> None:
    w = df.write.mode("overwrite").option("compression", "zstd")
    if partitioned:
        w = w.partitionBy("published_date")
    w.parquet(path)


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


def _frames(spark, tagged, stories, staged, arts) -> dict:
    """The output tables as DataFrames: the tagged rows of every article, its stories and inputs."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    frames = {}
    for table in ("articles", "actors", "mentions", "quotes", "events", "failures", "extractions"):
        rows = tagged.filter(lambda t, table=table: t[0] == table).map(lambda t: t[1])
        frames[table] = spark.createDataFrame(rows, schema.table_schema(table))
    n_events = frames["events"].groupBy("story_id").agg(F.count(F.lit(1)).alias("n_events"))
    st = stories.join(n_events, "story_id", "left").rdd.map(
        lambda r: (r.story_id, r.story_id, r.n_articles, r.n_inputs, len(_sources(r.srcs)), _sources(r.srcs),
                   r.n_events or 0, r.first_published, r.last_published))
    frames["stories"] = spark.createDataFrame(st, schema.table_schema("stories"))
    ins = staged.join(arts.select("id", F.col("ord").alias("a_ord"), F.col("published").alias("a_published"),
                                  F.col("is_canonical").alias("a_canonical")), "id", "left")
    frames["inputs"] = spark.createDataFrame(ins.rdd.map(_input_out), schema.table_schema("inputs"))
    return frames


def _manifest(specs, n_files: int, at: str, status: dict, counts: dict, config: Config, lsh_tables: int,
              parts: int, t0: float) -> dict:
    """What the job wrote, with the settings it ran with (``out/manifest.json``)."""
    manifest = {
        "dateline": __version__, "created_at": at, "inputs": [str(s) for s in specs], "files": n_files,
        "records": int(status.get(True, 0) + status.get(False, 0)),
        "partition_column": "published_date", "null_partition": "__HIVE_DEFAULT_PARTITION__",
        "rows": counts, "columns": {t: schema.table_names(t) for t in TABLE_ORDER},
        "settings": {"minhash_threshold": config.minhash_threshold, "minhash_perm": config.minhash_perm,
                     "shingle_size": config.shingle_size, "lsh_tables": lsh_tables, "extract": config.extract,
                     "model": config.model, "batch_size": config.batch_size, "partitions": parts},
        "seconds": round(time.monotonic() - t0, 2),
    }
    return manifest


def run_job(spark, specs: list[str], out: str, config: Config, published: str | None = None,
            partitions: int | None = None, lsh_tables: int = 5) -> dict:
    """Run the job; returns the manifest (also written to ``out/manifest.json``)."""
    from pyspark import StorageLevel  # deferred: pyspark, the [spark] extra
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    t0 = time.monotonic()
    at = utcnow()
    sc = spark.sparkContext
    parts = partitions or sc.defaultParallelism
    out = out.rstrip("/")
    files, listing_failures = inputs.list_inputs(spark, specs, config)
    items = inputs.read_rdd(spark, files, parts)

    # pass 1: read, clean, sign
    stage_schema = schema.struct(schema.STAGE_FIELDS)
    staged_rdd = items.mapPartitions(partial(stage_partition, config=config, published=published))
    early = [stage_failure_row(make_ord((1 << 30) + i, 0), f) for i, f in enumerate(listing_failures)]
    staged = spark.createDataFrame(staged_rdd, stage_schema)
    if early:
        staged = staged.unionByName(spark.createDataFrame(early, stage_schema))
    # materialise each persisted step once: the joins below would otherwise start several jobs
    # at once (adaptive execution) that each recompute the uncached parent
    staged = staged.persist(StorageLevel.MEMORY_AND_DISK)
    staged.count()
    docs = staged.where(F.col("ok"))

    # duplicates and stories
    firsts = dedup_spark.exact_firsts(docs)
    links = dedup_spark.story_links(spark, firsts, config, num_tables=lsh_tables)
    arts = (firsts.join(links, "id", "left")
            .withColumn("story_id", F.coalesce(F.col("story_id"), F.col("id")))
            .withColumn("is_canonical", F.coalesce(F.col("is_canonical"), F.lit(True)))
            .persist(StorageLevel.MEMORY_AND_DISK))
    arts.count()
    stories = (docs.join(arts.select("id", "story_id"), "id")
               .groupBy("story_id")
               .agg(F.count(F.lit(1)).alias("n_inputs"), F.countDistinct("id").alias("n_articles"),
                    F.min("published").alias("first_published"), F.max("published").alias("last_published"),
                    F.collect_list(F.struct("ord", "source_label")).alias("srcs"))
               .persist(StorageLevel.MEMORY_AND_DISK))
    stories.count()

    # pass 2: extract the canonical articles
    ext_schema = schema.struct(schema.EXTRACT_FIELDS)
    if config.extract:
        canon = arts.where(F.col("is_canonical")).select(*schema.STAGE_NAMES).repartition(parts)
        ext_rdd = canon.rdd.mapPartitions(lambda rows: extract_partition((r.asDict() for r in rows), config))
        ext = spark.createDataFrame(ext_rdd, ext_schema).persist(StorageLevel.MEMORY_AND_DISK)
        ext.count()
    else:
        ext = spark.createDataFrame([], ext_schema)
    ext = ext.select("id", F.col("ok").alias("ext_ok"), F.col("code").alias("ext_code"),
                     F.col("message").alias("ext_message"), F.col("hint").alias("ext_hint"), "payload")

    # the tables
    full = (arts.join(stories.select("story_id", F.col("n_articles").alias("story_articles"), "srcs"), "story_id", "left")
            .join(ext, "id", "left"))
    tagged = full.rdd.flatMap(partial(_article_out, at=at))
    failed_rows = staged.where(~F.col("ok")).rdd.map(lambda r: ("failures", failure_row(r.asDict(), at)))
    tagged = tagged.union(failed_rows).persist(StorageLevel.MEMORY_AND_DISK)
    counts = dict.fromkeys(TABLE_ORDER, 0)
    counts.update(tagged.map(lambda t: t[0]).countByValue())

    frames = _frames(spark, tagged, stories, staged, arts)

    for table in TABLE_ORDER:
        _write(frames[table], f"{out}/{table}", table in schema.PARTITIONED)
    status = dict(staged.groupBy("ok").count().collect())
    counts["stories"] = stories.count()
    counts["inputs"] = sum(status.values())
    manifest = _manifest(specs, len(files), at, status, counts, config, lsh_tables, parts, t0)
    _write_text(spark, f"{out}/manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    for df in (tagged, ext, arts, stories, staged):
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
    p.add_argument("--lsh-tables", type=int, default=5, help="MinHashLSH hash tables (recall vs. cost)")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE", help="extra Spark settings")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = load_config(args.config, extract=False if args.no_extract else None)
    conf = dict(kv.split("=", 1) for kv in args.conf)
    # no --master: spark-submit's setting, else Spark's default (local[*]) when run with python
    spark = build_session(args.master, conf=conf)
    try:
        manifest = run_job(spark, args.inputs, args.out, config, published=args.published,
                           partitions=args.partitions, lsh_tables=args.lsh_tables)
    finally:
        spark.stop()
    print(json.dumps({"out": args.out, "rows": manifest["rows"], "seconds": manifest["seconds"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
