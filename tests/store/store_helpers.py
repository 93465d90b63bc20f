"""Store an article with given actors through the writer (so identity, merges and corrections run as
in an ingest) and return {local actor id: global actor id}."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest import make_result  # noqa: E402

from dateline.types import Extraction  # noqa: E402


def store_article(writer, body: str, actors, path: str = "a.txt", published: str = "2019-11-14",
                  events=()) -> dict[str, int]:
    ex = Extraction(tuple(actors), (), tuple(events))
    writer.write(make_result(body, path=path, published=published, extraction=ex), extraction=ex)
    rows = writer.conn.execute(
        "SELECT x.local_id, x.actor_id FROM article_actors x JOIN inputs i ON i.article_id = x.article_id "
        "WHERE i.given = ?", (path,)).fetchall()  # the path as typed (locator: its resolved path)
    return {r[0]: r[1] for r in rows}
