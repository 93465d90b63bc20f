"""Migration 0008_event_time on PostgreSQL (its .postgres.sql twin): the same rows, the same result as
on SQLite (tests/store/test_migration_event_time.py holds the rows and the checks)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dateline.store import open_store

pytestmark = pytest.mark.postgres

_spec = importlib.util.spec_from_file_location(
    "dateline_test_migration_event_time", Path(__file__).resolve().parents[1] / "store" / "test_migration_event_time.py")
lite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lite)


def test_old_dates_are_migrated_on_postgres(new_database, monkeypatch):
    url = new_database("event_time")
    lite.old_store(url, monkeypatch, dialect="postgres")
    with open_store(url) as s:
        lite.check_migrated(s)
        names = {r[0] for r in s.conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'events'")}
        assert {"events_q_date", "events_q_published", "events_q_source_published"} <= names
        assert "events_q_day" not in names
