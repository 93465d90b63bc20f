"""/api/health."""

from __future__ import annotations

import os

from fastapi import APIRouter, Depends, Request

from dateline import SCHEMA, __version__
from dateline.api import models
from dateline.api.deps import get_store
from dateline.config import Config
from dateline.query import count_articles


def build(config: Config) -> APIRouter:
    router = APIRouter(tags=["meta"])

    @router.get("/health", response_model=models.Health, summary="Liveness and store size")
    def health(request: Request, store=Depends(get_store)):
        n = count_articles(store)  # one per story
        cache, light = request.app.state.search_cache, request.app.state.light_stats
        return {"status": "ok", "version": __version__, "schema": SCHEMA,
                "writes_enabled": bool(request.app.state.config.token), "articles": n,
                "process": os.getpid(),
                "search_cache": {"hits": cache.hits, "misses": cache.misses, "answers": len(cache),
                                 "bytes": cache.nbytes, "max_bytes": cache.size},
                "light_reads": {"inline": light.inline, "moved": light.moved}}

    return router
