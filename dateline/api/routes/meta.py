"""/api/health."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from dateline import SCHEMA, __version__
from dateline.api import models
from dateline.api.deps import get_store
from dateline.config import Config


def build(config: Config) -> APIRouter:
    router = APIRouter(tags=["meta"])

    @router.get("/health", response_model=models.Health, summary="Liveness and store size")
    def health(request: Request, store=Depends(get_store)):
        n = store.conn.execute("SELECT count(*) FROM articles WHERE is_canonical = 1").fetchone()[0]
        cache = request.app.state.search_cache
        return {"status": "ok", "version": __version__, "schema": SCHEMA,
                "writes_enabled": bool(request.app.state.config.token), "articles": n,
                "search_cache": {"hits": cache.hits, "misses": cache.misses, "answers": len(cache),
                                 "bytes": cache.nbytes, "max_bytes": cache.size}}

    return router
