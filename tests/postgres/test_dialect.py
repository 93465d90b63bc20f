"""The SQL dialect layer: SQL written for SQLite -> PostgreSQL through sqlglot with the rewrites for
what SQLite means (dateline/store/transpile.py), and FTS5 match expressions -> tsquery
(dateline/store/dialect.py). Pure functions: no server needed; the Postgres tests run the translated
SQL for real."""

from __future__ import annotations

import sqlite3

import pytest

from dateline.query.fts import fts_query
from dateline.store.dialect import fts5_to_tsquery, fts_match, fts_rank
from dateline.store.transpile import translate


@pytest.mark.parametrize(("sqlite_sql", "postgres_sql"), [
    ('SELECT id FROM t WHERE a = ? AND b LIKE ?', 'SELECT id FROM t WHERE a = %s AND b ILIKE %s'),
    ('SELECT 1 FROM inputs WHERE sha256 IS ?', 'SELECT 1 FROM inputs WHERE sha256 IS NOT DISTINCT FROM %s'),
    ('SELECT 1 FROM t WHERE x IS NOT ?', 'SELECT 1 FROM t WHERE x IS DISTINCT FROM %s'),
    ('SELECT 1 FROM t WHERE x IS NULL', 'SELECT 1 FROM t WHERE x IS NULL'),
    ('SELECT max(a - ?, 0), max(b) FROM t', 'SELECT GREATEST(a - %s, 0), MAX(b) FROM t'),
    ('SELECT min(a, b), min(c) FROM t', 'SELECT LEAST(a, b), MIN(c) FROM t'),
    ('SELECT sum(e.q = 1), sum(e.n), count(*) FROM e',
     'SELECT SUM(CAST(e.q = 1 AS INT)), SUM(e.n), COUNT(*) FROM e'),
    ('SELECT sum(CASE WHEN q = 1 THEN 1 ELSE 0 END) FROM e',
     'SELECT SUM(CASE WHEN q = 1 THEN 1 ELSE 0 END) FROM e'),
    ('SELECT * FROM t WHERE 1 ORDER BY x', 'SELECT * FROM t WHERE TRUE ORDER BY x NULLS FIRST'),
    ('SELECT * FROM t WHERE a = 1 AND 0', 'SELECT * FROM t WHERE a = 1 AND FALSE'),
    ('SELECT * FROM t WHERE a IN (1) AND b = 0 LIMIT 1', 'SELECT * FROM t WHERE a IN (1) AND b = 0 LIMIT 1'),
    ('SELECT * FROM t WHERE (1) AND (a IN (0))', 'SELECT * FROM t WHERE (TRUE) AND (a IN (0))'),
    ('SELECT * FROM t WHERE a BETWEEN 0 AND 1', 'SELECT * FROM t WHERE a BETWEEN 0 AND 1'),
    ('SELECT count(*) FROM (SELECT 1 FROM t LIMIT ?)',
     'SELECT COUNT(*) FROM (SELECT 1 FROM t LIMIT %s) AS _sq1'),
    ('SELECT * FROM (SELECT a FROM t) x WHERE a > 1', 'SELECT * FROM (SELECT a FROM t) AS x WHERE a > 1'),
    ('SELECT * FROM (SELECT a FROM t) WHERE rn <= ?',
     'SELECT * FROM (SELECT a FROM t) AS _sq1 WHERE rn <= %s'),
    ('INSERT OR IGNORE INTO x(a) VALUES (?)', 'INSERT INTO x (a) VALUES (%s) ON CONFLICT DO NOTHING'),
    ('SELECT \'what?\', "odd?col" FROM t WHERE a = ?', 'SELECT \'what?\', "odd?col" FROM t WHERE a = %s'),
    ("SELECT 'a%' || x FROM t WHERE y LIKE ?", "SELECT 'a%%' || x FROM t WHERE y ILIKE %s"),
    ('SELECT instr(a.body, char(10)), ifnull(x, 0) FROM a',
     'SELECT POSITION(CHR(10) IN a.body), COALESCE(x, 0) FROM a'),
    ('SELECT a FROM t ORDER BY a DESC, coalesce(b, 1) LIMIT 3',
     'SELECT a FROM t ORDER BY a DESC NULLS LAST, COALESCE(b, 1) NULLS FIRST LIMIT 3'),
    ('SELECT row_number() OVER (ORDER BY d DESC) FROM t ORDER BY a NULLS LAST, b ASC',
     'SELECT ROW_NUMBER() OVER (ORDER BY d DESC NULLS LAST) FROM t ORDER BY a, b ASC NULLS FIRST'),
    ("SELECT 1 FROM t WHERE ts_match_vq(t.fts, to_tsquery('english', ?))",
     "SELECT 1 FROM t WHERE t.fts @@ TO_TSQUERY('english', %s)"),
    ('INSERT INTO x(a, b) VALUES (?, ?) ON CONFLICT(a, b) DO UPDATE SET n = x.n + 1',
     'INSERT INTO x (a, b) VALUES (%s, %s) ON CONFLICT(a, b) DO UPDATE SET n = x.n + 1'),
    ('SELECT regexp_replace(x, ?, ?) FROM t', "SELECT REGEXP_REPLACE(x, %s, %s, 'g') FROM t"),
    ("SELECT a FROM t WHERE a = '50%' AND b = ?", "SELECT a FROM t WHERE a = '50%%' AND b = %s"),
    ("SELECT 1 FROM e WHERE coalesce(date, substr(published, 1, 10)) >= ? AND substr(x, 2) = 'b'",
     "SELECT 1 FROM e WHERE COALESCE(date, SUBSTR(published, 1, 10)) >= %s AND SUBSTR(x, 2) = 'b'"),
    ('SELECT a % 7, "odd%col" FROM t WHERE b = ?', 'SELECT MOD(a, NULLIF(7, 0)), "odd%%col" FROM t WHERE b = %s'),
])
def test_translate(sqlite_sql, postgres_sql):
    assert translate(sqlite_sql) == postgres_sql


def test_translated_forms_still_mean_the_same_on_sqlite():
    """The rewrites are meaning-preserving: each original and a hand-written portable form agree on SQLite."""
    c = sqlite3.connect(":memory:")
    c.execute("CREATE TABLE e (q INTEGER, s TEXT)")
    c.executemany("INSERT INTO e VALUES (?, ?)", [(1, None), (1, "a"), (2, "B"), (3, "b")])
    assert c.execute("SELECT sum(q = 1) FROM e").fetchone()[0] == 2
    assert c.execute("SELECT count(*) FROM e WHERE s IS ?", (None,)).fetchone()[0] == 1
    assert c.execute("SELECT count(*) FROM e WHERE s LIKE 'b'").fetchone()[0] == 2  # ILIKE on Postgres


@pytest.mark.parametrize(("typed", "tsquery"), [
    ("Iran nuclear", "( Iran & nuclear )"),
    ('"security council" sanctions', "( (security <-> council) & sanctions )"),
    ("talk*", "talk:*"),
    ("Iran OR Russia", "( Iran | Russia )"),
    ("Iran -sanctions", "Iran & ! sanctions"),
    ("Iran NOT sanctions", "Iran & ! sanctions"),
    ("a OR b c", "( a | ( b & c ) )"),
    ("it's (x) & y | !z :*", None),  # operators typed by a user never reach the tsquery as syntax
    ('""', ""),
])
def test_fts5_to_tsquery(typed, tsquery):
    expr = fts_query(typed) or ""
    out = fts5_to_tsquery(expr)
    if tsquery is not None:
        assert out.replace("(", "( ").replace(")", " )").split() == tsquery.replace("(", "( ").replace(")", " )").split()
    allowed = set("&|!<->():* ") | {c for c in out if c.isalnum() or c == "_"}
    assert set(out) <= allowed


def test_raw_fts5_words_and_phrases():
    assert fts5_to_tsquery('"moscow" AND ("iran" OR "talk" *)') == "moscow & ( iran | talk:* )"
    assert fts5_to_tsquery("Iran nuclear") == "Iran & nuclear"
    assert fts5_to_tsquery('"new york" *') == "(new <-> york:*)"


class _PG:
    dialect = "postgres"


def test_fts_fragments_per_dialect():
    lite = sqlite3.connect(":memory:")
    assert fts_match(lite, "articles_fts", '"x"') == ("articles_fts MATCH ?", ['"x"'])
    pg_match = fts_match(_PG(), "articles_fts", '"x"')
    assert pg_match == ("ts_match_vq(articles_fts.fts, to_tsquery('english', ?))", ["x"])
    assert translate(f"SELECT 1 FROM articles_fts WHERE {pg_match[0]}").endswith(
        "WHERE articles_fts.fts @@ TO_TSQUERY('english', %s)")  # the operator, which the GIN index serves
    assert fts_rank(lite, "articles_fts", (10.0, 1.0), '"x"') == ("bm25(articles_fts, 10.0, 1.0)", [])
    sql, params = fts_rank(_PG(), "articles_fts", (10.0, 1.0), '"x"')
    assert sql.startswith("-ts_rank('{0.0, 0.0, 0.1, 1.0}', articles_fts.fts") and params == ["x"]


def test_translate_schema_gives_postgresql_types():
    """A migration written for SQLite, as PostgreSQL runs it (dateline/store/base.py's runner)."""
    from dateline.store.transpile import translate_schema

    sql = translate_schema(
        "-- a comment\n"
        "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER NOT NULL DEFAULT 0,\n"
        "    ref INTEGER REFERENCES t(id), x REAL, b BLOB, \"end\" INTEGER, PRIMARY KEY (name)) WITHOUT ROWID;\n"
        "ALTER TABLE t ADD COLUMN note TEXT;\n"
        "CREATE INDEX t_q ON t(name, coalesce(note, substr(name, 1, 10)), n DESC);\n"
        "UPDATE t SET x = 1 WHERE note NOT GLOB '*[^0-9]*' AND name GLOB '[0-9][0-9]-?.*';\n")
    assert sql.splitlines() == [
        'CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT COLLATE "C" NOT NULL '
        'UNIQUE, n BIGINT NOT NULL DEFAULT 0, ref BIGINT REFERENCES t (id), x DOUBLE PRECISION, b BYTEA, '
        '"end" BIGINT, PRIMARY KEY (name));',
        'ALTER TABLE t ADD COLUMN note TEXT COLLATE "C";',
        "CREATE INDEX t_q ON t(name, COALESCE(note, SUBSTR(name, 1, 10)), n DESC);",  # PostgreSQL's NULL order
        "UPDATE t SET x = 1 WHERE NOT note ~ '^.*[^0-9].*$' AND name ~ '^[0-9][0-9]-.\\..*$';",
    ]


def test_a_migration_sqlglot_cannot_translate_names_the_file_to_write(tmp_path, monkeypatch):
    """FTS5 has no PostgreSQL form: such a migration without its NAME.postgres.sql fails with E401
    saying which file to write, before anything runs; with the file beside it, that file is used."""
    from types import SimpleNamespace

    from dateline.errors import DatelineError
    from dateline.store import base

    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations" / "0001_fts.sql").write_text("CREATE VIRTUAL TABLE t_fts USING fts5(body, content='t');\n")
    monkeypatch.setattr(base, "resources", SimpleNamespace(files=lambda package: tmp_path))
    assert base.migration_files("sqlite") == [("0001_fts", "CREATE VIRTUAL TABLE t_fts USING fts5(body, content='t');\n")]
    with pytest.raises(DatelineError) as err:
        base.migration_files("postgres")
    assert err.value.code == "E401" and "0001_fts" in err.value.message and "0001_fts.postgres.sql" in err.value.hint
    (tmp_path / "migrations" / "0001_fts.postgres.sql").write_text("CREATE TABLE t_fts (fts tsvector);\n")
    assert base.migration_files("postgres") == [("0001_fts", "CREATE TABLE t_fts (fts tsvector);\n")]
