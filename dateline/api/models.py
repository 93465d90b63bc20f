"""Response models: they document the API (OpenAPI) and are what schemathesis checks answers against.

Rows come from ``dateline.query`` as dicts; every model allows extra keys so a field the query
layer adds later passes through (``dateline/1`` may only grow).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="how many items match the filters (a lower bound when total_exact is false)")
    total_exact: bool = Field(True, description="false when the count stopped at its cap (10,000 or the page end)")
    limit: int
    offset: int
    next: str | None = Field(None, description="the URL of the next page, or null on the last page")


class ErrorDetail(BaseModel):
    code: str = Field(description="a dateline error code (E...)")
    message: str
    hint: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class SearchCacheStats(BaseModel):
    """This worker process's search answer cache (counts since it started)."""

    hits: int
    misses: int
    answers: int
    bytes: int
    max_bytes: int


class LightReadStats(BaseModel):
    """Event reads of this worker process: answered on the event loop, or moved to a worker
    thread because they went over the light-read budget (counts since it started)."""

    inline: int
    moved: int


class Health(BaseModel):
    status: str
    version: str
    schema_: str = Field(alias="schema")
    writes_enabled: bool
    articles: int
    process: int = Field(description="the worker process's id (each worker has its own caches)")
    search_cache: SearchCacheStats
    light_reads: LightReadStats


class Event(Open):
    event_id: int
    article_id: str
    local_id: str
    day: str | None = None
    date: str | None = Field(None, description="when the event happened (YYYY-MM-DD, the first day of its period), "
                                                "or null when undated")
    date_text: str | None = None
    date_precision: str | None = Field(None, description="day | week | month | season | year | decade")
    date_basis: str | None = Field(None, description="explicit | relative | publication | none")
    type: str
    mode: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    source_actor: int | None = None
    source_name: str | None = None
    source_text: str | None = None
    source_country: str | None = None
    target_actor: int | None = None
    target_name: str | None = None
    target_text: str | None = None
    target_country: str | None = None
    modality: str | None = None
    negated: bool = False
    evidence_text: str
    evidence_start: int
    evidence_end: int
    headline: str | None = None
    url: str | None = None
    published: str | None = None
    n_articles: int | None = None
    n_sources: int | None = None


class Quote(Open):
    quote_id: int
    article_id: str
    local_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker_actor: int | None = None
    speaker_name: str | None = None
    speaker_text: str | None = None
    cue_text: str | None = None
    via_text: str | None = None
    day: str | None = None
    published: str | None = None
    headline: str | None = None
    highlights: list[list[int]] = Field(default_factory=list, description="[start, end] of matched words in text")


class Actor(Open):
    id: int
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    n_mentions: int | None = None
    n_articles: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    aliases: list[str] = Field(default_factory=list)


class Title(Open):
    title: str
    first_seen: str | None = None
    last_seen: str | None = None
    n: int | None = None


class Interaction(Open):
    actor: int | None = None
    name: str | None = None
    type: str
    n: int
    mean_goldstein: float | None = None


class ActorDetail(Actor):
    titles: list[Title]
    quotes: list[Quote]
    n_quotes: int
    acts_on: list[Interaction]
    acted_on_by: list[Interaction]
    event_counts: dict[str, int]


class ArticleSummary(Open):
    id: str
    headline: str | None = None
    published: str | None = None
    source: str | None = None
    site: str | None = None
    url: str | None = None


class Article(Open):
    """One article as ``dateline/1`` (see docs/format.md); fields may be added, never removed."""

    schema_: str = Field(alias="schema")
    id: str
    body: str
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]


class QuadCounts(BaseModel):
    n: int = Field(description="events")
    quad: dict[str, int] = Field(description="events by quad class: \"1\"..\"4\", \"0\" unclassified")


class TimelineBin(QuadCounts):
    date: str = Field(description="first day of the period")
    end: str = Field(description="last day of the period")


class TimelineCoarser(QuadCounts):
    precision: dict[str, int] = Field(description="how they are dated: {\"year\": n, ...}")


class Timeline(BaseModel):
    bin: str = Field(description="day | week | month | year")
    start: str | None = Field(None, description="first day of the axis")
    end: str | None = Field(None, description="last day of the axis")
    bins: list[TimelineBin] = Field(description="every period of the axis, empty ones included")
    dated: int = Field(description="dated events matching the filters (in a bin or coarser)")
    undated: QuadCounts = Field(description="events matching the filters (dates aside) whose text gives no date")
    coarser: TimelineCoarser = Field(description="dated events less finely than the bin (not in any bin)")


class NetworkNode(Open):
    id: int
    name: str | None = None
    type: str | None = None
    country: str | None = None
    n: int


class NetworkEdge(Open):
    source: int
    target: int
    n: int
    mean_goldstein: float | None = None
    quad: dict[str, int]
    types: dict[str, int]
    event_ids: list[int]


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class SearchHit(Open):
    kind: str = Field(description="what matched: article")
    article_id: str
    headline: str | None = None
    headline_highlights: list[list[int]] = Field(default_factory=list)
    snippet: str = ""
    highlights: list[list[int]] = Field(default_factory=list, description="[start, end] into snippet")
    snippet_start: int = 0
    quotes: list[dict[str, Any]] = Field(default_factory=list, description="matched quotes with highlights")
    rank: float | None = None
    published: str | None = None
    source: str | None = None
    n_articles: int | None = None


class SearchPage(Page[SearchHit]):
    facets: dict[str, Any] = Field(default_factory=dict)


class IngestRequest(BaseModel):
    """Exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="a plain-text page, as a crawl stores it")
    html: str | None = Field(None, description="an HTML page")
    url: str | None = Field(None, description="an http(s) URL to fetch", max_length=2048)
    source_url: str | None = Field(None, description="the page's own URL, for text or html", max_length=2048)
    published: str | None = Field(None, description="publication date hint, YYYY-MM-DD", max_length=40)


class IngestResponse(BaseModel):
    status: str = Field(description="ok | duplicate | unchanged | failed")
    id: str | None = None
    href: str | None = Field(None, description="the article's page in the web UI")
    error: ErrorDetail | None = None
