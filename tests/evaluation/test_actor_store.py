"""The store check of issue 14 (requirement 7) on the real pages: a store of the 181 Zyte pages plus the
sample, built as a new user would (`dateline ingest ... --db`), has no surname-only person apart from
its full name, no bare title and no product or platform stored as a person."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from dateline.cli.main import cli
from dateline.evaluation.actor_store import check


@pytest.fixture(scope="module")
def zyte_store(shared_dir, sample_path, tmp_path_factory):
    pages = sorted((shared_dir / "eval" / "extraction" / "zyte" / "html").glob("*.html.gz"))
    assert len(pages) == 181
    db = tmp_path_factory.mktemp("zyte") / "store.db"
    r = CliRunner().invoke(cli, ["--db", str(db), "ingest", *map(str, pages), str(sample_path)],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    conn = sqlite3.connect(db)
    yield conn
    conn.close()


@pytest.mark.slow
def test_the_actor_list_a_new_user_sees(zyte_store):
    r = check(zyte_store)
    assert r["persons"] > 300
    assert r["surname_apart"] == [] and r["bare_titles"] == [] and r["products"] == []
    assert r["surname_unlinked"] == [] and r["org_products"] == []
    live = {row[0]: row[1:] for row in zyte_store.execute(
        "SELECT name, type, country, n_articles FROM actors WHERE merged_into IS NULL")}
    assert live["Donald Trump"][:2] == ("person", "USA") and "Trump" not in live
    assert live["Kristi Noem"][:2] == ("person", "USA") and "Noem" not in live
    for thing in ("MacBook Pro", "President", "company", "Manager", "Inspector-General", "Keyboard", "Story",
                  "Note 10 Plus", "Murray-Bruce", "Pence"):
        assert thing not in live
    assert live["Ben Murray-Bruce"][0] == "person" and live["Mike Pence"][:2] == ("person", "USA")
    assert r["orgs"] == [] and r["given_alone"] == [] and r["twice"] == []
    for name in ("Miami Herald", "Manchester United", "Davis Cup", "Lockheed Martin", "Politico", "Wichita North"):
        assert live.get(name, ("org",))[0] != "person"
    assert [n for n in ("Tim Morrison", "Timothy Morrison") if n in live] == ["Tim Morrison"]  # first written
    assert live["Matt Bevin"][0] == "person" and "Matt" not in live
    for platform in ("Twitter", "Instagram"):
        assert live.get(platform, ("org",))[0] == "org"  # an organisation where it acts, never a person
    for thing in ("Fallen Order", "Night Mode", "Sonos Move", "Email Tariq Malik", "Superintendent Jennifer McCormick",
                  "Questioning Vindman", "Recent Samsung", "Browns Greedy Williams", "Browns DL Sheldon Richardson"):
        assert live.get(thing, ("org",))[0] != "person"  # no given name first and nothing shows a person
    for person in ("Greedy Williams", "Magic Johnson", "Scooter Braun", "Zippy Duvall", "Cam Heyward", "Serene Gregg",
                   "Tariq Malik", "Jennifer McCormick", "Avinoam Rubinstain"):
        assert live[person][0] == "person"
