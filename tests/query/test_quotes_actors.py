"""Quotes, actors and one actor's page on the fixture store."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError
from dateline.query import QuoteFilter, actor, actors, count_actors, count_quotes, quotes


def fixture_quotes(fx, speaker_name=None):
    out = []
    for d in fx.DOCS:
        names = {a[0]: a[1] for a in d.actors}
        for _lid, _kind, text, spk, _spk_text, _cue in d.quotes:
            if speaker_name is None or names.get(spk) == speaker_name:
                out.append((d.published[:10], text))
    return out


def test_quotes_by_speaker_name_newest_first(store, fx):
    rows = quotes(store, QuoteFilter(speaker="lavrov"))
    want = sorted(fixture_quotes(fx, "Sergei Lavrov"), reverse=True)
    assert [(r["day"], r["text"]) for r in rows] == want
    assert all(r["speaker_name"] == "Sergei Lavrov" for r in rows)
    assert count_quotes(store, QuoteFilter(speaker="lavrov")) == len(want)


def test_quotes_about_is_full_text_with_highlights(store):
    rows = quotes(store, QuoteFilter(about="sanction"))  # porter stemming: "sanctions" matches
    assert [r["text"] for r in rows] == ["These sanctions are a sign of weakness,"]
    (s, e), = rows[0]["highlights"]
    assert rows[0]["text"][s:e] == "sanctions"


def test_quote_dates_combine(store, fx):
    rows = quotes(store, QuoteFilter(since="2011-11-12", until="2011-11-30"))
    want = [q for q in fixture_quotes(fx) if "2011-11-12" <= q[0] <= "2011-11-30"]
    assert sorted((r["day"], r["text"]) for r in rows) == sorted(want)
    assert quotes(store, QuoteFilter(speaker="Lavrov", about="agency")) == []


def test_quote_span_points_into_body(store, fx, ids):
    by_key = {d.key: d for d in fx.DOCS}
    back = {v: k for k, v in ids.items()}
    for r in quotes(store, QuoteFilter(), limit=100):
        assert by_key[back[r["article_id"]]].body[r["start"]:r["end"]] == r["text"]


def test_actor_list_counts_and_query(store, fx):
    rows = actors(store, limit=100)
    assert count_actors(store) == len(rows) == len({a[1] for d in fx.DOCS for a in d.actors})
    mentions = [r["n_mentions"] for r in rows]
    assert mentions == sorted(mentions, reverse=True)
    iran = next(r for r in rows if r["name"] == "Iran")
    assert iran["n_mentions"] == sum(
        len(a.mentions) for d in fx.DOCS for a in fx.extraction(d).actors if a.name == "Iran")
    assert iran["n_articles"] == sum(1 for d in fx.DOCS if any(a[1] == "Iran" for a in d.actors))
    assert [r["name"] for r in actors(store, "lavr")] == ["Sergei Lavrov"]
    assert {r["name"] for r in actors(store, type="person")} == {"Ali Baqeri", "Sergei Lavrov", "Yukiya Amano"}


def test_actor_page(store, fx):
    lavrov = actors(store, "Sergei Lavrov")[0]
    page = actor(store, lavrov["id"])
    assert page["name"] == "Sergei Lavrov" and page["country"] == "RUS"
    assert [t["title"] for t in page["titles"]] == ["Foreign Minister"]
    assert [q["text"] for q in page["quotes"]] == [t for _, t in sorted(fixture_quotes(fx, "Sergei Lavrov"))]
    assert page["n_quotes"] == 2
    by = {(x["name"], x["type"]): x["n"] for x in page["acted_on_by"]}
    assert by == {("Ali Baqeri", "CONSULT"): 1, ("Ali Baqeri", "AGREE"): 1}
    assert page["acts_on"] == []
    assert page["event_counts"] == {"as_source": 0, "as_target": 2}
    assert actor(store, "lavrov")["id"] == lavrov["id"]


def test_actor_interactions_both_ways(store):
    iran = actor(store, "Iran")
    acts = {(x["name"], x["type"]) for x in iran["acts_on"]}
    assert {("United States", "REJECT"), ("United States", "THREATEN"), ("Russia", "SUPPORT"),
            ("IAEA", "ACCUSE")} == acts
    on = {(x["name"], x["type"]) for x in iran["acted_on_by"]}
    assert ("United States", "SANCTION") in on and ("Israel", "THREATEN") in on


def test_unknown_actor_is_e402(store):
    with pytest.raises(DatelineError) as exc:
        actor(store, 99999)
    assert exc.value.code == "E402"
