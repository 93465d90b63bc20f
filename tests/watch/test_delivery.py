"""Marks: a second digest holds only what is new, no new data sends nothing, a failed send leaves
the mark and the retry sends each item exactly once (real SMTP server on 127.0.0.1)."""

from __future__ import annotations

import re
import threading

import pytest

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.store import open_store
from dateline.watch import add_watch, run_watch
from dateline.watch.storage import begin_delivery, deliveries, finish_delivery, marks

pytestmark = pytest.mark.slow  # real servers on 127.0.0.1 / the spaCy model


def _text(msg) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()


def _links(msg) -> list[str]:
    return re.findall(r"https?://\S+/articles/\S+#(?:ev|quote)-\w+", _text(msg))


def _evidence(d) -> list[str]:
    return [e[3] for e in d["events"]]


def test_second_digest_only_new_items_and_nothing_when_nothing_new(make_store, add_docs, docs, smtp_server):
    db = make_store(docs["talks"])
    server = smtp_server()
    config = Config(db=db, smtp=server.address)
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}},
                      emails=["ana@example.org"])
        assert run_watch(store, w, config)[0].status == "sent"
    add_docs(db, [docs["accuse"], docs["sanctions"]])
    with open_store(db) as store:
        second = run_watch(store, w, config)
        third = run_watch(store, w, config)
    assert second[0].status == "sent" and second[0].counts == (2, 1, 0)
    assert third[0].status == "empty"
    assert len(server.sink.envelopes) == 2  # the third run sent nothing
    first_msg, second_msg = server.sink.messages
    for ev in _evidence(docs["talks"]):
        assert ev in _text(first_msg) and ev not in _text(second_msg)
    for ev in _evidence(docs["accuse"]):
        assert ev in _text(second_msg) and ev not in _text(first_msg)
    # every item went out exactly once over the two digests
    links = _links(first_msg) + _links(second_msg)
    assert len(links) == len(set(links)) == 3 + 1 + 2 + 1
    assert first_msg["Message-ID"] != second_msg["Message-ID"]


def test_failed_send_keeps_the_mark_and_the_retry_sends_each_item_once(make_store, add_docs, docs, smtp_server):
    db = make_store(docs["talks"])
    server = smtp_server(start=False)  # nothing listens on its port yet: connection refused
    config = Config(db=db, smtp=server.address, http_timeout=5)
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}},
                      emails=["ana@example.org"])
        before = marks(store, w, "email")
        failed = run_watch(store, w, config)
        assert failed[0].status == "failed" and failed[0].error.code == "E110"
        assert marks(store, w, "email") == before
        assert deliveries(store, w)[0]["status"] == "failed"
    add_docs(db, [docs["accuse"]])  # more news arrives before the retry
    server.start()
    server.sink.refuse = True  # the server is up but refuses the message (451): still a failure
    with open_store(db) as store:
        refused = run_watch(store, w, config)
        assert refused[0].status == "failed" and refused[0].error.code == "E111"
        assert marks(store, w, "email") == before
        server.sink.refuse = False
        retry = run_watch(store, w, config)
        again = run_watch(store, w, config)
        log = deliveries(store, w)
    assert retry[0].status == "sent" and retry[0].counts == (5, 2, 0)
    assert again[0].status == "empty"
    assert len(server.sink.envelopes) == 1
    text = _text(server.sink.messages[0])
    for ev in _evidence(docs["talks"]) + _evidence(docs["accuse"]):
        assert text.count(ev) >= 1
    links = _links(server.sink.messages[0])
    assert len(links) == len(set(links)) == 7
    assert [d["status"] for d in log] == ["ok", "failed", "failed"]


def test_channels_keep_their_own_marks(make_store, docs, smtp_server, receiver):
    db = make_store(docs["fuel"])
    server = smtp_server()
    receiver.script = [500]
    config = Config(db=db, smtp=server.address, webhook_retries=0, fetch_allow_cidrs=("127.0.0.1/32",))
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {"actor": "Russia"}}, emails=["a@example.org"], webhook=receiver.url)
        out = {o.channel: o.status for o in run_watch(store, w, config)}
        assert out == {"email": "sent", "webhook": "failed"}
        assert marks(store, w, "email").event > 0 and marks(store, w, "webhook").event == 0
        out = {o.channel: o.status for o in run_watch(store, w, config)}
    assert out == {"email": "empty", "webhook": "sent"}
    assert len(server.sink.envelopes) == 1
    assert [len(b["events"]) for b in receiver.bodies()] == [1, 1]


def test_start_now_skips_what_the_store_already_holds(make_store, add_docs, docs, tmp_path):
    db = make_store(docs["talks"])
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}}, start="now")
    add_docs(db, [docs["fuel"]])
    with open_store(db) as store:
        out = run_watch(store, w, Config(db=db), to_file=tmp_path / "d.eml")
    assert out[0].counts == (1, 0, 0)
    assert "Russia agreed to supply" in (tmp_path / "d.eml").read_text()


def test_since_date_covers_what_was_stored_since_then(make_store, docs, tmp_path):
    db = make_store(docs["talks"], docs["accuse"])
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}})
        assert run_watch(store, w, Config(db=db), to_file=tmp_path / "a.eml")[0].counts == (5, 0, 0)
        assert run_watch(store, w, Config(db=db), to_file=tmp_path / "b.eml")[0].status == "empty"
        # "as if the last digest had been on 2000-01-01": everything stored since, again
        again = run_watch(store, w, Config(db=db), since="2000-01-01", to_file=tmp_path / "c.eml")
        assert again[0].counts == (5, 0, 0)
        # and a day after everything was stored: nothing
        assert run_watch(store, w, Config(db=db), since="2999-01-01", to_file=tmp_path / "d.eml")[0].status == "empty"


def test_a_running_delivery_holds_a_lease(make_store, docs):
    db = make_store(docs["talks"])
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}}, emails=["a@example.org"])
        lease = begin_delivery(store, w, "email", "a@example.org")
        with pytest.raises(DatelineError) as exc:
            begin_delivery(store, w, "email", "a@example.org")
        assert "being sent" in exc.value.message
        begin_delivery(store, w, "webhook", "http://x")  # another channel is independent
        finish_delivery(store, w, lease, "email", "failed", marks(store, w, "email"), error="test")
        assert begin_delivery(store, w, "email", "a@example.org") > lease


def test_concurrent_runs_send_once(make_store, docs, smtp_server):
    """Two digests of one watch at the same time: one sends, the other is refused or finds nothing."""
    db = make_store(docs["talks"], docs["accuse"])
    server = smtp_server()
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}}, emails=["a@example.org"])
    results = []

    def run():
        with open_store(db) as store:
            results.append(run_watch(store, w, Config(db=db, smtp=server.address))[0].status)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(server.sink.envelopes) == 1
    assert results.count("sent") == 1
