"""The /events, /timeline and /network pages: data computed server-side; the charts are drawn by
static JS (Chart.js, Cytoscape)."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi import APIRouter, Depends, Request

from dateline import query
from dateline.api.deps import get_store
from dateline.config import Config
from dateline.web.params import event_filter_from, form_values, int_param, pickers, sort_param
from dateline.web.templating import QUAD_NAMES, templates

MAX_FILLED_DAYS = 1500  # longer ranges are drawn with only the days that have events
EVENTS_PAGE = 50
NETWORK_EDGES = 60  # the heaviest edges drawn by default: labels stay readable
# The events table: (sort key or None, header). A column added to events (a rule, a date precision)
# is one row here and one cell in events.html's ``cell`` macro.
EVENT_TABLE = (("day", "Day"), ("type", "Type"), ("source", "Source"), ("target", "Target"),
               ("modality", "Modality"), ("place", "Place"), ("goldstein", "Goldstein"), (None, "Evidence"))


def timeline_series(rows: list[dict]) -> dict:
    """``[{date, quad_class, n}]`` -> ``{"days": [...], "series": {"1": [...], ..., "0": [...]}}``.

    Days without events inside the range are filled with zeros so the x axis is linear in time.
    """
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        day = (r.get("date") or "")[:10]
        if day:
            counts.setdefault(day, {})[str(r.get("quad_class") or 0)] = r["n"]
    days = sorted(counts)
    if days:
        try:
            lo, hi = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
            if (hi - lo).days <= MAX_FILLED_DAYS:
                days = [(lo + timedelta(days=i)).isoformat() for i in range((hi - lo).days + 1)]
        except ValueError:
            pass
    keys = ["1", "2", "3", "4"] + (["0"] if any("0" in c for c in counts.values()) else [])
    series = {k: [counts.get(d, {}).get(k, 0) for d in days] for k in keys}
    return {"days": days, "series": series, "names": {**{str(k): v for k, v in QUAD_NAMES.items()}, "0": "unclassified"}}


def build(config: Config) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/timeline", name="timeline_page")
    def timeline_page(request: Request, store=Depends(get_store)):
        form = form_values(request)
        f, error = event_filter_from(form)
        rows = query.timeline(store, f) if f else []
        data = timeline_series(rows)
        totals = {k: sum(v) for k, v in data["series"].items()}
        return templates().TemplateResponse(request, "timeline.html", {
            "nav": request.app.state.nav, "form": form, "error": error, "data": data, "totals": totals,
            "total": sum(totals.values()), "active": "timeline",
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
        form["sort"] = sort_param(request)
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
