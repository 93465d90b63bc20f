"""Time expressions resolved against the article date (dateline.extract.timex)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.extract.timex import base_date, resolve

THU = dt.date(2011, 11, 10)  # the sample's publication date, a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wednesday", "2011-11-09"),
        ("on Wednesday", "2011-11-09"),
        ("Tuesday morning", "2011-11-08"),
        ("Wednesday evening", "2011-11-09"),
        ("Thursday", "2011-11-10"),  # the publication day itself
        ("Friday", "2011-11-04"),  # news reports the past: last Friday
        ("in 2003", "2003"),
        ("this year", "2011"),
        ("last month", "2011-10"),
        ("yesterday", "2011-11-09"),
        ("today", "2011-11-10"),
        ("November 9", "2011-11-09"),
        ("September 29, 2010", "2010-09-29"),
    ],
)
def test_resolves_relative_to_publication_date(text, expected):
    assert resolve(text, THU) == expected


def test_vague_expressions_stay_unresolved():
    assert resolve("in recent months", THU) is None
    assert resolve("the past few years", THU) is None


def test_without_base_only_absolute_dates_resolve():
    assert resolve("Wednesday", None) is None
    assert resolve("this year", None) is None
    assert resolve("in 2003", None) == "2003"
    assert resolve("September 29, 2010", None) == "2010-09-29"


def test_base_date_prefers_publication_then_full_dateline_date():
    assert base_date("2011-11-10T08:00:00Z", "11-09") == THU
    assert base_date(None, "2011-11-09") == dt.date(2011, 11, 9)
    assert base_date(None, "11-10") is None  # month-day without a year is not guessed
    assert base_date("not a date", None) is None


def test_future_preference_resolves_forward():
    wed = dt.date(2022, 10, 5)
    assert resolve("in December", wed) == "2021-12" and resolve("in December", wed, "future") == "2022-12"
    assert resolve("Friday", wed) == "2022-09-30" and resolve("Friday", wed, "future") == "2022-10-07"
    assert resolve("last Friday", wed, "future") == "2022-09-30"
    assert resolve("in 2003", wed, "future") == "2003"
