"""The /events, /timeline and /network pages: data computed server-side; the charts are drawn by
static JS (Chart.js, Cytoscape). Event lists are in publication order unless a column is sorted
(``order=date``: by the event's own date); the timeline bins events by their own date
(``bin=day|week|month|year``) and shows the undated."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from dateline import query
from dateline.api.deps import get_store
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.web.params import event_filter_from, form_values, int_param, pickers, sort_param
from dateline.web.templating import QUAD_NAMES, templates

EVENTS_PAGE = 50
NETWORK_EDGES = 60  # the heaviest edges drawn by default: labels stay readable
# The events table: (sort key or None, header). A column added to events (a rule, a date precision)
# is one row here and one cell in events.html's ``cell`` macro.
EVENT_TABLE = (("day", "Date"), ("published", "Published"), ("type", "Type"), ("source", "Source"), ("target", "Target"),
               ("modality", "Modality"), ("place", "Place"), ("goldstein", "Goldstein"), (None, "Evidence"))


def timeline_view(tl: dict) -> dict:
    """``query.timeline`` -> the chart's data: ``{"days": [labels], "series": {"1": [...], ..., "0": [...]},
    "names", "bin", "undated", "coarser"}``. Every period of the axis is a label (the axis is linear in
    time); the undated events are the last bar, labelled "undated", so they are seen, not dropped."""
    bins = tl.get("bins") or []
    undated = (tl.get("undated") or {}).get("quad") or {}
    labels = [b["date"] for b in bins]
    keys = ["1", "2", "3", "4"]
    if any(b["quad"].get("0") for b in bins) or undated.get("0"):
        keys.append("0")
    series = {k: [b["quad"].get(k, 0) for b in bins] for k in keys}
    if (tl.get("undated") or {}).get("n"):
        labels.append("undated")
        for k in keys:
            series[k].append(undated.get(k, 0))
    return {"days": labels, "series": series, "bin": tl.get("bin", "day"),
            "names": {**{str(k): v for k, v in QUAD_NAMES.items()}, "0": "unclassified"},
            "undated": (tl.get("undated") or {}).get("n", 0), "coarser": tl.get("coarser") or {"n": 0}}


def build(config: Config) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/timeline", name="timeline_page")
    def timeline_page(request: Request, store=Depends(get_store)):
        form = form_values(request)
        bin_ = request.query_params.get("bin") or "auto"
        f, error = event_filter_from(form)
        tl = {}
        if f:
            try:
                tl = query.timeline(store, f, bin=bin_ if bin_ in query.timeline_bins() else "auto")
            except DatelineError as exc:
                error = exc.message
        data = timeline_view(tl)
        totals = {k: sum(v) for k, v in data["series"].items()}
        return templates().TemplateResponse(request, "timeline.html", {
            "nav": request.app.state.nav, "form": form, "error": error, "data": data, "totals": totals,
            "total": sum(totals.values()), "active": "timeline", "bin": bin_, "tl": tl,
        })

    @router.get("/network", name="network_page")
    def network_page(request: Request, store=Depends(get_store)):
        form = form_values(request)
        max_edges = int_param(request, "max_edges", NETWORK_EDGES, 1, 500)
        min_weight = int_param(request, "min_weight", 1, 1, 10_000)
        isolated = request.query_params.get("isolated") in ("1", "on", "true")
        f, error = event_filter_from(form)
        net = query.network(store, f, max_edges=max_edges, min_weight=min_weight, hide_isolated=not isolated) \
            if f else {"nodes": [], "edges": []}
        names = {n["id"]: n.get("name") for n in net["nodes"]}
        event_query = {k: v for k, v in form.items() if k not in ("source", "target") and v}
        api_query = {**event_query, "max_edges": max_edges, "min_weight": min_weight,
                     "hide_isolated": "false" if isolated else "true"}
        return templates().TemplateResponse(request, "network.html", {
            "nav": request.app.state.nav, "form": form, "error": error, "net": net, "names": names,
            "max_edges": max_edges, "min_weight": min_weight, "isolated": isolated, "active": "network",
            "event_query": event_query, "api_query": api_query,
        })

    @router.get("/events", name="events_page")
    def events_page(request: Request, store=Depends(get_store)):
        form = form_values(request)
        # default: newest article first; a sorted column, or order=date (the event's own date)
        form["sort"] = sort_param(request) or ("-day" if request.query_params.get("order") == "date" else "")
        pageno = int_param(request, "page", 1, 1, 100_000)
        f, error = event_filter_from(form)
        rows, total, facets = [], 0, {}
        if f:
            rows = query.events(store, f, limit=EVENTS_PAGE, offset=(pageno - 1) * EVENTS_PAGE,
                                sort=form["sort"] or None)
            total = query.count_events(store, f, cap=10_000)
            facets = query.event_facets(store, f)
        filters = {k: v for k, v in form.items() if k != "sort" and v}
        return templates().TemplateResponse(request, "events.html", {
            "nav": request.app.state.nav, "form": form, "error": error, "rows": rows, "total": total,
            "page": pageno, "per_page": EVENTS_PAGE, "active": "events", "facets": facets,
            "pick": pickers(facets, form), "filters": filters, "columns": EVENT_TABLE,
        })

    return router
