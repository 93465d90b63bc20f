"""Store files are created private (0600): they hold webhook secrets and everything ingested."""

from __future__ import annotations

import os
import stat

from dateline.store import open_store


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_sqlite_store_and_its_wal_are_owner_only(tmp_path):
    old = os.umask(0o022)  # the usual umask would give 0644
    try:
        db = tmp_path / "new.db"
        store = open_store(str(db))
        with store.transaction() as conn:
            conn.execute("INSERT INTO watches(name, kind, filters, emails, webhook, secret, created_at) "
                         "VALUES ('w', 'events', '{}', '[]', 'https://h.example/x', 'secret-0123456789abcdef', 'now')")
        assert mode(db) == 0o600
        for suffix in ("-wal", "-shm"):
            side = tmp_path / f"new.db{suffix}"
            if side.exists():  # open connection in WAL mode: SQLite copies the database file's mode
                assert mode(side) == 0o600, suffix
        store.close()
    finally:
        os.umask(old)


def test_an_existing_store_keeps_its_permissions(tmp_path):
    db = tmp_path / "shared.db"
    open_store(str(db)).close()
    os.chmod(db, 0o640)
    open_store(str(db)).close()
    assert mode(db) == 0o640
