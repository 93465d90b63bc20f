-- 0004_watches: saved queries (watches), what each channel has delivered (marks), and a
-- delivery log. Read and written by dateline/watch (docs/watches.md). Only additions.

-- A watch: a name, one or more saved queries over the store, and its recipients.
CREATE TABLE watches (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,      -- [A-Za-z0-9_-]{1,64}: used in /watch/NAME.atom
    kind           TEXT NOT NULL,             -- the queries it holds: events, quotes, search, joined by '+'
    filters        TEXT NOT NULL DEFAULT '{}',  -- JSON {"events": EventFilter, "quotes": QuoteFilter, "search": {...}}
    emails         TEXT NOT NULL DEFAULT '[]',  -- JSON list of addresses
    webhook        TEXT,                      -- http(s) URL or NULL
    secret         TEXT NOT NULL,             -- HMAC-SHA256 key signing the webhook bodies
    start_event    INTEGER NOT NULL DEFAULT 0,  -- events.rowid already "old" when the watch was made
    start_quote    INTEGER NOT NULL DEFAULT 0,  -- quotes.rowid likewise
    start_article  INTEGER NOT NULL DEFAULT 0,  -- articles.rowid likewise (search watches)
    created_at     TEXT NOT NULL
);

-- High-water marks: per watch and channel (email | webhook), the highest rowid of each item
-- table that channel has delivered. Moved forward only after a successful send, in the same
-- transaction that logs the delivery; a missing row means the watch's start_* values.
CREATE TABLE watch_marks (
    watch_id       INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    channel        TEXT NOT NULL,
    event_rowid    INTEGER NOT NULL DEFAULT 0,
    quote_rowid    INTEGER NOT NULL DEFAULT 0,
    article_rowid  INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL,
    PRIMARY KEY (watch_id, channel)
);

-- Every delivery attempt: 'sending' while in flight (a lease against overlapping runs),
-- then 'ok' or 'failed'. Runs with nothing new leave no row.
CREATE TABLE watch_deliveries (
    id             INTEGER PRIMARY KEY,
    watch_id       INTEGER NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
    channel        TEXT NOT NULL,             -- email | webhook
    target         TEXT,                      -- recipients, file path or webhook URL
    status         TEXT NOT NULL,             -- sending | ok | failed
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    n_events       INTEGER NOT NULL DEFAULT 0,
    n_quotes       INTEGER NOT NULL DEFAULT 0,
    n_articles     INTEGER NOT NULL DEFAULT 0,
    from_marks     TEXT,                      -- JSON [event, quote, article] rowids before
    to_marks       TEXT,                      -- JSON [event, quote, article] rowids after (if ok)
    message_id     TEXT,                      -- email Message-ID / webhook delivery id
    error          TEXT
);
CREATE INDEX watch_deliveries_watch ON watch_deliveries(watch_id, channel, started_at);
