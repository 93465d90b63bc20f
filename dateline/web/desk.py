"""The analyst's pages: the overview (/), quotes (/quotes) and the map (/map)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup

from dateline import query
from dateline.api.deps import get_store
from dateline.config import Config
from dateline.query.filters import EventFilter, QuoteFilter
from dateline.query.fts import highlight
from dateline.web.params import event_filter_from, form_values, int_param, pickers, quote_filter_from
from dateline.web.templating import templates

QUOTES_PAGE = 50
MAP_PLACES = 2000  # places drawn at most (the busiest); each carries its newest events
MAP_EVENTS_PER_PLACE = 12
QUOTE_FIELDS = ("speaker", "about", "kind", "since", "until")


def _page(request: Request, name: str, ctx: dict):
    return templates().TemplateResponse(request, name, {"nav": request.app.state.nav, **ctx})


def build(config: Config) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/", name="overview_page")
    def overview_page(request: Request, store=Depends(get_store)):
        everything = EventFilter()
        return _page(request, "overview.html", {
            "summary": query.store_summary(store),
            "top_actors": query.actors(store, limit=12),
            "mix": query.event_mix(store, everything),
            "places": query.places(store, everything, limit=10, per_place=0),
            "events": query.events(store, everything, limit=8),
            "quotes": query.quotes(store, QuoteFilter(), limit=6),
            "articles": query.articles(store, limit=6),
            "active": "overview",
        })

    @router.get("/quotes", name="quotes_page")
    def quotes_page(request: Request, store=Depends(get_store)):
        qp = request.query_params
        form = {k: (qp.get(k) or "").strip()[:300] for k in QUOTE_FIELDS}
        form["order"] = "asc" if qp.get("order") == "asc" else ""
        pageno = int_param(request, "page", 1, 1, 100_000)
        f, error = quote_filter_from(form)
        rows, total, speaker = [], 0, None
        if f:
            rows = query.quotes(store, f, limit=QUOTES_PAGE, offset=(pageno - 1) * QUOTES_PAGE,
                                order=form["order"] or "desc")
            total = query.count_quotes(store, f)
            if form["speaker"].isdigit():
                speaker = next(iter(query.actors(store, form["speaker"], limit=1)), None)
        for r in rows:
            r["text_html"] = _mark(r.get("text"), r.get("highlights"))
        return _page(request, "quotes.html", {
            "form": form, "error": error, "rows": rows, "total": total, "page": pageno, "per_page": QUOTES_PAGE,
            "speaker": speaker, "active": "quotes",
        })

    @router.get("/map", name="map_page")
    def map_page(request: Request, store=Depends(get_store)):
        form = form_values(request)
        f, error = event_filter_from(form)
        groups = query.places(store, f, limit=MAP_PLACES, per_place=MAP_EVENTS_PER_PLACE) if f else []
        placed = sum(g["n"] for g in groups)
        total = query.count_events(store, f, cap=100_000) if f else 0
        facets = query.event_facets(store, f) if f else {}
        return _page(request, "map.html", {
            "form": form, "error": error, "groups": groups, "placed": placed, "total": total,
            "pick": pickers(facets, form), "active": "map",
        })

    return router


def _mark(text, ranges):
    return Markup(highlight(text or "", ranges or []))
