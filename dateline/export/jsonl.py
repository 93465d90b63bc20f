"""JSON Lines: one ``dateline/1`` document per exported article, validated against the schema."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.errors import DatelineError
from dateline.export.select import article_ids
from dateline.query.document import get_article
from dateline.query.filters import EventFilter
from dateline.query.store import conn_of
from dateline.schema import problems as schema_problems


def write_jsonl(store, out: Path, f: EventFilter, validate: bool = True) -> dict[str, int]:
    """``out/articles.jsonl``: each document rebuilt from the tables by ``dateline.query.document``.

    With ``validate`` every document is checked with ``dateline.schema`` (schema and spans);
    a document that does not conform stops the export with E301 naming the article, since
    it would be a bug in what the store holds, not in the user's data.
    """
    problems = schema_problems if validate else None
    conn = conn_of(store)
    n = 0
    with open(out / "articles.jsonl", "w", encoding="utf-8") as fh:
        for aid in article_ids(store, f):
            doc = get_article(conn, aid)
            if problems is not None:
                found = problems(doc)
                if found:
                    raise DatelineError("E301", f"article {aid} does not conform to dateline/1: {'; '.join(found[:3])}")
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return {"articles": n}
