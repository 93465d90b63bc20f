"""Wire datelines: forms, normalised dates, spans, and sentences that are not datelines."""

from __future__ import annotations

import pytest

from dateline.clean.datelines import find_dateline, parse_dateline


@pytest.mark.parametrize(
    "text, printed, place, date, agency",
    [
        ("Moscow, Nov 10, IRNA -- Iran's deputy said", "Moscow, Nov 10, IRNA --", "Moscow", "11-10", "IRNA"),
        ("WASHINGTON (Reuters) - Scientists on Monday", "WASHINGTON (Reuters) -", "Washington", None, "Reuters"),
        ("TALLAHASSEE, Fla. (AP) — A judge ruled", "TALLAHASSEE, Fla. (AP) —", "Tallahassee, Fla.", None, "AP"),
        ("BEIJING, March 3 (Xinhua) -- China will", "BEIJING, March 3 (Xinhua) --", "Beijing", "03-03", "Xinhua"),
        ("LONDON, Jan 5 (AFP) - Britain said", "LONDON, Jan 5 (AFP) -", "London", "01-05", "AFP"),
        ("LONDON, Jan 5 (AFP) – Britain said", "LONDON, Jan 5 (AFP) –", "London", "01-05", "AFP"),
        ("WASHINGTON, Nov. 18 (UPI) -- A panel", "WASHINGTON, Nov. 18 (UPI) --", "Washington", "11-18", "UPI"),
        ("MOSCOW, November 10. /TASS/. The Kremlin", "MOSCOW, November 10. /TASS/.", "Moscow", "11-10", "TASS"),
        ("PARIS, 5 January (Agence France-Presse) - A", "PARIS, 5 January (Agence France-Presse) -", "Paris", "01-05", "AFP"),
        ("(Reuters) - Oil prices fell", "(Reuters) -", None, None, "Reuters"),
        ("BUFFALO, N.Y. — Hours before", "BUFFALO, N.Y. —", "Buffalo, N.Y.", None, None),
        ("ST. JOSEPH, Mich. (AP) — Michigan health", "ST. JOSEPH, Mich. (AP) —", "St. Joseph, Mich.", None, "AP"),
        ("DUBAI, United Arab Emirates — Dubai's carrier", "DUBAI, United Arab Emirates —", "Dubai, United Arab Emirates", None, None),
        ("WASHINGTON—The Senate voted", "WASHINGTON—", "Washington", None, None),
        ("NEW DELHI: The government said", "NEW DELHI:", "New Delhi", None, None),
        ("New York, NY – With content", "New York, NY –", "New York, NY", None, None),
        ("Tehran, Nov 9, IRNA – Iran's FM", "Tehran, Nov 9, IRNA –", "Tehran", "11-09", "IRNA"),
    ],
)
def test_forms(text, printed, place, date, agency):
    dl = parse_dateline(text)
    assert dl is not None
    assert text[dl.span[0] : dl.span[1]] == printed
    assert (dl.place, dl.date, dl.agency) == (place, date, agency)


@pytest.mark.parametrize(
    "text",
    [
        "Beauty company Coty is breaking out — in a good way.",
        "Two hostages — an American and an Australian — were freed.",
        "In case you are living in Delhi-NCR, chances are you have an app.",
        "Indianapolis – Several thousand teachers wearing red",  # mixed case, nothing to anchor it
        "BREAKING: Lawan moves motion for adjournment",
        "UPDATE - The story was updated",
        "Moscow, Nov 40, IRNA -- impossible day",
        "Moscow, Nov 10, somebody -- not an agency",
        "The president said on Monday - in a speech - that",
    ],
)
def test_not_datelines(text):
    assert parse_dateline(text) is None


def test_find_dateline_after_byline_paragraph_gives_span_into_body():
    body = "By Jane Doe\n\nLONDON, Jan 5 (AFP) - Britain said on Friday that talks would resume.\n\nMore text."
    dl = find_dateline(body)
    assert dl is not None and dl.agency == "AFP"
    assert body[dl.span[0] : dl.span[1]] == "LONDON, Jan 5 (AFP) -"
    assert dl.span[0] == body.index("LONDON")


def test_find_dateline_only_near_the_top():
    body = "\n\n".join(["First paragraph of prose here."] * 4 + ["WASHINGTON (Reuters) - late in the story"])
    assert find_dateline(body) is None
    assert find_dateline(body, paragraphs=5) is not None
