"""/api/events, /api/events/{id}, /api/timeline, /api/network."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request

from dateline import query as q
from dateline.api import models
from dateline.api.deps import Page, get_store, page_params, run_light
from dateline.api.filters import event_filter
from dateline.api.pagination import TOTAL_CAP, count_cap, json, paged, total_of
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.query.filters import EventFilter

NOT_FOUND = {404: {"model": models.ErrorResponse}, 400: {"model": models.ErrorResponse}}


def build(config: Config) -> APIRouter:
    router = APIRouter(tags=["events"], responses={400: {"model": models.ErrorResponse}})

    @router.get("/events", response_model=models.Page[models.Event], summary="List events")
    async def list_events(
        request: Request,
        f: EventFilter = Depends(event_filter),
        pg: Page = Depends(page_params(config.max_page_size)),
        exact_total: bool = Query(False, description=f"count every match (else counting stops at {TOTAL_CAP:,})"),
        store=Depends(get_store),
    ):
        """Events matching the filters (they combine), newest day first, with their evidence."""
        cap = count_cap(pg.offset, pg.limit, exact_total)

        def work(store):
            items = q.events(store, f, limit=pg.limit, offset=pg.offset)
            return items, total_of(items, pg.limit, pg.offset, lambda: q.count_events(store, f, cap=cap))

        items, total = await run_light(store, work, request.app.state.light_stats)
        return paged(request, items, total, pg.limit, pg.offset, cap=cap)

    @router.get("/events/{event_id}", response_model=models.Event, responses=NOT_FOUND, summary="One event")
    async def one_event(request: Request, event_id: int = Path(ge=1, le=2**62), store=Depends(get_store)):
        row = await run_light(store, lambda s: q.event(s, event_id), request.app.state.light_stats)
        if row is None:
            raise DatelineError("E402", f"no event {event_id}")
        return json(row)

    @router.get("/timeline", response_model=list[models.TimelinePoint], summary="Events per day by quad class")
    def timeline(f: EventFilter = Depends(event_filter), store=Depends(get_store)):
        """Counts per day and quad class (1 verbal cooperation .. 4 material conflict) for the filters."""
        return json(q.timeline(store, f))

    @router.get("/network", response_model=models.Network, summary="Who acts on whom")
    def network(
        f: EventFilter = Depends(event_filter),
        max_edges: int = Query(200, ge=1, le=1000, description="keep the heaviest edges"),
        store=Depends(get_store),
    ):
        """Actors as nodes; directed edges weighted by event count, with mean Goldstein score
        (-10 conflictual .. +10 cooperative) and the newest event ids of each edge."""
        return json(q.network(store, f, max_edges=max_edges))

    return router
