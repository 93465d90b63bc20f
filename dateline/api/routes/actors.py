"""/api/actors, /api/actors/{id}, /api/quotes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request

from dateline import query as qa
from dateline import query as qq
from dateline.api import models
from dateline.api.deps import Page, get_store, page_params
from dateline.api.filters import quote_filter
from dateline.api.pagination import json, paged, total_of
from dateline.config import Config
from dateline.query.filters import QuoteFilter

ACTOR_TYPES = "^(person|org|country|group)$"


def build(config: Config) -> APIRouter:
    router = APIRouter(responses={400: {"model": models.ErrorResponse}})

    @router.get("/actors", response_model=models.Page[models.Actor], tags=["actors"], summary="List actors")
    def list_actors(
        request: Request,
        q: str | None = Query(None, max_length=200, description="part of a name or alias, or an id"),
        type: str | None = Query(None, pattern=ACTOR_TYPES),
        country: str | None = Query(None, min_length=3, max_length=3, description="ISO 3166-1 alpha-3"),
        pg: Page = Depends(page_params(config.max_page_size)),
        store=Depends(get_store),
    ):
        """Actors, most mentioned first."""
        items = qa.actors(store, q, limit=pg.limit, offset=pg.offset, type=type, country=country)
        total = total_of(items, pg.limit, pg.offset, lambda: qa.count_actors(store, q, type=type, country=country))
        return paged(request, items, total, pg.limit, pg.offset)

    @router.get(
        "/actors/{actor_id}", response_model=models.ActorDetail, tags=["actors"],
        responses={404: {"model": models.ErrorResponse}}, summary="One actor",
    )
    def one_actor(
        actor_id: int = Path(ge=1, le=2**62),
        max_quotes: int = Query(100, ge=0, le=config.max_page_size, description="quotes to include"),
        store=Depends(get_store),
    ):
        """Names, titles over time, quotes in date order and interaction counts by other actor and type."""
        return json(qa.actor(store, actor_id, max_quotes=max_quotes))

    @router.get("/quotes", response_model=models.Page[models.Quote], tags=["quotes"], summary="List quotes")
    def list_quotes(
        request: Request,
        f: QuoteFilter = Depends(quote_filter),
        order: str = Query("desc", pattern="^(asc|desc)$", description="by date"),
        pg: Page = Depends(page_params(config.max_page_size)),
        store=Depends(get_store),
    ):
        """Quotes matching the filters; with ``about``, ``highlights`` marks the matched words."""
        items = qq.quotes(store, f, limit=pg.limit, offset=pg.offset, order=order)
        total = total_of(items, pg.limit, pg.offset, lambda: qq.count_quotes(store, f))
        return paged(request, items, total, pg.limit, pg.offset)

    return router
