"""``dateline spark INPUT... --out DIR`` (the PySpark job) and ``dateline load PARQUET_DIR`` (into a store).

Registered by ``dateline.cli.main`` when this module imports; ``dateline spark`` needs the
``spark`` extra (``pip install 'dateline[spark]'``) and a Java runtime; ``dateline load`` only
pyarrow. See docs/scale.md.
"""

from __future__ import annotations

import sys
import time

import click

from dateline.cli.ingest import check_published_option
from dateline.errors import DatelineError
from dateline.scale.job import build_session, run_job
from dateline.scale.load import load


@click.command("spark", short_help="Run the pipeline on Apache Spark: inputs -> Parquet tables.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", required=True, metavar="DIR", help="Output directory (local path or any Hadoop URI).")
@click.option("--master", default=None, metavar="URL",
              help="Spark master: local[N], spark://HOST:PORT, yarn, k8s://... (default local[*]).")
@click.option("--partitions", type=click.IntRange(min=1), default=None, metavar="N",
              help="Partitions for the NLP pass (default: Spark's default parallelism).")
@click.option("--published", callback=check_published_option, default=None, metavar="DATE",
              help="Publication date for every document (ISO 8601).")
@click.option("--no-extract", is_flag=True, help="Clean and deduplicate only; no actors, quotes or events.")
@click.option("--file-mb", type=click.IntRange(min=1), default=128, show_default=True,
              help="Target size of an output Parquet file (before compression); a table gets a handful of files a day.")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting (repeatable).")
@click.pass_obj
def spark_cmd(state, inputs, out, master, partitions, published, no_extract, file_mb, confs):
    """Read INPUT... (WARC/WET gzipped or not, JSON Lines, text/HTML files; local paths, directories,
    globs or hdfs:// s3a:// ... URIs), clean and extract every document inside Spark tasks, link
    exact and near-duplicate copies into stories, and write Parquet tables to DIR partitioned by
    publication day: articles, actors, mentions, quotes, events, failures (+ stories, inputs,
    extractions). A bad record goes to the failures table; the job goes on."""
    try:
        from pyspark.sql import SparkSession  # deferred: pyspark, the [spark] extra
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the install
        raise DatelineError("E500", f"PySpark is not installed ({exc.name})",
                            "pip install 'dateline[spark]' (and a Java 17 runtime)") from exc
    conf = {}
    for kv in confs:
        if "=" not in kv:
            raise DatelineError("E501", f"--conf {kv!r} is not KEY=VALUE")
        k, v = kv.split("=", 1)
        conf[k] = v
    config = state.config.replace(extract=False if no_extract else None)
    active = SparkSession.getActiveSession()  # embedded (a notebook, a test): use it and leave it running
    spark = active or build_session(master or "local[*]", conf=conf, model=config.model)
    try:
        m = run_job(spark, list(inputs), out, config, published=published, partitions=partitions,
                    file_mb=file_mb)
    finally:
        if active is None:
            spark.stop()
    rows = m["rows"]
    click.echo(f"{m['records']} records from {m['files']} files in {m['seconds']:.1f} s -> {out}: "
               + ", ".join(f"{t} {rows[t]}" for t in ("articles", "actors", "quotes", "events", "stories", "failures")))
    if rows["articles"] == 0:
        sys.exit(1)


@click.command("load", short_help="Load the Parquet output of `dateline spark` into a store.")
@click.argument("parquet_dir", metavar="PARQUET_DIR")
@click.option("--db", default=None, metavar="URL", help="The store (overrides the global --db).")
@click.pass_obj
def load_cmd(state, parquet_dir, db):
    """Load PARQUET_DIR (the --out of `dateline spark`) into the store through the same writer as
    `dateline ingest`: articles with their extraction, near-duplicate copies linked to their
    stories, exact-duplicate inputs, failures. Re-running changes nothing."""
    store = state.open_store(db, must_exist=False)
    t0 = time.monotonic()
    try:
        counts = load(parquet_dir, store, state.config)
    finally:
        store.close()
    line = (f"loaded {counts['ok']}, duplicates {counts['duplicate']}, failed {counts['failed']} "
            f"in {time.monotonic() - t0:.1f} s")
    if counts["unchanged"]:
        line += f" ({counts['unchanged']} unchanged: already in the store)"
    click.echo(line)


def register(group: click.Group) -> None:
    group.add_command(spark_cmd)
    group.add_command(load_cmd)
