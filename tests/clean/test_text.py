"""Plain-text pages of other sites: header fields, chrome, footers, published-date precedence."""

from __future__ import annotations

from dateline.clean import clean_batch
from dateline.clean.text import full_date, is_prose, titleish
from dateline.config import Config
from dateline.types import CleanDocument, FailedInput, InputRef, RawDocument

WIRE_PAGE = """Skip to main content
Home | World | Business | Markets | Politics | Tech
World News
Iran says nuclear talks with world powers to resume next month
By Parisa Hafezi
November 10, 2011
5 Min Read
DUBAI (Reuters) - Iran will resume talks with six world powers on its nuclear programme next month, \
its top negotiator said on Thursday, a week after a U.N. report raised fresh suspicions.
"We are ready for talks based on mutual respect," Saeed Jalili told reporters in Tehran.
Western diplomats said they would study the offer but doubted Iran would change course.
(Reporting by Parisa Hafezi; Editing by Jon Hemming)
Share this article
Related Coverage
Iran rejects IAEA report as politically motivated
Oil rises on Iran tensions
© 2011 Thomson Reuters. All rights reserved.
We use cookies to give you the best experience. By continuing to use our site you agree to our cookie policy.
"""


def _clean(text: str, **kw) -> CleanDocument:
    raw = RawDocument(InputRef(path="page.txt"), text, "text", "sha", **kw)
    [doc] = clean_batch([raw], Config())
    assert isinstance(doc, CleanDocument)
    return doc


def test_wire_page_fields():
    doc = _clean(WIRE_PAGE)
    assert doc.section == "World News"
    assert doc.headline == "Iran says nuclear talks with world powers to resume next month"
    assert doc.byline == "Parisa Hafezi"
    assert doc.source == "Reuters"
    assert doc.dateline.place == "Dubai" and doc.dateline.agency == "Reuters"
    assert doc.body.startswith("DUBAI (Reuters) - Iran will resume talks")
    assert doc.body.endswith("(Reporting by Parisa Hafezi; Editing by Jon Hemming)")


def test_wire_page_chrome_removed():
    body = _clean(WIRE_PAGE).body
    for gone in ("Skip to main content", "Markets", "Min Read", "Share this", "Related Coverage",
                 "Oil rises", "Thomson Reuters", "cookies", "World News", "By Parisa"):
        assert gone not in body, gone
    assert body.count("\n\n") == 3


def test_published_precedence():
    # the page's own date (its header date line) when there is no hint
    assert _clean(WIRE_PAGE).published == "2011-11-10"
    # own date beats a fallback (crawl) date
    assert _clean(WIRE_PAGE, published="2019-03-01", published_is_fallback=True).published == "2011-11-10"
    # an explicit hint beats everything
    assert _clean(WIRE_PAGE, published="2011-11-11").published == "2011-11-11"
    # no own date: the fallback is all there is
    page = WIRE_PAGE.replace("November 10, 2011\n", "")
    assert _clean(page, published="2019-03-01", published_is_fallback=True).published == "2019-03-01"


AGENCY_PAGE = """Xinhua English
China, Russia pledge closer energy ties
BEIJING, March 3 (Xinhua) -- China and Russia on Saturday agreed to deepen cooperation in oil, gas \
and nuclear power, officials from both sides said after talks in the Chinese capital.
The two sides signed seven agreements worth several billion U.S. dollars, according to the statement.
Source: Xinhua
Editor: Li Wei
"""


def test_agency_credit_footer_and_title_hint():
    doc = _clean(AGENCY_PAGE, title="China, Russia pledge closer energy ties")
    assert doc.headline == "China, Russia pledge closer energy ties"
    assert doc.source == "Xinhua"
    assert doc.dateline.date == "03-03" and doc.dateline.place == "Beijing"
    assert doc.body.startswith("BEIJING, March 3 (Xinhua) --")
    assert "Source: Xinhua" not in doc.body and "Editor: Li Wei" not in doc.body


def test_standfirst_after_headline_stays_in_body():
    page = (
        "Politics\n\nSenate passes spending bill\n\nThe vote ends a month of wrangling.\n\n"
        "WASHINGTON (AP) — The Senate passed a spending bill on Friday by a vote of 70 to 30, sending it to "
        "the House where its fate is less certain.\n\nMore paragraphs follow here with detail on the votes."
    )
    doc = _clean(page)
    assert doc.headline == "Senate passes spending bill" and doc.section == "Politics"
    assert doc.body.startswith("The vote ends a month of wrangling.")
    assert doc.dateline is not None and doc.body[doc.dateline.span[0] :].startswith("WASHINGTON (AP) —")


def test_agency_footer_with_news_code_from_another_agency():
    page = (
        "Kuwait, Gulf states discuss security\n\nKUWAIT, Nov 9 (KUNA) -- Gulf foreign ministers met on "
        "Wednesday to discuss regional security, the Kuwait News Agency reported, citing officials.\n\n"
        "Kuwait News Agency/KUNA story id: 2215634\n"
    )
    doc = _clean(page)
    assert (doc.source, doc.news_code) == ("KUNA", "2215634")
    assert "2215634" not in doc.body


def test_empty_after_cleaning_fails_with_e200():
    raw = RawDocument(InputRef(path="x.txt"), "Share this article\n\nAccept all cookies\n", "text", "sha")
    [res] = clean_batch([raw], Config())
    assert isinstance(res, FailedInput) and res.code == "E200"


def test_batch_keeps_length_and_order():
    raws = [
        RawDocument(InputRef(path="a.txt"), WIRE_PAGE, "text", "a"),
        RawDocument(InputRef(path="b.txt"), "Advertisement\n", "text", "b"),
        RawDocument(InputRef(path="c.txt"), AGENCY_PAGE, "text", "c"),
    ]
    out = clean_batch(raws, Config())
    assert [type(x).__name__ for x in out] == ["CleanDocument", "FailedInput", "CleanDocument"]
    assert [x.input.path for x in out] == ["a.txt", "b.txt", "c.txt"]


def test_helpers():
    assert titleish("Weapons of Mass Destruction (WMD)")
    assert not titleish("Iran said it would resume talks next month.")
    assert is_prose("Iran said on Thursday it would resume talks with the powers.")
    assert not is_prose("Iran Says It Will Resume Talks With World Powers Next Month Amid Pressure.")
    assert full_date("Posted: Thursday, November 10, 2011 at 3:45 PM EST") == "2011-11-10"
    assert full_date("10 Nov 2011") == "2011-11-10"
    assert full_date("2011-11-10") == "2011-11-10"
    assert full_date("November 10") is None


BBC_2011 = """Skip to main content
Menu
News
Sport
Middle East
Iran nuclear: IAEA report alarms Israel
10 November 2011
Last updated at 10:32 GMT
Share this page
Delicious
Digg
Facebook
reddit
StumbleUpon
Twitter
Email
Print
Israel has said the international community must act to stop Iran's nuclear programme after a UN report \
said Tehran appeared to have worked on designing a bomb.
The International Atomic Energy Agency said it had credible information that Iran had carried out tests.
More on This Story
Related Stories
Iran rejects IAEA report
"""


def test_page_with_share_list_and_update_time():
    doc = _clean(BBC_2011)
    assert doc.headline == "Iran nuclear: IAEA report alarms Israel"
    assert doc.section == "Middle East"
    assert doc.published == "2011-11-10"
    assert doc.body.startswith("Israel has said the international community must act")
    assert doc.body.endswith("had carried out tests.")
    for gone in ("Digg", "StumbleUpon", "10:32", "Share this page", "Related Stories"):
        assert gone not in doc.body


def test_byline_with_wire_credit_and_a_sentence_that_only_starts_with_by():
    page = (
        "Storm hits the coast\n\nBy JOHN SMITH, Associated Press\n\n"
        "MIAMI (AP) — A storm hit the coast on Monday, cutting power to thousands of homes and businesses.\n\n"
        "By the end of the day\n\nCrews had restored power to most of them, officials said."
    )
    doc = _clean(page)
    assert doc.byline == "John Smith" and doc.source == "AP"
    assert "By the end of the day" in doc.body


def test_a_name_heavy_last_paragraph_is_kept():
    # regression: a closing paragraph full of names looked like a title and was dropped as chrome
    page = (
        "WASHINGTON, May 12 (Reuters) - The United States on Monday imposed sanctions on three Iranian banks, "
        "the Treasury Department said.\n\n"
        "Russia did not criticize the decision, diplomats in Moscow said on Tuesday evening.\n\n"
        "Turkey and Egypt signed a trade deal in Cairo. Secretary of State Antony Blinken met with Saudi "
        "officials in Riyadh on Wednesday."
    )
    doc = _clean(page)
    assert doc.body.endswith("Saudi officials in Riyadh on Wednesday.")
    assert is_prose("Turkey and Egypt signed a trade deal in Cairo. Secretary of State Antony Blinken met with "
                    "Saudi officials in Riyadh on Wednesday.")
    assert not is_prose("Weapons of Mass Destruction (WMD)")
