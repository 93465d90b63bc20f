"""Migration 0008_event_time on a store written before it: old dates become ISO calendar dates with a
precision and a basis, ages read as years go back to the article's day, and readers keep working."""

from __future__ import annotations

from dateline.query import EventFilter, count_events, events, timeline
from dateline.store import base, open_store

# (local id, date, date_text) as the coder wrote them before issue 13
OLD = [
    ("e1", "2003", "in 2003"),          # a year
    ("e2", "2011-10", "last month"),    # a month
    ("e3", "2011-11-09", "Wednesday"),  # a day from words
    ("e4", "2011-11-10", None),         # the publication date
    ("e5", None, "in recent months"),   # unresolved words
    ("e6", "1955", "55"),               # an age taken for a year
    ("e7", "2009-03", "March 2009"),    # a month, named
]
WANT = {
    "e1": ("2003-01-01", "in 2003", "year", "explicit"),
    "e2": ("2011-10-01", "last month", "month", "relative"),
    "e3": ("2011-11-09", "Wednesday", "day", "relative"),
    "e4": ("2011-11-10", None, "day", "publication"),
    "e5": (None, "in recent months", None, "none"),
    "e6": ("2011-11-10", None, "day", "publication"),
    "e7": ("2009-03-01", "March 2009", "month", "explicit"),
}


def old_store(url: str, monkeypatch, dialect: str = "sqlite") -> None:
    """A store at ``url`` migrated up to 0007 only, holding events as the coder wrote them before issue 13."""
    before = [m for m in base.migration_files(dialect=dialect) if m[0] < "0008"]
    monkeypatch.setattr(base, "migration_files", lambda dialect="sqlite": before)
    s = open_store(url)
    with s.transaction() as c:
        c.execute("INSERT INTO stories(id, canonical_id) VALUES ('a1', 'a1')")
        c.execute("INSERT INTO articles(id, body, published, story_id, extracted, created_at) "
                  "VALUES ('a1', 'Body.', '2011-11-10T08:00:00Z', 'a1', 1, '2011-11-10T09:00:00Z')")
        for lid, date, text in OLD:
            c.execute("INSERT INTO events(article_id, local_id, story_id, type, cameo, quad_class, date, date_text, "
                      "evidence_start, evidence_end, evidence_text, published, fingerprint) "
                      "VALUES ('a1', ?, 'a1', 'ACCUSE', '112', 3, ?, ?, 0, 5, 'Body.', '2011-11-10T08:00:00Z', ?)",
                      (lid, date, text, f"ACCUSE|IRN|USA|{date or ''}"))
    s.close()
    monkeypatch.undo()


def test_old_dates_are_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    old_store(str(path), monkeypatch)
    with open_store(str(path)) as s:
        check_migrated(s)
        indexes = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"events_q_date", "events_q_published", "events_q_source_published"} <= indexes
        assert "events_q_day" not in indexes  # the coalesce(date, published) indexes are gone


def check_migrated(s) -> None:
    """The rows of ``OLD`` read as ``WANT``, and the readers work on them."""
    assert "0008_event_time" in s.applied_migrations()
    rows = {r[0]: tuple(r[1:]) for r in s.conn.execute(
        "SELECT local_id, date, date_text, date_precision, date_basis FROM events")}
    assert rows == WANT
    fp = dict(s.conn.execute("SELECT local_id, fingerprint FROM events").fetchall())
    assert fp["e1"].endswith("|2003-01-01") and fp["e2"].endswith("|2011-10-01") and fp["e3"].endswith("|2011-11-09")
    # readers keep working on the migrated rows: month and relative-day filters, timelines
    assert count_events(s, EventFilter(since="2011-10", until="2011-10")) == 1
    assert count_events(s, EventFilter(since="2003", until="2009")) == 2
    assert {e["local_id"] for e in events(s, EventFilter(since="2011-11"))} == {"e3", "e4", "e6"}
    tl = timeline(s, EventFilter(), bin="year")
    assert tl["undated"]["n"] == 1 and tl["dated"] == 6 and tl["start"] == "2003-01-01"
