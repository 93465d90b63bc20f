"""Event queries on the fixture store: filters combine, lists in publication order (or by event date),
stories count copies. (Undated events and timeline bins: test_timeline.py.)"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.errors import DatelineError
from dateline.query import EventFilter, count_events, event, events, network, timeline


def expected(fx, pred):
    """(article key, local id) of every fixture event for which pred(doc, event, src, tgt) holds."""
    out = set()
    for d in fx.DOCS:
        names = {a[0]: a for a in d.actors}
        for e in d.events:
            src = names.get(e["src"])
            tgt = names.get(e.get("tgt"))
            day = e.get("date") or d.published[:10]
            if pred(d, e, src, tgt, day):
                out.add((d.key, e["id"]))
    return out


def got(rows, ids):
    back = {v: k for k, v in ids.items()}
    return {(back[r["article_id"]], r["local_id"]) for r in rows}


def test_all_events_once_per_story(store, fx, ids):
    rows = events(store, EventFilter(), limit=1000)
    assert got(rows, ids) == expected(fx, lambda *a: True)
    assert count_events(store) == len(rows)
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)  # newest article first
    by_date = events(store, EventFilter(), limit=1000, order="date")
    assert [r["date"] for r in by_date] == sorted((r["date"] for r in rows), reverse=True)
    with pytest.raises(DatelineError):
        events(store, EventFilter(), order="random")


@pytest.mark.parametrize("who", ["Lavrov", "sergei LAVROV", "Sergei Lavrov"])
def test_actor_by_name_either_side(store, fx, ids, who):
    rows = events(store, EventFilter(actor=who))
    want = expected(fx, lambda d, e, s, t, day: "Sergei Lavrov" in (s and s[1], t and t[1]))
    assert want and got(rows, ids) == want


def test_actor_by_id_and_source_target(store, fx, ids):
    iran = store.conn.execute("SELECT id FROM actors WHERE name = 'Iran'").fetchone()[0]
    as_source = got(events(store, EventFilter(source=iran)), ids)
    as_target = got(events(store, EventFilter(target=str(iran))), ids)
    assert as_source == expected(fx, lambda d, e, s, t, day: s and s[1] == "Iran")
    assert as_target == expected(fx, lambda d, e, s, t, day: t and t[1] == "Iran")
    assert got(events(store, EventFilter(actor=iran)), ids) == as_source | as_target


def test_filters_combine(store, fx, ids):
    f = EventFilter(country="irn", since="2011-11-15", until="2011-11-30", type="reject,threaten")
    want = expected(
        fx,
        lambda d, e, s, t, day: "IRN" in (s and s[3], t and t[3]) and "2011-11-15" <= day <= "2011-11-30"
        and e["type"] in ("REJECT", "THREATEN"),
    )
    assert len(want) >= 2 and got(events(store, f), ids) == want
    assert count_events(store, f) == len(want)


def test_asserted_only_drops_negated_and_hedged(store, fx, ids):
    rows = events(store, EventFilter(asserted_only=True), limit=1000)
    want = expected(fx, lambda d, e, s, t, day: e.get("modality", "asserted") == "asserted" and not e.get("negated"))
    assert got(rows, ids) == want
    assert all(r["modality"] == "asserted" and r["negated"] is False for r in rows)
    assert count_events(store) - len(rows) == 3  # one negated, one future, one hypothetical in the fixture


def test_events_without_a_time_of_their_own_are_dated_by_publication(store, fx, ids):
    rows = events(store, EventFilter(since="2011-12", until="2011-12"))
    assert got(rows, ids) == expected(fx, lambda d, e, s, t, day: day.startswith("2011-12"))
    assert rows and all(r["date"] == r["day"] == "2011-12-01" and r["date_basis"] == "publication"
                        and r["date_precision"] == "day" for r in rows)


def test_month_and_year_bounds_are_inclusive(store, fx, ids):
    n_nov = count_events(store, EventFilter(since="2011-11", until="2011-11"))
    assert n_nov == len(expected(fx, lambda d, e, s, t, day: day.startswith("2011-11")))
    assert count_events(store, EventFilter(since="2011", until="2011")) == count_events(store)


def test_row_carries_evidence_article_and_story_counts(store, fx, ids):
    rows = events(store, EventFilter(article=ids["talks"], type="CONSULT"))
    assert len(rows) == 1
    r = rows[0]
    body = fx.DOCS[0].body
    assert body[r["evidence_start"]:r["evidence_end"]] == r["evidence_text"]
    assert (r["source_name"], r["target_name"]) == ("Ali Baqeri", "Sergei Lavrov")
    assert (r["source_country"], r["target_country"], r["place_name"]) == ("IRN", "RUS", "Moscow")
    assert r["headline"] == fx.DOCS[0].headline and r["url"] == fx.DOCS[0].url
    assert r["n_articles"] == 2 and r["n_sources"] == 2  # the payvand.com copy carried the story too
    assert event(store, r["event_id"])["local_id"] == r["local_id"]


def test_pagination_is_stable(store):
    all_rows = events(store, EventFilter(), limit=1000)
    pages = [events(store, EventFilter(), limit=4, offset=o) for o in range(0, len(all_rows), 4)]
    assert [r["event_id"] for p in pages for r in p] == [r["event_id"] for r in all_rows]


def test_unknown_actor_matches_nothing_and_injection_is_inert(store):
    assert events(store, EventFilter(actor="Nobody Atall")) == []
    assert events(store, EventFilter(actor="x' OR 1=1; DROP TABLE events; --")) == []
    assert count_events(store) > 0


@pytest.mark.parametrize("bad", [{"since": "last tuesday"}, {"country": "Iran!"}, {"quad_class": 7},
                                 {"until": "2011-13-01"}, {"type": "FOO"}, {"type": "ACCUSE,INVADE"}])
def test_bad_filters_raise_e501(bad):
    with pytest.raises(DatelineError) as exc:
        EventFilter(**bad)
    assert exc.value.code == "E501"


def test_filter_round_trips_as_dict():
    f = EventFilter(actor="Lavrov", type="accuse", since="2011-11", asserted_only=True)
    d = f.to_dict()
    assert d == {"actor": "Lavrov", "type": "ACCUSE", "since": "2011-11-01", "asserted_only": True}
    assert EventFilter.from_dict(d) == f
    with pytest.raises(DatelineError):
        EventFilter.from_dict({"nope": 1})


def test_timeline_counts_per_day_and_quad_class(store, fx):
    f = EventFilter(country="IRN")
    tl = timeline(store, f, bin="day")
    assert tl["dated"] == count_events(store, f) and tl["undated"]["n"] == 0
    want: dict = {}
    for d in fx.DOCS:
        names = {a[0]: a for a in d.actors}
        for e in d.events:
            if "IRN" in (names[e["src"]][3], names.get(e.get("tgt"), (None,) * 4)[3]):
                key = (e.get("date") or d.published[:10], str(e["qc"]))
                want[key] = want.get(key, 0) + 1
    got_ = {(b["date"], k): n for b in tl["bins"] for k, n in b["quad"].items() if n}
    assert got_ == want
    days = [b["date"] for b in tl["bins"]]
    assert days[0] == min(k[0] for k in want) and days[-1] == max(k[0] for k in want)
    span = (dt.date.fromisoformat(days[-1]) - dt.date.fromisoformat(days[0])).days + 1
    assert len(days) == len(set(days)) == span > len({k[0] for k in want})  # every day, empty ones too


def test_network_edges_weights_and_event_ids(store, fx, ids):
    net = network(store, EventFilter(since="2011-11-01", until="2011-11-30"))
    names = {n["id"]: n["name"] for n in net["nodes"]}
    edges = {(names[e["source"]], names[e["target"]]): e for e in net["edges"]}
    talks = edges[("Ali Baqeri", "Sergei Lavrov")]
    assert talks["n"] == 2 and talks["mean_goldstein"] == pytest.approx((1.0 + 4.0) / 2)
    assert talks["types"] == {"CONSULT": 1, "AGREE": 1} and talks["quad"]["1"] == 2
    for e in net["edges"]:
        assert len(e["event_ids"]) == e["n"]
        for eid in e["event_ids"]:
            row = event(store, eid)
            assert (row["source_actor"], row["target_actor"]) == (e["source"], e["target"])
    # Russia -> (no target) is not an edge; December events are out of range
    assert ("Yukiya Amano", "Iran") not in edges
    assert sum(e["n"] for e in net["edges"]) == sum(n["out"] for n in net["nodes"])
    listed = events(store, EventFilter(source=talks["source"], target=talks["target"]))
    assert sorted(r["event_id"] for r in listed) == sorted(talks["event_ids"])


def test_hiding_isolated_pairs_holds_after_the_top_n_cut():
    from dateline.query.events import _linked_only

    # A-B touches no one else; C-D is linked on through D-E, the lightest edge. All three kept: A-B is
    # hidden. Cut to the two heaviest (A-B, C-D): both pairs are isolated, both hidden.
    edges = [((1, 2), [10]), ((3, 4), [9]), ((4, 5), [1])]
    assert _linked_only(edges) == [((3, 4), [9]), ((4, 5), [1])]
    assert _linked_only(edges[:2]) == []
    chain = [((1, 2), [3]), ((2, 3), [2]), ((7, 8), [1])]
    assert [k for k, _ in _linked_only(chain)] == [(1, 2), (2, 3)]
