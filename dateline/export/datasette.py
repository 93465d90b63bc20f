"""Datasette metadata for a dateline store: full-text search, labels and sensible facets.

Datasette finds an FTS table by its ``content="table"`` declaration written with double
quotes or brackets; the store's FTS5 tables declare ``content='articles'`` (single quotes),
so Datasette needs telling. ``metadata(name)`` is that configuration; docs/export.md shows
it as a file for ``datasette dateline.db --metadata datasette.json``.
"""

from __future__ import annotations


def metadata(database: str = "dateline") -> dict:
    """Metadata for a store served by Datasette under the name ``database`` (the file stem)."""
    return {
        "title": "dateline store",
        "databases": {
            database: {
                "tables": {
                    "articles": {
                        "fts_table": "articles_fts", "fts_pk": "rowid", "label_column": "headline",
                        "sort_desc": "published", "facets": ["source", "site", "is_canonical"],
                    },
                    "quotes": {"fts_table": "quotes_fts", "fts_pk": "rowid", "sort_desc": "published",
                               "facets": ["kind"]},
                    "events": {"sort_desc": "date", "facets": ["type", "quad_class", "modality", "source_country"]},
                    "actors": {"label_column": "name", "sort_desc": "n_mentions", "facets": ["type", "country"]},
                    "stories": {"label_column": "canonical_id"},
                }
            }
        },
    }
