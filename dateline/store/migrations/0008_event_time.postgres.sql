-- 0008_event_time (PostgreSQL): 0008_event_time.sql with regular expressions for GLOB, "C" text and
-- rowid in the publication-order indexes (see 0001_initial.postgres.sql). Each event's date with its
-- precision and its basis (issue 13).
-- Adds events.date_precision (day | week | month | season | year | decade) and events.date_basis
-- (explicit | relative | publication | none). Dates become ISO calendar dates, the first day of
-- their period: a stored "2003" becomes 2003-01-01 (year), "2011-10" 2011-10-01 (month). A date
-- read from a bare one-to-three-digit number (an age or a count taken for a year: "55" -> 1955)
-- goes back to the article's day. The basis of older rows is inferred from their words: no words
-- -> publication, a four-digit year in them -> explicit, else relative; no date -> none. Re-date
-- older articles from their words with `dateline fix --redate`.
-- An event's day is now its own date (dateline/query/filters.py EVENT_DAY = e.date): undated
-- events have none. The indexes of 0003 on coalesce(date, published day) give way to indexes on
-- date, and lists in publication order get theirs.
ALTER TABLE events ADD COLUMN date_precision TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN date_basis TEXT COLLATE "C";

UPDATE events SET date = substr(published, 1, 10), date_text = NULL, fingerprint = NULL
 WHERE date_text IS NOT NULL AND length(trim(date_text)) BETWEEN 1 AND 3 AND trim(date_text) ~ '^[0-9]+$';
UPDATE events SET fingerprint = fingerprint || '-01-01' WHERE length(date) = 4 AND fingerprint LIKE '%|' || date;
UPDATE events SET fingerprint = fingerprint || '-01' WHERE length(date) = 7 AND fingerprint LIKE '%|' || date;
UPDATE events SET date = date || '-01-01', date_precision = 'year'
 WHERE length(date) = 4 AND date ~ '^[0-9]{4}$';
UPDATE events SET date = date || '-01', date_precision = 'month'
 WHERE length(date) = 7 AND date ~ '^[0-9]{4}-[0-9]{2}$';
UPDATE events SET date = substr(date, 1, 10), date_precision = 'day'
 WHERE date_precision IS NULL AND date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}';
UPDATE events SET date = NULL WHERE date_precision IS NULL;
UPDATE events SET date_basis = CASE
    WHEN date IS NULL THEN 'none'
    WHEN date_text IS NULL THEN 'publication'
    WHEN date_text ~ '[12][0-9]{3}' THEN 'explicit'
    ELSE 'relative' END;

-- Indexes: the event's own date replaces coalesce(date, published day). Trailing columns keep the
-- common reads index-only: timelines (date, precision, quad class) and lists in publication order
-- under a date range (published and rowid, sorted without reading the table).
DROP INDEX IF EXISTS events_q_source_day;
DROP INDEX IF EXISTS events_q_target_day;
DROP INDEX IF EXISTS events_q_day;
DROP INDEX IF EXISTS events_q_type_day;
DROP INDEX IF EXISTS events_q_scountry_day;
DROP INDEX IF EXISTS events_q_tcountry_day;
DROP INDEX IF EXISTS events_source;
DROP INDEX IF EXISTS events_target;
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_type;
DROP INDEX IF EXISTS events_country;
CREATE INDEX events_q_source_date ON events(source_actor, date, date_precision, quad_class, published, rowid);
CREATE INDEX events_q_target_date ON events(target_actor, date, date_precision, quad_class, source_actor, published, rowid);
CREATE INDEX events_q_date ON events(date, date_precision, quad_class, source_actor, target_actor, type, goldstein, published, rowid);
CREATE INDEX events_q_type_date ON events(type, date, published, source_country, target_country, rowid);
CREATE INDEX events_q_scountry_date ON events(source_country, date, published, rowid);
CREATE INDEX events_q_tcountry_date ON events(target_country, date, published, rowid);
CREATE INDEX events_q_published ON events(published, rowid);
CREATE INDEX events_q_source_published ON events(source_actor, published, rowid);
CREATE INDEX events_q_target_published ON events(target_actor, published, rowid);
