"""An analyst's corrections (issue 14, requirement 5): merge, rename, set-country and undo through
the CLI and the API; stored as data that survives re-ingest, applies to later articles and is listed
on the actor's page."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import store_article  # noqa: E402

from dateline.cli.main import cli  # noqa: E402
from dateline.types import Actor, Event, EventActor  # noqa: E402


def P(local, name, country=None, mentions=((0, 5),)):
    return Actor(local, name, "person", (), country, "GOV", tuple(mentions))


def dl(db, *args):
    r = CliRunner().invoke(cli, ["--db", str(db), *map(str, args)], catch_exceptions=False)
    return r


def test_corrections_through_the_cli_survive_reingest_and_apply_to_later_articles(writer, store_path, tmp_path):
    m = store_article(writer, "Trump spoke in Kyiv on Monday.", [P("a1", "Trump", "UKR")])
    m2 = store_article(writer, "Donald Trump spoke in Washington.", [P("a1", "Donald Trump", "USA")], "b.txt")
    trump, donald = m["a1"], m2["a1"]
    assert trump != donald  # countries disagree: the store cannot tell they are one man

    r = dl(store_path, "actors", "merge", trump, donald, "--note", "same man", "--json")
    assert r.exit_code == 0, r.output
    merge = json.loads(r.output)
    assert (merge["kind"], merge["actor_id"], merge["other_id"]) == ("merge", donald, trump)
    assert dl(store_path, "actors", "rename", donald, "Donald J. Trump").exit_code == 0
    assert dl(store_path, "actors", "set-country", donald, "usa").exit_code == 0
    assert dl(store_path, "actors", "set-country", donald, "XXX").exit_code == 1  # E501, a clear error

    # a later article naming him the old way, with the old (wrong) country, links to the corrected actor
    later = store_article(writer, "Trump spoke in Kyiv again on Friday.", [P("a1", "Trump", "UKR")], "c.txt")
    assert later["a1"] == donald
    row = writer.conn.execute("SELECT name, country, locked FROM actors WHERE id = ?", (donald,)).fetchone()
    assert tuple(row) == ("Donald J. Trump", "USA", "country,name")
    # re-ingesting the same inputs changes nothing of it
    store_article(writer, "Trump spoke in Kyiv on Monday.", [P("a1", "Trump", "UKR")])
    assert writer.conn.execute("SELECT name, country FROM actors WHERE id = ?", (donald,)).fetchone()[0] \
        == "Donald J. Trump"

    page = json.loads(dl(store_path, "actor", donald, "--json").output)
    assert [c["kind"] for c in page["corrections"]] == ["merge", "rename", "set-country"]
    assert page["merges"][0]["reason"] == "user" and page["merges"][0]["from_id"] == trump
    listed = json.loads(dl(store_path, "actors", "Trump", "--json").output)
    assert [a["id"] for a in listed] == [donald]  # the merged actor is no longer listed
    shown = dl(store_path, "actor", donald).output
    assert "corrections" in shown and "same man" in shown

    # undo: the merged actor comes back with its own mentions
    r = dl(store_path, "actors", "undo", merge["merge_id"])
    assert r.exit_code == 0 and "apart again" in r.output
    assert writer.conn.execute("SELECT merged_into FROM actors WHERE id = ?", (trump,)).fetchone()[0] is None
    assert writer.conn.execute("SELECT count(*) FROM mentions WHERE actor_id = ?", (trump,)).fetchone()[0] == 1


def test_a_country_set_by_an_analyst_is_carried_by_the_actors_events(writer, store_path):
    body = "Ali Baqeri criticised Yokia Amano."
    a = P("a1", "Ali Baqeri", None, ((0, 10),))
    b = Actor("a2", "Yokia Amano", "person", (), None, "IGO", ((22, 33),))
    ev = Event("e1", "ACCUSE", "111", EventActor("Ali Baqeri", "a1", None, "GOV", (0, 10)),
               EventActor("Yokia Amano", "a2", None, "IGO", (22, 33)), (0, len(body)), body,
               quad_class=3, goldstein=-2.0)
    m = store_article(writer, body, [a, b], events=[ev])
    assert dl(store_path, "actors", "set-country", "Ali Baqeri", "IRN").exit_code == 0
    assert writer.conn.execute("SELECT source_country FROM events").fetchone()[0] == "IRN"
    assert writer.conn.execute("SELECT country FROM actors WHERE id = ?", (m["a1"],)).fetchone()[0] == "IRN"


def test_the_api_corrects_behind_the_token(writer, store_path):
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app
    from dateline.config import Config

    m = store_article(writer, "Noem tweeted.", [P("a1", "Noem", None)])
    m2 = store_article(writer, "Kristi L. Noem spoke.", [P("a1", "Kristi Noem", "USA")], "b.txt")
    app = create_app(Config(db=str(store_path), token="s3cret"))
    auth = {"Authorization": "Bearer s3cret"}
    with TestClient(app) as c:
        assert c.post(f"/api/actors/{m2['a1']}/rename", json={"name": "Kristi Noem"}).status_code == 401
        assert c.post(f"/api/actors/{m2['a1']}/rename", json={"name": "Kristi Noem"},
                      headers={"Authorization": "Bearer wrong"}).status_code == 403
        r = c.post(f"/api/actors/{m2['a1']}/country", json={"country": "USA", "note": "checked"}, headers=auth)
        assert r.status_code == 200 and r.json()["kind"] == "set-country"
        assert c.post("/api/actors/999999/rename", json={"name": "x"}, headers=auth).status_code == 404
        detail = c.get(f"/api/actors/{m2['a1']}").json()
        assert detail["corrections"][-1]["note"] == "checked"
        merged = [x for x in detail["merges"] if x["from_id"] == m["a1"]]  # the automatic surname merge
        assert merged and merged[0]["reason"] == "surname"
        r = c.post(f"/api/merges/{merged[0]['id']}/undo", headers=auth)
        assert r.status_code == 200 and r.json()["kind"] == "undo"
        assert c.get(f"/api/actors/{m['a1']}").json()["name"] == "Noem"
