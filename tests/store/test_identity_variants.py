"""Cross-article identity: longer surnames, outlet long forms, title casing, generic groups."""

from __future__ import annotations

from dateline.store.identity import is_unnamed_group, link_actors, outlet_short
from dateline.types import Actor, Extraction


def link(writer, actors, date="2011-11-10"):
    with writer.store.transaction() as conn:
        return link_actors(conn, actors, date)


def P(local, name, country=None, titles=(), type_="person", sector="GOV"):
    return Actor(local, name, type_, tuple(titles), country, sector, ((0, 1),))


def test_longer_surname_joins_the_known_person_in_the_same_country(writer):
    a = link(writer, [P("a1", "Ali Baqeri", "IRN")])
    b = link(writer, [P("a1", "Ali Bagheri Kani", "IRN")], "2021-12-01")
    assert b["a1"] == a["a1"]
    # not across countries, not with another first name, not when two people fit
    c = link(writer, [P("a1", "Ali Bagheri Kani", "IRQ"), P("a2", "Reza Bagheri Kani", "IRN")])
    assert a["a1"] not in c.values()
    link(writer, [P("a1", "Hassan Rouhani", "IRN")])
    d = link(writer, [P("a1", "Hassan Rouhani Moghaddam", "IRN")])
    e = link(writer, [P("a1", "Hassan Rouhani", "IRN"), P("a2", "Hassan Rouhani Moghaddam", "IRN")])
    assert d["a1"] == e["a1"] == e["a2"]
    # two different people extend the same short name: the short name is ambiguous, a new actor
    g = link(writer, [P("a1", "Sadegh Amoli Larijani", "IRN")])
    g2 = link(writer, [P("a1", "Sadegh Amoli Rad", "IRN")])
    g3 = link(writer, [P("a1", "Sadegh Amoli", "IRN")])
    assert len({g["a1"], g2["a1"], g3["a1"]}) == 3


def test_outlet_long_forms_join_the_outlet(writer):
    assert outlet_short("the official irna news agency") == "irna"
    assert outlet_short("irna") is None
    irna = Actor("a1", "IRNA", "org", (), "IRN", "MED", ((0, 4),))
    m = link(writer, [irna])
    for long_form in ("The official IRNA news agency", "IRNA news agency"):
        m2 = link(writer, [Actor("a1", long_form, "org", (), "IRN", "MED", ((0, 4),))])
        assert m2["a1"] == m["a1"]


def test_generic_groups_without_country_are_per_article(writer):
    assert is_unnamed_group(P("a1", "reporters", None, type_="group", sector="MED"))
    assert not is_unnamed_group(P("a1", "Iranian officials", "IRN", type_="group"))
    assert not is_unnamed_group(P("a1", "Taliban", None, type_="group", sector="REB"))
    assert is_unnamed_group(P("a1", "Western diplomat", None))
    assert not is_unnamed_group(P("a1", "Rafael Grossi", None, sector="IGO"))
    m = link(writer, [P("a1", "reporters", None, type_="group", sector="MED"),
                      P("a2", "Western diplomats", None, type_="group"),
                      P("a3", "Iranian officials", "IRN", type_="group")])
    assert set(m) == {"a3"}
    assert writer.conn.execute("SELECT count(*) FROM actors WHERE name = 'reporters'").fetchone()[0] == 0


def test_titles_are_one_row_per_title_in_the_most_common_casing(writer, h):
    def article(n, title):
        body = f"Story {n}: {title} Sergei Lavrov spoke."
        s = body.index("Sergei")
        a = Actor("a1", "Sergei Lavrov", "person", (title,), "RUS", "GOV", ((s, s + 13),))
        ex = Extraction((a,), (), ())
        writer.write(h.make_result(body, path=f"t{n}.txt", extraction=ex), extracted=True, extraction=ex)

    article(1, "foreign minister")
    article(2, "Foreign Minister")
    rows = writer.conn.execute("SELECT title, n FROM actor_titles").fetchall()
    assert [tuple(r) for r in rows] == [("foreign minister", 2)]  # a tie keeps the stored casing
    article(3, "Foreign Minister")
    rows = writer.conn.execute("SELECT title, n FROM actor_titles").fetchall()
    assert [tuple(r) for r in rows] == [("Foreign Minister", 3)]
