"""Digest building: what is selected, how it is grouped and ordered, evidence sentences, search watches,
and the validation of watches."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.store import open_store
from dateline.watch import add_watch, build_digest
from dateline.watch.email import render
from dateline.watch.models import normalize_filters
from dateline.watch.select import sentence
from dateline.watch.storage import Marks, current_marks, get_watch, list_watches, remove_watch


def test_sentence_around_a_span():
    text = "First one. Russia urged Iran to talk, officials said. Last one!\n\nNext paragraph."
    s = text.index("urged Iran")
    sent, a, b = sentence(text, s, s + len("urged Iran"))
    assert sent == "Russia urged Iran to talk, officials said."
    assert sent[a:b] == "urged Iran"
    s = text.index("Next")
    assert sentence(text, s, s + 4)[0] == "Next paragraph."
    quoted = 'He said: "We will not." Then he left.'
    s = quoted.index("We will")
    assert sentence(quoted, s, s + 7)[0] == 'He said: "We will not."'


def test_groups_pairs_asserted_first_and_quotes_by_speaker(make_store, docs):
    db = make_store(docs["talks"], docs["accuse"], docs["fuel"], docs["sanctions"])
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}, "quotes": {}})
        d = build_digest(store, w, Config(db=db), Marks())
    assert d.counts == (6, 4, 0)
    groups = d.event_groups
    assert [(g["source"], g["target"]) for g in groups][0] == ("Russia", "Iran")
    first = groups[0]["events"]
    assert [e["asserted"] for e in first] == sorted((e["asserted"] for e in first), reverse=True)
    assert first[-1]["negated"] is True
    assert groups[-1]["n_asserted"] == 0 and groups[-1]["target"] == "(no target)"  # the hypothetical rejection
    for g in groups:
        for e in g["events"]:
            assert e["evidence_text"] in e["sentence"]
            assert e["sentence"][e["sentence_mark_start"]:e["sentence_mark_end"]] == e["evidence_text"]
    qg = d.quote_groups
    assert qg[0]["speaker"] == "Sergei Ryabkov" and qg[0]["n"] == 3
    assert [(g["speaker"], g["n"]) for g in qg] == [("Sergei Ryabkov", 3), ("Ali Baqeri", 1)]
    days = [q["day"] for q in qg[0]["quotes"]]
    assert days == sorted(days)


def test_filters_are_the_query_layers(make_store, docs):
    """A watch selects what `dateline events` with the same filters lists (query layer), no more."""
    from dateline import query

    db = make_store(docs["talks"], docs["accuse"], docs["sanctions"], docs["fuel"])
    cases = [{"actor": "Russia"}, {"country": "IRN"}, {"type": "ACCUSE,AGREE"}, {"asserted_only": True},
             {"source": "Russia", "target": "Iran"}, {"since": "2011-11-20"}]
    with open_store(db) as store:
        for i, f in enumerate(cases):
            w = add_watch(store, f"w{i}", {"events": f})
            d = build_digest(store, w, Config(db=db), Marks())
            want = {(e["article_id"], e["local_id"]) for e in query.events(store, query.EventFilter(**f), limit=500)}
            assert {(e["article_id"], e["local_id"]) for e in d.events} == want, f
            assert want  # each case selects something


def test_search_watch_lists_new_matching_articles(make_store, add_docs, docs):
    db = make_store(docs["talks"], docs["sanctions"])
    with open_store(db) as store:
        w = add_watch(store, "sanctions", {"search": {"query": "sanctions", "country": "irn"}})
        assert w.filters == {"search": {"query": "sanctions", "country": "IRN"}}
        d = build_digest(store, w, Config(db=db, base_url="https://dl.example"), Marks())
        assert sorted(a["headline"] for a in d.articles) == sorted([docs["talks"]["headline"],
                                                                    docs["sanctions"]["headline"]])
        for a in d.articles:
            assert a["highlights"] and all(a["snippet"][s:e].lower().startswith("sanction") for s, e in a["highlights"])
            assert a["link"] == f"https://dl.example/articles/{a['article_id']}"
        text, html = render(d)
        assert "ARTICLES matching" in text and "<mark>sanctions</mark>" in html
        after = d.after
    add_docs(db, [docs["fuel"], docs["accuse"]])  # neither mentions sanctions
    with open_store(db) as store:
        assert build_digest(store, w, Config(db=db), after).empty


def test_upto_bound_and_row_cap(make_store, docs):
    db = make_store(docs["talks"], docs["accuse"])
    with open_store(db) as store:
        w = add_watch(store, "all", {"events": {}})
        top = current_marks(store)
        capped = build_digest(store, w, Config(db=db), Marks(), max_rows=2)
        assert len(capped.events) == 2 and capped.after.event == capped.events[-1]["rowid"] < top.event
        rest = build_digest(store, w, Config(db=db), capped.after)
        assert len(rest.events) == 5 - 2 and rest.after.event == top.event
        assert not {e["id"] for e in capped.events} & {e["id"] for e in rest.events}


def test_watch_validation_and_storage(make_store, docs):
    for bad in ({}, {"nope": {}}, {"events": {"colour": "red"}}, {"events": {"quad_class": 9}},
                {"quotes": {"kind": "shouted"}}, {"search": {}}, {"search": {"query": "!!!"}},
                {"events": {"since": "last tuesday"}}):
        with pytest.raises(DatelineError) as exc:
            normalize_filters(bad)
        assert exc.value.code == "E501", bad
    assert normalize_filters({"events": {"type": "accuse", "country": "irn", "since": "2011-11"}}) == \
        {"events": {"type": "ACCUSE", "country": "IRN", "since": "2011-11-01"}}
    db = make_store(docs["talks"])
    with open_store(db) as store:
        w = add_watch(store, "w", {"quotes": {"speaker": "Ryabkov"}}, emails=["a@example.org", "a@example.org"])
        assert w.emails == ("a@example.org",) and len(w.secret) == 64
        assert get_watch(store, "w").filters == {"quotes": {"speaker": "Ryabkov"}}
        with pytest.raises(DatelineError):
            add_watch(store, "w2", {"events": {}}, secret="short")
        assert remove_watch(store, "w") and not remove_watch(store, "w")
        assert list_watches(store) == []
        # marks and deliveries go with the watch
        assert store.conn.execute("SELECT count(*) FROM watch_marks").fetchone()[0] == 0
