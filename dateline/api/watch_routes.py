"""Watches over HTTP: ``GET/POST /api/watches``, ``GET/DELETE /api/watches/{name}``, the Atom
feed ``GET /watch/{name}.atom`` and the page ``/watches``.

Writes need ``Authorization: Bearer <DATELINE_TOKEN>`` (the API's own guard). Reads are
open like the rest of the API, so recipients are masked (``r***@example.org``, the webhook's
host only) and the webhook secret is returned once, by the POST that creates the watch.
Included by ``dateline.api.app.create_app`` through ``dateline.watch.routes``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from dateline.api.auth import require_token
from dateline.api.deps import get_store, get_write_store
from dateline.api.links import public_base_url
from dateline.api.models import ErrorResponse
from dateline.config import Config
from dateline.watch import feed as atom
from dateline.watch.digest import build_digest
from dateline.watch.models import Watch
from dateline.watch.storage import add_watch, get_watch, last_sent, list_watches, marks, remove_watch
from dateline.watch.webhook import check_target
from dateline.web.templating import add_template_dir, templates

NAV = [("Watches", "/watches")]
WEB_TEMPLATES = Path(__file__).resolve().parents[1] / "watch" / "templates" / "web"
NAME_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
ERRORS = {400: {"model": ErrorResponse}, 401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}}


class WatchOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    kind: str = Field(description="the queries the watch runs: events, quotes, search, joined by '+'")
    filters: dict[str, dict[str, Any]] = Field(description="per kind, the filters (as the CLI options / query "
                                                            "parameters of /api/events, /api/quotes, /api/search)")
    description: str
    emails: list[str] = Field(description="recipients, masked")
    webhook: str | None = Field(None, description="the webhook's scheme and host, or null")
    created: str | None = None
    feed: str = Field(description="URL of the watch's Atom feed")
    last_sent: dict[str, str | None] = Field(description="per channel (email, webhook): last successful delivery")
    events: dict[str, Any] | None = Field(None, description="the event filters, as POST takes them")
    quotes: dict[str, Any] | None = Field(None, description="the quote filters, as POST takes them")
    search: dict[str, Any] | None = Field(None, description="the full-text search, as POST takes it")


class WatchList(BaseModel):
    items: list[WatchOut]
    total: int


class WatchCreated(WatchOut):
    secret: str = Field(description="the HMAC-SHA256 key of the X-Dateline-Signature header; shown only here")


class WatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=NAME_PATTERN, description="letters, digits, '_' or '-'")
    events: dict[str, Any] | None = Field(None, description="event filters: actor, source, target, type, country, "
                                                            "since, until, asserted_only, quad_class, article")
    quotes: dict[str, Any] | None = Field(None, description="quote filters: speaker, about, since, until, kind, "
                                                            "article")
    search: dict[str, Any] | None = Field(None, description="full-text search: query, type, country, since, until")
    emails: list[str] = Field(default_factory=list, max_length=100)
    webhook: str | None = Field(None, max_length=2000)
    secret: str | None = Field(None, min_length=16, max_length=200)
    start: Literal["all", "now"] = "all"
    replace: bool = False


def request_config(request: Request) -> Config:
    """The app's config with ``base_url`` as this request reached the server, unless ``base_url`` was
    set (behind a proxy): feed and article links then work on whatever host and port serve them. The
    Host header is one the server serves (``dateline.api.links.public_base_url``)."""
    cfg: Config = request.app.state.config
    return cfg.replace(base_url=public_base_url(request))


def _out(request: Request, store, w: Watch, secret: bool = False) -> dict:
    base = request_config(request).base_url.rstrip("/")
    d = w.to_json(secret=secret, mask=not secret)
    d["feed"] = f"{base}/watch/{w.name}.atom"
    d["last_sent"] = last_sent(store, w)
    for kind in ("events", "quotes", "search"):  # the POST body's shape, so a watch can be copied
        d[kind] = w.filters.get(kind)
    return d


def _ensure_templates() -> None:
    loader = templates().env.loader
    if not any(str(WEB_TEMPLATES) in getattr(lo, "searchpath", []) for lo in getattr(loader, "loaders", [])):
        add_template_dir(WEB_TEMPLATES)


def build(config: Config) -> APIRouter:
    _ensure_templates()
    router = APIRouter()
    name_param = PathParam(pattern=NAME_PATTERN, description="the watch's name")

    @router.get("/api/watches", response_model=WatchList, tags=["watches"], summary="List watches")
    def list_api(request: Request, store=Depends(get_store)):
        """Every watch with what it selects, masked recipients, its feed URL and last deliveries."""
        items = [_out(request, store, w) for w in list_watches(store)]
        return {"items": items, "total": len(items)}

    @router.get("/api/watches/{name}", response_model=WatchOut, tags=["watches"], summary="One watch",
                responses={404: {"model": ErrorResponse}})
    def get_api(request: Request, name: str = name_param, store=Depends(get_store)):
        return _out(request, store, get_watch(store, name))

    @router.post("/api/watches", response_model=WatchCreated, status_code=201, tags=["watches"],
                 summary="Create a watch", dependencies=[Depends(require_token)], responses=ERRORS)
    def create_api(request: Request, body: WatchIn, store=Depends(get_write_store)):
        """Save a watch. At least one of ``events``, ``quotes``, ``search`` (``{}`` selects all events /
        quotes). The answer holds the webhook ``secret``: keep it, it is not shown again."""
        filters = {k: getattr(body, k) for k in ("events", "quotes", "search") if getattr(body, k) is not None}
        check_target(body.webhook, request.app.state.config)  # E114: no webhooks to private addresses
        w = add_watch(store, body.name, filters, emails=body.emails, webhook=body.webhook, secret=body.secret,
                      start=body.start, replace=body.replace)
        return _out(request, store, w, secret=True)

    @router.delete("/api/watches/{name}", status_code=204, tags=["watches"], summary="Remove a watch",
                   dependencies=[Depends(require_token)], responses={**ERRORS, 404: {"model": ErrorResponse}})
    def delete_api(name: str = name_param, store=Depends(get_write_store)):
        get_watch(store, name)  # 404 when missing
        remove_watch(store, name)
        return Response(status_code=204)

    @router.get("/watch/{name}.atom", include_in_schema=False, name="watch_feed")
    async def feed(request: Request, name: str = name_param, store=Depends(get_store)):
        w = get_watch(store, name)
        body = await run_in_threadpool(atom.render, store, w, request_config(request))
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    @router.get("/watches", include_in_schema=False, name="watches_page")
    def page(request: Request, store=Depends(get_store)):
        cfg = request_config(request)
        rows = []
        for w in list_watches(store):
            pending = build_digest(store, w, cfg, marks(store, w, "email"), max_rows=1000)
            rows.append({"w": w, "json": _out(request, store, w), "pending": pending.counts,
                         "recent": atom.entries(store, w, cfg, limit=5)})
        return templates().TemplateResponse(request, "watches.html", {
            "nav": request.app.state.nav, "rows": rows, "active": "watches",
            "writes_enabled": bool(cfg.token)})

    return router
