"""Reading the filter form of the web pages into ``dateline.query`` filters, keeping bad input visible."""

from __future__ import annotations

from fastapi import Request

from dateline.errors import DatelineError
from dateline.query.filters import EventFilter

EVENT_FIELDS = ("actor", "source", "target", "type", "country", "since", "until")


def form_values(request: Request, names=EVENT_FIELDS) -> dict:
    qp = request.query_params
    out = {k: (qp.get(k) or "").strip()[:200] for k in names}
    out["asserted_only"] = qp.get("asserted_only") in ("1", "true", "on", "yes")
    return out


def event_filter_from(values: dict) -> tuple[EventFilter | None, str | None]:
    """The filter for the form values, or None and the error message (the page then shows no data)."""
    try:
        return EventFilter(**{k: (v or None) if k != "asserted_only" else v for k, v in values.items()}), None
    except DatelineError as exc:
        return None, exc.message


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    try:
        v = int(request.query_params.get(name, default))
    except ValueError:
        return default
    return max(lo, min(hi, v))
