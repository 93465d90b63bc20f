"""Watch test fixtures: stores written by the real Writer, a real SMTP server (aiosmtpd) and a
real HTTP receiver on 127.0.0.1.

Stores: ``docs`` are hand-built wire stories (actors, quotes and events with spans found in
the text); extraction is irrelevant to delivery, so no NLP runs here. The one test of the real
pipeline (tests/watch/test_sample.py) ingests the shared sample.
"""

from __future__ import annotations

import email
import hashlib
import json
import socket
import threading
import time
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.config import Config
from dateline.document import to_dateline
from dateline.pipeline import Result
from dateline.store import open_store
from dateline.store.writer import Writer
from dateline.types import (
    Actor,
    CleanDocument,
    Event,
    EventActor,
    Extraction,
    InputRef,
    Quote,
    RawDocument,
    Ref,
)

ACTORS = {
    "Russia": ("country", "RUS", "GOV"), "Iran": ("country", "IRN", "GOV"),
    "Sergei Ryabkov": ("person", "RUS", "GOV"), "IAEA": ("org", None, "IGO"),
    "United States": ("country", "USA", "GOV"), "Ali Baqeri": ("person", "IRN", "GOV"),
}


def doc(key, published, headline, body, quotes=(), events=(), source="IRNA"):
    """A story: ``quotes`` are (text, speaker name or None, kind); ``events`` are
    (type, source name, target name or None, evidence words, modality, negated)."""
    return {"key": key, "published": published, "headline": headline, "body": body, "quotes": list(quotes),
            "events": list(events), "source": source}


def _span(body, text, start=0):
    i = body.find(text, start)
    assert i >= 0, f"{text!r} not in body"
    return i, i + len(text)


def result(d: dict) -> Result:
    body = d["body"]
    names = [n for n in ACTORS if n in body]
    local = {n: f"a{i + 1}" for i, n in enumerate(names)}
    actors = []
    for n in names:
        typ, country, sector = ACTORS[n]
        mentions, pos = [], 0
        while (i := body.find(n, pos)) >= 0:
            mentions.append((i, i + len(n)))
            pos = i + len(n)
        actors.append(Actor(id=local[n], name=n, type=typ, country=country, sector=sector, mentions=tuple(mentions)))
    quotes = []
    for k, (text, speaker, kind) in enumerate(d["quotes"]):
        qs = _span(body, text)
        sp = Ref(text=speaker, span=_span(body, speaker), actor=local.get(speaker)) if speaker else None
        quotes.append(Quote(id=f"q{k + 1}", kind=kind, text=text, span=qs, speaker=sp))
    events = []
    for k, (typ, src, tgt, ev, modality, negated) in enumerate(d["events"]):
        es = _span(body, ev)

        def side(n):
            if n is None:
                return None
            return EventActor(text=n, actor=local.get(n), country=ACTORS.get(n, (None, None))[1])

        events.append(Event(id=f"e{k + 1}", type=typ, cameo="010", source=side(src), target=side(tgt),
                            evidence_span=es, evidence_text=body[es[0]:es[1]], modality=modality, negated=negated,
                            quad_class=3 if typ in ("ACCUSE", "REJECT", "THREATEN") else 1, goldstein=-2.0,
                            date=d["published"][:10], date_precision="day", date_basis="publication"))
    inp = InputRef(path=f"inputs/{d['key']}.txt", format="text")
    sha = hashlib.sha256(body.encode()).hexdigest()
    raw = RawDocument(input=inp, content=body, kind="text", sha256=sha, size=len(body.encode()))
    clean = CleanDocument(input=inp, body=body, published=d["published"], sha256=sha, source=d["source"],
                          headline=d["headline"], url=f"https://news.example/{d['key']}")
    ex = Extraction(actors=tuple(actors), quotes=tuple(quotes), events=tuple(events))
    return Result(record=to_dateline(clean, ex), clean=clean, raw=raw)


TALKS = doc(
    "talks", "2011-11-10", "Russia and Iran hold talks in Moscow",
    "MOSCOW, Nov 10 (IRNA) - Russia urged Iran to keep cooperating with the IAEA, officials said on Thursday.\n\n"
    "Russia did not threaten Iran with new sanctions. \"We are showing them the faulty and destructive nature of "
    "that policy,\" Sergei Ryabkov told reporters.\n\n"
    "Russia may reject any new resolution in the Security Council, diplomats said.",
    quotes=[("We are showing them the faulty and destructive nature of that policy,", "Sergei Ryabkov", "direct")],
    events=[("REQUEST", "Russia", "Iran", "Russia urged Iran to keep cooperating with the IAEA", "asserted", False),
            ("THREATEN", "Russia", "Iran", "Russia did not threaten Iran with new sanctions", "asserted", True),
            ("REJECT", "Russia", None, "Russia may reject any new resolution", "hypothetical", False)],
)
ACCUSE = doc(
    "accuse", "2011-11-11", "Russia criticises IAEA report",
    "MOSCOW, Nov 11 (Reuters) - Russia accused the IAEA of using old intelligence in its report on Iran.\n\n"
    "\"The report contains no new evidence,\" Sergei Ryabkov said. Ali Baqeri thanked Russia for its support.",
    quotes=[("The report contains no new evidence,", "Sergei Ryabkov", "direct")],
    events=[("ACCUSE", "Russia", "IAEA", "Russia accused the IAEA of using old intelligence", "asserted", False),
            ("SUPPORT", "Ali Baqeri", "Russia", "Ali Baqeri thanked Russia for its support", "asserted", False)],
    source="Reuters",
)
FUEL = doc(
    "fuel", "2011-11-28", "Russia agrees to supply fuel for Bushehr",
    "TEHRAN, Nov 28 (IRNA) - Russia agreed to supply nuclear fuel to Iran for the Bushehr plant.\n\n"
    "\"Russia honours its agreements,\" Sergei Ryabkov said in a statement.",
    quotes=[("Russia honours its agreements,", "Sergei Ryabkov", "direct")],
    events=[("AGREE", "Russia", "Iran", "Russia agreed to supply nuclear fuel to Iran", "asserted", False)],
)
SANCTIONS = doc(
    "sanctions", "2011-11-22", "U.S. widens sanctions on Iran",
    "WASHINGTON, Nov 22 (Reuters) - The United States imposed new sanctions on Iran's banks.\n\n"
    "\"These sanctions are a sign of weakness,\" Ali Baqeri said.",
    quotes=[("These sanctions are a sign of weakness,", "Ali Baqeri", "direct")],
    events=[("SANCTION", "United States", "Iran", "The United States imposed new sanctions on Iran", "asserted",
             False)],
    source="Reuters",
)


def write(db: str, docs) -> None:
    store = open_store(db)
    try:
        w = Writer(store, Config(db=db))
        for d in docs:
            assert w.write(result(d)) == "ok"
    finally:
        store.close()


@pytest.fixture
def make_store(tmp_path):
    """``make_store(*docs) -> db path``: a new store holding the docs (add more with ``add_docs``)."""
    def make(*docs):
        db = str(tmp_path / "watch.db")
        write(db, docs)
        return db
    return make


@pytest.fixture
def add_docs():
    return write


@pytest.fixture
def make_doc():
    return doc


@pytest.fixture
def docs():
    return {"talks": TALKS, "accuse": ACCUSE, "fuel": FUEL, "sanctions": SANCTIONS}


# -- SMTP ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """An aiosmtpd handler keeping every delivered message; ``refuse`` answers DATA with 451."""

    def __init__(self):
        self.envelopes = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 4.3.0 try again later"
        self.envelopes.append(envelope)
        return "250 OK"

    @property
    def messages(self):
        return [email.message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


class SMTPServer:
    def __init__(self, port: int | None = None, **kwargs):
        self.port = port or free_port()
        self.sink = Sink()
        self.kwargs = kwargs
        self.controller = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port, **self.kwargs)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    """``smtp_server(**aiosmtpd options)``: a started server on a free 127.0.0.1 port (stopped at the end)."""
    servers = []

    def make(start=True, **kwargs):
        s = SMTPServer(**kwargs)
        servers.append(s)
        return s.start() if start else s

    yield make
    for s in servers:
        s.stop()


# -- HTTP receiver ------------------------------------------------------------------------


class Receiver:
    """Records every POST (headers, raw body, time) and answers from ``script`` (then 200)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.script: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                outer.requests.append({"headers": dict(self.headers), "body": body, "at": time.monotonic()})
                status = outer.script.pop(0) if outer.script else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"status": status}).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def bodies(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()
