"""/api/actors, /api/actors/{id}, /api/quotes; and the analyst's corrections of actors (token-guarded):
POST /api/actors/{id}/merge, /rename, /country and POST /api/merges/{id}/undo (dateline.store.corrections,
the same as ``dateline actors merge|rename|set-country|undo``)."""

from __future__ import annotations

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from dateline import query as qa
from dateline import query as qq
from dateline.api import csv_out, models
from dateline.api.auth import require_token
from dateline.api.deps import Page, get_store, page_params
from dateline.api.filters import quote_filter
from dateline.api.pagination import json, paged, total_of
from dateline.config import Config
from dateline.query.filters import QuoteFilter
from dateline.store import corrections as corr
from dateline.store import open_store

ACTOR_TYPES = "^(person|org|country|group)$"
ACTOR_ID = Path(ge=1, le=2**62)
WRITE_ERRORS = {400: {"model": models.ErrorResponse}, 401: {"model": models.ErrorResponse},
                403: {"model": models.ErrorResponse}, 404: {"model": models.ErrorResponse}}


class Correction(BaseModel):
    """One stored correction (``actor_corrections``)."""

    id: int
    kind: str = Field(description="merge | rename | set-country | undo")
    actor_id: int
    other_id: int | None = None
    old_value: str | None = None
    value: str | None = None
    merge_id: int | None = None
    note: str | None = None
    created_at: str


class MergeRequest(BaseModel):
    into: int = Field(ge=1, le=2**62, description="the actor kept (it keeps its id, name and country)")
    note: str | None = Field(None, max_length=500)


class RenameRequest(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    note: str | None = Field(None, max_length=500)


class CountryRequest(BaseModel):
    country: str = Field(min_length=3, max_length=3, description="ISO 3166-1 alpha-3")
    note: str | None = Field(None, max_length=500)


class NoteRequest(BaseModel):
    note: str | None = Field(None, max_length=500)


def _correct(config: Config, fn, *args) -> dict:
    """Run one correction in a write transaction on its own store connection."""
    store = open_store(config.db)
    try:
        with store.transaction() as conn:
            return fn(conn, *args)
    finally:
        store.close()


def build(config: Config) -> APIRouter:
    router = APIRouter(responses={400: {"model": models.ErrorResponse}})

    @router.get("/actors", response_model=models.Page[models.Actor], tags=["actors"], summary="List actors",
                responses=csv_out.CSV_RESPONSE)
    def list_actors(
        request: Request,
        q: str | None = Query(None, max_length=200, description="part of a name or alias, or an id"),
        type: str | None = Query(None, pattern=ACTOR_TYPES),
        country: str | None = Query(None, min_length=3, max_length=3, description="ISO 3166-1 alpha-3"),
        pg: Page = Depends(page_params(config.max_page_size)),
        format: str = csv_out.FORMAT,
        store=Depends(get_store),
    ):
        """Actors, most mentioned first. ``format=csv``: every match (aliases joined with "; ")."""
        if format == "csv":
            return csv_out.stream(
                store, "actors", ("actor_id", *qa.ACTOR_COLUMNS),
                lambda s, n, off: qa.actors(s, q, limit=n, offset=off, type=type, country=country),
                offset=pg.offset, cap=csv_out.row_cap(request, pg.limit), drop=("id",),
                shape=lambda r: {**r, "aliases": "; ".join(r.get("aliases") or [])})
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

    _corrections(router, config)

    @router.get("/quotes", response_model=models.Page[models.Quote], tags=["quotes"], summary="List quotes",
                responses=csv_out.CSV_RESPONSE)
    def list_quotes(
        request: Request,
        f: QuoteFilter = Depends(quote_filter),
        order: str = Query("desc", pattern="^(asc|desc)$", description="by date"),
        pg: Page = Depends(page_params(config.max_page_size)),
        format: str = csv_out.FORMAT,
        store=Depends(get_store),
    ):
        """Quotes matching the filters; with ``about``, ``highlights`` marks the matched words.
        ``format=csv``: every match (``QUOTE_COLUMNS``), streamed."""
        if format == "csv":
            return csv_out.stream(store, "quotes", qq.QUOTE_COLUMNS,
                                  lambda s, n, off: qq.quotes(s, f, limit=n, offset=off, order=order),
                                  offset=pg.offset, cap=csv_out.row_cap(request, pg.limit), drop=("highlights",))
        items = qq.quotes(store, f, limit=pg.limit, offset=pg.offset, order=order)
        total = total_of(items, pg.limit, pg.offset, lambda: qq.count_quotes(store, f))
        return paged(request, items, total, pg.limit, pg.offset)

    return router


def _corrections(router: APIRouter, config: Config) -> None:
    guard = [Depends(require_token)]

    @router.post("/actors/{actor_id}/merge", response_model=Correction, tags=["actors"], dependencies=guard,
                 responses=WRITE_ERRORS, summary="Merge an actor into another")
    async def merge(actor_id: int = ACTOR_ID, body: MergeRequest = Body(...)):
        """The actor is merged into ``into``: its mentions, quotes, events and names become that actor's;
        later articles naming it link there. Undo with ``POST /api/merges/{merge_id}/undo``."""
        return await run_in_threadpool(_correct, config, corr.merge, actor_id, body.into, body.note)

    @router.post("/actors/{actor_id}/rename", response_model=Correction, tags=["actors"], dependencies=guard,
                 responses=WRITE_ERRORS, summary="Rename an actor")
    async def rename(actor_id: int = ACTOR_ID, body: RenameRequest = Body(...)):
        """The actor is shown as ``name`` from now on (kept when later articles name it otherwise)."""
        return await run_in_threadpool(_correct, config, corr.rename, actor_id, body.name, body.note)

    @router.post("/actors/{actor_id}/country", response_model=Correction, tags=["actors"], dependencies=guard,
                 responses=WRITE_ERRORS, summary="Set an actor's country")
    async def set_country(actor_id: int = ACTOR_ID, body: CountryRequest = Body(...)):
        """The actor's country (ISO alpha-3), kept against later articles; its events carry it."""
        return await run_in_threadpool(_correct, config, corr.set_country, actor_id, body.country, body.note)

    @router.post("/merges/{merge_id}/undo", response_model=Correction, tags=["actors"], dependencies=guard,
                 responses=WRITE_ERRORS, summary="Undo a merge")
    async def undo(merge_id: int = Path(ge=1, le=2**62), body: NoteRequest = Body(NoteRequest())):
        """The merge (automatic or an analyst's) is undone; the two actors stay apart from then on."""
        return await run_in_threadpool(_correct, config, corr.undo, merge_id, body.note)
