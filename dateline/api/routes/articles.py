"""/api/articles, /api/articles/{id} (dateline/1), /api/articles/{id}/copies, /api/search."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from orjson import Fragment, dumps

from dateline import query as qa
from dateline import query as qs
from dateline.api import csv_out, models
from dateline.api.deps import Page, get_store, page_params, run_heavy
from dateline.api.filters import COUNTRY_PATTERN, DATE_HELP, DATE_PATTERN, TYPES_PATTERN
from dateline.api.pagination import TOTAL_CAP, count_cap, json, paged, total_of
from dateline.config import Config

ARTICLE_ID = Path(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$", description="the dateline/1 id")
ERRORS = {400: {"model": models.ErrorResponse}, 404: {"model": models.ErrorResponse}}


SEARCH_COLUMNS = ("article_id", "rank", "published", "source", "site", "url", "headline", "snippet",
                  "quote_speakers", "n_articles")


def _search_row(h: dict) -> dict:
    """A hit as a flat row: the snippet as text, the quoted speakers joined; highlight ranges left out."""
    speakers = sorted({x.get("speaker_name") or "?" for x in h.get("quotes") or []})
    return {k: h.get(k) for k in SEARCH_COLUMNS if k != "quote_speakers"} | {"quote_speakers": "; ".join(speakers)}


def build(config: Config) -> APIRouter:
    router = APIRouter(responses={400: {"model": models.ErrorResponse}})

    @router.get("/articles", response_model=models.Page[models.ArticleSummary], tags=["articles"],
                summary="List articles", responses=csv_out.CSV_RESPONSE)
    def list_articles(
        request: Request,
        since: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
        until: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
        source: str | None = Query(None, max_length=200, description="wire credit, e.g. IRNA"),
        site: str | None = Query(None, max_length=200),
        story: str | None = Query(None, max_length=64, description="only this story's articles"),
        copies: bool = Query(False, description="also list syndicated copies"),
        pg: Page = Depends(page_params(config.max_page_size)),
        format: str = csv_out.FORMAT,
        store=Depends(get_store),
    ):
        """Articles newest first (one per story unless ``copies``), with counts of what was extracted."""
        kw = {"since": since, "until": until, "source": source, "site": site, "story": story, "copies": copies}
        if format == "csv":
            return csv_out.stream(store, "articles", ("article_id", *qa.ARTICLE_COLUMNS),
                                  lambda s, n, off: qa.articles(s, limit=n, offset=off, **kw), offset=pg.offset,
                                  cap=csv_out.row_cap(request, pg.limit), drop=("id",))
        items = qa.articles(store, limit=pg.limit, offset=pg.offset, **kw)
        total = total_of(items, pg.limit, pg.offset, lambda: qa.count_articles(store, **kw))
        return paged(request, items, total, pg.limit, pg.offset)

    @router.get("/articles/{article_id}", response_model=models.Article, response_model_by_alias=True,
                tags=["articles"], responses=ERRORS, summary="One article as dateline/1")
    def one_article(article_id: str = ARTICLE_ID, store=Depends(get_store)):
        """The ``dateline/1`` document: body, wire metadata, actors, quotes and events with spans."""
        return json(qa.article(store, article_id))

    @router.get("/articles/{article_id}/copies", response_model=list[models.ArticleSummary], tags=["articles"],
                responses=ERRORS, summary="The article's story: syndicated copies")
    def copies(article_id: str = ARTICLE_ID, store=Depends(get_store)):
        """Every article of the story (the canonical one first) with its estimated similarity."""
        return json(qa.story_articles(store, article_id))

    @router.get("/search", response_model=models.SearchPage, tags=["search"], summary="Full-text search",
                responses=csv_out.CSV_RESPONSE)
    async def search(
        request: Request,
        q: str | None = Query(None, max_length=500, description='words, "phrases", OR, -word, prefix*'),
        type: str | None = Query(None, max_length=200, pattern=TYPES_PATTERN,
                                 description="articles with an event of this PLOVER type"),
        country: str | None = Query(None, pattern=COUNTRY_PATTERN, description="articles with an event involving it"),
        since: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
        until: str | None = Query(None, max_length=32, pattern=DATE_PATTERN, description=DATE_HELP),
        copies: bool = Query(False, description="also list syndicated copies"),
        facets: bool = Query(False, description="add counts by type, country and month"),
        exact_total: bool = Query(False, description=f"count every match (else counting stops at {TOTAL_CAP:,})"),
        pg: Page = Depends(page_params(config.max_page_size, default=20)),
        format: str = csv_out.FORMAT,
    ):
        """Articles ranked by BM25 over headline, body and quotes, with snippets and highlight ranges
        (``[start, end]`` into ``snippet``; escape the text, then mark the ranges). Answers are cached
        per process until the store changes (``search_cache_mb``)."""
        kw = {"type": type, "country": country, "since": since, "until": until, "copies": copies}
        if format == "csv":
            return csv_out.stream(
                None, "search", SEARCH_COLUMNS, offset=pg.offset, cap=csv_out.row_cap(request, pg.limit),
                pool=request.app.state.pool,
                fetch=lambda s, n, off: qs.search(s, q, limit=n, offset=off,
                                                  max_ranked=config.search_max_ranked, **kw)
                if not config.search_max_ranked or off < config.search_max_ranked else [],
                shape=_search_row)
        cap = count_cap(pg.offset, pg.limit, exact_total)
        window = config.search_max_ranked  # pages reach the newest this many matches (BM25 window)
        cache = request.app.state.search_cache
        key = (q, type, country, since, until, copies, facets, cap, pg.limit, pg.offset)
        answer = cache.get(key)  # on the event loop: no thread hop, no wait behind the search limiter
        if answer is None:

            def work(store):
                generation = cache.validate() if cache.usable() else None
                items = qs.search(store, q, limit=pg.limit, offset=pg.offset, max_ranked=config.search_max_ranked,
                                  **kw)
                for h in items:
                    h["kind"] = "article"
                count = lambda: qs.count_search(store, q, cap=cap, **kw)  # noqa: E731
                if window and pg.offset + pg.limit > window:  # a short page may be the window's end, not the last match
                    total = count() if items or pg.offset else 0
                else:
                    total = total_of(items, pg.limit, pg.offset, count)
                counts = qs.search_facets(store, q, **kw) if facets else {}
                # kept as encoded JSON: compact in the cache, and a cached answer is not encoded again
                answer = dumps(items), len(items), total, dumps(counts)
                if generation is not None:
                    cache.put(key, *answer, generation)
                return answer

            answer = await run_heavy(request, work)
        items, n, total, counts = answer
        return paged(request, Fragment(items), total, pg.limit, pg.offset, cap=cap, n=n, end=window or None,
                     facets=Fragment(counts))

    return router
