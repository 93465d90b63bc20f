"""`dateline watch add|list|show|rm|secret` and `dateline digest` through the real command group."""

from __future__ import annotations

import email
import json
from email import policy

import pytest
from click.testing import CliRunner

from dateline.cli.main import make_cli


def subject(msg) -> str:
    """The Subject without its trailing day, which must be there: ``... (YYYY-MM-DD)``."""
    import re

    m = re.fullmatch(r"(.*) \((\d{4}-\d{2}-\d{2})\)", msg["Subject"])
    assert m, msg["Subject"]
    return m.group(1)


def run(db, *args):
    res = CliRunner().invoke(make_cli(), ["--db", db, *args])
    return res


def test_add_list_show_rm(make_store, docs):
    db = make_store(docs["talks"])
    r = run(db, "watch", "add", "russia", "--actor", "Russia", "--speaker", "Ryabkov", "--email", "ana@example.org",
            "--format", "json")
    assert r.exit_code == 0, r.output
    w = json.loads(r.output)
    assert w["kind"] == "events+quotes"
    assert w["filters"] == {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}}
    r = run(db, "watch", "add", "iran-search", "--query", "sanctions Iran", "--country", "irn",
            "--webhook", "https://hooks.example.org/dateline", "--format", "table")
    assert r.exit_code == 0, r.output
    assert "webhook secret" in r.output
    secret = run(db, "watch", "secret", "iran-search").output.strip()
    assert len(secret) == 64 and secret in r.output
    # --kind events,quotes with --actor only: the actor is also the speaker
    r = run(db, "watch", "add", "both", "--actor", "Ryabkov", "--kind", "events,quotes", "--format", "json")
    assert json.loads(r.output)["filters"] == {"events": {"actor": "Ryabkov"}, "quotes": {"speaker": "Ryabkov"}}
    listed = json.loads(run(db, "watch", "list", "--format", "json").output)
    assert [x["name"] for x in listed] == ["both", "iran-search", "russia"]
    assert listed[1]["filters"] == {"search": {"query": "sanctions Iran", "country": "IRN"}}
    shown = json.loads(run(db, "watch", "show", "russia", "--format", "json").output)
    assert shown["emails"] == ["ana@example.org"] and shown["deliveries"] == []
    assert run(db, "watch", "rm", "both", "russia").exit_code == 0
    assert [x["name"] for x in json.loads(run(db, "watch", "list", "--format", "json").output)] == ["iran-search"]
    r = run(db, "watch", "rm", "russia")
    assert r.exit_code == 1 and "E402" in r.output


def test_bad_input_is_refused_with_codes(make_store, docs):
    db = make_store(docs["talks"])
    for args in (["watch", "add", "bad name", "--actor", "Russia"],
                 ["watch", "add", "nothing"],
                 ["watch", "add", "x", "--actor", "Russia", "--email", "not-an-address"],
                 ["watch", "add", "x", "--actor", "Russia", "--webhook", "ftp://example.org/"],
                 ["watch", "add", "x", "--kind", "search"],
                 ["watch", "add", "x", "--type", "not a type!"]):
        r = run(db, *args)
        assert r.exit_code == 1 and "E501" in r.output, (args, r.output)
    # webhooks to loopback, link-local (cloud metadata) or private addresses: refused when saved (E114)
    for url in ("http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/h",
                "http://10.0.0.8/h", "http://localhost:8080/h"):
        r = run(db, "watch", "add", "x", "--actor", "Russia", "--webhook", url)
        assert r.exit_code == 1 and "E114" in r.output, (url, r.output)
    assert run(db, "watch", "add", "x", "--actor", "Russia").exit_code == 0
    r = run(db, "watch", "add", "x", "--actor", "Iran")
    assert r.exit_code == 1 and "exists" in r.output
    assert run(db, "watch", "add", "x", "--actor", "Iran", "--replace").exit_code == 0
    r = run(db, "digest", "nope")
    assert r.exit_code == 1 and "E402" in r.output


def test_digest_to_file_then_nothing_new(make_store, add_docs, docs, tmp_path):
    db = make_store(docs["talks"])
    assert run(db, "watch", "add", "russia", "--actor", "Russia", "--speaker", "Ryabkov").exit_code == 0
    out = tmp_path / "digest.eml"
    r = run(db, "digest", "russia", "--to-file", str(out))
    assert r.exit_code == 0, r.output
    assert "sent 3 events, 1 quote, 0 articles" in r.output
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert subject(msg) == "[dateline] russia: 3 new events, 1 new quote"
    assert msg.get_body(("plain",)) is not None and msg.get_body(("html",)) is not None
    out.unlink()
    r = run(db, "digest", "russia", "--to-file", str(out))
    assert r.exit_code == 0 and "nothing new" in r.output and not out.exists()
    add_docs(db, [docs["fuel"]])
    r = run(db, "digest", "--preview")  # every watch; prints, records nothing
    assert r.exit_code == 0 and "would send 1 event, 1 quote, 0 articles" in r.output
    assert "Russia agreed to supply nuclear fuel" in r.output
    r = run(db, "digest", "--to-file", str(out))
    assert "sent 1 event, 1 quote, 0 articles" in r.output
    assert "Russia agreed" in out.read_text()


def test_digest_failure_exit_status(make_store, docs):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = make_store(docs["talks"])
    assert run(db, "watch", "add", "russia", "--actor", "Russia", "--email", "a@example.org").exit_code == 0
    r = run(db, "digest", "--smtp", f"127.0.0.1:{port}")
    assert r.exit_code == 1
    assert "FAILED (E110" in r.output and "marks unchanged" in r.output
    r = run(db, "digest")  # no server configured at all
    assert r.exit_code == 1 and "E500" in r.output


def test_digest_over_smtp_from_the_cli(make_store, docs, smtp_server):
    db = make_store(docs["talks"], docs["accuse"])
    server = smtp_server()
    assert run(db, "watch", "add", "ryabkov", "--speaker", "Ryabkov", "--email", "a@example.org").exit_code == 0
    r = run(db, "digest", "ryabkov", "--smtp", server.address)
    assert r.exit_code == 0, r.output
    assert len(server.sink.envelopes) == 1
    assert subject(server.sink.messages[0]) == "[dateline] ryabkov: 2 new quotes"


@pytest.mark.slow
def test_a_digest_killed_mid_delivery_makes_the_next_run_say_so_and_fail(make_store, docs, tmp_path):
    """`dateline digest` killed (SIGKILL) while a webhook receiver holds its POST: the next run within
    the 15-minute lease sends nothing, says why and until when, and exits 1 (not a silent 0)."""
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    arrived = threading.Event()

    class Hang(BaseHTTPRequestHandler):
        def do_POST(self):
            arrived.set()
            time.sleep(30)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hang)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    db = make_store(docs["fuel"])
    hook = f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    env = {**os.environ, "DATELINE_FETCH_ALLOW_CIDRS": "127.0.0.1/32"}
    cli = [sys.executable, "-c", "from dateline.cli.main import main; main()", "--db", db]
    try:
        assert subprocess.run([*cli, "watch", "add", "fuel", "--actor", "Russia", "--webhook", hook], env=env,
                              capture_output=True).returncode == 0
        first = subprocess.Popen([*cli, "digest", "fuel"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert arrived.wait(60), "the webhook was never called"
        first.send_signal(signal.SIGKILL)
        first.wait(30)
        second = subprocess.run([*cli, "digest", "fuel"], env=env, capture_output=True, text=True, timeout=120)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert second.returncode == 1, second.stderr
    assert "fuel webhook: NOT SENT" in second.stderr and "lease expires at" in second.stderr
    assert "another digest run holds the lease" in second.stderr
