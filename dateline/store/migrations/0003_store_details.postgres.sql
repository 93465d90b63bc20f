-- 0003_store_details (PostgreSQL): 0003_store_details.sql with its text columns COLLATE "C"
-- (byte order, as in SQLite; see 0001_initial.postgres.sql).
-- 0003_store_details: what the writer, actor identity and the dateline/1 round trip need
-- beyond 0001/0002. Only additions: no table or column of 0001/0002 changes.

-- Stories: how many inputs (including exact duplicates) reported the story.
ALTER TABLE stories ADD COLUMN n_inputs INTEGER NOT NULL DEFAULT 1;
ALTER TABLE stories ADD COLUMN first_published TEXT COLLATE "C";
ALTER TABLE stories ADD COLUMN last_published TEXT COLLATE "C";

-- Actor identity: the surname key (persons), and every normalised name/alias pointing to an actor.
-- name_key: the transliteration-folded normalised name (identity.name_key);
-- surname: name_key of the last word, persons with two or more words only.
ALTER TABLE actors ADD COLUMN name_key TEXT COLLATE "C";
ALTER TABLE actors ADD COLUMN surname TEXT COLLATE "C";
CREATE INDEX actors_type_country ON actors(type, country, name_key);
CREATE INDEX actors_surname ON actors(surname, type);
-- Every normalised name and alias (identity.normalize_name) an actor is known by.
CREATE TABLE actor_aliases (
    alias       TEXT COLLATE "C" NOT NULL,
    actor_id    BIGINT NOT NULL REFERENCES actors(id),
    PRIMARY KEY (alias, actor_id)
);
CREATE INDEX actor_aliases_actor ON actor_aliases(actor_id);

-- dateline/1 round trip: the via span of quotes; actor spans, trigger and quote link of events.
ALTER TABLE quotes ADD COLUMN via_start INTEGER;
ALTER TABLE quotes ADD COLUMN via_end INTEGER;
ALTER TABLE events ADD COLUMN source_start INTEGER;
ALTER TABLE events ADD COLUMN source_end INTEGER;
ALTER TABLE events ADD COLUMN target_start INTEGER;
ALTER TABLE events ADD COLUMN target_end INTEGER;
ALTER TABLE events ADD COLUMN trigger_start INTEGER;
ALTER TABLE events ADD COLUMN trigger_end INTEGER;
ALTER TABLE events ADD COLUMN quote_local TEXT COLLATE "C";

CREATE INDEX inputs_article ON inputs(article_id);
CREATE INDEX inputs_status ON inputs(status);
CREATE INDEX articles_canonical ON articles(is_canonical);
