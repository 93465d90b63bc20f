"""The page envelope: ``{"items", "total", "limit", "offset", "next"}``."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse


def json(data) -> JSONResponse:
    """Send query-layer dicts as they are. The route's ``response_model`` still documents the shape
    (and schemathesis checks answers against it), but per-row pydantic validation is skipped: it
    was most of the CPU time of a 50-event page."""
    return JSONResponse(data)


def paged(request: Request, items: list, total: int, limit: int, offset: int, **extra) -> JSONResponse:
    nxt = None
    if offset + len(items) < total and items:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return json({"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt, **extra})
