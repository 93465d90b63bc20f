"""The store check of issue 14 (``dateline.evaluation.actor_store``) on a small store holding one
problem of each kind it knows, written as an older writer left them, and people it must pass."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import store_article  # noqa: E402

from dateline.evaluation.actor_store import check  # noqa: E402
from dateline.store.identity import normalize_name  # noqa: E402


def add(conn, article, name, typ="person", surname=None):
    gid = conn.execute("INSERT INTO actors(name, norm_name, type, aliases, surname) VALUES (?, ?, ?, '[]', ?) "
                       "RETURNING id", (name, normalize_name(name), typ, surname)).fetchone()[0]
    n = conn.execute("SELECT count(*) FROM article_actors WHERE article_id = ?", (article,)).fetchone()[0]
    conn.execute("INSERT INTO article_actors(article_id, local_id, actor_id, name, type) VALUES (?, ?, ?, ?, ?)",
                 (article, f"x{n + 1}", gid, name, typ))


def test_the_check_finds_each_kind_of_problem(writer):
    body = ("The story is long and the keyboard is new. Keyboard makers said the story was old and the "
            "keyboard cheap. Matt Bevin and Ken Doctor spoke.")
    store_article(writer, body, [], published="2019-11-20")
    conn = writer.conn
    article = conn.execute("SELECT id FROM articles").fetchone()[0]
    with writer.store.transaction():
        for name, typ, surname in (("Ben Murray-Bruce", "person", "bruke"), ("Murray-Bruce", "person", "bruke"),
                                   ("Pence", "person", None), ("Inspector-General", "person", None),
                                   ("Keyboard", "person", None), ("Note 10 Plus", "org", None),
                                   ("Galaxy S10", "person", None), ("Matt Bevin", "person", "bevin"),
                                   ("Ken Doctor", "person", "doctor"), ("Twitter", "org", None),
                                   ("Ilhan OmarIlhan", "person", "omarilhan"), ("JaVale McGee", "person", "mcgee")):
            add(conn, article, name, typ, surname)
    r = check(conn)
    names = {k: {x["name"] for x in v} for k, v in r.items() if isinstance(v, list)}
    assert names["surname_apart"] == {"Murray-Bruce"}
    assert names["surname_unlinked"] == {"Pence"}
    assert names["bare_titles"] == {"Inspector-General"}
    assert names["common_nouns"] == {"Keyboard"}
    assert names["products"] == {"Galaxy S10"} and names["org_products"] == {"Note 10 Plus"}
    assert names["glued"] == {"Ilhan OmarIlhan"}
    assert json.dumps(r)  # printable as the --list output


def test_the_check_finds_organisations_given_names_and_doubles(writer):
    store_article(writer, "Coach Andy Reid and Andy spoke to the Boston Gazette.", [], published="2019-11-20")
    store_article(writer, "Andrew Reid and Mary Lou Kern spoke.", [], published="2019-11-21")
    conn = writer.conn
    first, second = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY published")]
    with writer.store.transaction():
        for article, name in ((first, "Andy Reid"), (first, "Andy"), (first, "Boston Gazette"),
                              (first, "Leeds United"), (first, "Tulsa South"), (second, "Andrew Reid"),
                              (second, "Mary Lou Kern"), (first, "Mary Kern"), (second, "Kanye West")):
            add(conn, article, name)
    r = check(conn)
    names = {k: {x["name"] for x in v} for k, v in r.items() if isinstance(v, list)}
    assert names["orgs"] == {"Boston Gazette", "Leeds United", "Tulsa South"}
    assert names["given_alone"] == {"Andy"}
    assert sorted(sorted(a["name"] for a in t["actors"]) for t in r["twice"]) == [["Andrew Reid", "Andy Reid"],
                                                                                ["Mary Kern", "Mary Lou Kern"]]


def test_the_check_finds_names_with_no_given_name_and_no_person_shown(writer):
    body = ("Critics liked Frozen Harbor, the sequel. Schools Superintendent Maria Oakes spoke. "
            "The club signed Greedy Jansen, 24, on Monday. Sprocket Vale won the award. "
            "Email Tariq Malik with tips, or email the desk.")
    store_article(writer, body, [], published="2019-11-20")
    conn = writer.conn
    article = conn.execute("SELECT id FROM articles").fetchone()[0]
    with writer.store.transaction():
        for name in ("Frozen Harbor", "Superintendent Maria Oakes", "Greedy Jansen", "Email Tariq Malik",
                     "Maria Oakes", "Avinoam Rubinstain", "Ruskin KJ"):
            add(conn, article, name)
    names = {x["name"] for x in check(conn)["unnamed"]}
    assert names == {"Frozen Harbor", "Superintendent Maria Oakes", "Email Tariq Malik"}
