"""The page envelope: ``{"items", "total", "limit", "offset", "next"}``."""

from __future__ import annotations

from fastapi import Request


def paged(request: Request, items: list, total: int, limit: int, offset: int) -> dict:
    nxt = None
    if offset + len(items) < total and items:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next": nxt}
