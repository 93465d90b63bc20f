"""Time expressions read against the article's date (dateline.extract.time.grammar)."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.extract.time import base_date, normalize
from dateline.extract.time.calendar import Resolved, period_end, season_start

THU = dt.date(2011, 11, 10)  # the sample's publication date, a Thursday


def _point(text, base=THU, direction="past", ref=None):
    n = normalize(text, base, direction, ref)
    assert n.kind == "point", (text, n)
    return n.value.iso(), n.value.precision, n.value.basis


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wednesday", ("2011-11-09", "day", "relative")),
        ("on Wednesday", ("2011-11-09", "day", "relative")),
        ("Tuesday morning", ("2011-11-08", "day", "relative")),
        ("late Wednesday", ("2011-11-09", "day", "relative")),
        ("Thursday", ("2011-11-10", "day", "relative")),  # the publication day itself
        ("Friday", ("2011-11-04", "day", "relative")),  # past tense: last Friday
        ("last Thursday", ("2011-11-03", "day", "relative")),
        ("in 2003", ("2003-01-01", "year", "explicit")),
        ("the 1990s", ("1990-01-01", "decade", "explicit")),
        ("this year", ("2011-01-01", "year", "relative")),
        ("last month", ("2011-10-01", "month", "relative")),
        ("earlier this month", ("2011-11-01", "month", "relative")),
        ("last week", ("2011-10-31", "week", "relative")),
        ("yesterday", ("2011-11-09", "day", "relative")),
        ("today", ("2011-11-10", "day", "relative")),
        ("November 9", ("2011-11-09", "day", "relative")),
        ("Nov. 11", ("2010-11-11", "day", "relative")),  # past tense: never after the article
        ("September 29, 2010", ("2010-09-29", "day", "explicit")),
        ("the 5th of March 2009", ("2009-03-05", "day", "explicit")),
        ("March 2009", ("2009-03-01", "month", "explicit")),
        ("late 2017", ("2017-09-01", "season", "explicit")),
        ("mid-2014", ("2014-05-01", "season", "explicit")),
        ("in the spring of 2010", ("2010-03-01", "season", "explicit")),
        ("winter 2010", ("2009-12-01", "season", "explicit")),
        ("in the summer", ("2011-06-01", "season", "relative")),
        ("last winter", ("2010-12-01", "season", "relative")),
        ("late January", ("2011-01-01", "month", "relative")),
        ("three years ago", ("2008-01-01", "year", "relative")),
        ("18 months ago", ("2010-05-01", "month", "relative")),
        ("two days ago", ("2011-11-08", "day", "relative")),
        ("the previous day", ("2011-11-09", "day", "relative")),
        ("late last year", ("2010-09-01", "season", "relative")),
    ],
)
def test_points(text, expected):
    assert _point(text) == expected


@pytest.mark.parametrize("text", ["55", "aged 55", "a 55-year-old", "55 years old", "area 55", "F-16", "737"])
def test_numbers_that_are_not_years(text):
    assert normalize(text, THU, "past").value is None


def test_four_digit_number_is_a_year_only_in_date_context():
    assert normalize("2003", THU, "past", bare_year=False).value is None
    assert normalize("in 2003", THU, "past", bare_year=False).value.iso() == "2003-01-01"
    assert normalize("2334", THU, "past").value is None  # more than a year ahead: not a year here


@pytest.mark.parametrize(("text", "kind"), [
    ("for three years", "duration"), ("three years", "duration"), ("a 10-year", "duration"),
    ("in recent years", "vague"), ("the past few years", "vague"), ("in the past", "vague"), ("once", "vague"),
    ("by 2020", "bound"), ("until March", "bound"), ("before 2009", "bound"),
    ("several months later", "vague"),
])
def test_what_is_not_a_point(text, kind):
    assert normalize(text, THU, "past").kind == kind


def test_tense_places_what_lacks_a_year():
    wed = dt.date(2022, 10, 5)
    assert _point("in December", wed)[0] == "2021-12-01"
    assert _point("in December", wed, "future")[0] == "2022-12-01"
    assert _point("Friday", wed)[0] == "2022-09-30" and _point("Friday", wed, "future")[0] == "2022-10-07"
    assert _point("Friday", wed, "near")[0] == "2022-10-07"  # two days ahead is nearer than five back
    assert _point("last Friday", wed, "future")[0] == "2022-09-30"
    assert _point("Oct. 31", dt.date(2019, 11, 19))[0] == "2019-10-31"
    assert _point("Oct. 31", dt.date(2019, 11, 19), "future")[0] == "2020-10-31"
    assert _point("in 2003", wed, "future")[0] == "2003-01-01"


def test_anaphora_counts_from_the_reference_time():
    ref = Resolved(dt.date(2014, 3, 3), "day", "explicit")
    assert _point("two days later", ref=ref) == ("2014-03-05", "day", "relative")
    assert _point("the following week", ref=ref) == ("2014-03-10", "week", "relative")
    year = Resolved(dt.date(1980, 1, 1), "year", "explicit")
    assert _point("two days later", ref=year) == ("1980-01-01", "year", "relative")  # no finer than its reference
    assert normalize("two days later", THU, "past").kind == "anaphoric"  # forward, with nothing to count from
    assert _point("two days earlier") == ("2011-11-08", "day", "relative")  # back from the article's date


def test_without_base_only_absolute_dates_resolve():
    assert normalize("Wednesday", None).value is None
    assert normalize("this year", None).value is None
    assert normalize("in 2003", None).value.iso() == "2003-01-01"
    assert normalize("September 29, 2010", None).value.iso() == "2010-09-29"


def test_base_date_prefers_publication_then_full_dateline_date():
    assert base_date("2011-11-10T08:00:00Z", "11-09") == THU
    assert base_date(None, "2011-11-09") == dt.date(2011, 11, 9)
    assert base_date(None, "11-10") is None  # month-day without a year is not guessed
    assert base_date("not a date", None) is None


def test_periods():
    assert season_start(2010, 12) == dt.date(2009, 12, 1)
    assert period_end(dt.date(2009, 12, 1), "season") == dt.date(2010, 2, 28)
    assert period_end(dt.date(2017, 9, 1), "season") == dt.date(2017, 11, 30)  # "late 2017"
    assert period_end(dt.date(1990, 1, 1), "decade") == dt.date(1999, 12, 31)
    assert period_end(dt.date(2012, 2, 1), "month") == dt.date(2012, 2, 29)
