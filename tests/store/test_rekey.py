"""The 0011 data migration: a store written with the old actor keys is re-keyed on open, so the next
mention of a known person joins it instead of being stored twice."""

from __future__ import annotations

from dateline.store import base, open_store
from dateline.store.identity import link_actors
from dateline.store.rekey import actor_keys
from dateline.types import Actor


def P(local, name, country="USA"):
    return Actor(local, name, "person", (), country, "GOV", ((0, 1),))


def _old_keys(path):
    """Write two actors, then put back the keys the version before 0011 wrote and mark 0011 undone."""
    s = open_store(path)
    with s.transaction() as conn:
        ids = link_actors(conn, [P("a1", "Tim Harlan"), P("a2", "Ben Okoro-Wade")], "2019-11-01")
        conn.execute("UPDATE actors SET name_key = 'tim harlan', surname = 'harlan' WHERE id = ?", (ids["a1"],))
        conn.execute("UPDATE actors SET surname = 'wade' WHERE id = ?", (ids["a2"],))
        conn.execute("DELETE FROM migrations WHERE name = '0011_actor_name_keys'")
    s.close()
    return ids


def test_data_migration_is_listed_in_order_with_the_sql_ones():
    steps = base.migration_files()
    names = [n for n, _ in steps]
    assert "0011_actor_name_keys" in names and names == sorted(names)
    assert callable(dict(steps)["0011_actor_name_keys"]) and isinstance(dict(steps)["0001_initial"], str)


def test_reopening_an_old_store_rekeys_its_actors_and_the_next_mention_joins(tmp_path):
    path = str(tmp_path / "old.db")
    ids = _old_keys(path)
    s = open_store(path)  # migrates: 0011 runs now
    try:
        assert "0011_actor_name_keys" in s.applied_migrations()
        rows = s.conn.execute("SELECT id, name, norm_name, type, name_key, surname FROM actors").fetchall()
        for _id, name, norm, typ, key, surname in rows:
            assert (key, surname) == actor_keys(name, norm, typ)
        by_id = {r[0]: r for r in rows}
        assert by_id[ids["a1"]][4] != "tim harlan"  # the given name in full form now
        with s.transaction() as conn:
            again = link_actors(conn, [P("a1", "Timothy Harlan")], "2019-11-02")
        assert again["a1"] == ids["a1"]
        assert s.conn.execute("SELECT count(*) FROM actors WHERE type = 'person'").fetchone()[0] == 2
    finally:
        s.close()


def test_rekey_runs_once(tmp_path):
    path = str(tmp_path / "s.db")
    open_store(path).close()
    s = open_store(path)
    try:
        assert s.migrate() == []
    finally:
        s.close()


def test_a_data_step_that_fails_is_a_coded_error_and_is_not_recorded(tmp_path, monkeypatch):
    import pytest

    from dateline.errors import DatelineError

    good = base.migration_files()
    bad = ("9999_broken_data", base.data_step("dateline.store.rekey:no_such_function"))
    monkeypatch.setattr(base, "migration_files", lambda dialect="sqlite": [*good, bad])
    path = str(tmp_path / "s.db")
    with pytest.raises(DatelineError) as err:
        open_store(path)
    assert err.value.code == "E401" and "no_such_function" in err.value.message
    monkeypatch.setattr(base, "migration_files", lambda dialect="sqlite": good)
    s = open_store(path)
    try:
        assert "9999_broken_data" not in s.applied_migrations()
        assert "0011_actor_name_keys" in s.applied_migrations()
    finally:
        s.close()
