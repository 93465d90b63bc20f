"""/api/events, /api/events/{id}, /api/timeline, /api/network."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request

from dateline import query as q
from dateline.api import csv_out, models, network_out
from dateline.api.deps import Page, get_store, page_params, run_light
from dateline.api.filters import event_filter
from dateline.api.pagination import TOTAL_CAP, count_cap, json, paged, total_of
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.query.filters import EventFilter

NOT_FOUND = {404: {"model": models.ErrorResponse}, 400: {"model": models.ErrorResponse}}
TIMELINE_COLUMNS = ("date", "end", "n", "1", "2", "3", "4", "0")


def timeline_rows(tl: dict) -> list[dict]:
    """A timeline as CSV rows: one per bin, then ``undated`` (no dates) when there are undated events."""
    rows = [{"date": b["date"], "end": b["end"], "n": b["n"], **b["quad"]} for b in tl["bins"]]
    if tl["undated"]["n"]:
        rows.append({"date": "undated", "end": "", "n": tl["undated"]["n"], **tl["undated"]["quad"]})
    return rows


def build(config: Config) -> APIRouter:
    router = APIRouter(tags=["events"], responses={400: {"model": models.ErrorResponse}})

    @router.get("/events", response_model=models.Page[models.Event], summary="List events",
                responses=csv_out.CSV_RESPONSE)
    async def list_events(
        request: Request,
        f: EventFilter = Depends(event_filter),
        pg: Page = Depends(page_params(config.max_page_size)),
        exact_total: bool = Query(False, description=f"count every match (else counting stops at {TOTAL_CAP:,})"),
        format: str = csv_out.FORMAT,
        order: str = Query("published", pattern="^(published|date)$",
                           description="newest first by the article's publication (default) or by the event's "
                                       "own date (undated events last)"),
        store=Depends(get_store),
    ):
        """Events matching the filters (they combine), newest first, with their evidence and date.
        ``format=csv``: every match as CSV (``EVENT_COLUMNS``), streamed."""
        if format == "csv":
            return csv_out.stream(store, "events", q.EVENT_COLUMNS,
                                  lambda s, n, off: q.events(s, f, n, off, order=order),
                                  offset=pg.offset, cap=csv_out.row_cap(request, pg.limit))
        cap = count_cap(pg.offset, pg.limit, exact_total)

        def work(store):
            items = q.events(store, f, limit=pg.limit, offset=pg.offset, order=order)
            return items, total_of(items, pg.limit, pg.offset, lambda: q.count_events(store, f, cap=cap))

        items, total = await run_light(store, work, request.app.state.light_stats)
        return paged(request, items, total, pg.limit, pg.offset, cap=cap)

    @router.get("/events/{event_id}", response_model=models.Event, responses=NOT_FOUND, summary="One event")
    async def one_event(request: Request, event_id: int = Path(ge=1, le=2**62), store=Depends(get_store)):
        row = await run_light(store, lambda s: q.event(s, event_id), request.app.state.light_stats)
        if row is None:
            raise DatelineError("E402", f"no event {event_id}")
        return json(row)

    @router.get("/timeline", response_model=models.Timeline, summary="Events over time, and what is undated",
                responses=csv_out.CSV_RESPONSE)
    def timeline(
        request: Request,
        f: EventFilter = Depends(event_filter),
        bin: str = Query("auto", pattern="^(auto|day|week|month|year)$",
                         description="the period of a bin; auto: day up to 120 days, week up to 3 years, "
                                     "month up to 40 years, else year"),
        format: str = csv_out.FORMAT,
        store=Depends(get_store),
    ):
        """Counts by quad class (1 verbal cooperation .. 4 material conflict) per period of the event's own
        date, every period from start to end listed (empty ones too). Undated events are counted in
        ``undated``; events dated less finely than the bin ("in 2014" by month) in ``coarser``.
        ``format=csv``: one row per bin (``date``, ``end``, ``n``, ``1``..``4``, ``0``) and a last row
        ``undated``."""
        tl = q.timeline(store, f, bin=bin)
        if format == "csv":
            return csv_out.once("timeline", TIMELINE_COLUMNS, timeline_rows(tl))
        return json(tl)

    @router.get("/network", response_model=models.Network, summary="Who acts on whom",
                responses=network_out.RESPONSES)
    def network(
        request: Request,
        f: EventFilter = Depends(event_filter),
        max_edges: int = Query(200, ge=1, le=1000, description="keep the heaviest edges"),
        min_weight: int = Query(1, ge=1, le=1_000_000, description="leave out edges with fewer events"),
        hide_isolated: bool = Query(False, description="leave out pairs of actors linked to no one else"),
        format: str = Query("json", pattern="^(json|csv|graphml)$",
                            description="json; csv (one row per edge, with both actors' names); graphml"),
        store=Depends(get_store),
    ):
        """Actors as nodes; directed edges weighted by event count (an event told twice in one story
        counts once), with mean Goldstein score (-10 conflictual .. +10 cooperative) and the newest event
        ids of each edge."""
        net = q.network(store, f, max_edges=max_edges, min_weight=min_weight,
                        hide_isolated=hide_isolated)
        if format == "csv":
            return csv_out.once("network-edges", network_out.EDGE_COLUMNS, network_out.edge_rows(net))
        if format == "graphml":
            return network_out.graphml_response(net)
        return json(net)

    return router
