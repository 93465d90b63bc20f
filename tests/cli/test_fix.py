"""Corrections: `dateline fix ID --published DATE` and `dateline ingest --published DATE --force` set an
article's date and re-date its events from their own words against it (issue 13, requirement 6)."""

from __future__ import annotations

import json
import sqlite3

from dateline.schema import validate

TEXT = ("Russian troops seized the Crimean parliament on Tuesday.\n\n"
        "Iran accuses Saudi Arabia of supporting terrorism.\n\n"
        "In 1980, Iraqi forces invaded Iran.")


def _events(db) -> dict:
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT e.evidence_text, e.date, e.date_precision, e.date_basis, e.published, a.published "
                         "FROM events e JOIN articles a ON a.id = e.article_id").fetchall()
    return {r[0].split()[0] + " " + r[0].split()[1]: r[1:] for r in rows}


def _ingest(invoke, tmp_path, *extra):
    src = tmp_path / "crimea.txt"
    src.write_text(TEXT, "utf-8")
    db = tmp_path / "s.db"
    r = invoke("--db", db, "ingest", src, *extra)
    assert r.exit_code == 0, r.output
    return src, db


def test_fix_sets_the_date_and_redates_events_from_their_words(invoke, tmp_path):
    _, db = _ingest(invoke, tmp_path, "--published", "2014-03-19")  # a Wednesday
    before = _events(db)
    assert before["Russian troops"][:3] == ("2014-03-18", "day", "relative")
    assert before["Iran accuses"][:3] == ("2014-03-19", "day", "publication")
    assert before["In 1980,"][:3] == ("1980-01-01", "year", "explicit")
    aid = json.loads(invoke("--db", db, "articles", "--format", "json").stdout)[0]["id"]
    r = invoke("--db", db, "fix", aid[:8], "--published", "2014-03-27")  # a Thursday, a week later
    assert r.exit_code == 0, r.output
    assert "2 of 3 events re-dated" in r.stdout
    after = _events(db)
    assert after["Russian troops"] == ("2014-03-25", "day", "relative", "2014-03-27", "2014-03-27")
    assert after["Iran accuses"] == ("2014-03-27", "day", "publication", "2014-03-27", "2014-03-27")
    assert after["In 1980,"][:3] == ("1980-01-01", "year", "explicit")  # its own words name the year
    doc = json.loads(invoke("--db", db, "show", aid, "--json").stdout)
    validate(doc)
    assert doc["published"] == "2014-03-27"
    # re-dating from the stored date changes nothing more
    assert "0 of 3 events re-dated" in invoke("--db", db, "fix", aid, "--redate").stdout


def test_fix_refuses_what_it_cannot_do(invoke, tmp_path):
    _, db = _ingest(invoke, tmp_path, "--published", "2014-03-19")
    r = invoke("--db", db, "fix", "nosuchid", "--published", "2014-03-27")
    assert r.exit_code == 1 and "E402" in r.stderr
    r = invoke("--db", db, "fix", "--all", "--published", "2014-03-27")
    assert r.exit_code == 1 and "E501" in r.stderr
    aid = json.loads(invoke("--db", db, "articles", "--format", "json").stdout)[0]["id"]
    r = invoke("--db", db, "fix", aid, "--published", "19/03/2014")
    assert r.exit_code == 1 and "E501" in r.stderr
    assert _events(db)["Iran accuses"][3] == "2014-03-19"  # nothing changed


def test_fix_all_redates_a_store_from_its_words(invoke, tmp_path):
    _, db = _ingest(invoke, tmp_path, "--published", "2014-03-19")
    with sqlite3.connect(db) as c:  # as an older coder left it: the background dated on the article's day
        c.execute("UPDATE events SET date = '2014-03-19', date_precision = 'day', date_basis = 'publication', "
                  "date_text = NULL WHERE evidence_text LIKE 'In 1980%'")
    r = invoke("--db", db, "fix", "--all", "--redate")
    assert r.exit_code == 0 and "1 articles; 1 events re-dated" in r.stdout
    assert _events(db)["In 1980,"][:3] == ("1980-01-01", "year", "explicit")


def test_ingest_force_gives_stored_articles_the_date(invoke, tmp_path):
    src, db = _ingest(invoke, tmp_path, "--published", "2014-03-19")
    r = invoke("--db", db, "ingest", src, "--published", "2014-03-27")  # without --force: a fallback only
    assert r.exit_code == 0 and _events(db)["Iran accuses"][3] == "2014-03-19"
    r = invoke("--db", db, "ingest", src, "--published", "2014-03-27", "--force")
    assert r.exit_code == 0 and "1 stored articles dated 2014-03-27" in r.stdout
    assert _events(db)["Russian troops"][:2] == ("2014-03-25", "day")
    assert invoke("--db", db, "ingest", src, "--force").exit_code == 1  # --force needs --published
