"""Coding rules of the events extractor on single sentences through the real pipeline."""

from __future__ import annotations

import pytest

from dateline.config import load_config
from dateline.errors import DatelineError
from dateline.extract import extract_document
from dateline.extract.events.lexicon import get_lexicon, read_patterns
from dateline.types import CleanDocument, Dateline, InputRef


def code(nlp, text, published="2011-11-10", dateline=None, config=None):
    clean = CleanDocument(input=InputRef(), body=text, published=published, dateline=dateline)
    return list(extract_document(nlp(text), clean, config).events)


def pairs(events):
    return {(e.type, e.source.country if e.source else None, e.target.country if e.target else None)
            for e in events}


def test_passive_agent_is_the_source(nlp):
    evs = code(nlp, "Syria was sharply criticized by Turkey on Monday.")
    assert ("ACCUSE", "TUR", "SYR") in pairs(evs)


def test_compound_actors_give_one_event_each(nlp):
    evs = code(nlp, "Russia and China rejected the proposal from Britain.")
    assert {("REJECT", "RUS", "GBR"), ("REJECT", "CHN", "GBR")} <= pairs(evs)


def test_frame_verb_folds_its_complement_into_one_event(nlp):
    evs = code(nlp, "Canada threatened to impose new sanctions on Venezuela.")
    assert [e.type for e in evs] == ["THREATEN"]
    assert pairs(evs) == {("THREATEN", "CAN", "VEN")}


def test_negated_conflict_keeps_its_type_and_is_flagged(nlp):
    evs = code(nlp, "Egypt did not condemn Israel.")
    assert [(e.type, e.negated) for e in evs] == [("ACCUSE", True)]


def test_negated_cooperation_is_a_rejection(nlp):
    evs = code(nlp, "Pakistan will not accept the offer from India.")
    assert [e.type for e in evs] == ["REJECT"] and evs[0].negated is False


def test_future_cooperation_is_an_intent_to_cooperate(nlp):
    evs = code(nlp, "Japan will send humanitarian aid to Haiti.")
    assert pairs(evs) == {("AGREE", "JPN", "HTI")}
    assert evs[0].modality == "future" and evs[0].cameo.startswith("03")


def test_conditional_material_conflict_is_a_hypothetical_threat(nlp):
    evs = code(nlp, "Germany could impose sanctions on Belarus if talks fail.")
    assert pairs(evs) == {("THREATEN", "DEU", "BLR")}
    assert evs[0].modality == "hypothetical"


def test_statement_that_someone_must_act_is_a_request(nlp):
    evs = code(nlp, "France said Iran must halt its enrichment program.")
    assert ("REQUEST", "FRA", "IRN") in pairs(evs)


def test_reported_criticism_codes_speaker_against_subject(nlp):
    evs = code(nlp, "Brazil said the Argentine decision was unacceptable.")
    assert ("ACCUSE", "BRA", "ARG") in pairs(evs)


def test_time_place_and_defaults(nlp):
    (e,) = [e for e in code(nlp, "Chile and Peru held talks in Geneva on Tuesday.") if e.source.country == "CHL"]
    assert (e.date, e.date_text) == ("2011-11-08", "Tuesday")
    assert (e.place.name, e.place.country) == ("Geneva", "CHE")
    (f,) = code(nlp, "Norway condemned Russia.")
    assert (f.date, f.date_text) == ("2011-11-10", None)  # no time expression: the publication date
    (g,) = code(nlp, "Norway condemned Russia.", published=None)
    assert g.date is None  # no publication date and no dateline year: not guessed


def test_dateline_place_is_the_fallback(nlp):
    text = "KABUL, Nov 9 (Reuters) - Norway condemned Russia."
    dl = Dateline(place="KABUL", date="11-09", agency="Reuters", span=(0, text.index("Norway")))
    (e,) = code(nlp, text, dateline=dl)
    assert (e.place.name, e.place.country) == ("Kabul", "AFG")
    assert e.evidence_text == "Norway condemned Russia."


def test_sentences_without_actors_give_no_events(nlp):
    assert code(nlp, "Prices rose sharply and the weather was criticized.") == []


def test_user_pattern_file_extends_the_lexicon(nlp, tmp_path, monkeypatch):
    text = "Kenya stonewalled Uganda."  # a verb neither bundled file (nor the CAMEO dictionary) has
    assert code(nlp, text) == []
    extra = tmp_path / "mine.tsv"
    extra.write_text("# my patterns\nverb\tstonewall\tREJECT\t\t120\t\n", "utf-8")
    monkeypatch.setenv("DATELINE_EVENT_PATTERNS", str(extra))
    assert code(nlp, text) == []  # the extractors read no environment: the config is passed to them
    assert pairs(code(nlp, text, config=load_config())) == {("REJECT", "KEN", "UGA")}  # the variable, loaded


def test_pattern_files_from_the_config(nlp, tmp_path, monkeypatch):
    from dateline.pipeline import extract_many

    monkeypatch.delenv("DATELINE_EVENT_PATTERNS", raising=False)
    extra = tmp_path / "mine.tsv"
    extra.write_text("verb\tstonewall\tREJECT\t\t120\t\n", "utf-8")
    toml = tmp_path / "dateline.toml"
    toml.write_text(f"[dateline]\nevent_patterns = {str(extra)!r}\n", "utf-8")
    config = load_config(toml, env={})
    assert config.event_patterns == str(extra)
    clean = CleanDocument(input=InputRef(), body="Kenya stonewalled Uganda.",
                          published="2011-11-10")
    (ex,) = extract_many([clean], config).values()
    assert pairs(ex.events) == {("REJECT", "KEN", "UGA")}
    (ex,) = extract_many([clean], config.replace(event_patterns="")).values()  # none: bundled only
    assert ex.events == ()


def test_malformed_pattern_line_is_a_config_error(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("verb\tsnub\tNOT_A_TYPE\t\t120\n", "utf-8")
    with pytest.raises(DatelineError) as err:
        read_patterns(bad, get_lexicon().types)
    assert err.value.code == "E500" and "bad.tsv:1" in err.value.message


def test_future_and_background_modality(nlp):
    (e,) = code(nlp, "The Arab League will convene in Cairo next week.")
    assert e.modality == "future" and e.place.name == "Cairo"
    text = "Kenya criticized Uganda on Monday. Kenya had expelled Ugandan diplomats in 2009."
    evs = code(nlp, text)
    assert [e.modality for e in evs] == ["asserted", "reported_past"]
    assert evs[1].date == "2009-01-01" and evs[1].date_precision == "year" and "2009" in evs[1].date_text


def test_unless_makes_an_announced_withdrawal_a_threat(nlp):
    evs = code(nlp, "Nigeria said it will withdraw its troops from Chad unless the fighting stops.")
    assert [e.type for e in evs] == ["THREATEN"] and evs[0].target.country == "TCD"


@pytest.mark.timeout(60)
def test_time_expression_under_a_verbless_root_terminates(nlp):
    # regression: the walk to the root compared spaCy tokens by identity and never stopped
    text = "Headline news on Monday: a protest by Kenya against Uganda. Kenya condemned Uganda on Monday."
    evs = code(nlp, text)
    assert any(e.type == "ACCUSE" and e.date == "2011-11-07" for e in evs)


def test_announced_acts_are_dated_forward(nlp):
    # regression: "will meet ... in December" in an October story was dated December of the year before
    evs = code(nlp, "Russia and China will hold talks in Beijing in December.", published="2022-10-05")
    assert evs and all(e.modality == "future" for e in evs)
    assert {e.date for e in evs} == {"2022-12-01"} and {e.date_text for e in evs} == {"December"}
    past = code(nlp, "Russia and China held talks in Beijing in December.", published="2022-10-05")
    assert past and {e.date for e in past} == {"2021-12-01"}


def test_judging_and_appealing_are_asserted_whatever_was_judged(nlp):
    # regression: "would" inside what the diplomats said made their criticism and appeal "future",
    # so an asserted-only filter dropped them
    text = ("Senior diplomats said further punitive measures would be 'destructive' and urged a revival of "
            "talks between Tehran and global powers.")
    evs = code(nlp, text)
    kinds = {e.type: e.modality for e in evs}
    assert kinds.get("ACCUSE") == "asserted" and kinds.get("REQUEST") == "asserted"
    assert code(nlp, "Japan will send humanitarian aid to Haiti.")[0].modality == "future"


def test_where_partners_meet_is_the_place_not_a_partner(nlp):
    evs = code(nlp, "Turkey and Egypt signed a trade deal in Cairo.")
    assert evs and all(e.target is None or e.target.text in ("Turkey", "Egypt") for e in evs)
    assert {e.place.name for e in evs if e.place} == {"Cairo"}
    # an act done to a place keeps it: the state of emergency was lifted for Darfur
    lifted = code(nlp, "Sudan's government lifted a state of emergency in West Darfur on Sunday.")
    assert [(e.type, e.target.text if e.target else None) for e in lifted] == [("CONCEDE", "Darfur")]


def test_a_missing_pattern_file_stops_the_run_once_with_e500(tmp_path):
    from dateline.config import Config
    from dateline.pipeline import extract_many

    clean = CleanDocument(input=InputRef(), body="Kenya snubbed Uganda.", published="2011-11-10")
    with pytest.raises(DatelineError) as err:
        extract_many([clean], Config(event_patterns=str(tmp_path / "missing.tsv")))
    assert err.value.code == "E500" and "missing.tsv" in err.value.message
