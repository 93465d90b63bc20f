"""Events on the bundled sample article (issue 5, requirement 7), through the real pipeline."""

from __future__ import annotations

import dataclasses

import pytest

from dateline.config import Config
from dateline.extract import extract_document
from dateline.extract.events.lexicon import get_lexicon


@pytest.fixture(scope="module")
def sample(nlp, sample_path):
    from dateline.clean import clean_batch
    from dateline.ingest import iter_inputs

    cfg = Config()
    raws = [dataclasses.replace(r, published="2011-11-10") for r in iter_inputs([str(sample_path)], cfg)]
    clean = clean_batch(raws, cfg)[0]
    doc = nlp(clean.body)
    ex = extract_document(doc, clean)
    return clean, doc, ex


def _events(sample, **want):
    _, _, ex = sample
    out = []
    for e in ex.events:
        if all(getattr(e, k) == v for k, v in want.items()):
            out.append(e)
    return out


def _country(ea):
    return ea.country if ea is not None else None


def _sentence(sample, words):
    clean, _, ex = sample
    return [e for e in ex.events if words in e.evidence_text]


def test_meetings_with_russian_officials_are_consult_irn_to_rus_on_wednesday(sample):
    hits = [e for e in _events(sample, type="CONSULT", date="2011-11-09")
            if _country(e.source) == "IRN" and _country(e.target) == "RUS"]
    assert hits, "Baqeri's Wednesday meetings in Moscow"
    assert any(e.place is not None and e.place.name == "Moscow" and e.place.country == "RUS" for e in hits)
    assert all(e.date_text and "Wednesday" in e.date_text for e in hits)


def test_arrival_on_invitation_is_a_consult_visit_on_tuesday(sample):
    clean = sample[0]
    visits = _events(sample, type="CONSULT", mode="visit", date="2011-11-08")
    assert visits
    e = visits[0]
    assert clean.body[e.trigger[0]:e.trigger[1]] == "arrived"
    assert e.date_text == "Tuesday morning" and _country(e.source) == "IRN"
    assert e.cameo == "042" and e.quad_class == 1 and e.goldstein == 1.9


def test_iran_and_russia_criticise_the_iaea(sample):
    accuse = _events(sample, type="ACCUSE")
    assert any(_country(e.source) == "IRN" for e in accuse)
    russia = [e for e in accuse if _country(e.source) == "RUS" and "vehemently criticized" in e.evidence_text]
    assert russia and russia[0].date == "2011-11-09"
    assert "watchdog" in russia[0].target.text


def test_us_and_french_sanction_threats_are_hypothetical(sample):
    threats = _events(sample, type="THREATEN")
    us = [e for e in threats if _country(e.source) == "USA"]
    fr = [e for e in threats if _country(e.source) == "FRA"]
    assert us and fr
    assert all(e.modality == "hypothetical" for e in us + fr)
    assert _country(us[0].target) == "IRN" and us[0].cameo.startswith("13")
    # an analyst filtering asserted events gets none of them
    assert not [e for e in _events(sample, modality="asserted") if "could impose" in e.evidence_text]


def test_refusal_to_consider_sanctions_is_reject_not_agree(sample):
    evs = _sentence(sample, "does not intend to consider")
    assert any(e.type == "REJECT" and _country(e.source) == "RUS" for e in evs)
    assert not any(e.type == "AGREE" for e in evs)
    rej = next(e for e in evs if e.type == "REJECT")
    assert rej.negated is False and rej.modality == "asserted"  # the refusal itself happened


def test_background_is_reported_past(sample):
    evs = _sentence(sample, "grudgingly approved")
    assert evs and all(e.modality == "reported_past" for e in evs)


def test_no_event_from_banner_or_footer(sample):
    clean, _, ex = sample
    for chrome in ("UNITED24", "GlobalSecurity", "NewsCode", "mailing list"):
        assert not any(chrome in e.evidence_text for e in ex.events)
    assert all(e.evidence_span[0] >= clean.dateline.span[1] for e in ex.events)


def test_spans_ids_and_codes_are_consistent(sample):
    clean, _, ex = sample
    lex = get_lexicon()
    assert [e.id for e in ex.events] == [f"e{i}" for i in range(1, len(ex.events) + 1)]
    assert [e.trigger[0] for e in ex.events] == sorted(e.trigger[0] for e in ex.events) or \
        [e.evidence_span[0] for e in ex.events] == sorted(e.evidence_span[0] for e in ex.events)
    quote_ids = {q.id for q in ex.quotes}
    for e in ex.events:
        s, t = e.evidence_span
        assert clean.body[s:t] == e.evidence_text
        assert s <= e.trigger[0] < e.trigger[1] <= t
        assert e.type in lex.types and e.quad_class == lex.types[e.type]["quad_class"]
        assert e.goldstein == lex.goldstein_of(e.cameo)
        assert e.modality in ("asserted", "hypothetical", "future", "reported_past")
        for ea in (e.source, e.target):
            if ea is not None and ea.span is not None:
                assert clean.body[ea.span[0]:ea.span[1]] == ea.text
        if e.quote is not None:
            assert e.quote in quote_ids
    per_sentence = len(ex.events) / max(1, len(list(sample[1].sents)))
    assert per_sentence <= 1.5


def test_extraction_is_deterministic(sample, nlp):
    clean, _, ex = sample
    again = extract_document(nlp(clean.body), clean)
    assert again.events == ex.events
