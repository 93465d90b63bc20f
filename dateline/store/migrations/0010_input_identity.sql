-- 0010_input_identity: one identity per input (dateline.ingest.identity).
-- From here on inputs.locator and failures.locator hold the canonical locator: a local file's
-- resolved absolute path, or the URL / URI; the same in `dateline ingest` and in the Spark job,
-- so a path written two ways (or a Spark output loaded into a store the CLI filled) counts once.
-- `given` keeps the path or URL as the user typed it, for display only. Rows stored before this
-- migration have given NULL and their locator as it was typed; the writer finds them by that path
-- and gives them their canonical locator when it next touches them. Only additions.
ALTER TABLE inputs ADD COLUMN given TEXT;
ALTER TABLE failures ADD COLUMN given TEXT;
