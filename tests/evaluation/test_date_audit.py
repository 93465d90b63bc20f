"""The re-dating scorer of judged audit rows (dateline.evaluation.date_audit): matching and counting."""

from __future__ import annotations

from dateline.evaluation.date_audit import compare, figures, find_event


def _row(ok: str, date: str, basis: str = "publication", **kw) -> dict:
    row = {"doc": "d1", "evidence": "Troops  attacked the town.", "trigger": "attacked", "date_ok": ok,
           "date": date, "date_text": "", "date_precision": "day", "date_basis": basis, "held": False}
    row.update(kw)
    return row


def _record(date: str, basis: str) -> dict:
    body = "Intro. Troops attacked the town."
    return {"id": "d1", "body": body, "published": "2020-05-06",
            "events": [{"evidence": {"text": "Troops attacked the town."}, "trigger": [14, 22], "date": date,
                        "date_text": None, "date_precision": "day", "date_basis": basis}]}


def test_find_event_by_sentence_and_trigger():
    rec = _record("2020-05-05", "relative")
    assert find_event(rec, _row("y", "2020-05-06"))["date"] == "2020-05-05"
    assert find_event(rec, _row("y", "2020-05-06", trigger="seized")) is None


def test_counts_kept_and_moved_dates():
    recs = {"d1": _record("2020-05-05", "relative")}
    rows = compare([_row("n", "2020-05-06"), _row("y", "2020-05-05", "relative"), _row("y", "2020-05-06")], recs)
    f = figures(rows)
    assert (f["wrong_moved"], f["right_kept"], f["right_moved"], f["lost"]) == (1, 1, 1, 0)
    assert f["estimate"] == 2 / 3


def test_coarse_old_dates_compare_as_their_first_day():
    recs = {"d1": {**_record("2018-06-01", "explicit")}}
    rows = compare([_row("y", "2018-06", "")], recs)  # the first tables wrote "2018-06" and no basis
    assert figures(rows)["right_kept"] == 1
