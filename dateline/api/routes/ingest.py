"""POST /api/ingest: token-guarded writes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from dateline.api import models
from dateline.api.auth import require_token
from dateline.api.links import absolute_for
from dateline.config import Config
from dateline.errors import DatelineError


def build(config: Config) -> APIRouter:
    router = APIRouter(tags=["ingest"])

    @router.post(
        "/ingest",
        response_model=models.IngestResponse,
        status_code=201,
        dependencies=[Depends(require_token)],
        responses={
            200: {"model": models.IngestResponse, "description": "already stored (duplicate or unchanged)"},
            400: {"model": models.ErrorResponse}, 401: {"model": models.ErrorResponse},
            403: {"model": models.ErrorResponse}, 413: {"model": models.ErrorResponse},
            422: {"model": models.IngestResponse, "description": "the document could not be processed"},
        },
        summary="Ingest one document",
    )
    async def ingest(request: Request, body: models.IngestRequest):
        """Run the pipeline (clean, NLP, extract) on posted text, HTML or a fetched URL and store it.

        Needs ``Authorization: Bearer <DATELINE_TOKEN>``; refused when the server has no token.
        """
        ingester = request.app.state.ingester

        def work():
            try:
                raw = ingester.raw_from_request(text=body.text, html=body.html, url=body.url,
                                                source_url=body.source_url, published=body.published)
            except DatelineError as exc:
                if exc.code == "E501":
                    raise
                return {"status": "failed", "id": None, "error": exc.to_json()}
            return ingester.ingest(raw)

        out = await run_in_threadpool(work)
        if out["id"]:
            out["href"] = absolute_for(request, "article_page", article_id=out["id"])
        status = {"ok": 201, "failed": 422}.get(out["status"], 200)
        return JSONResponse(models.IngestResponse(**out).model_dump(), status_code=status)

    return router
