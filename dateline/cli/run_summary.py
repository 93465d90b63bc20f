"""After ``make run``: where the store is, what it holds, and how to look at it.

    python -m dateline.cli.run_summary --db dateline.db
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from dateline import query
from dateline.store import open_store


def summary(db: str) -> str:
    path = Path(db).resolve()
    if not path.exists():
        return f"No store at {path}: the ingest did not run (see the errors above)."
    with open_store(db) as store:
        n = query.table_counts(store)
        latest = next(iter(query.articles(store, limit=1, copies=True)), None)
        word = next((a["name"] for a in query.actors(store, limit=50) if a["type"] != "country"), None)
    q = shlex.quote(db)
    lines = [
        f"The store is {path} (SQLite).",
        f"It holds {n['articles']} article(s) in {n['stories']} story(ies), {n['actors']} actor(s), "
        f"{n['quotes']} quote(s), {n['events']} event(s); {n['failures']} failed input(s).",
    ]
    if latest is not None:
        lines.append(f"Latest article: {latest['headline'] or '(no headline)'}")
        lines.append(f"  id {latest['id']}, published {latest['published'] or 'unknown'}, source {latest['source'] or '-'}")
    term = (word.split()[-1] if word else None) or "nuclear"
    short = latest["id"][:8] if latest is not None else "ID"
    lines += [
        "",
        "Look at it:",
        f"  .venv/bin/dateline --db {q} show {short}          # the article, its actors, quotes and events",
        f"  .venv/bin/dateline --db {q} show {short} --json   # the dateline/1 JSON object",
        f"  .venv/bin/dateline --db {q} search {shlex.quote(term)}",
        f"  .venv/bin/dateline --db {q} actors",
        f"  sqlite3 {q} 'SELECT id, published, headline FROM articles'",
        f"  .venv/bin/dateline --db {q} serve                 # the web UI and HTTP API on http://127.0.0.1:8000",
    ]
    return "\n".join(lines)


@click.command()
@click.option("--db", default="dateline.db", show_default=True)
def main(db: str) -> None:
    """Print where the store is, what it holds, and how to look at it."""
    click.echo(summary(db))


if __name__ == "__main__":
    main(sys.argv[1:])
