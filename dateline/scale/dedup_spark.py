"""Duplicates at scale: exact (same ``dateline/1`` id) and near (``pyspark.ml.feature.MinHashLSH``).

The rule is the single-machine one (``dateline.store.dedup`` / ``dateline.store.writer``):

1. Exact duplicates share the id (a hash of the normalised body); the first input in input
   order (``ord``) gives the article row, the others are inputs linked to it.
2. Near duplicates: every article's body becomes the set of its word ``shingle_size``-shingles
   (``dateline.store.dedup.shingles``: the same casefolded word shingles). Spark's
   ``MinHashLSH`` (over ``HashingTF`` binary vectors of those shingles) finds the candidate
   pairs with ``approxSimilarityJoin`` at a Jaccard distance a ``margin`` looser than the
   threshold; each candidate pair is then verified exactly as the store does it: the
   estimated Jaccard of the two datasketch MinHash signatures (``minhash_perm`` permutations,
   seed 1) must reach ``config.minhash_threshold``.
3. Canonical choice, as in a sequential ingest: going through the articles in input order,
   an article with a verified link to an earlier *canonical* article is a copy of the most
   similar one (its story); otherwise it is canonical and starts its own story. Copies are
   never the anchor of other copies. Up to ``DRIVER_EDGES`` verified pairs this runs on the
   driver; beyond, per connected component of the verified pairs (components found by
   min-label propagation over the pair RDD), so it scales with the size of a syndication
   cluster, not with the corpus.
"""

from __future__ import annotations

import numpy as np

MAX_ROUNDS = 50
DRIVER_EDGES = 1_000_000  # verified pairs resolved on the driver (about 100 MB of tuples)


def estimated_jaccard(a: bytes, b: bytes) -> float:
    """datasketch's ``LeanMinHash.jaccard`` on two stored signatures (little-endian uint32 blobs)."""
    x, y = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    if len(x) != len(y) or not len(x):
        return 0.0
    return float(np.count_nonzero(x == y)) / float(len(x))


def exact_firsts(docs):
    """The first input (lowest ``ord``) of every article id: the article rows."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    firsts = docs.groupBy("id").agg(F.min("ord").alias("ord"))
    return docs.join(firsts, ["id", "ord"])


def candidate_pairs(articles, config, num_tables: int = 5, margin: float = 0.15, num_features: int = 1 << 22,
                    seed: int = 1):
    """Verified near-duplicate pairs ``(a_ord, a_id, b_ord, b_id, sim)`` with ``a_ord < b_ord``."""
    from pyspark.ml.feature import HashingTF, MinHashLSH  # deferred: pyspark, the [spark] extra
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    from dateline.store.dedup import shingles  # deferred: loads datasketch

    k = config.shingle_size
    shingle_udf = F.udf(lambda body: [s.decode("utf-8") for s in shingles(body or "", k)], T.ArrayType(T.StringType()))
    sim_udf = F.udf(estimated_jaccard, T.DoubleType())
    feats = articles.select("id", "ord", "sig", shingle_udf("body").alias("shingles"))
    vecs = HashingTF(inputCol="shingles", outputCol="features", numFeatures=num_features, binary=True).transform(feats)
    model = MinHashLSH(inputCol="features", outputCol="hashes", numHashTables=num_tables, seed=seed).fit(vecs)
    dist = min(1.0, 1.0 - (config.minhash_threshold - margin))
    pairs = model.approxSimilarityJoin(vecs, vecs, dist, distCol="dist")
    pairs = pairs.where(F.col("datasetA.ord") < F.col("datasetB.ord")).select(
        F.col("datasetA.ord").alias("a_ord"), F.col("datasetA.id").alias("a_id"),
        F.col("datasetB.ord").alias("b_ord"), F.col("datasetB.id").alias("b_id"),
        sim_udf(F.col("datasetA.sig"), F.col("datasetB.sig")).alias("sim"),
    )
    return pairs.where(F.col("sim") >= config.minhash_threshold)


def components(edges):
    """``(node_ord, component_label)`` for every node of ``edges`` (RDD of pair tuples)."""
    adj = edges.flatMap(lambda e: [(e[0], e[2]), (e[2], e[0])]).persist()
    labels = adj.map(lambda x: (x[0], x[0])).distinct().persist()
    for _ in range(MAX_ROUNDS):
        prop = adj.join(labels).map(lambda kv: (kv[1][0], kv[1][1]))
        new = labels.union(prop).reduceByKey(min).persist()
        changed = new.join(labels).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = new
        if not changed:
            break
    adj.unpersist()
    return labels


def greedy(edges: list[tuple]) -> list[tuple]:
    """Canonical choice inside one component: ``(id, story_id, is_canonical, similarity)`` per node."""
    ids: dict[int, str] = {}
    nbrs: dict[int, list[tuple[float, int]]] = {}
    for a_ord, a_id, b_ord, b_id, sim in edges:
        ids[a_ord], ids[b_ord] = a_id, b_id
        nbrs.setdefault(a_ord, []).append((sim, b_ord))
        nbrs.setdefault(b_ord, []).append((sim, a_ord))
    canonical: set[int] = set()
    out = []
    for node in sorted(ids):
        best = None
        for sim, other in nbrs[node]:
            if other in canonical and (best is None or sim > best[0] or (sim == best[0] and other < best[1])):
                best = (sim, other)
        if best is None:
            canonical.add(node)
            out.append((ids[node], ids[node], True, None))
        else:
            out.append((ids[node], ids[best[1]], False, best[0]))
    return out


def story_links(spark, articles, config, driver_edges: int = DRIVER_EDGES, **lsh):
    """DataFrame ``(id, story_id, is_canonical, similarity)`` for every article in a verified pair
    (articles in no pair are canonical stories of their own). Up to ``driver_edges`` verified
    pairs are resolved on the driver; more go through the distributed components."""
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("story_id", T.StringType()),
                           T.StructField("is_canonical", T.BooleanType()),
                           T.StructField("similarity", T.DoubleType())])
    edges = candidate_pairs(articles, config, **lsh).rdd.map(tuple).persist()
    n = edges.count()
    if n <= driver_edges:  # few enough to decide on the driver (greedy over all components at once)
        links = greedy(edges.collect())
        edges.unpersist()
        return spark.createDataFrame(links, schema)
    labels = components(edges)
    grouped = edges.map(lambda e: (e[0], e)).join(labels).map(lambda kv: (kv[1][1], kv[1][0])).groupByKey()
    links = grouped.flatMap(lambda kv: greedy(list(kv[1])))
    return spark.createDataFrame(links, schema)
