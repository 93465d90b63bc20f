"""LSH candidates (the store's bands, joined in Spark SQL) and the distributed canonical choice, on a
handful of real texts."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.scale.dedup_spark import candidate_pairs, story_links
from dateline.scale.partitions import stage_rows
from dateline.scale.schema import STAGE_FIELDS, struct
from dateline.store.dedup import signature
from dateline.types import InputRef, RawDocument

pytestmark = pytest.mark.spark


def _edit(text: str, n: int) -> str:
    words = text.split(" ")
    for k in range(1, n + 1):
        i = k * len(words) // (n + 1)
        words[i] = words[i] + "s"
    return " ".join(words)


def _frame(spark, bodies):
    """Staged rows of the bodies, as pass 1 makes them (signature and band keys included), with ids x0, x1..."""
    import hashlib

    from pyspark.sql import functions as F

    c = Config()
    rows = [r for i, b in enumerate(bodies)
            for r in stage_rows([(i, RawDocument(InputRef(path=f"x{i}.txt"), b, "text",
                                                 hashlib.sha256(b.encode()).hexdigest()))], c)]
    df = spark.createDataFrame(rows, struct(STAGE_FIELDS))
    return df.withColumn("id", F.concat(F.lit("x"), F.col("ord").cast("string")))


def test_distributed_canonical_choice(spark, corpus):
    t = corpus["texts"]
    # x0 and x2 are one story (x2 a light edit of x0); x1 unrelated; x3 a copy of x1; x4 a copy of x2
    bodies = [t[0], t[1], _edit(t[0], 2), _edit(t[1], 3), _edit(_edit(t[0], 2), 2)]
    links = story_links(spark, _frame(spark, bodies), Config(), driver_edges=0)  # force the distributed path
    got = {r.id: (r.story_id, r.is_canonical) for r in links.collect()}
    assert got == {"x0": ("x0", True), "x1": ("x1", True), "x2": ("x0", False), "x3": ("x1", False),
                   "x4": ("x0", False)}
    sims = {r.id: r.similarity for r in links.collect() if not r.is_canonical}
    c = Config()
    assert sims["x3"] == pytest.approx(signature(bodies[3], c).jaccard(signature(bodies[1], c)))


def test_similarity_in_spark_sql_is_datasketch_jaccard(spark, corpus):
    t = corpus["texts"]
    bodies = [t[0], _edit(t[0], 2), t[1]]
    frame = _frame(spark, bodies)
    c = Config()
    lowered = Config(minhash_threshold=0.05)  # every candidate pair, whatever its similarity
    pairs = {(r.a_id, r.b_id): r.sim for r in candidate_pairs(frame, lowered).collect()}
    sigs = [signature(b, c) for b in bodies]
    assert pairs[("x0", "x1")] == sigs[0].jaccard(sigs[1])  # the same double, not an approximation of it
    for (a, b), sim in pairs.items():
        assert sim == sigs[int(a[1:])].jaccard(sigs[int(b[1:])])
