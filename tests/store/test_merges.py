"""One identity per real person across the store (issue 14, requirement 3): dictionary refs,
surname-only actors joining their full name when unambiguous, recorded and reversible merges."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from store_helpers import store_article  # noqa: E402

from dateline.store import corrections  # noqa: E402
from dateline.types import Actor  # noqa: E402


def P(local, name, country=None, ref=None, mentions=((0, 5),), sector="GOV", titles=()):
    return Actor(local, name, "person", tuple(titles), country, sector, tuple(mentions), ref=ref)


def live(conn, name):
    return [tuple(r) for r in conn.execute("SELECT id FROM actors WHERE name = ? AND merged_into IS NULL", (name,))]


def test_a_surname_stored_first_joins_its_full_name_later_and_the_merge_can_be_undone(writer):
    store_article(writer, "Noem tweeted on Monday that the slogan works.", [P("a1", "Noem", "USA")])
    noem = writer.conn.execute("SELECT id FROM actors WHERE name = 'Noem'").fetchone()[0]
    store_article(writer, "Gov. Kristi Noem defended the campaign.", [P("a1", "Kristi Noem", "USA")], "b.txt")
    full = live(writer.conn, "Kristi Noem")[0][0]
    assert live(writer.conn, "Noem") == []  # joined
    row = writer.conn.execute("SELECT n_articles, aliases FROM actors WHERE id = ?", (full,)).fetchone()
    assert row[0] == 2 and "Noem" in row[1]
    assert writer.conn.execute("SELECT count(*) FROM mentions WHERE actor_id = ?", (full,)).fetchone()[0] == 2
    merge = writer.conn.execute("SELECT id, reason FROM actor_merges WHERE from_id = ?", (noem,)).fetchone()
    assert merge[1] == "surname"
    with writer.store.transaction() as conn:
        corrections.undo(conn, merge[0])
    assert live(writer.conn, "Noem") == [(noem,)]
    assert writer.conn.execute("SELECT count(*) FROM mentions WHERE actor_id = ?", (noem,)).fetchone()[0] == 1
    # kept apart from then on: a later article does not merge them again
    store_article(writer, "Kristi Noem spoke again.", [P("a1", "Kristi Noem", "USA")], "c.txt")
    assert live(writer.conn, "Noem") == [(noem,)]


def test_two_people_of_one_surname_keep_the_surname_apart(writer):
    store_article(writer, "Sergei Lavrov met Anna Lavrov.", [P("a1", "Sergei Lavrov", "RUS"),
                                                             P("a2", "Anna Lavrov", "RUS", mentions=((20, 30),))])
    store_article(writer, "Lavrov said no.", [P("a1", "Lavrov", "RUS")], "b.txt")
    assert len(live(writer.conn, "Lavrov")) == 1
    assert writer.conn.execute("SELECT count(*) FROM actor_merges").fetchone()[0] == 0


def test_the_dictionary_ref_is_one_identity_whatever_the_text_calls_the_person(writer):
    ref = "person:RUS:vladimir-putin"
    a = store_article(writer, "Vladimir Putin said so.", [P("a1", "Vladimir Putin", "RUS", ref)])
    b = store_article(writer, "Putin said so.", [P("a1", "Vladimir V. Putin", None, ref)], "b.txt")
    c = store_article(writer, "Vladimir Putin, a namesake, said so.",
                      [P("a1", "Vladimir Putin", "RUS", "person:RUS:other")], "c.txt")
    assert a["a1"] == b["a1"] != c["a1"]  # another dictionary actor of the same name stays apart


def test_a_hyphenated_surname_alone_joins_its_full_name_either_order(writer):
    # one written word is a surname alone, hyphenated or not; its key is the whole "murray bruce",
    # so "Bob Bruce" is another person
    store_article(writer, "Bob Bruce spoke.", [P("a1", "Bob Bruce", "NGA")])
    store_article(writer, "Murray-Bruce was invited by the police.", [P("a1", "Murray-Bruce", "NGA")], "b.txt")
    store_article(writer, "Senator Ben Murray-Bruce went to court.", [P("a1", "Ben Murray-Bruce", "NGA")], "c.txt")
    assert live(writer.conn, "Murray-Bruce") == []
    store_article(writer, "Murray-Bruce spoke again.", [P("a1", "Murray-Bruce", "NGA")], "d.txt")
    assert live(writer.conn, "Murray-Bruce") == []
    full = live(writer.conn, "Ben Murray-Bruce")[0][0]
    assert writer.conn.execute("SELECT n_articles FROM actors WHERE id = ?", (full,)).fetchone()[0] == 3
    assert len(live(writer.conn, "Bob Bruce")) == 1
