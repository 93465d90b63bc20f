"""Digest emails through a real SMTP server on 127.0.0.1 (aiosmtpd): headers, both parts, the items,
login, STARTTLS, and what the HTML does with hostile text."""

from __future__ import annotations

import re
import shutil
import ssl
import subprocess
from email.utils import parseaddr, parsedate_to_datetime

import pytest

from dateline.config import Config
from dateline.store import open_store
from dateline.watch import add_watch, run_watch

pytestmark = pytest.mark.slow  # real servers on 127.0.0.1 / the spaCy model


def subject(msg) -> str:
    """The Subject without its trailing day, which must be there: ``... (YYYY-MM-DD)``."""
    import re

    m = re.fullmatch(r"(.*) \((\d{4}-\d{2}-\d{2})\)", msg["Subject"])
    assert m, msg["Subject"]
    return m.group(1)


def _parts(msg):
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_delivered_message_headers_parts_and_items(make_store, docs, smtp_server):
    db = make_store(docs["talks"], docs["accuse"], docs["sanctions"])
    server = smtp_server()
    config = Config(db=db, smtp=server.address, mail_from="digests@news.example", base_url="https://dl.example")
    with open_store(db) as store:
        w = add_watch(store, "russia", {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}},
                      emails=["ana@example.org", "ben@example.org"])
        out = run_watch(store, w, config)
    assert [o.status for o in out] == ["sent"]
    assert len(server.sink.envelopes) == 1
    env = server.sink.envelopes[0]
    assert sorted(env.rcpt_tos) == ["ana@example.org", "ben@example.org"]
    msg = server.sink.messages[0]
    assert parseaddr(msg["From"])[1] == "digests@news.example"
    assert {a.strip() for a in msg["To"].split(",")} == {"ana@example.org", "ben@example.org"}
    assert subject(msg) == "[dateline] russia: 5 new events, 2 new quotes"
    assert parsedate_to_datetime(msg["Date"]).tzinfo is not None
    assert re.fullmatch(r"<[^@\s]+@news\.example>", msg["Message-ID"])
    text, html = _parts(msg)

    talks_events = [e[3] for e in docs["talks"]["events"]]
    accuse_events = [e[3] for e in docs["accuse"]["events"]]
    # every event involving Russia is there with its evidence, in both parts; the U.S. sanction is not
    for ev in talks_events + accuse_events:
        assert ev in text, ev
        assert ev in html.replace("<mark style=\"background:#fff1b8;\">", "").replace("</mark>", ""), ev
    assert "imposed new sanctions" not in text
    for q in (docs["talks"]["quotes"][0][0], docs["accuse"]["quotes"][0][0]):
        assert q in text and q in html
    assert "sign of weakness" not in text  # quoted, but not by Ryabkov
    # links to the article pages, at base_url, with the item's anchor
    assert re.search(r"https://dl\.example/articles/[0-9a-f]+#ev-e1", text)
    assert re.search(r'href="https://dl\.example/articles/[0-9a-f]+#quote-q1"', html)
    # grouped by pair; inside Russia -> Iran the asserted request comes before the negated threat
    pair = text.index("Russia [RUS] -> Iran [IRN]")
    assert pair < text.index(talks_events[0]) < text.index(talks_events[1])
    assert "[negated]" in text and "[hypothetical]" in text
    # quotes grouped by speaker
    assert text.count("Sergei Ryabkov (2)") == 1
    assert "https://dl.example/watch/russia.atom" in text


def test_login_without_tls(make_store, docs, smtp_server):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    seen = []

    def auth(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"digest", b"s3cret")
        seen.append((mechanism, ok))
        return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself

    server = smtp_server(authenticator=auth, auth_required=True, auth_require_tls=False)
    db = make_store(docs["fuel"])
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"events": {"type": "AGREE"}}, emails=["ana@example.org"])
        bad = run_watch(store, w, Config(db=db, smtp=server.address, smtp_user="digest", smtp_password="wrong"))
        assert bad[0].status == "failed" and bad[0].error.code == "E111"
        assert server.sink.envelopes == []
        good = run_watch(store, w, Config(db=db, smtp=server.address, smtp_user="digest", smtp_password="s3cret"))
    assert good[0].status == "sent"
    assert [ok for _, ok in seen] == [False, True]
    assert "Russia agreed to supply nuclear fuel" in _parts(server.sink.messages[0])[0]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a test certificate")
def test_starttls_and_login(make_store, docs, smtp_server, tmp_path, monkeypatch):
    from aiosmtpd.smtp import AuthResult

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out",
                    str(cert)], check=True, capture_output=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    tls_seen = []

    def auth(server, session, envelope, mechanism, data):
        tls_seen.append(session.ssl is not None)
        return AuthResult(success=True)

    server = smtp_server(tls_context=ctx, require_starttls=True, authenticator=auth, auth_required=True)
    db = make_store(docs["fuel"])
    config = Config(db=db, smtp=server.address, smtp_starttls=True, smtp_user="digest", smtp_password="pw")
    with open_store(db) as store:
        w = add_watch(store, "fuel", {"quotes": {"speaker": "Ryabkov"}}, emails=["ana@example.org"])
        # the client verifies the server's certificate: unknown CA -> failed, mark unchanged
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
        first = run_watch(store, w, config)
        assert first[0].status == "failed" and "certificate verify failed" in first[0].error.message.lower()
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # now the system trust includes it
        second = run_watch(store, w, config)
    assert second[0].status == "sent", second[0].error
    assert tls_seen == [True]
    assert "Russia honours its agreements" in _parts(server.sink.messages[0])[0]


def test_html_escapes_untrusted_text(make_store, make_doc, smtp_server):
    evil = make_doc("evil", "2011-11-12", "<script>alert('h')</script> Russia news",
                   "Russia accused Iran of <img src=x onerror=alert(1)> lying.\n\n"
                   "\"<b>bold</b> claim,\" Sergei Ryabkov said.",
                   quotes=[("<b>bold</b> claim,", "Sergei Ryabkov", "direct")],
                   events=[("ACCUSE", "Russia", "Iran", "Russia accused Iran of <img src=x onerror=alert(1)> lying",
                            "asserted", False)])
    db = make_store(evil)
    server = smtp_server()
    with open_store(db) as store:
        w = add_watch(store, "evil", {"events": {"actor": "Russia"}, "quotes": {}}, emails=["a@example.org"])
        assert run_watch(store, w, Config(db=db, smtp=server.address))[0].status == "sent"
    text, html = _parts(server.sink.messages[0])
    assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x onerror=alert(1)>" in text  # the plain part shows the words as written
