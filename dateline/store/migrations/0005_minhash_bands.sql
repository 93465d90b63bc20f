-- 0005_minhash_bands: the near-duplicate LSH index on disk (dateline/store/dedup.py), so a
-- writer's memory does not grow with the number of stored articles. Only additions.
--
-- One row per LSH parameter set (num_perm, bands, rows, seed, permutation scheme): the highest
-- articles.rowid whose canonical articles all have their band keys below. Written in the same
-- transaction as the article (one article = one transaction), so it is never ahead of them.
CREATE TABLE minhash_lsh (
    params     TEXT PRIMARY KEY,     -- e.g. "perm=128 b=9 r=13 seed=1 affine32"
    lsh        INTEGER NOT NULL,     -- a 31-bit key of params, used in minhash_bands
    max_rowid  INTEGER NOT NULL DEFAULT 0
);

-- One row per (parameter set, band, bucket key, canonical article): the bucket key is the first
-- 8 bytes of BLAKE2b over the band's uint32 hash values, read as a signed 64-bit integer. A new
-- document's candidates are the articles sharing any (band, bucket) with it; every candidate is
-- then verified on its stored signature (estimated Jaccard >= minhash_threshold).
CREATE TABLE minhash_bands (
    lsh         INTEGER NOT NULL,
    band        INTEGER NOT NULL,
    bucket      INTEGER NOT NULL,
    article_id  TEXT NOT NULL,
    PRIMARY KEY (lsh, band, bucket, article_id)
) WITHOUT ROWID;
