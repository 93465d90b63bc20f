-- 0007_event_rule: why each event exists and what set its modality (added fields of dateline/1).
-- rule: JSON {"origin", "pattern", "checks", "score"?}; cues: JSON [{"text", "span", "sets"}].
-- Only additions; rows stored before this migration keep NULL.
ALTER TABLE events ADD COLUMN rule TEXT;
ALTER TABLE events ADD COLUMN cues TEXT;
