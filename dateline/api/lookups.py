"""Small read queries the web pages need that ``dateline.query`` does not offer (parameterised SQL).

``actor_ids(store, article_id)``: the article's local actor ids ("a1") -> global actor ids, so
highlighted mentions can link to actor pages.
"""

from __future__ import annotations


def actor_ids(store, article_id: str) -> dict[str, int]:
    conn = getattr(store, "conn", store)
    rows = conn.execute(
        "SELECT local_id, actor_id FROM article_actors WHERE article_id = ? AND actor_id IS NOT NULL", (article_id,)
    )
    return {r[0]: r[1] for r in rows}
