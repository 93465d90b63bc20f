"""The application factory: ``create_app(config) -> FastAPI`` serving the API and the web UI.

Extra routers (e.g. watches and Atom feeds, issue 7) are included from module names: each
module exposes ``build(config) -> APIRouter`` or a module-level ``router``, and may set
``NAV = [(label, href)]`` to add links to the site navigation. Modules come from
``OPTIONAL_ROUTERS`` (included when importable), ``config.extra["routers"]`` and the
``extra_routers`` argument (these must import).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles

from dateline import __version__
from dateline.api import errors
from dateline.api.cache import SearchCache
from dateline.api.deps import LightStats, StorePool
from dateline.api.ingest import Ingester
from dateline.api.links import HostPolicy
from dateline.api.middleware import BodySizeLimit, ResponseHeaders, TrustedHosts
from dateline.config import Config, load_config
from dateline.web import routes as web_routes

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
# Routers other parts of dateline provide; included when their module imports.
OPTIONAL_ROUTERS: tuple[str, ...] = ("dateline.watch.routes",)
SWITCH_INTERVAL_S = 0.001
API_ROUTERS = ("meta", "articles", "actors", "events", "ingest")

DESCRIPTION = """Evidence-linked news data: articles as `dateline/1`, actors, quotes, PLOVER events.

Every list is paginated (`limit`, `offset`; the answer carries `total` and `next`) and filters
combine like the `dateline events` / `dateline quotes` CLI options. Writes (`POST /api/ingest`)
need `Authorization: Bearer <DATELINE_TOKEN>` and are disabled when the server has no token."""


def _router_of(module_name: str, config: Config) -> tuple[APIRouter, list]:
    mod = importlib.import_module(module_name)
    router = mod.build(config) if hasattr(mod, "build") else mod.router
    return router, list(getattr(mod, "NAV", []))


def create_app(config: Config | None = None, extra_routers: Iterable[str] | None = None) -> FastAPI:
    config = config or load_config()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Reads on the event loop wait for the interpreter while worker threads (searches) hold it:
        # hand it over every millisecond instead of Python's default 5 ms.
        previous = sys.getswitchinterval()
        sys.setswitchinterval(min(previous, SWITCH_INTERVAL_S))
        await run_in_threadpool(app.state.pool.warm)
        try:
            yield
        finally:
            sys.setswitchinterval(previous)
            app.state.pool.close()
            app.state.ingester.close()
            app.state.search_cache.close()

    app = FastAPI(
        title="dateline", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # /docs: dateline.web, vendored UI
    )
    app.state.config = config
    app.state.pool = StorePool(config.db, cache_mb=config.sqlite_cache_mb, mmap_mb=config.sqlite_mmap_mb)
    app.state.light_stats = LightStats()
    app.state.search_cache = SearchCache(config.search_cache_mb * 1024 * 1024, config.db)
    app.state.ingester = Ingester(config)
    app.state.nav = []
    app.state.host_policy = HostPolicy.from_config(config)
    errors.install(app)

    for name in API_ROUTERS:
        mod = importlib.import_module(f"dateline.api.routes.{name}")
        app.include_router(mod.build(config), prefix="/api")

    app.include_router(web_routes.build(config))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    wanted = [(m, False) for m in OPTIONAL_ROUTERS]
    wanted += [(m, True) for m in (config.extra or {}).get("routers", [])]
    wanted += [(m, True) for m in extra_routers or []]
    for module_name, required in wanted:
        try:
            router, nav = _router_of(module_name, config)
        except ImportError as exc:
            if required or not _missing_module(exc, module_name):
                raise
            log.debug("optional router %s not installed", module_name)
            continue
        app.include_router(router)
        app.state.nav.extend(nav)

    errors.use_error_shape_in_openapi(app)
    # outermost first: headers on every answer, then the Host check, then the size limit before
    # anything reads a body
    app.add_middleware(BodySizeLimit, max_bytes=config.max_request_bytes)
    app.add_middleware(TrustedHosts, policy=app.state.host_policy)
    app.add_middleware(ResponseHeaders)
    return app


def _missing_module(exc: ImportError, module_name: str) -> bool:
    """True when the optional module itself (or its package) is absent, not when it fails inside."""
    missing = getattr(exc, "name", None) or ""
    return bool(missing) and module_name.startswith(missing)
