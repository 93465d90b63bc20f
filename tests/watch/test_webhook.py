"""Webhooks against a real HTTP receiver on 127.0.0.1: the JSON body, the HMAC signature, retries
with exponential backoff, and what a failure does to the mark."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from dateline.config import Config
from dateline.store import open_store
from dateline.watch import add_watch, run_watch
from dateline.watch import webhook as hook
from dateline.watch.storage import deliveries, marks

SECRET = "a-long-enough-test-secret-0123456789"
LOOPBACK = ("127.0.0.0/8",)  # the receiver runs on 127.0.0.1: deliveries refuse it unless allowed

pytestmark = pytest.mark.slow  # real servers on 127.0.0.1 / the spaCy model


def test_body_and_signature(make_store, docs, receiver):
    db = make_store(docs["talks"], docs["sanctions"])
    with open_store(db) as store:
        w = add_watch(store, "iran", {"events": {"country": "IRN"}, "quotes": {"speaker": "Ryabkov"}},
                      webhook=receiver.url, secret=SECRET)
        out = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db, base_url="https://dl.example"))
    assert out[0].status == "sent" and out[0].counts == (3, 1, 0)
    assert len(receiver.requests) == 1
    req = receiver.requests[0]
    # the receiver's check, written out as docs/watches.md tells receivers to do it
    expected = "sha256=" + hmac.new(SECRET.encode(), req["body"], hashlib.sha256).hexdigest()
    assert req["headers"]["X-Dateline-Signature"] == expected
    assert hook.verify(SECRET, req["body"], req["headers"]["X-Dateline-Signature"])
    assert not hook.verify("another-secret-of-some-length", req["body"], req["headers"]["X-Dateline-Signature"])
    assert not hook.verify(SECRET, req["body"] + b" ", req["headers"]["X-Dateline-Signature"])
    assert req["headers"]["Content-Type"] == "application/json"
    assert req["headers"]["X-Dateline-Watch"] == "iran"
    body = receiver.bodies()[0]
    assert body["watch"] == "iran" and body["counts"] == {"events": 3, "quotes": 1, "articles": 0}
    assert body["delivery"] == req["headers"]["X-Dateline-Delivery"]
    evidence = sorted(e["evidence_text"] for e in body["events"])
    want = sorted([docs["talks"]["events"][0][3], docs["talks"]["events"][1][3], docs["sanctions"]["events"][0][3]])
    assert evidence == want
    assert all(e["id"].startswith("tag:dateline,2026:event/") for e in body["events"])
    assert all(e["link"].startswith("https://dl.example/articles/") for e in body["events"])
    negated = [e for e in body["events"] if e["negated"]]
    assert len(negated) == 1 and negated[0]["asserted"] is False
    assert body["quotes"][0]["speaker_name"] == "Sergei Ryabkov"
    assert body["quotes"][0]["text"] == docs["talks"]["quotes"][0][0]


def test_retry_with_backoff_after_500_then_success(make_store, docs, receiver):
    db = make_store(docs["fuel"])
    receiver.script = [500, 503]
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {"actor": "Russia"}}, webhook=receiver.url, secret=SECRET)
        out = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db), webhook_retries=3, webhook_backoff=0.2)
        m = marks(store, w, "webhook")
    assert out[0].status == "sent"
    assert len(receiver.requests) == 3
    at = [r["at"] for r in receiver.requests]
    assert at[1] - at[0] >= 0.19  # backoff * 2**0
    assert at[2] - at[1] >= 0.39  # backoff * 2**1
    # the same delivery, byte for byte, on every attempt
    assert len({r["body"] for r in receiver.requests}) == 1
    assert len({r["headers"]["X-Dateline-Delivery"] for r in receiver.requests}) == 1
    assert m.event > 0


def test_retry_after_header_and_wait_schedule():
    import httpx

    resp = httpx.Response(429, headers={"Retry-After": "3"})
    assert hook._wait(resp, 0, 1.0, 60) == 3.0
    assert hook._wait(httpx.Response(429, headers={"Retry-After": "999"}), 0, 1.0, 60) == 60
    assert [hook._wait(None, n, 0.5, 60) for n in range(5)] == [0.5, 1.0, 2.0, 4.0, 8.0]


def test_client_error_fails_at_once_and_keeps_the_mark(make_store, docs, receiver):
    db = make_store(docs["fuel"])
    receiver.script = [404]
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {"actor": "Russia"}}, webhook=receiver.url, secret=SECRET)
        out = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db), webhook_retries=3, webhook_backoff=0.01)
        assert out[0].status == "failed" and out[0].error.code == "E111"
        assert len(receiver.requests) == 1
        assert marks(store, w, "webhook").event == 0
        assert deliveries(store, w)[0]["status"] == "failed"
        # the receiver is fixed: the same items arrive, once, with the same delivery id
        retry = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db), webhook_retries=0)
        nothing = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db), webhook_retries=0)
    assert retry[0].status == "sent" and nothing[0].status == "empty"
    assert len(receiver.requests) == 2
    first, second = receiver.bodies()
    assert first["events"] == second["events"] and first["delivery"] == second["delivery"]


def test_unreachable_receiver_gives_up_after_the_retries(make_store, docs):
    import socket

    with socket.socket() as s:  # a port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = make_store(docs["fuel"])
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {}}, webhook=f"http://127.0.0.1:{port}/hook", secret=SECRET)
        out = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db, http_timeout=2), webhook_retries=2, webhook_backoff=0.01)
        assert out[0].status == "failed" and out[0].error.code == "E110"
        assert "after 3 attempts" in out[0].error.message
        assert marks(store, w, "webhook").event == 0


def test_large_digests_go_in_parts_each_moving_the_mark(make_store, docs, receiver, monkeypatch):
    from dateline.watch import run as runmod

    monkeypatch.setattr(runmod, "WEBHOOK_BATCH", 2)
    db = make_store(docs["talks"], docs["accuse"])
    receiver.script = [200, 500]  # the second part fails
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}},
                      webhook=receiver.url, secret=SECRET)
        out = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db), webhook_retries=0)
        assert out[0].status == "failed" and out[0].counts == (2, 0, 0)
        retry = run_watch(store, w, Config(fetch_allow_cidrs=LOOPBACK, db=db), webhook_retries=0)
    assert retry[0].status == "sent"
    ok = receiver.bodies()
    assert len(ok) == 1 + 1 + 3  # part 1 ok, part 2 refused; the retry sends the 5 items left in 3 parts
    sent_ids = [i["id"] for b in ok[:1] + ok[2:] for i in b["events"] + b["quotes"]]
    assert len(sent_ids) == len(set(sent_ids)) == 5 + 2  # each item delivered once over the successful parts
    assert all(b["parts"] >= 1 for b in ok)


def test_deliveries_to_private_addresses_are_refused_not_retried(make_store, docs, receiver):
    """A webhook saved before the check existed (or its name now resolving to loopback) is refused at
    delivery: nothing reaches the receiver, the mark stays, and no retry is attempted."""
    db = make_store(docs["fuel"])
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {"actor": "Russia"}}, webhook=receiver.url, secret=SECRET)
        out = run_watch(store, w, Config(db=db), webhook_retries=3, webhook_backoff=5)
        assert out[0].status == "failed" and out[0].error.code == "E114"
        assert "loopback" in out[0].error.message and "fetch_allow" in out[0].error.hint
        assert receiver.requests == []
        assert marks(store, w, "webhook").event == 0
        assert deliveries(store, w)[0]["status"] == "failed"


def test_a_webhook_name_resolving_to_loopback_is_refused(make_store, docs, receiver, monkeypatch):
    import ipaddress

    from dateline.ingest import guard

    monkeypatch.setattr(guard, "resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    port = receiver.url.split(":")[2].split("/")[0]
    db = make_store(docs["fuel"])
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {}}, webhook=f"http://hooks.rebind.test:{port}/hook", secret=SECRET)
        out = run_watch(store, w, Config(db=db), webhook_retries=0)
        assert out[0].error.code == "E114" and receiver.requests == []
        # allowed by the config, the delivery goes to the address the name resolved to
        ok = run_watch(store, w, Config(db=db, fetch_allow_cidrs=LOOPBACK), webhook_retries=0)
    assert ok[0].status == "sent" and len(receiver.requests) == 1
