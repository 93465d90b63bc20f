"""Writer: one transaction per article, idempotent, duplicates, failures, round trip."""

from __future__ import annotations

import json
import os
import sqlite3

from dateline.query.document import get_article
from dateline.schema import validate
from dateline.store import open_store
from dateline.store.writer import Writer
from dateline.types import Actor, Event, EventActor, Extraction, Place, Quote, Ref


def sample_extraction(body: str, h) -> Extraction:
    baq = h.spans_of(body, "Baqeri")
    iran = h.spans_of(body, "Iran")
    russia = h.spans_of(body, "Russia")
    actors = (
        Actor("a1", "Ali Baqeri", "person", ("SNSC Deputy Secretary",), "IRN", "GOV", baq, ("Baqeri",)),
        Actor("a2", "Iran", "country", (), "IRN", "GOV", iran),
        Actor("a3", "Russia", "country", (), "RUS", "GOV", russia),
    )
    q_start = body.index("Beyond doubt")
    q_end = body.index("organization.", q_start) + len("organization.")
    cue = body.index("added", baq[1][0])
    quotes = (
        Quote("q1", "direct", body[q_start:q_end], (q_start, q_end),
              speaker=Ref("Baqeri", baq[1], "a1"), cue=Ref("added", (cue, cue + 5)), parts=((q_start, q_end),)),
    )
    ev_s = body.index("According to")
    ev_e = body.index("press.", ev_s) + len("press.")
    trig = body.index("meeting", ev_s)
    events = (
        Event("e1", "CONSULT", "040", EventActor("Ali Baqeri", "a1", "IRN", "GOV", baq[0]),
              EventActor("Russia", "a3", "RUS", "GOV", None), (ev_s, ev_e), body[ev_s:ev_e], mode="meet",
              date="2011-11-09", date_text="Wednesday", place=Place("Moscow", "RUS", 55.75, 37.62),
              quad_class=1, goldstein=1.0, trigger=(trig, trig + 7), quote="q1"),
    )
    return Extraction(actors, quotes, events)


def test_round_trip_rebuilds_the_record(writer, store_path, sample_body, h):
    ex = sample_extraction(sample_body, h)
    res = h.make_result(sample_body, path="sample.txt", site="GlobalSecurity.org", source="IRNA", extraction=ex)
    validate(res.record)
    assert writer.write(res) == "ok"
    writer.store.close()
    with open_store(str(store_path)) as store:
        back = get_article(store.conn, res.record["id"][:6])
        validate(back)
        assert back == json.loads(json.dumps(res.record))
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        row = store.conn.execute("SELECT story_id, is_canonical, extracted FROM articles").fetchone()
        assert tuple(row) == (res.record["id"], 1, 1)
        m = store.conn.execute("SELECT text FROM mentions WHERE local_id = 'a1'").fetchall()
        assert {r[0] for r in m} == {"Baqeri"}
        ev = store.conn.execute("SELECT story_id, fingerprint, source_actor FROM events").fetchone()
        assert ev[0] == res.record["id"] and ev[1].startswith("CONSULT|") and ev[2] is not None


def test_rewrite_is_unchanged_and_adds_no_rows(writer, store_path, sample_body, polnear_texts, h):
    results = [h.make_result(sample_body, extraction=sample_extraction(sample_body, h))]
    results += [h.make_result(t, path=f"p{i}.txt") for i, t in enumerate(polnear_texts[:5])]
    results.append(h.make_failure("empty.txt"))
    assert [writer.write(r) for r in results] == ["ok"] * 6 + ["failed"]
    before = h.table_counts(store_path)
    again = Writer(writer.store, writer.config)
    assert [again.write(r) for r in results] == ["unchanged"] * 6 + ["failed"]
    assert h.table_counts(store_path) == before
    assert before["inputs"] == 7 and before["failures"] == 1 and before["articles"] == 6


def test_exact_duplicate_is_stored_once(writer, sample_body, h):
    a = h.make_result(sample_body, path="one.txt", site="GlobalSecurity.org")
    b = h.make_result("  " + sample_body.upper().replace(" ", "  ") + "\n", path="two.txt", site="example.org")
    assert a.record["id"] == b.record["id"]
    assert writer.write(a) == "ok"
    assert writer.is_duplicate(b.clean) == ("exact", a.record["id"])
    assert writer.write(b) == "duplicate"
    c = writer.conn
    assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    rows = c.execute("SELECT given, status, article_id, locator FROM inputs ORDER BY id").fetchall()
    assert [tuple(r)[:3] for r in rows] == [("one.txt", "ok", a.record["id"]), ("two.txt", "duplicate", a.record["id"])]
    assert [r["locator"] for r in rows] == [os.path.realpath("one.txt"), os.path.realpath("two.txt")]
    story = c.execute("SELECT n_articles, n_inputs, sources FROM stories").fetchone()
    assert (story[0], story[1], json.loads(story[2])) == (1, 2, ["GlobalSecurity.org", "example.org"])


def edited_copy(body: str) -> str:
    """A lightly edited syndicated copy: a few words changed, a sentence dropped, a credit added."""
    sentences = body.split(". ")
    del sentences[len(sentences) // 2]
    text = ". ".join(sentences)
    return ("(Reuters copy) " + text.replace("Wednesday", "on Wednesday").replace("said", "told reporters", 1)
            + "\nCopyright 2011 Example Wire.")


def test_near_duplicate_linked_to_story_and_survives_reopen(store_path, config, sample_body, polnear_texts, h):
    canon = h.make_result(sample_body, path="wire.txt", site="GlobalSecurity.org")
    copy1 = h.make_result(edited_copy(sample_body), path="copy1.txt", site="mirror.example")
    copy2 = h.make_result(edited_copy(sample_body).replace("Moscow", "MOSCOW", 1) + " More.", path="copy2.txt",
                          site="third.example")
    other = h.make_result(polnear_texts[0], path="other.txt", site="breitbart.com")
    with open_store(str(store_path)) as store:
        w = Writer(store, config)
        assert w.write(canon) == "ok"
        assert w.write(other) == "ok"
        assert w.is_duplicate(copy1.clean) == ("near", canon.record["id"])
        assert w.write(copy1) == "duplicate"
    with open_store(str(store_path)) as store:  # a new run: the LSH index is rebuilt from stored signatures
        w = Writer(store, config)
        assert w.is_duplicate(copy2.clean) == ("near", canon.record["id"])
        assert w.write(copy2) == "duplicate"
        rows = store.conn.execute(
            "SELECT id, story_id, is_canonical, similarity FROM articles ORDER BY created_at, rowid").fetchall()
        by_id = {r[0]: r for r in rows}
        assert len(rows) == 4
        for c in (copy1, copy2):
            r = by_id[c.record["id"]]
            assert r[1] == canon.record["id"] and r[2] == 0 and config.minhash_threshold <= r[3] < 1.0
        assert by_id[other.record["id"]][1] == other.record["id"]
        story = store.conn.execute("SELECT n_articles, n_inputs, sources FROM stories WHERE id = ?",
                                   (canon.record["id"],)).fetchone()
        assert story[0] == 3 and story[1] == 3
        assert json.loads(story[2]) == ["GlobalSecurity.org", "mirror.example", "third.example"]


def test_copies_within_one_batch_find_the_reserved_canonical(writer, sample_body, h):
    canon = h.make_result(sample_body, path="wire.txt")
    copy = h.make_result(edited_copy(sample_body), path="copy.txt")
    assert writer.is_duplicate(canon.clean) is None  # reserved as pending
    assert writer.is_duplicate(copy.clean) == ("near", canon.record["id"])
    assert writer.write(canon) == "ok"
    assert writer.write(copy, extracted=False) == "duplicate"


def test_unrelated_articles_are_not_linked(writer, polnear_texts, h):
    statuses = [writer.write(h.make_result(t, path=f"{i}.txt")) for i, t in enumerate(polnear_texts)]
    n_unique = len({h.make_result(t).record["id"] for t in polnear_texts})
    assert statuses.count("ok") + statuses.count("duplicate") == len(polnear_texts)
    n_stories = writer.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    # distinct articles of different outlets must not collapse into a few stories
    assert n_stories >= n_unique - 2


def test_failure_recorded_with_code_and_once(writer, h):
    f = h.make_failure("missing.html", "E100", "input not found: missing.html")
    assert writer.write(f) == "failed"
    assert writer.write(f) == "failed"
    rows = writer.conn.execute("SELECT locator, code, message, hint FROM failures").fetchall()
    assert len(rows) == 1 and rows[0]["code"] == "E100" and rows[0]["hint"]
    inp = writer.conn.execute("SELECT status, article_id FROM inputs").fetchall()
    assert [tuple(r) for r in inp] == [("failed", None)]


def test_extraction_added_later_to_an_unextracted_article(store_path, config, sample_body, h):
    res_plain = h.make_result(sample_body, path="s.txt")
    res_full = h.make_result(sample_body, path="s.txt", extraction=sample_extraction(sample_body, h))
    with open_store(str(store_path)) as store:
        w = Writer(store, config.replace(extract=False))
        assert w.write(res_plain) == "ok"
        assert store.conn.execute("SELECT extracted FROM articles").fetchone()[0] == 0
    with open_store(str(store_path)) as store:
        w = Writer(store, config)
        assert w.needs_extraction(res_full.clean)
        assert w.write(res_full) == "ok"
        assert w.write(res_full) == "unchanged"
        assert not w.needs_extraction(res_full.clean)
        assert store.conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1
        assert store.conn.execute("SELECT extracted FROM articles").fetchone()[0] == 1


def test_write_is_one_transaction(writer, sample_body, h, monkeypatch):
    """A failure half-way through an article leaves nothing of it behind."""
    res = h.make_result(sample_body, extraction=sample_extraction(sample_body, h))

    def boom(*a, **k):
        raise sqlite3.IntegrityError("simulated")

    monkeypatch.setattr(writer, "_store_extraction", boom)
    try:
        writer.write(res)
    except Exception as exc:  # DatelineError E400
        assert getattr(exc, "code", None) == "E400"
    else:
        raise AssertionError("expected a failure")
    for t in ("articles", "stories", "inputs", "actors"):
        assert writer.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0, t
