"""Duplicates at scale: exact (same ``dateline/1`` id) and near (the store's LSH bands, in Spark SQL).

The rule is the single-machine one (``dateline.store.dedup`` / ``dateline.store.writer``):

1. Exact duplicates share the id (a hash of the normalised body); the first input in input
   order (``ord``) gives the article row, the others are inputs linked to it.
2. Near duplicates: each article carries, from the first pass, its MinHash signature
   (``dateline.store.dedup.signature``: ``minhash_perm`` permutations, seed 1, word
   ``shingle_size``-shingles) and its bucket key in each LSH band (``band_keys``, the bands the
   store's ``NearDuplicateIndex`` uses, tuned below the threshold). Two articles that share a
   bucket in some band are a candidate pair (a join on (band, bucket) in the JVM, no Python),
   verified as the store verifies it: the share of equal signature values (datasketch's
   estimated Jaccard) must reach ``config.minhash_threshold``. So the Spark job and
   ``dateline ingest`` consider the same candidates and accept the same pairs.
3. Canonical choice, as in a sequential ingest: going through the articles in input order,
   an article with a verified link to an earlier *canonical* article is a copy of the most
   similar one (its story); otherwise it is canonical and starts its own story. Copies are
   never the anchor of other copies. Up to ``DRIVER_EDGES`` verified pairs this runs on the
   driver; beyond, per connected component of the verified pairs (components found by
   min-label propagation over the pair RDD), so it scales with the size of a syndication
   cluster, not with the corpus.
"""

from __future__ import annotations

MAX_ROUNDS = 50
DRIVER_EDGES = 1_000_000  # verified pairs resolved on the driver (about 100 MB of tuples)
# datasketch's LeanMinHash.jaccard: equal values / number of values (a double, as numpy divides)
SIMILARITY = "aggregate(zip_with(a_sig, b_sig, (x, y) -> IF(x = y, 1, 0)), 0, (acc, v) -> acc + v) / size(a_sig)"


def exact_firsts(docs):
    """The first input (lowest ``ord``) of every article id: the article rows."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    firsts = docs.groupBy("id").agg(F.min("ord").alias("ord"))
    return docs.join(firsts, ["id", "ord"])


def candidate_pairs(articles, config):
    """Verified near-duplicate pairs ``(a_ord, a_id, b_ord, b_id, sim)`` with ``a_ord < b_ord``."""
    from pyspark.sql import functions as F  # deferred: pyspark, the [spark] extra

    keys = articles.select("ord", "id", "sig", F.posexplode("bands").alias("band", "bucket"))
    a = keys.select(*[F.col(c).alias(f"a_{c}") for c in ("ord", "id", "sig", "band", "bucket")])
    b = keys.select(*[F.col(c).alias(f"b_{c}") for c in ("ord", "id", "sig", "band", "bucket")])
    pairs = (a.join(b, (F.col("a_band") == F.col("b_band")) & (F.col("a_bucket") == F.col("b_bucket"))
                    & (F.col("a_ord") < F.col("b_ord")))
             .select("a_ord", "a_id", "b_ord", "b_id", "a_sig", "b_sig")
             .dropDuplicates(["a_ord", "b_ord"]))
    pairs = pairs.withColumn("sim", F.expr(SIMILARITY))
    return pairs.where(F.col("sim") >= config.minhash_threshold).select("a_ord", "a_id", "b_ord", "b_id", "sim")


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


def story_links(spark, articles, config, driver_edges: int = DRIVER_EDGES):
    """DataFrame ``(id, story_id, is_canonical, similarity)`` for every article in a verified pair
    (articles in no pair are canonical stories of their own). Up to ``driver_edges`` verified
    pairs are resolved on the driver; more go through the distributed components."""
    from pyspark.sql import types as T  # deferred: pyspark, the [spark] extra

    schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("story_id", T.StringType()),
                           T.StructField("is_canonical", T.BooleanType()),
                           T.StructField("similarity", T.DoubleType())])
    edges = candidate_pairs(articles, config).rdd.map(tuple).persist()
    n = edges.count()
    if n <= driver_edges:  # few enough to decide on the driver (greedy over all components at once)
        links = greedy(edges.collect())
        edges.unpersist()
        return spark.createDataFrame(links, schema)
    labels = components(edges)
    grouped = edges.map(lambda e: (e[0], e)).join(labels).map(lambda kv: (kv[1][1], kv[1][0])).groupByKey()
    links = grouped.flatMap(lambda kv: greedy(list(kv[1])))
    return spark.createDataFrame(links, schema)
