"""Cross-article actor identity: one global actor per real-world entity."""

from __future__ import annotations

from dateline.store.identity import link_actors, name_key, normalize_name
from dateline.types import Actor


def link(writer, actors, date="2011-11-10"):
    with writer.store.transaction() as conn:
        return link_actors(conn, actors, date)


def P(local, name, country=None, titles=(), mentions=((0, 1),), type_="person", sector="GOV"):
    return Actor(local, name, type_, tuple(titles), country, sector, tuple(mentions))


def test_normalize_drops_accents_honorifics_and_titles():
    assert normalize_name("Mr. Alain Juppé") == "alain juppe"
    assert normalize_name("Foreign Minister Sergei Lavrov", ["Foreign Minister"]) == "sergei lavrov"
    assert normalize_name("Grand Ayatollah Ali Khamenei") == "ali khamenei"
    assert name_key(normalize_name("Ali Baqeri")) == name_key(normalize_name("Ali Bagheri"))
    assert name_key(normalize_name("Sergei Lavrov")) != name_key(normalize_name("Sergei Ryabkov"))


def test_transliteration_variants_merge_within_country_only(writer):
    a = link(writer, [P("a1", "Ali Baqeri", "IRN", ["SNSC Deputy Secretary"], ((0, 10), (50, 56)))], "2011-11-10")
    b = link(writer, [P("a1", "Ali Bagheri", "IRN", ["Deputy Foreign Minister"])], "2013-05-02")
    c = link(writer, [P("a1", "Ali Bagheri", "IRQ")], "2013-05-03")
    assert a["a1"] == b["a1"] != c["a1"]
    row = writer.conn.execute("SELECT * FROM actors WHERE id = ?", (a["a1"],)).fetchone()
    assert (row["n_mentions"], row["n_articles"], row["first_seen"], row["last_seen"]) == (3, 2, "2011-11-10",
                                                                                          "2013-05-02")
    titles = writer.conn.execute(
        "SELECT title, first_seen, last_seen FROM actor_titles WHERE actor_id = ? ORDER BY first_seen",
        (a["a1"],)).fetchall()
    assert [tuple(t) for t in titles] == [("SNSC Deputy Secretary", "2011-11-10", "2011-11-10"),
                                          ("Deputy Foreign Minister", "2013-05-02", "2013-05-02")]


def test_different_people_stay_apart_and_surnames_link_when_unambiguous(writer):
    m = link(writer, [P("a1", "Sergei Lavrov", "RUS"), P("a2", "Sergei Ryabkov", "RUS"),
                      P("a3", "Nicolai Patrushev", "RUS")])
    assert len(set(m.values())) == 3
    m2 = link(writer, [P("a1", "Lavrov", "RUS"), P("a2", "Nikolai Patrushev", "RUS"), P("a3", "Sergey Lavrov", None)])
    assert m2["a1"] == m["a1"] and m2["a2"] == m["a3"] and m2["a3"] == m["a1"]
    # a second Lavrov makes the bare surname ambiguous: a new actor rather than a wrong merge
    link(writer, [P("a1", "Anna Lavrov", "RUS")])
    m3 = link(writer, [P("a1", "Lavrov", "RUS")])
    assert m3["a1"] not in (m["a1"],)


def test_countries_by_code_and_counts_once_per_article(writer):
    m = link(writer, [P("a1", "Iran", "IRN", type_="country", mentions=((0, 4), (9, 13))),
                      P("a2", "Islamic Republic of Iran", "IRN", type_="country")], "2011-11-10")
    assert m["a1"] == m["a2"]
    m2 = link(writer, [P("a1", "Tehran", "IRN", type_="country")], "2011-11-09")
    assert m2["a1"] == m["a1"]
    row = writer.conn.execute("SELECT n_mentions, n_articles, first_seen, last_seen FROM actors WHERE id = ?",
                              (m["a1"],)).fetchone()
    assert tuple(row) == (4, 2, "2011-11-09", "2011-11-10")


def test_igos_by_name_and_alias(writer):
    iaea = Actor("a1", "IAEA", "org", (), None, "IGO", ((0, 4),), ("International Atomic Energy Agency",))
    m = link(writer, [iaea])
    m2 = link(writer, [Actor("a1", "International Atomic Energy Agency", "org", (), None, "IGO", ((0, 4),))])
    assert m["a1"] == m2["a1"]
    un = link(writer, [Actor("a1", "UN Security Council", "org", (), None, "IGO", ((0, 4),))])
    assert un["a1"] != m["a1"]


def test_short_given_names_and_middle_names_are_one_person(writer):
    a = link(writer, [P("a1", "Tom Harlan", "USA"), P("a2", "Greta Ann Olsen", None)], "2019-11-01")
    b = link(writer, [P("a1", "Thomas Harlan", None), P("a2", "Greta Olsen", None)], "2019-11-02")
    assert b["a1"] == a["a1"] and b["a2"] == a["a2"]
    c = link(writer, [P("a1", "Thomas B. Harlan Jr", "USA"), P("a2", "Pat Harlan", "USA")], "2019-11-03")
    assert c["a1"] == a["a1"]
    assert c["a2"] != a["a1"]  # "Pat" is Patrick or Patricia: not Thomas
