-- 0005_minhash_bands (PostgreSQL): the tables of 0005_minhash_bands.sql with BIGINT rowids and
-- bucket keys and "C" text (see 0001_initial.postgres.sql).
CREATE TABLE minhash_lsh (
    params     TEXT COLLATE "C" PRIMARY KEY,
    lsh        BIGINT NOT NULL,
    max_rowid  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE minhash_bands (
    lsh         BIGINT NOT NULL,
    band        INTEGER NOT NULL,
    bucket      BIGINT NOT NULL,
    article_id  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (lsh, band, bucket, article_id)
);
