"""Web pages: /search, /articles, /articles/{id}, /actors, /actors/{id}, /timeline, /network."""

from __future__ import annotations

import calendar
import re

from fastapi import APIRouter, Depends, Request
from markupsafe import Markup

from dateline import query
from dateline.api.deps import get_store
from dateline.api.links import path_for
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.query.articles import actor_ids
from dateline.query.fts import highlight
from dateline.web import charts, desk
from dateline.web.highlight import marks_for, render
from dateline.web.params import form_values, int_param, pickers
from dateline.web.templating import templates

SEARCH_PAGE = 20
LIST_PAGE = 50
ACTOR_QUOTES = 50  # the actor page shows the newest quotes; /quotes?speaker=ID lists them all
ACTOR_ARTICLES = 20
ACTOR_TYPES = ("person", "org", "country", "group")
_ARTICLE_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def mark(text: str | None, ranges) -> Markup:
    """Escape ``text`` and wrap the highlight ranges in <mark> (the query layer's own helper)."""
    return Markup(highlight(text or "", ranges or []))


def month_bounds(month: str) -> tuple[str, str]:
    """``YYYY-MM`` -> (first day, last day) as ISO dates (what a date input accepts)."""
    try:
        y, m = (int(x) for x in month.split("-")[:2])
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"
    except (ValueError, calendar.IllegalMonthError):
        return "", ""


def page_(request: Request, name: str, ctx: dict, status: int = 200):
    return templates().TemplateResponse(request, name, {"nav": request.app.state.nav, **ctx}, status_code=status)


def build(config: Config) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/search", name="search_page")
    def search_page(request: Request, store=Depends(get_store)):
        qp = request.query_params
        form = {k: (qp.get(k) or "").strip()[:500] for k in ("q", "since", "until")}
        form |= {k: form_values(request, (k,))[k] for k in ("type", "country")}
        pageno = int_param(request, "page", 1, 1, 10_000)
        kw = {k: form[k] or None for k in ("type", "country", "since", "until")}
        error, hits, total, facets = None, [], 0, {}
        try:
            hits = query.search(store, form["q"] or None, limit=SEARCH_PAGE, offset=(pageno - 1) * SEARCH_PAGE,
                                max_ranked=config.search_max_ranked, **kw)
            total = query.count_search(store, form["q"] or None, **kw)
            facets = query.search_facets(store, form["q"] or None, **kw)
        except DatelineError as exc:
            error = exc.message
        for m in facets.get("months") or []:
            m["since"], m["until"] = month_bounds(m["value"])
        for h in hits:
            h["headline_html"] = mark(h.get("headline") or "(no headline)", h.get("headline_highlights"))
            h["snippet_html"] = mark(h.get("snippet"), h.get("highlights"))
            for qt in h.get("quotes") or []:
                qt["text_html"] = mark(qt.get("text"), qt.get("highlights"))
        pick = pickers({"type": facets.get("types"), "country": facets.get("countries")}, form)
        return page_(request, "search.html", {
            "form": form, "hits": hits, "total": total, "facets": facets, "error": error, "page": pageno,
            "per_page": SEARCH_PAGE, "active": "search", "pick": pick,
        })

    @router.get("/articles", name="articles_page")
    def articles_page(request: Request, store=Depends(get_store)):
        pageno = int_param(request, "page", 1, 1, 100_000)
        rows = query.articles(store, limit=LIST_PAGE, offset=(pageno - 1) * LIST_PAGE)
        total = query.count_articles(store)
        return page_(request, "articles.html", {"rows": rows, "total": total, "page": pageno,
                                                "per_page": LIST_PAGE, "active": "articles"})

    @router.get("/articles/{article_id}", name="article_page")
    def article_page(request: Request, article_id: str, store=Depends(get_store)):
        if not _ARTICLE_ID.match(article_id):
            raise DatelineError("E402", f"no article {article_id[:80]!r}")
        doc = query.article(store, article_id)
        global_ids = actor_ids(store, doc["id"])
        actors = {a["id"]: {**a, "global_id": global_ids.get(a["id"])} for a in doc.get("actors") or []}
        hrefs = {local: path_for(request, "actor_page", actor_id=gid) for local, gid in global_ids.items()}
        body_html = render(doc.get("body") or "", marks_for(doc, hrefs))
        copies = [c for c in query.story_articles(store, doc["id"]) if c["id"] != doc["id"]]
        return page_(request, "article.html", {
            "doc": doc, "body_html": body_html, "actors": actors, "copies": copies, "active": "articles",
        })

    @router.get("/actors", name="actors_page")
    def actors_page(request: Request, store=Depends(get_store)):
        qp = request.query_params
        q = (qp.get("q") or "").strip()[:200]
        atype = qp.get("type") if qp.get("type") in ACTOR_TYPES else None
        pageno = int_param(request, "page", 1, 1, 100_000)
        rows = query.actors(store, q or None, limit=LIST_PAGE, offset=(pageno - 1) * LIST_PAGE, type=atype)
        total = query.count_actors(store, q or None, type=atype)
        return page_(request, "actors.html", {"rows": rows, "total": total, "q": q, "atype": atype or "",
                                              "types": ACTOR_TYPES, "page": pageno, "per_page": LIST_PAGE,
                                              "active": "actors"})

    @router.get("/actors/{actor_id}", name="actor_page")
    def actor_page(request: Request, actor_id: int, store=Depends(get_store)):
        a = query.actor(store, actor_id, max_quotes=ACTOR_QUOTES)
        articles = query.actor_articles(store, a["id"], limit=ACTOR_ARTICLES)
        n_articles = query.count_actor_articles(store, a["id"])
        n_events = query.count_events(store, query.EventFilter(actor=a["id"]))
        return page_(request, "actor.html", {"a": a, "articles": articles, "n_articles": n_articles,
                                             "n_events": n_events, "active": "actors"})

    @router.get("/docs", name="docs_page")
    def docs_page(request: Request):
        return page_(request, "docs.html", {"active": "docs"})

    router.include_router(charts.build(config))
    router.include_router(desk.build(config))
    return router
