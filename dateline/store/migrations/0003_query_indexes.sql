-- 0003_query_indexes: indexes for the query layer (dateline/query), the API and the web UI.
-- Only indexes: no table or column changes. An event's day is
--   coalesce(date, substr(published, 1, 10))
-- (its resolved date, else its article's publication day); dateline/query/filters.py
-- EVENT_DAY uses exactly this expression so SQLite can use these indexes. Trailing columns
-- make the common aggregates index-only: per-day counts by quad class (timeline), the
-- interaction network over a day range, and per-pair counts by type (actor pages).

CREATE INDEX IF NOT EXISTS events_q_source_day ON events(source_actor, coalesce(date, substr(published, 1, 10)), quad_class);
CREATE INDEX IF NOT EXISTS events_q_target_day ON events(target_actor, coalesce(date, substr(published, 1, 10)), quad_class, source_actor);
CREATE INDEX IF NOT EXISTS events_q_day ON events(coalesce(date, substr(published, 1, 10)), quad_class, source_actor, target_actor, type, goldstein);
CREATE INDEX IF NOT EXISTS events_q_type_day ON events(type, coalesce(date, substr(published, 1, 10)));
CREATE INDEX IF NOT EXISTS events_q_scountry_day ON events(source_country, coalesce(date, substr(published, 1, 10)));
CREATE INDEX IF NOT EXISTS events_q_tcountry_day ON events(target_country, coalesce(date, substr(published, 1, 10)));
CREATE INDEX IF NOT EXISTS events_q_out ON events(source_actor, target_actor, type, goldstein);
CREATE INDEX IF NOT EXISTS events_q_in ON events(target_actor, source_actor, type, goldstein);
CREATE INDEX IF NOT EXISTS quotes_q_day ON quotes(substr(published, 1, 10));
CREATE INDEX IF NOT EXISTS quotes_q_speaker_day ON quotes(speaker_actor, substr(published, 1, 10));
CREATE INDEX IF NOT EXISTS actors_q_mentions ON actors(n_mentions);
