"""Read-only queries over the store, shared by the CLI, the HTTP API, the web UI and watches.

Every function takes ``store`` (a ``dateline.store.Store`` or its ``conn``),
builds parameterised SQL only, and returns plain dicts / lists (JSON-ready).

Filters are frozen dataclasses (``EventFilter``, ``QuoteFilter``) with ``to_dict`` /
``from_dict`` so a watch can store them. Pagination: ``limit`` / ``offset`` everywhere, with
a ``count_*`` function for the total. See docs/query.md.
"""

from dateline.query.actors import ACTOR_COLUMNS, actor, actors, count_actors
from dateline.query.articles import (
    ARTICLE_COLUMNS,
    article,
    articles,
    count_articles,
    story_articles,
    story_of,
)
from dateline.query.document import get_article, resolve_article_id
from dateline.query.events import EVENT_COLUMNS, QUAD_CLASSES, count_events, event, events, network
from dateline.query.filters import EventFilter, QuoteFilter, parse_day, resolve_actor
from dateline.query.fts import fts_query, highlight
from dateline.query.overview import (
    actor_articles,
    actor_seen,
    count_actor_articles,
    event_facets,
    event_mix,
    places,
    store_summary,
    table_counts,
)
from dateline.query.quotes import QUOTE_COLUMNS, count_quotes, quotes
from dateline.query.search import count_search, search, search_facets
from dateline.query.timeline import timeline, timeline_bins

__all__ = [
    "ACTOR_COLUMNS", "ARTICLE_COLUMNS", "EVENT_COLUMNS", "QUAD_CLASSES", "QUOTE_COLUMNS",
    "EventFilter", "QuoteFilter",
    "actor", "actors", "article", "articles", "count_actors", "count_articles", "count_events", "count_quotes",
    "count_search", "event", "events", "fts_query", "highlight", "network", "parse_day", "quotes",
    "resolve_actor", "search", "search_facets", "story_articles", "story_of", "timeline", "timeline_bins",
    "get_article", "resolve_article_id", "table_counts",
    "actor_articles", "actor_seen", "count_actor_articles", "event_facets", "event_mix", "places", "store_summary",
]
