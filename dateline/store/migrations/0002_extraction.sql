-- 0002_extraction: actors (one per real-world entity across articles), their titles,
-- per-article actors and mentions, quotes, events.

CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    norm_name   TEXT NOT NULL,            -- casefolded, accents stripped, for matching
    type        TEXT NOT NULL,            -- person|org|country|group
    country     TEXT,
    sector      TEXT,
    aliases     TEXT NOT NULL DEFAULT '[]',  -- JSON list of surface forms seen
    n_mentions  INTEGER NOT NULL DEFAULT 0,
    n_articles  INTEGER NOT NULL DEFAULT 0,
    first_seen  TEXT,
    last_seen   TEXT
);
CREATE INDEX actors_norm ON actors(norm_name);
CREATE INDEX actors_country ON actors(country);

CREATE TABLE actor_titles (
    actor_id    INTEGER NOT NULL REFERENCES actors(id),
    title       TEXT NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    n           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (actor_id, title)
);

-- The article's own actors (dateline/1 "actors"), linked to the global actor.
CREATE TABLE article_actors (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    local_id    TEXT NOT NULL,            -- "a1"
    actor_id    INTEGER REFERENCES actors(id),
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    titles      TEXT NOT NULL DEFAULT '[]',
    country     TEXT,
    sector      TEXT,
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX article_actors_actor ON article_actors(actor_id);

CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    local_id    TEXT NOT NULL,
    actor_id    INTEGER REFERENCES actors(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE quotes (
    article_id      TEXT NOT NULL REFERENCES articles(id),
    local_id        TEXT NOT NULL,        -- "q1"
    kind            TEXT NOT NULL,        -- direct|partial|indirect
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    parts           TEXT,                 -- JSON list of spans, or NULL
    speaker_local   TEXT,
    speaker_actor   INTEGER REFERENCES actors(id),
    speaker_text    TEXT,
    speaker_start   INTEGER,
    speaker_end     INTEGER,
    cue_text        TEXT,
    cue_start       INTEGER,
    cue_end         INTEGER,
    via_local       TEXT,
    via_actor       INTEGER REFERENCES actors(id),
    via_text        TEXT,
    published       TEXT,                 -- the article's publication date, for date filters
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_actor);
CREATE INDEX quotes_published ON quotes(published);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TABLE events (
    article_id      TEXT NOT NULL REFERENCES articles(id),
    local_id        TEXT NOT NULL,        -- "e1"
    story_id        TEXT,                 -- the story it belongs to (syndicated copies share it)
    type            TEXT NOT NULL,        -- PLOVER type
    mode            TEXT,
    cameo           TEXT NOT NULL,
    quad_class      INTEGER,
    goldstein       REAL,
    source_local    TEXT,
    source_actor    INTEGER REFERENCES actors(id),
    source_text     TEXT,
    source_country  TEXT,
    source_sector   TEXT,
    target_local    TEXT,
    target_actor    INTEGER REFERENCES actors(id),
    target_text     TEXT,
    target_country  TEXT,
    target_sector   TEXT,
    date            TEXT,
    date_text       TEXT,
    place_name      TEXT,
    place_country   TEXT,
    lat             REAL,
    lon             REAL,
    negated         INTEGER NOT NULL DEFAULT 0,
    modality        TEXT NOT NULL DEFAULT 'asserted',
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    evidence_text   TEXT NOT NULL,
    published       TEXT,
    fingerprint     TEXT,                 -- type|source|target|date: merges syndicated copies
    PRIMARY KEY (article_id, local_id)
);
CREATE INDEX events_source ON events(source_actor, date);
CREATE INDEX events_target ON events(target_actor, date);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_country ON events(source_country, date);
CREATE INDEX events_fingerprint ON events(story_id, fingerprint);
