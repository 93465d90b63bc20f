"""MinHashLSH candidates and the distributed canonical choice, on a handful of real texts."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.scale.dedup_spark import story_links
from dateline.store.dedup import signature, to_blob

pytestmark = pytest.mark.spark


def _edit(text: str, n: int) -> str:
    words = text.split(" ")
    for k in range(1, n + 1):
        i = k * len(words) // (n + 1)
        words[i] = words[i] + "s"
    return " ".join(words)


def _frame(spark, bodies):
    from pyspark.sql import types as T

    c = Config()
    schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("ord", T.LongType()),
                           T.StructField("body", T.StringType()), T.StructField("sig", T.BinaryType())])
    rows = [(f"x{i}", i, b, to_blob(signature(b, c))) for i, b in enumerate(bodies)]
    return spark.createDataFrame(rows, schema)


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
