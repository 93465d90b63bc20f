-- 0001_initial: inputs, articles, stories (duplicates), failures, full-text search.
-- Every table here is a contract read by the CLI, the API, the web UI and the exports.

-- One row per input read (a file, a URL, a JSONL line, a WARC record, a feed item).
CREATE TABLE inputs (
    id          INTEGER PRIMARY KEY,
    locator     TEXT NOT NULL,            -- path or URL as given
    record      TEXT NOT NULL DEFAULT '', -- JSONL id / WARC record id / feed item id, '' for whole files
    format      TEXT NOT NULL,            -- text|html|wet|warc|feed|jsonl
    sha256      TEXT,                     -- of the raw bytes
    size        INTEGER,
    fetched_at  TEXT,
    status      TEXT NOT NULL,            -- ok | duplicate | failed
    article_id  TEXT,                     -- the article it produced (or duplicated)
    UNIQUE (locator, record, sha256)
);

-- Story clusters: syndicated copies of one wire story share a story.
CREATE TABLE stories (
    id            TEXT PRIMARY KEY,       -- = id of the canonical article
    canonical_id  TEXT NOT NULL,
    n_articles    INTEGER NOT NULL DEFAULT 1,
    sources       TEXT NOT NULL DEFAULT '[]'  -- JSON list of distinct sources/sites that carried it
);

CREATE TABLE articles (
    id              TEXT PRIMARY KEY,     -- dateline/1 id (hash of normalised body)
    schema          TEXT NOT NULL DEFAULT 'dateline/1',
    input_path      TEXT,
    input_url       TEXT,
    input_format    TEXT,
    input_record    TEXT,
    url             TEXT,
    site            TEXT,
    section         TEXT,
    headline        TEXT,
    byline          TEXT,
    source          TEXT,
    news_code       TEXT,
    published       TEXT,                 -- ISO 8601 date or datetime
    dateline_place  TEXT,
    dateline_date   TEXT,
    dateline_agency TEXT,
    dateline_start  INTEGER,
    dateline_end    INTEGER,
    language        TEXT,
    body            TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '[]',  -- JSON list
    story_id        TEXT REFERENCES stories(id),
    is_canonical    INTEGER NOT NULL DEFAULT 1,  -- 0 for a near-duplicate copy of another story member
    similarity      REAL,                 -- estimated Jaccard to the canonical article (copies)
    minhash         BLOB,                 -- datasketch MinHash hash values (for LSH rebuilds)
    extracted       INTEGER NOT NULL DEFAULT 0,  -- 1 once actors/quotes/events are stored
    created_at      TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_source ON articles(source);

CREATE TABLE failures (
    id        INTEGER PRIMARY KEY,
    locator   TEXT NOT NULL,
    record    TEXT NOT NULL DEFAULT '',
    format    TEXT,
    sha256    TEXT,
    code      TEXT NOT NULL,
    message   TEXT NOT NULL,
    hint      TEXT,
    at        TEXT NOT NULL,
    UNIQUE (locator, record, code)
);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, body, content='articles', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF headline, body ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, headline, body) VALUES ('delete', old.rowid, old.headline, old.body);
  INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
END;
