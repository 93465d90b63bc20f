"""Timelines on a real time axis: every period listed, undated and coarsely dated events counted apart."""

from __future__ import annotations

import pytest

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.query import EventFilter, count_events, events, timeline
from dateline.store import open_store
from dateline.store.writer import Writer

BODY = ("Iran accused Israel of the attack. Israel struck Gaza. Israel had attacked Syria. "
        "Egypt supported Jordan. Iran praised Russia.")


@pytest.fixture()
def store(tmp_path, fx):
    """One article of 2011-11-22 whose events are dated at every precision, and two undated."""
    dated = [  # (id, type, qc, src, tgt, words, date, date_text, precision, basis)
        ("e1", "ACCUSE", 3, "a1", "a2", "Iran accused Israel of the attack", "2011-11-21", "Monday", "day", "relative"),
        ("e2", "ASSAULT", 4, "a2", "a3", "Israel struck Gaza", "2011-11-07", "Nov. 7", "day", "relative"),
        ("e3", "ASSAULT", 4, "a2", "a4", "Israel had attacked Syria", None, None, None, "none"),
        ("e4", "SUPPORT", 1, "a5", "a6", "Egypt supported Jordan", "2011-09-01", "late 2011", "season", "explicit"),
        ("e5", "SUPPORT", 1, "a1", "a7", "Iran praised Russia", "2011-10-01", "last month", "month", "relative"),
    ]
    names = ["Iran", "Israel", "Gaza", "Syria", "Egypt", "Jordan", "Russia"]
    doc = fx.Doc(key="dated", published="2011-11-22", source="Reuters", site="reuters.com", headline="Dates",
                 url="https://example.com/dates", body=BODY,
                 actors=[(f"a{i + 1}", n, "country", n[:3].upper(), "GOV", (), [n]) for i, n in enumerate(names)],
                 events=[dict(id=i, type=t, cameo="112", qc=q, g=-2.0, src=s, tgt=g, ev=w, date=d, date_text=dtx,
                              undated=d is None) for i, t, q, s, g, w, d, dtx, _, _ in dated])
    res = fx.result(doc)
    for e, (_, _, _, _, _, _, _, _, p, b) in zip(res.record["events"], dated, strict=True):
        e["date_precision"], e["date_basis"] = p, b
    path = tmp_path / "t.db"
    with open_store(str(path)) as s:
        Writer(s, Config()).write(res)
    with open_store(str(path)) as s:
        yield s


def test_every_day_is_on_the_axis_and_coarse_or_undated_events_are_counted(store):
    tl = timeline(store, EventFilter(), bin="day")
    days = [b["date"] for b in tl["bins"]]
    assert days[0] == "2011-11-07" and days[-1] == "2011-11-21" and len(days) == 15  # empty days take their space
    assert [b["n"] for b in tl["bins"] if b["n"]] == [1, 1]
    assert tl["undated"] == {"n": 1, "quad": {"1": 0, "2": 0, "3": 0, "4": 1, "0": 0}}
    assert tl["coarser"]["n"] == 2 and tl["coarser"]["precision"] == {"season": 1, "month": 1}
    assert tl["dated"] + tl["undated"]["n"] == count_events(store) == 5


def test_bins_by_week_month_and_year(store):
    weeks = timeline(store, EventFilter(), bin="week")
    assert all(b["date"] in ("2011-11-07", "2011-11-14", "2011-11-21") for b in weeks["bins"])
    assert [b["n"] for b in weeks["bins"]] == [1, 0, 1]
    months = timeline(store, EventFilter(), bin="month")
    assert [(b["date"], b["end"], b["n"]) for b in months["bins"]] == [
        ("2011-10-01", "2011-10-31", 1), ("2011-11-01", "2011-11-30", 2)]  # the axis spans what it draws
    assert months["coarser"]["precision"] == {"season": 1}  # "late 2011" is not one month
    years = timeline(store, EventFilter(), bin="year")
    assert [(b["date"], b["n"]) for b in years["bins"]] == [("2011-01-01", 4)] and years["coarser"]["n"] == 0


def test_date_filters_frame_the_axis_and_undated_stay_visible(store):
    tl = timeline(store, EventFilter(since="2011-11", until="2011-11"), bin="auto")
    assert tl["bin"] == "day" and tl["start"] == "2011-11-01" and tl["end"] == "2011-11-30" and len(tl["bins"]) == 30
    assert tl["undated"]["n"] == 1  # not in any date range, still counted
    assert timeline(store, EventFilter(since="2000", until="2011"), bin="auto")["bin"] == "month"
    assert timeline(store, EventFilter(since="1900", until="2011"), bin="auto")["bin"] == "year"
    assert timeline(store, EventFilter(since="1900", until="2011"), bin="day")["bin"] == "month"  # 5,000 bars at most
    with pytest.raises(DatelineError):
        timeline(store, EventFilter(), bin="fortnight")


def test_lists_in_publication_order_or_by_event_date(store):
    by_pub = events(store, EventFilter())
    assert len(by_pub) == 5
    by_date = [e["local_id"] for e in events(store, EventFilter(), order="date")]
    assert by_date == ["e1", "e2", "e5", "e4", "e3"]  # undated last
    assert {e["local_id"] for e in events(store, EventFilter(since="2011-11-01"))} == {"e1", "e2"}
