"""Regression tests for the quote-extractor audit defects (text written for these tests)."""

from __future__ import annotations

from dateline.extract.quotes import extract_quotes
from dateline.types import CleanDocument, Dateline, InputRef


def _quotes(nlp, body, dateline=None):
    doc = nlp(body)
    clean = CleanDocument(input=InputRef(path="t.txt"), body=body, dateline=dateline)
    quotes = list(extract_quotes(doc, clean, ()))
    for q in quotes:
        assert body[q.span[0] : q.span[1]] == q.text
    return quotes


def _para_bounds(body, pos):
    return body.rfind("\n", 0, pos) + 1, (body.find("\n", pos) if "\n" in body[pos:] else len(body))


def test_content_does_not_cross_paragraph_break(nlp):
    body = (
        'A senior envoy said the embargo was "off the agenda."\n\n'
        "The assembly will vote on Tuesday, delegates said.\n\n"
        'The envoy told reporters that Ankara was open to a "fair compromise."\n\n'
        "According to delegates, the assembly will vote again in May."
    )
    quotes = _quotes(nlp, body)
    for q in quotes:
        lo, hi = _para_bounds(body, q.span[0])
        assert q.span[1] <= hi, q.text  # every content stays inside its paragraph
        assert "\n" not in q.text
        assert not q.text.startswith(('"', "”")) or q.kind == "direct"
    vote = [q for q in quotes if "assembly will vote on Tuesday" in q.text]
    assert len(vote) == 1 and vote[0].text == "The assembly will vote on Tuesday"
    assert vote[0].speaker is not None and vote[0].speaker.text == "delegates"
    may = [q for q in quotes if "vote again in May" in q.text]
    assert may and may[0].text == "the assembly will vote again in May"


def test_opening_mark_of_reported_clause_is_kept(nlp):
    # an opening mark the scanner found is not trimmed away like the previous paragraph's closer
    body = 'Fighting resumed.\n\nThe envoy said Ankara "would never accept the embargo" and left.'
    quotes = _quotes(nlp, body)
    q = [q for q in quotes if "would never accept" in q.text]
    assert q and q[0].kind == "partial" and '"would never accept the embargo"' in q[0].text
    assert q[0].text.startswith("Ankara")


def test_dateline_not_in_content_or_speaker(nlp):
    body = (
        "ANKARA, March 3 (Reuters) - Turkey will not extend the truce, a senior commander said on Monday.\n\n"
        "Defence ministry spokesman Murat Kaya said talks must go on."
    )
    dl = Dateline(place="Ankara", date="03-03", agency="Reuters", span=(0, body.index("-") + 1))
    quotes = _quotes(nlp, body, dl)
    truce = [q for q in quotes if "extend the truce" in q.text]
    assert truce and truce[0].text == "Turkey will not extend the truce"
    assert truce[0].speaker is not None and truce[0].speaker.text == "a senior commander"
    for q in quotes:
        assert q.span[0] >= dl.span[1]
        if q.speaker is not None:
            assert q.speaker.span[0] >= dl.span[1]


def test_dateline_agency_is_not_the_speaker(nlp):
    body = (
        "SEOUL, Feb 9 (Yonhap) -- South Korean Foreign Minister Park Jin on Thursday called on all parties "
        "to exercise restraint."
    )
    dl = Dateline(place="Seoul", date="02-09", agency="Yonhap", span=(0, body.index("--") + 2))
    quotes = _quotes(nlp, body, dl)
    assert quotes
    for q in quotes:
        assert q.span[0] >= dl.span[1]
        assert q.speaker is not None and q.speaker.text == "South Korean Foreign Minister Park Jin"


def test_quoted_as_saying_speaker_and_relay(nlp):
    body = "The TASS agency quoted Peskov as saying the summit would go ahead."
    quotes = _quotes(nlp, body)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text == "the summit would go ahead"
    assert q.speaker is not None and q.speaker.text == "Peskov"
    assert q.via is not None and "TASS" in q.via.text


def test_was_quoted_by_as_saying_speaker_and_relay(nlp):
    body = "Peskov was quoted by TASS as saying the summit was postponed."
    quotes = _quotes(nlp, body)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text == "the summit was postponed"
    assert q.speaker is not None and q.speaker.text == "Peskov"
    assert q.via is not None and q.via.text == "TASS"


def test_non_speech_verbs_are_not_reported_speech(nlp):
    body = (
        "Turkey has reluctantly approved three rounds of EU tariffs on steel.\n\n"
        "Referring to Ankara's patience, the minister warned that the truce could collapse.\n\n"
        "A government spokesman declined to comment.\n\n"
        "Criticizing the Tuesday ruling of the court, the minister left the meeting.\n\n"
        "Greece criticized the European trade commission report."
    )
    quotes = _quotes(nlp, body)
    texts = [q.text for q in quotes]
    assert not any("rounds of EU tariffs" in t for t in texts)
    assert not any(t.startswith("Ankara's patience") for t in texts)
    assert "to comment" not in texts
    assert not any(t.startswith("the Tuesday ruling") for t in texts)
    assert not any(t.endswith("trade commission report") for t in texts)
    assert any(t.endswith("the truce could collapse") for t in texts)  # real speech stays


def test_headline_form_on_a_body_line(nlp):
    body = (
        "Ankara says the truce will hold, a senior commander said on Monday.\n\n"
        "Defence official: truce with rebels holding despite clashes\n\n"
        "The talks resume next week."
    )
    quotes = _quotes(nlp, body)
    q = [q for q in quotes if q.text == "truce with rebels holding despite clashes"]
    assert q and q[0].kind == "indirect"  # in no quote marks: reported speech
    assert q[0].speaker is not None and q[0].speaker.text == "Defence official"


def test_quoted_as_saying_direct_quotes(nlp):
    body = (
        'Xinhua quoted Wang as saying: "The door to dialogue stays open."\n\n'
        '"We are ready," Peskov was quoted by TASS as saying.'
    )
    quotes = _quotes(nlp, body)
    by_text = {q.text: q for q in quotes}
    q1 = by_text["The door to dialogue stays open."]
    assert q1.kind == "direct" and q1.speaker.text == "Wang" and q1.via.text == "Xinhua"
    q2 = by_text["We are ready,"]
    assert q2.kind == "direct" and q2.speaker.text == "Peskov" and q2.via.text == "TASS"


def test_dateline_not_the_speaker_of_a_direct_quote(nlp):
    body = 'SEOUL, Feb 9 (Yonhap) -- "We are ready to talk," South Korean Foreign Minister Park Jin said.'
    dl = Dateline(place="Seoul", date="02-09", agency="Yonhap", span=(0, body.index("--") + 2))
    quotes = _quotes(nlp, body, dl)
    assert len(quotes) == 1 and quotes[0].kind == "direct"
    assert quotes[0].speaker is not None and quotes[0].speaker.span[0] >= dl.span[1]


def test_headline_form_through_clean_stage(nlp):
    """The clean stage moves the headline out of the body, so it gives no quote (no body span); a
    subheading line in the body does, and the dateline it finds bounds the reported speech."""
    import hashlib

    from dateline.clean import clean_document
    from dateline.types import RawDocument

    text = (
        "Defence official: truce with rebels holding despite clashes\n\n"
        "ANKARA, March 3 (Reuters) - Turkey says the truce will hold, a senior commander said on Monday.\n\n"
        "Army spokesman: no new clashes reported overnight in the south\n\n"
        "The talks resume next week, officials said.\n"
    )
    raw = RawDocument(InputRef(path="h.txt"), text, "text", hashlib.sha256(text.encode()).hexdigest())
    clean = clean_document(raw)
    assert "truce with rebels" not in clean.body  # the headline left the body
    doc = nlp(clean.body)
    quotes = list(extract_quotes(doc, clean, ()))
    texts = {q.text: q for q in quotes}
    assert "truce with rebels holding despite clashes" not in texts
    sub = texts["no new clashes reported overnight in the south"]
    assert sub.kind == "indirect" and sub.speaker.text == "Army spokesman" and sub.cue.text == ":"
    assert clean.dateline is not None
    for q in quotes:
        assert q.span[0] >= clean.dateline.span[1]
