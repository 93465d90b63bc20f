-- 0009_actor_curation: one identity per real actor across the store, and the analyst's corrections.
-- Only additions. Read and written by dateline/store/identity.py, merges.py and corrections.py
-- (docs/store.md, "Actor identity and corrections").

-- The actor dictionary's id of the actor (dateline.extract.actors.dictionary: "person:RUS:vladimir-putin"):
-- article actors with the same ref are one actor.
ALTER TABLE actors ADD COLUMN ref TEXT;
-- Set when the actor was merged into another one (the row stays so the merge can be undone; listings
-- leave it out and lookups follow it to the actor it was merged into).
ALTER TABLE actors ADD COLUMN merged_into INTEGER REFERENCES actors(id);
-- Fields an analyst set ("name", "country", comma-separated): identity accepts the actor whatever
-- country later articles give it, and the writer never overwrites them.
ALTER TABLE actors ADD COLUMN locked TEXT NOT NULL DEFAULT '';
CREATE INDEX actors_ref ON actors(ref);
-- The article actor's ref as the extractor gave it (dateline/1 "ref"), for the round trip.
ALTER TABLE article_actors ADD COLUMN ref TEXT;
CREATE INDEX actors_merged ON actors(merged_into);

-- Every merge of one actor into another, automatic (a surname-only actor joining the one full name of
-- that surname: reason 'surname') or by an analyst (reason 'user'); what it moved, so it can be undone.
CREATE TABLE actor_merges (
    id          INTEGER PRIMARY KEY,
    from_id     INTEGER NOT NULL REFERENCES actors(id),  -- the actor merged away
    into_id     INTEGER NOT NULL REFERENCES actors(id),  -- the actor kept
    reason      TEXT NOT NULL,                -- surname | user
    moved       TEXT NOT NULL DEFAULT '[]',   -- JSON [[article_id, local_id], ...]: article actors re-pointed
    aliases     TEXT NOT NULL DEFAULT '[]',   -- JSON: the normalised aliases moved with them
    created_at  TEXT NOT NULL,
    undone_at   TEXT                          -- set by an undo; the pair is then kept apart
);
CREATE INDEX actor_merges_from ON actor_merges(from_id);
CREATE INDEX actor_merges_into ON actor_merges(into_id);

-- The analyst's corrections, in order: merge, rename, set-country, undo (of a merge). They are data:
-- they survive re-ingest, apply to later articles (aliases moved, names and countries locked) and are
-- listed on the actor's page.
CREATE TABLE actor_corrections (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,     -- merge | rename | set-country | undo
    actor_id    INTEGER NOT NULL REFERENCES actors(id),  -- the actor corrected (merge: the one kept)
    other_id    INTEGER REFERENCES actors(id),           -- merge / undo: the actor merged in / split off
    old_value   TEXT,              -- rename: the old name; set-country: the old country
    value       TEXT,              -- rename: the new name; set-country: ISO alpha-3
    merge_id    INTEGER REFERENCES actor_merges(id),
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX actor_corrections_actor ON actor_corrections(actor_id);
CREATE INDEX actor_corrections_other ON actor_corrections(other_id);
