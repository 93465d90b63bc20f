"""Page totals: counted only when needed, capped counts flagged as lower bounds."""

from __future__ import annotations

import json

from starlette.requests import Request

from dateline.api.pagination import TOTAL_CAP, count_cap, paged, total_of


def _request(query: str = "") -> Request:
    return Request({"type": "http", "method": "GET", "path": "/api/events", "query_string": query.encode(),
                    "headers": [(b"host", b"127.0.0.1:8000")], "scheme": "http", "server": ("127.0.0.1", 8000)})


def test_total_is_known_without_counting_on_the_last_page():
    def never():
        raise AssertionError("counted")

    assert total_of([1, 2], limit=5, offset=10, count=never) == 12
    assert total_of([], limit=5, offset=0, count=never) == 0
    assert total_of([1] * 5, limit=5, offset=0, count=lambda: 99) == 99
    assert total_of([], limit=5, offset=50, count=lambda: 7) == 7  # past the end: ask


def test_capped_totals_are_flagged_and_still_link_the_next_page():
    assert count_cap(0, 50, exact=True) is None
    assert count_cap(0, 50, exact=False) == TOTAL_CAP
    assert count_cap(TOTAL_CAP, 50, exact=False) == TOTAL_CAP + 51  # always enough to see a next page
    body = json.loads(paged(_request("limit=50"), list(range(50)), TOTAL_CAP, 50, 0, cap=TOTAL_CAP).body)
    assert body["total_exact"] is False and "offset=50" in body["next"]
    body = json.loads(paged(_request(), list(range(3)), 3, 50, 0, cap=TOTAL_CAP).body)
    assert body["total_exact"] is True and body["next"] is None
