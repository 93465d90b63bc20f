"""Event dates from the event's own words, through the real pipeline (spaCy parse + extract_document).

Issue 13, requirement 7: dated sentences of our own (none copied from a gold set). Each case is
(name, publication date, text, a word of the event's trigger, date, precision, basis).
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.extract import extract_document
from dateline.extract.time import event_time
from dateline.types import CleanDocument, InputRef

CASES = [
    # background: a year, a decade, a pre-1900 year, two clauses with a year each
    ("year_in_background", "2019-11-20", "In 1980, Iraqi forces invaded Iran.", "invaded",
     "1980-01-01", "year", "explicit"),
    ("second_clause_own_year", "2019-11-20",
     "Saddam Hussein took control of Iraq in 1979 and in 1980 his army attacked Iran.", "attacked",
     "1980-01-01", "year", "explicit"),
    ("decade", "2019-05-02", "In the 1990s, Serbian forces attacked Kosovo Albanians.", "attacked",
     "1990-01-01", "decade", "explicit"),
    ("year_before_1900", "2019-05-02", "In 1848, Hungarian rebels attacked Austrian troops.", "attacked",
     "1848-01-01", "year", "explicit"),
    # tense and aspect: past perfect and background adverbs never take the publication date
    ("past_perfect_undated", "2019-11-20", "Turkish officials said Kurdish militants had attacked the army base.",
     "attacked", None, None, "none"),
    ("past_perfect_days_earlier", "2019-11-19",
     "On Friday, Ukrainian officials said Russian forces had shelled Kharkiv two days earlier.", "shelled",
     "2019-11-13", "day", "relative"),
    ("previously_undated", "2019-11-20", "Israel previously struck targets in Syria.", "struck", None, None, "none"),
    ("once_undated", "2019-11-20", "Turkey once supported the Syrian rebels.", "supported", None, None, "none"),
    ("in_the_past_undated", "2019-11-20", "In the past, Iran has accused Saudi Arabia of funding militants.",
     "accused", None, None, "none"),
    ("recent_years_undated", "2019-11-20", "In recent years, China has threatened Taiwan.", "threatened",
     None, None, "none"),
    # month and day without a year: before or after the publication date by tense
    ("month_day_before_publication", "2018-04-13",
     "Syrian government forces attacked the town of Douma with chemical weapons on April 7.", "attacked",
     "2018-04-07", "day", "relative"),
    ("october_in_november", "2019-11-19", "Police arrested the opposition leader in Minsk on Oct. 31.", "arrested",
     "2019-10-31", "day", "relative"),
    ("december_in_january", "2020-01-03", "Iraqi police clashed with protesters in Baghdad on Dec. 28.", "clashed",
     "2019-12-28", "day", "relative"),
    ("future_month_day", "2019-11-19",
     "Russian President Vladimir Putin will meet Ukrainian President Volodymyr Zelensky in Paris on Dec. 9.", "meet",
     "2019-12-09", "day", "relative"),
    ("future_month", "2022-10-05", "NATO leaders will meet the president of Ukraine in Brussels in December.", "meet",
     "2022-12-01", "month", "relative"),
    ("past_month", "2022-10-05", "NATO leaders met the president of Ukraine in Madrid in June.", "met",
     "2022-06-01", "month", "relative"),
    # weekdays
    ("weekday_past", "2014-03-19", "Russian troops seized the Crimean parliament on Tuesday.", "seized",
     "2014-03-18", "day", "relative"),
    ("weekday_same_day", "2014-03-19", "On Wednesday, Iran criticized the United States.", "criticized",
     "2014-03-19", "day", "relative"),
    ("weekday_future", "2014-03-19", "The French foreign minister will visit Germany on Friday.",
     "visit", "2014-03-21", "day", "relative"),
    # relative periods
    ("years_ago", "2019-06-05", "Iranian forces attacked Iraqi troops three years ago.", "attacked",
     "2016-01-01", "year", "relative"),
    ("late_year", "2019-06-05", "The army attacked rebel positions near Idlib in late 2017.", "attacked",
     "2017-09-01", "season", "explicit"),
    ("season_this_year", "2019-11-20", "Turkish troops attacked Kurdish fighters in the summer.", "attacked",
     "2019-06-01", "season", "relative"),
    ("season_with_year", "2019-11-20", "Saudi Arabia expelled the ambassador of Canada in the summer of 2018.",
     "expelled", "2018-06-01", "season", "explicit"),
    ("late_month", "2019-03-10", "Venezuelan soldiers blocked aid convoys at the border with Colombia in late January.",
     "blocked", "2019-01-01", "month", "relative"),
    ("last_month", "2015-06-02", "The United States imposed new sanctions on Russia last month.", "imposed",
     "2015-05-01", "month", "relative"),
    ("last_week", "2019-11-20", "Chinese police detained two Canadian diplomats last week.", "detained",
     "2019-11-11", "week", "relative"),
    ("earlier_this_month", "2019-12-09", "Earlier this month, France recalled its ambassador from Italy.", "recalled",
     "2019-12-01", "month", "relative"),
    ("yesterday", "2020-07-15", "Yesterday, Egypt accused Ethiopia of blocking the talks.", "accused",
     "2020-07-14", "day", "relative"),
    ("previous_day", "2014-03-19", "Israeli jets struck Gaza the previous day.", "struck",
     "2014-03-18", "day", "relative"),
    ("explicit_full_date", "2019-09-11", "On Sept. 11, 2001, al-Qaeda attacked the United States.", "attacked",
     "2001-09-11", "day", "explicit"),
    # numbers that are not years
    ("age_is_not_a_year", "2019-04-10", "FBI agents arrested John Miller, 55, at his home in Buffalo.", "arrested",
     "2019-04-10", "day", "publication"),
    ("year_old_is_not_a_year", "2019-04-10", "French police detained a 55-year-old man in Paris.", "detained",
     "2019-04-10", "day", "publication"),
    ("count_is_not_a_year", "2014-03-19", "The army deployed 1500 troops to the border with Syria on Monday.", "deployed",
     "2014-03-17", "day", "relative"),
    # the sentence, the paragraph, the article
    ("reporting_verb_time", "2019-11-19", "Officials said on Friday that Turkish troops attacked Kurdish fighters.",
     "attacked", "2019-11-15", "day", "relative"),
    ("paragraph_narrative", "2019-03-10",
     "On March 3, Sudanese troops entered Omdurman. The soldiers arrested dozens of protesters.", "arrested",
     "2019-03-03", "day", "relative"),
    ("offset_clause", "2021-05-10", "Israel struck Gaza two days after Hamas fired rockets on Tuesday.", "struck",
     "2021-05-06", "day", "relative"),
    ("current_news_publication", "2014-03-19", "Iran accused Saudi Arabia of supporting terrorism.", "accused",
     "2014-03-19", "day", "publication"),
    ("story_day_from_the_lead", "2025-03-12",
     "Militants attacked a passenger train in Balochistan on Tuesday.\n\nPakistani police arrested three suspects.",
     "arrested", "2025-03-11", "day", "relative"),
    ("when_clause_gives_the_year", "2015-12-01",
     "When the students rose against the regime in 1968, the army arrested their leaders.", "arrested",
     "1968-01-01", "year", "explicit"),
    # the lead is looked for after an export's title lines and "ABSTRACT." / "FULL TEXT." labels
    ("story_day_after_header_lines", "2024-05-08",
     "Rebels seize border town; \nGovernment vows to respond.\n\nABSTRACT.\n\nThe fall of the town is a blow to "
     "the army.\n\nFULL TEXT.\n\nThe war had been quiet for months. Few expected a new offensive. But rebel "
     "fighters stormed the border town of Kadra on Monday.\n\nArmy troops arrested three rebel commanders.",
     "arrested", "2024-05-06", "day", "relative"),
    # repeated or lasting acts have no one date
    ("repeatedly_undated", "2025-03-12", "Iran has repeatedly accused Israel of sabotage.", "accused",
     None, None, "none"),
    ("for_years_undated", "2025-03-12", "Egypt has blocked the talks for years.", "blocked", None, None, "none"),
    ("seldom_undated", "2021-03-29", "The former prime minister seldom criticized China.", "criticized",
     None, None, "none"),
    # a nominal event named as the topic of another act has a time of its own
    ("topic_noun_undated", "2021-03-29", "Israel responded to the Hamas attack by striking Gaza.",
     "attack", None, None, "none"),
    ("month_of_a_report", "2021-03-29", "Officials said in a November report that Iran blocked the inspectors.",
     "blocked", "2020-11-01", "month", "relative"),
    # clauses told as one with the event: its infinitive of purpose, a participle of circumstance, a
    # setting phrase the parser hung on the phrase before it
    ("purpose_infinitive_time", "2019-11-20",
     "The Nigerian army deployed soldiers to attack Boko Haram positions near Lake Chad in March.", "deployed",
     "2019-03-01", "month", "relative"),
    ("participle_of_circumstance", "2019-11-20",
     "Rebels attacked an army convoy near Goma, killing five soldiers on Sunday.", "attacked",
     "2019-11-17", "day", "relative"),
    ("setting_after_an_adverbial", "2019-11-20", "Putin met Erdogan for the first time at the Sochi summit in May 2016.",
     "met", "2016-05-01", "month", "explicit"),
    ("planned_purpose_is_not_the_act", "2019-11-20",
     "The Iranian foreign minister flew to Geneva to attend talks with the United States on Friday.", "flew",
     "2019-11-20", "day", "publication"),
    ("a_things_setting_is_not_the_act", "2019-11-20",
     "Activists sent a letter with a photograph of the 2005 rally and accused the governor of fraud.", "accused",
     "2019-11-20", "day", "publication"),
    ("after_an_event_of_a_year", "2019-11-20", "Spain seized the fortress after the siege of 1704.", "seized",
     "1704-01-01", "year", "explicit"),
    # a quotation continues the dated statement of the paragraph before; with none, current news
    ("quotation_continues_the_statement", "2019-11-21",
     'The Japanese foreign minister said in a statement on Tuesday that the launch broke the resolutions.\n\n'
     '"We strongly urge North Korea to stop its provocations," he said.', "urge", "2019-11-19", "day", "relative"),
    ("quotation_after_no_statement", "2019-11-21",
     'The Japanese foreign minister spoke to reporters in Tokyo.\n\n'
     '"We strongly urge North Korea to stop its provocations," he said.', "urge", "2019-11-21", "day", "publication"),
    # ranges and parts of a period
    ("range_takes_its_start", "2019-12-18",
     "Chinese ships blocked Vietnamese fishing boats from January through July this year.", "blocked",
     "2019-01-01", "month", "relative"),
    ("since_the_beginning_of_the_year", "2025-03-12",
     "Since the beginning of the year, Pakistani forces have attacked militants in Balochistan.", "attacked",
     "2025-01-01", "season", "relative"),
]


def _event(nlp, published: str, text: str, word: str):
    clean = CleanDocument(InputRef(), body=text, published=published)
    events = extract_document(nlp(text), clean).events
    hits = [e for e in events if e.trigger and word in text[e.trigger[0]:e.trigger[1]]]
    assert hits, f"no event triggered by {word!r} in {text!r}: {[e.type for e in events]}"
    return hits[0]


def test_enough_cases():
    assert len(CASES) >= 24
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("published", "text", "word", "date", "precision", "basis"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_event_date(nlp, published, text, word, date, precision, basis):
    e = _event(nlp, published, text, word)
    assert (e.date, e.date_precision, e.date_basis) == (date, precision, basis), e.date_text


# event_time read directly on a trigger word (events the coder may not emit: the date is still theirs)
DIRECT = [
    ("relative_clause_of_an_event_noun", "2019-11-20",
     "Opposition leaders walked out of the talks that collapsed last month.", "talks", "2019-10-01", "month"),
    ("offset_from_a_participle", "2019-11-20",
     "Two days before militants stormed the base, the general inspected it, touring the barracks last Friday.",
     "stormed", "2019-11-17", "day"),
    # the same act told with its day in another sentence of the article (not when the doers differ)
    ("same_act_told_with_its_day", "2024-06-13",
     "Kenyan President William Ruto has signed a law raising taxes on fuel.\n\n"
     "Ruto signed the bill late Tuesday at State House in Nairobi, his office said.", "signed", "2024-06-11", "day"),
    ("same_verb_other_doer", "2024-06-13",
     "Kenya has signed a trade agreement with Britain.\n\nUganda signed a similar agreement on Tuesday.",
     "signed", "2024-06-13", "day"),
    ("same_act_day_too_old", "2024-06-13",
     "Kenya has signed a trade agreement with Britain.\n\nKenya first signed such an agreement on May 2.",
     "signed", "2024-06-13", "day"),
    # a participle of circumstance and the past progressive are told in the story's past (its day from the lead)
    ("participle_on_the_subject", "2025-03-12",
     "Militants attacked a passenger train in Balochistan on Tuesday.\n\n"
     "The interior minister, speaking at a rally in Quetta, accused India of backing the attackers.",
     "speaking", "2025-03-11", "day"),
    ("past_progressive_story_day", "2025-03-12",
     "The Brazilian president announced new tariffs on Chinese steel on Tuesday.\n\n"
     "He was defending the measure against critics in Congress, but admitted that prices could rise.",
     "defending", "2025-03-11", "day"),
    ("participle_of_a_present_clause", "2025-03-12",
     "The Brazilian president announced new tariffs on Chinese steel on Tuesday.\n\n"
     "Critics in Congress are attacking the measure, calling it a gift to industry.", "calling", "2025-03-12", "day"),
    ("reduced_relative_is_not_narrative", "2025-03-12",
     "Militants attacked a passenger train in Balochistan on Tuesday.\n\n"
     "Soldiers guarding the railway have fired at the militants.", "guarding", "2025-03-12", "day"),
    ("negated_past_carries_the_narrative", "2019-03-20",
     "Kenya's president did not attend the summit in Addis Ababa on March 3. He sent his deputy instead.",
     "sent", "2019-03-03", "day"),
    # an appositive's time is its noun's (a term of office), not the act's; a time on the subject still dates it
    ("appositive_tenure_is_not_the_act", "2016-04-07",
     "Ali Hassan, Kenya's ambassador to Somalia from 2009 to 2014, condemned the raid.", "condemned", "2016-04-07", "day"),
    ("appositive_since_is_not_the_act", "2016-04-07",
     "Ali Hassan, a senator since 2012, accused the police of torture.", "accused", "2016-04-07", "day"),
    ("time_on_the_subject_dates_the_act", "2016-04-07",
     "Protesters in Nairobi on Tuesday accused the police of torture.", "accused", "2016-04-05", "day"),
    # "earlier in the day", "the previous day" with no time before them in the paragraph: the story's day
    ("earlier_in_the_day_is_the_story_day", "2016-04-01",
     "The Kenyan president spent Thursday at talks on the Somali border.\n\n"
     "He met the Ethiopian prime minister earlier in the day, his office said.", "met", "2016-03-31", "day"),
    ("previous_day_counts_from_the_story_day", "2016-04-01",
     "Kenyan police arrested a protest leader in Nairobi on Thursday.\n\n"
     "Her supporters had marched to parliament the previous day.", "marched", "2016-03-30", "day"),
    ("earlier_in_the_day_without_a_story_day", "2016-04-01",
     "The Kenyan president met the Ethiopian prime minister earlier in the day.", "met", "2016-04-01", "day"),
    # a light verb of a speech act shares its time with the act it names; a verb of another kind does not
    ("leveling_criticism_with_the_main_act", "2016-03-23",
     "Nigerian police detained three journalists in Kano on Monday, with the state governor leveling sharp "
     "criticism at the federal government.", "criticism", "2016-03-21", "day"),
    ("voiced_concern", "2016-03-23", "The Egyptian foreign minister voiced concern about the dam on Monday.",
     "concern", "2016-03-21", "day"),
    ("condemned_attack_is_a_topic", "2016-03-23", "The Egyptian foreign minister condemned the attack on Monday.",
     "attack", None, None),
    ("when_asked_is_past", "2016-08-09",
     "When asked about it during an interview in October, the senator said the plan was being discussed.",
     "asked", "2015-10-01", "month"),
]


@pytest.mark.parametrize(("published", "text", "word", "date", "precision"), [c[1:] for c in DIRECT],
                         ids=[c[0] for c in DIRECT])
def test_event_time_direct(nlp, published, text, word, date, precision):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    when = event_time(tok, {tok.i}, tok.sent, None, dt.date.fromisoformat(published))
    assert (when.date, when.precision) == (date, precision), when


def test_a_perfect_below_the_dated_act_is_not_dated_by_it(nlp):
    """The same verb told with its day earlier in the article does not date a perfect further down (background)."""
    text = ("Kenya accused Uganda of blocking fuel trucks on Tuesday.\n\nThe ministers met in Kampala.\n\n"
            "Officials gathered at the border.\n\nKenya has accused its neighbours of such moves before.")
    doc = nlp(text)
    first, last = [t for t in doc if t.text == "accused"]
    base = dt.date(2024, 6, 13)
    assert event_time(first, {first.i}, first.sent, None, base).date == "2024-06-11"
    assert event_time(last, {last.i}, last.sent, None, base).date != "2024-06-11"
