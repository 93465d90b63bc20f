-- 0006_event_copies: the evidence of a story's events in each syndicated copy.
-- Copies are not re-extracted (the story's canonical article holds its events); this table keeps,
-- for every copy, where each event's evidence sentence sits in the copy's own body, so the store
-- keeps every evidence span. Only additions.
CREATE TABLE event_copies (
    article_id        TEXT NOT NULL,      -- the copy
    event_article_id  TEXT NOT NULL,      -- the article holding the event (the story's canonical)
    event_local_id    TEXT NOT NULL,      -- the event's local id there ("e3")
    start             INTEGER NOT NULL,   -- the evidence span in the copy's body
    "end"             INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_article_id, event_local_id)
);
CREATE INDEX event_copies_event ON event_copies(event_article_id, event_local_id);
