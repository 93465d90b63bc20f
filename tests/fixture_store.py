"""A realistic small store for the query, export and CLI tests, written by the real Writer.

Seven wire stories (Nov-Dec 2011, the sample's subject) with hand-annotated actors,
quotes and events (spans computed from the text), one near-duplicate syndicated copy,
one exact duplicate input and one failed input. Loaded by tests/query, tests/export and
tests/cli through ``build(path)``; the tests derive what they expect from ``DOCS``
(never from query output).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from dateline.config import Config
from dateline.document import failure_record, to_dateline
from dateline.pipeline import Result
from dateline.store import open_store
from dateline.store.writer import Writer
from dateline.types import (
    Actor,
    CleanDocument,
    Event,
    EventActor,
    Extraction,
    FailedInput,
    InputRef,
    Place,
    Quote,
    RawDocument,
    Ref,
)

MOSCOW = ("Moscow", "RUS", 55.75, 37.62)
VIENNA = ("Vienna", "AUT", 48.21, 16.37)
WASHINGTON = ("Washington", "USA", 38.90, -77.04)


@dataclass
class Doc:
    key: str
    body: str
    published: str
    source: str
    site: str
    headline: str
    url: str
    actors: list = field(default_factory=list)  # (local, name, type, country, sector, titles, surfaces)
    quotes: list = field(default_factory=list)  # (local, kind, text, speaker_local, speaker_surface, cue)
    events: list = field(default_factory=list)  # dicts, see _event


BAQERI = ("Ali Baqeri", "person", "IRN", "GOV", ("deputy secretary of the Supreme National Security Council",))
LAVROV = ("Sergei Lavrov", "person", "RUS", "GOV", ("Foreign Minister",))
AMANO = ("Yukiya Amano", "person", None, "IGO", ("Director General",))
IAEA = ("IAEA", "org", None, "IGO", ())
IRAN = ("Iran", "country", "IRN", "GOV", ())
RUSSIA = ("Russia", "country", "RUS", "GOV", ())
USA = ("United States", "country", "USA", "GOV", ())
ISRAEL = ("Israel", "country", "ISR", "GOV", ())
SYRIA = ("Syria", "country", "SYR", "GOV", ())


def _a(local, spec, surfaces):
    name, typ, country, sector, titles = spec
    return (local, name, typ, country, sector, titles, surfaces)


A1_BODY = (
    "Moscow, Nov 10, IRNA -- Ali Baqeri, deputy secretary of the Supreme National Security Council, met "
    "Russian Foreign Minister Sergei Lavrov in Moscow on Wednesday to discuss Iran's nuclear program.\n\n"
    "Baqeri accused the IAEA of taking an unconstructive approach towards Iran's peaceful nuclear activities. "
    "\"The agency has turned into a political tool,\" Baqeri said.\n\n"
    "Lavrov said that Russia supports a negotiated solution. \"We are showing them the faulty and destructive "
    "nature of that policy,\" Lavrov told reporters after the talks.\n\n"
    "The two officials also agreed to continue consultations on regional security in the coming weeks, "
    "according to a statement released by the Iranian embassy."
)

DOCS: list[Doc] = [
    Doc(
        key="talks", body=A1_BODY, published="2011-11-10", source="IRNA", site="GlobalSecurity.org",
        headline="Baqeri meets Lavrov in Moscow over nuclear program",
        url="https://www.globalsecurity.org/wmd/library/news/iran/2011/iran-111110-irna01.htm",
        actors=[
            _a("a1", BAQERI, ["Ali Baqeri", "Baqeri", "Baqeri"]),
            _a("a2", LAVROV, ["Sergei Lavrov", "Lavrov", "Lavrov"]),
            _a("a3", IAEA, ["IAEA"]),
            _a("a4", IRAN, ["Iran"]),
            _a("a5", RUSSIA, ["Russia"]),
        ],
        quotes=[
            ("q1", "direct", "The agency has turned into a political tool,", "a1", "Baqeri", "said"),
            ("q2", "direct", "We are showing them the faulty and destructive nature of that policy,", "a2",
             "Lavrov", "told"),
        ],
        events=[
            dict(id="e1", type="CONSULT", cameo="040", qc=1, g=1.0, src="a1", tgt="a2",
                 ev="met Russian Foreign Minister Sergei Lavrov in Moscow on Wednesday", date="2011-11-09",
                 date_text="Wednesday", place=MOSCOW, mode="visit"),
            dict(id="e2", type="ACCUSE", cameo="112", qc=3, g=-2.0, src="a1", tgt="a3",
                 ev="Baqeri accused the IAEA of taking an unconstructive approach", date="2011-11-10"),
            dict(id="e3", type="SUPPORT", cameo="051", qc=1, g=3.4, src="a5", tgt=None,
                 ev="Russia supports a negotiated solution", date="2011-11-10"),
            dict(id="e4", type="AGREE", cameo="030", qc=1, g=4.0, src="a1", tgt="a2",
                 ev="agreed to continue consultations on regional security", date=None, modality="future"),
        ],
    ),
    Doc(
        key="sanctions", published="2011-11-22", source="Reuters", site="reuters.com",
        headline="U.S. imposes new sanctions on Iran's central bank",
        url="https://www.reuters.com/article/us-iran-sanctions-idUS111122",
        body=(
            "WASHINGTON, Nov 21 (Reuters) - The United States imposed new sanctions on Iran on Monday, targeting "
            "its banking sector over the nuclear program.\n\n"
            "Iran rejected the measures as illegal and said they would not change its course. \"These sanctions "
            "are a sign of weakness,\" an Iranian foreign ministry spokesman said.\n\n"
            "Iran did not threaten retaliation against American interests, officials in Washington noted."
        ),
        actors=[
            _a("a1", USA, ["United States", "Washington"]),
            _a("a2", IRAN, ["Iran", "Iran", "Iran"]),
        ],
        quotes=[("q1", "direct", "These sanctions are a sign of weakness,", None, "an Iranian foreign ministry "
                 "spokesman", "said")],
        events=[
            dict(id="e1", type="SANCTION", cameo="163", qc=4, g=-8.0, src="a1", tgt="a2",
                 ev="The United States imposed new sanctions on Iran on Monday", date="2011-11-21",
                 date_text="Monday", place=WASHINGTON),
            dict(id="e2", type="REJECT", cameo="120", qc=3, g=-4.0, src="a2", tgt="a1",
                 ev="Iran rejected the measures as illegal", date="2011-11-22"),
            dict(id="e3", type="THREATEN", cameo="130", qc=3, g=-4.4, src="a2", tgt="a1",
                 ev="Iran did not threaten retaliation against American interests", date="2011-11-22",
                 negated=True),
        ],
    ),
    Doc(
        key="israel", published="2011-11-15", source="AFP", site="france24.com",
        headline="Israel warns of military option as Iran report lands",
        url="https://www.france24.com/en/20111115-israel-iran-warning",
        body=(
            "JERUSALEM, Nov 15 (AFP) - Israel threatened on Tuesday to strike Iran's nuclear facilities if "
            "diplomacy fails, a day after the IAEA report was published.\n\n"
            "Israeli jets also struck a weapons convoy in Syria overnight, according to regional sources.\n\n"
            "\"All options remain on the table,\" the Israeli defence minister said."
        ),
        actors=[
            _a("a1", ISRAEL, ["Israel"]),
            _a("a2", IRAN, ["Iran"]),
            _a("a3", SYRIA, ["Syria"]),
            _a("a4", IAEA, ["IAEA"]),
        ],
        quotes=[("q1", "direct", "All options remain on the table,", None, "the Israeli defence minister", "said")],
        events=[
            dict(id="e1", type="THREATEN", cameo="138", qc=3, g=-7.0, src="a1", tgt="a2",
                 ev="Israel threatened on Tuesday to strike Iran's nuclear facilities", date="2011-11-15",
                 date_text="Tuesday", modality="hypothetical"),
            dict(id="e2", type="ASSAULT", cameo="195", qc=4, g=-10.0, src="a1", tgt="a3",
                 ev="Israeli jets also struck a weapons convoy in Syria overnight", date="2011-11-14",
                 date_text="overnight", place=("Syria", "SYR", 35.0, 38.0)),
        ],
    ),
    Doc(
        key="fuel", published="2011-11-28", source="IRNA", site="irna.ir",
        headline="Russia agrees to supply fuel for Bushehr plant",
        url="https://www.irna.ir/en/news/2011-11-28/fuel",
        body=(
            "TEHRAN, Nov 28, IRNA -- Russia agreed on Monday to supply nuclear fuel for the Bushehr power plant, "
            "Iranian officials said.\n\n"
            "Foreign Minister Sergei Lavrov said Moscow would keep its commitments. \"Russia honours its "
            "agreements with Iran,\" Lavrov said in a statement.\n\n"
            "Iran praised Russia for its cooperation on the project."
        ),
        actors=[
            _a("a1", RUSSIA, ["Russia", "Moscow", "Russia"]),
            _a("a2", IRAN, ["Iran", "Iran"]),
            _a("a3", LAVROV, ["Sergei Lavrov", "Lavrov"]),
        ],
        quotes=[("q1", "direct", "Russia honours its agreements with Iran,", "a3", "Lavrov", "said")],
        events=[
            dict(id="e1", type="AGREE", cameo="057", qc=1, g=8.0, src="a1", tgt="a2",
                 ev="Russia agreed on Monday to supply nuclear fuel for the Bushehr power plant",
                 date="2011-11-28", date_text="Monday"),
            dict(id="e2", type="SUPPORT", cameo="051", qc=1, g=3.4, src="a2", tgt="a1",
                 ev="Iran praised Russia for its cooperation on the project", date="2011-11-28"),
        ],
    ),
    Doc(
        key="access", published="2011-12-01T09:30:00Z", source="Reuters", site="reuters.com",
        headline="IAEA chief asks Iran for access to Parchin",
        url="https://www.reuters.com/article/iaea-iran-parchin-idUS111201",
        body=(
            "VIENNA, Dec 1 (Reuters) - IAEA Director General Yukiya Amano asked Iran to grant inspectors access "
            "to the Parchin military site.\n\n"
            "\"We need to clarify the outstanding issues,\" Amano told the agency's board of governors.\n\n"
            "Iran accused the agency of relying on forged intelligence."
        ),
        actors=[
            _a("a1", AMANO, ["Yukiya Amano", "Amano"]),
            _a("a2", IRAN, ["Iran", "Iran"]),
            _a("a3", IAEA, ["IAEA"]),
        ],
        quotes=[("q1", "direct", "We need to clarify the outstanding issues,", "a1", "Amano", "told")],
        events=[
            dict(id="e1", type="REQUEST", cameo="020", qc=1, g=-0.1, src="a1", tgt="a2",
                 ev="Yukiya Amano asked Iran to grant inspectors access", date=None, place=VIENNA),
            dict(id="e2", type="ACCUSE", cameo="112", qc=3, g=-2.0, src="a2", tgt="a3",
                 ev="Iran accused the agency of relying on forged intelligence", date=None),
        ],
    ),
]

# A syndicated copy of the first story (another site, an extra closing sentence): a near-duplicate.
COPY = Doc(
    key="talks_copy", body=A1_BODY + " The talks were described as constructive by both sides.",
    published="2011-11-11", source="IRNA", site="payvand.com", headline="Iran's Baqeri and Lavrov hold talks",
    url="https://www.payvand.com/news/11/nov/1101.html",
)


def _span(body: str, text: str, start: int = 0) -> tuple[int, int]:
    i = body.find(text, start)
    if i < 0:
        raise ValueError(f"{text!r} not in body")
    return i, i + len(text)


def extraction(doc: Doc) -> Extraction:
    body = doc.body
    actors, local = [], {}
    for lid, name, typ, country, sector, titles, surfaces in doc.actors:
        mentions, pos = [], 0
        for s in surfaces:
            sp = _span(body, s, pos if body.find(s, pos) >= 0 else 0)
            mentions.append(sp)
            pos = sp[1]
        a = Actor(id=lid, name=name, type=typ, titles=tuple(titles), country=country, sector=sector,
                  mentions=tuple(sorted(set(mentions))))
        actors.append(a)
        local[lid] = a
    quotes = []
    for lid, kind, text, spk, spk_text, cue in doc.quotes:
        qs = _span(body, text)
        speaker = Ref(text=spk_text, span=_span(body, spk_text, qs[1]), actor=spk)
        cue_ref = Ref(text=cue, span=_span(body, cue, qs[1]))
        quotes.append(Quote(id=lid, kind=kind, text=text, span=qs, speaker=speaker, cue=cue_ref))
    events = []
    for e in doc.events:
        ev = _span(body, e["ev"])

        def side(lid):
            if lid is None:
                return None
            a = local[lid]
            return EventActor(text=a.name, actor=lid, country=a.country, sector=a.sector)

        place = Place(*e["place"]) if e.get("place") else None
        date = e.get("date")
        if date is None and not e.get("undated") and doc.published:  # no time in its words: the article's date
            date, basis = doc.published[:10], "publication"
        else:
            basis = "none" if date is None else "relative" if e.get("date_text") else "publication"
        events.append(Event(
            id=e["id"], type=e["type"], cameo=e["cameo"], source=side(e["src"]), target=side(e.get("tgt")),
            evidence_span=ev, evidence_text=body[ev[0]:ev[1]], mode=e.get("mode"), date=date,
            date_text=e.get("date_text"), place=place, negated=e.get("negated", False),
            modality=e.get("modality", "asserted"), quad_class=e["qc"], goldstein=e["g"],
            date_precision="day" if date else None, date_basis=basis,
        ))
    return Extraction(actors=tuple(actors), quotes=tuple(quotes), events=tuple(events))


def result(doc: Doc, path: str | None = None, with_extraction: bool = True) -> Result:
    inp = InputRef(path=path or f"inputs/{doc.key}.txt", format="text")
    sha = hashlib.sha256(((path or doc.key) + "\0" + doc.body).encode()).hexdigest()
    raw = RawDocument(input=inp, content=doc.body, kind="text", sha256=sha, size=len(doc.body.encode()))
    clean = CleanDocument(input=inp, body=doc.body, site=doc.site, published=doc.published, sha256=sha,
                          source=doc.source, headline=doc.headline, url=doc.url)
    ex = extraction(doc) if with_extraction else None
    return Result(record=to_dateline(clean, ex), clean=clean, raw=raw)


def build(path) -> dict:
    """Write the fixture into a new store at ``path``; returns {key: article id}."""
    store = open_store(str(path))
    try:
        w = Writer(store, Config())
        ids = {}
        for d in DOCS:
            r = result(d)
            w.write(r)
            ids[d.key] = r.record["id"]
        r = result(COPY, with_extraction=False)
        w.write(r, extracted=False)  # copies are linked, not extracted (as the CLI does)
        ids[COPY.key] = r.record["id"]
        w.write(result(DOCS[1], path="mirror/sanctions.txt"))  # exact duplicate from another input
        f = FailedInput(InputRef(path="inputs/empty.txt"), "E101", "empty input")
        w.write(Result(record=failure_record(f), failure=f))
    finally:
        store.close()
    return ids
