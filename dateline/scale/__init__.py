"""Scale-out: the dateline pipeline as a PySpark job (``dateline spark``) and loading its output
into a store (``dateline load``). See docs/scale.md.

Modules: ``inputs`` (listing inputs through Hadoop's FileSystem and reading them as RDDs),
``partitions`` (the functions Spark runs inside ``mapPartitions``: read, clean, sign; extract),
``dedup_spark`` (exact and MinHash-LSH near-duplicates with ``pyspark.ml.feature.MinHashLSH``),
``tables`` (rows of the Parquet tables), ``job`` (the job; ``spark-submit dateline/scale/job.py``),
``load`` (Parquet output -> store through the store writer).

Only ``job``, ``dedup_spark`` and ``inputs`` import pyspark; the rest runs without it.
"""
