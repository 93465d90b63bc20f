"""Quotes extractor on the bundled sample (real clean + actors stages) and on wire-copy forms."""

from __future__ import annotations

import hashlib

import pytest

from dateline.extract.quotes import extract_quotes
from dateline.types import CleanDocument, InputRef, RawDocument


def _quotes(nlp, body, actors=()):
    doc = nlp(body)
    clean = CleanDocument(input=InputRef(path="t.txt"), body=body)
    return list(extract_quotes(doc, clean, actors))


def _check_spans(body, quotes):
    for i, q in enumerate(quotes, 1):
        assert q.id == f"q{i}"
        assert body[q.span[0] : q.span[1]] == q.text
        for ref in (q.speaker, q.cue, q.via):
            if ref is not None:
                assert body[ref.span[0] : ref.span[1]] == ref.text
        for p in q.parts:
            assert q.span[0] <= p[0] < p[1] <= q.span[1]
    assert [q.span for q in quotes] == sorted(q.span for q in quotes)


@pytest.fixture(scope="module")
def sample(nlp, sample_path):
    from dateline.clean import clean_document
    from dateline.extract.actors import extract_actors

    text = sample_path.read_text("utf-8")
    raw = RawDocument(
        InputRef(path=str(sample_path)), text, "text", hashlib.sha256(text.encode()).hexdigest()
    )
    clean = clean_document(raw)
    assert isinstance(clean, CleanDocument)
    doc = nlp(clean.body)
    actors = tuple(extract_actors(doc, clean))
    quotes = list(extract_quotes(doc, clean, actors))
    names = {a.id: a.name for a in actors}
    return clean.body, quotes, names


def _by_text(quotes, needle):
    found = [q for q in quotes if needle in q.text]
    assert found, f"no quote containing {needle!r}"
    return found[0]


def _speaker_name(q, names):
    return names.get(q.speaker.actor) if q.speaker else None


def test_sample_spans_and_ids(sample):
    body, quotes, _ = sample
    _check_spans(body, quotes)


def test_sample_baqeri_six_direct_quotes(sample):
    body, quotes, names = sample
    openings = [
        "The representatives of Russia and China",
        "Beyond doubt the UN watchdog",
        "These meeting are in the framework",
        "Today I also discussed",
        "We have still not announced",
        "Unfortunately, the agency has adopted",
    ]
    for o in openings:
        q = _by_text(quotes, o)
        assert q.kind == "direct"
        assert _speaker_name(q, names) == "Ali Baqeri", (o, q.speaker)
        assert q.cue is not None
    he_added = _by_text(quotes, "Today I also discussed")
    assert he_added.speaker.text == "He" and he_added.cue.text == "added"


def test_sample_foreign_ministry_gatilov_ryabkov(sample):
    body, quotes, names = sample
    for o in ("According to our initial evaluations", "We are talking about a compilation"):
        q = _by_text(quotes, o)
        assert q.kind == "direct" and "Foreign Ministry" in _speaker_name(q, names)
    first = _by_text(quotes, "will be seen in the international community")
    cont = _by_text(quotes, "That approach is unacceptable to us")
    for q in (first, cont):
        assert _speaker_name(q, names) == "Gennady Gatilov"
        assert q.via is not None and q.via.text == "Interfax"
    assert cont.kind == "direct" and cont.cue is None  # a continuation paragraph
    assert first.kind == "partial"
    partial = _by_text(quotes, "strengthening sanctions pressure on Iran")
    assert partial.kind == "partial" and _speaker_name(partial, names) == "Sergei Ryabkov"
    assert partial.via is not None and partial.via.text == "Itar-Tass"
    assert any(body[s:e] == "strengthening sanctions pressure on Iran" for s, e in partial.parts)
    direct = _by_text(quotes, "We are showing them the faulty")
    assert direct.kind == "direct" and _speaker_name(direct, names) == "Sergei Ryabkov"


def test_sample_indirect_statements(sample):
    body, quotes, names = sample
    us = _by_text(quotes, "the United States could impose more sanctions")
    assert us.kind == "indirect" and us.speaker.text == "A US official"
    juppe = _by_text(quotes, "the Security Council should be convened")
    assert juppe.kind == "indirect" and _speaker_name(juppe, names) == "Alain Juppe"
    diplomats = _by_text(quotes, "further punitive measures would be 'destructive'")
    assert diplomats.kind == "partial" and diplomats.speaker.text == "senior diplomats"


@pytest.mark.parametrize(
    ("body", "text", "speaker", "cue"),
    [
        ('"We are ready to talk," Lavrov said.', "We are ready to talk,", "Lavrov", "said"),
        ('Lavrov said, "We are ready to talk."', "We are ready to talk.", "Lavrov", "said"),
        (
            '"We are ready to talk," said Sergei Lavrov, the foreign minister.',
            "We are ready to talk,",
            "Sergei Lavrov",
            "said",
        ),
        ("Lavrov: “We are ready to talk to anyone.”", "We are ready to talk to anyone.", "Lavrov", ":"),
        (
            '"We are ready to talk to anyone." -- Sergei Lavrov',
            "We are ready to talk to anyone.",
            "Sergei Lavrov",
            "--",
        ),
    ],
)
def test_direct_forms(nlp, body, text, speaker, cue):
    quotes = _quotes(nlp, body)
    _check_spans(body, quotes)
    q = _by_text(quotes, text)
    assert q.text == text and q.kind == "direct"
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text == cue


@pytest.mark.parametrize(
    ("body", "text", "speaker", "kind"),
    [
        (
            "SNSC official: IAEA approach towards Iran's nuclear program unconstructive",
            "IAEA approach towards Iran's nuclear program unconstructive",
            "SNSC official",
            "indirect",
        ),
        ("Sanders: Clinton Email Story Has Moved.\n\nHe spoke on Friday.", "Clinton Email Story Has Moved.", "Sanders",
         "indirect"),
        (
            "Lewandowski: FBI director acted as 'judge and jury' on Clinton\n\nHe spoke on Friday.",
            "FBI director acted as 'judge and jury' on Clinton",
            "Lewandowski",
            "partial",
        ),
        ("TAPPER: Do you think he has campaigned as a healer? Tell us.", "Do you think he has campaigned as a healer? Tell us.",
         "TAPPER", "indirect"),
    ],
)
def test_headline_forms(nlp, body, text, speaker, kind):
    """``Speaker: words`` on a line: reported speech (no quote marks, so not ``direct``); quoted words in it
    make it ``partial``; a first line may end with a full stop (PolNeAR keeps headlines so); a transcript
    label in capitals takes its paragraph."""
    quotes = _quotes(nlp, body)
    _check_spans(body, quotes)
    q = _by_text(quotes, text)
    assert q.text == text and q.kind == kind
    assert q.speaker is not None and q.speaker.text == speaker
    assert q.cue is not None and q.cue.text == ":"


def test_prose_with_a_colon_is_no_headline_quote(nlp):
    body = "Iran made its move.\n\nThe reason is simple: the talks had failed twice before."
    assert not [q for q in _quotes(nlp, body) if q.cue is not None and q.cue.text == ":"]


def test_interrupted_quote_is_one_quote_with_parts(nlp):
    body = '"We will not yield," the minister said. "Never, under any pressure."'
    quotes = _quotes(nlp, body)
    _check_spans(body, quotes)
    assert len(quotes) == 1
    q = quotes[0]
    assert [body[s:e] for s, e in q.parts] == ["We will not yield,", "Never, under any pressure."]
    assert q.span == (q.parts[0][0], q.parts[-1][1]) and q.speaker.text == "the minister"


def test_multi_paragraph_quote_and_continuation(nlp):
    body = (
        'The minister said: "The first paragraph of the statement goes here.\n\n'
        '"And the second paragraph ends it."\n\n'
        "Officials said talks would resume on Monday.\n\n"
        '"We expect a deal within weeks."'
    )
    quotes = _quotes(nlp, body)
    _check_spans(body, quotes)
    multi = _by_text(quotes, "The first paragraph")
    assert multi.kind == "direct" and len(multi.parts) == 2 and multi.text.endswith("ends it.")
    assert multi.speaker.text == "The minister"
    cont = _by_text(quotes, "We expect a deal")
    assert cont.cue is None and cont.speaker is not None and cont.speaker.text == "Officials"


def test_relay_according_to_outlet(nlp):
    body = "According to Itar-Tass, Ryabkov said Moscow would veto any new resolution."
    quotes = _quotes(nlp, body)
    q = _by_text(quotes, "Moscow would veto")
    assert q.kind == "indirect" and q.speaker.text == "Ryabkov"
    assert q.via is not None and q.via.text == "Itar-Tass"


def test_unbalanced_marks_never_fail_the_document(nlp):
    body = (
        'He said "this never closes and runs on.\n\n"A proper quote here," she said.\n\nOdd ” mark \' here.'
    )
    quotes = _quotes(nlp, body)
    _check_spans(body, quotes)
    assert _by_text(quotes, "A proper quote here,").speaker.text == "she"


def test_pronoun_speaker_resolves_through_actors(nlp):
    from dateline.types import Actor

    body = 'Sergei Lavrov met reporters. "We are ready," he added.'
    he = body.index("he added")
    actors = (Actor(id="a1", name="Sergei Lavrov", type="person", mentions=((0, 13), (he, he + 2))),)
    q = _by_text(_quotes(nlp, body, actors), "We are ready")
    assert q.speaker.text == "he" and q.speaker.actor == "a1"


def test_random_mark_soup_never_fails(nlp):
    import random

    rng = random.Random(7)
    words = ['"', "“", "”", "‘", "’", "'", "''", "``", "said", "he", "Lavrov", "told", ",", ".", ":", "--"]
    words += ["\n\n", "according", "to", "Interfax", "that", "we", "will", "win", "Mr.", "the", "deal"]
    for _ in range(60):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        _check_spans(body, _quotes(nlp, body))
    assert _quotes(nlp, "") == []


def test_titles_and_scare_quotes_are_not_quotes(nlp):
    body = 'His book, "Doomed to Succeed," sold well. Critics called the plan a "disaster" in print.'
    assert [q for q in _quotes(nlp, body) if q.kind == "direct"] == []


def test_quotes_in_a_headline_outside_the_body(nlp, sample):
    """The clean stage moves the sample's headline out of the body; ``quotes_in_headline`` finds its quote
    with spans into the headline, and a document carrying it as ``headline_quotes`` validates."""
    from dateline.extract.quotes import quotes_in_headline
    from dateline.schema import problems
    from dateline.types import Actor

    headline = "Ryabkov: sanctions against Iran are 'destructive'"
    ryabkov = Actor(id="a1", name="Sergei Ryabkov", type="person", country="RUS")
    (q,) = quotes_in_headline(nlp(headline), headline, (ryabkov,))
    assert q.id == "h1" and q.kind == "partial" and q.text == "sanctions against Iran are 'destructive'"
    assert headline[q.span[0] : q.span[1]] == q.text and [headline[a:b] for a, b in q.parts] == ["destructive"]
    assert q.speaker.text == "Ryabkov" and q.speaker.actor == "a1" and q.cue.text == ":"
    assert quotes_in_headline(nlp("Storm hits the coast"), "Storm hits the coast") == ()
    doc = {
        "schema": "dateline/1", "id": "0" * 16, "input": {"path": "h.txt", "url": None, "format": "text"},
        "url": None, "site": None, "section": None, "headline": headline, "byline": None, "source": None,
        "news_code": None, "published": None, "dateline": None, "language": "en", "body": "Short body.",
        "actors": [ryabkov.to_json()], "quotes": [], "events": [], "headline_quotes": [q.to_json()],
    }
    assert problems(doc) == []  # spans past the 11-character body are fine: they index into the headline
    doc["headline"] = "Short"
    assert any("outside headline" in p for p in problems(doc))
