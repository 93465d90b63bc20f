"""Reading articles: ``articles`` (the list) and ``show`` (one article), over ``dateline.query``.

Tables for people (rich, on a terminal), JSON for programs (when piped, or --format/--json). The
other read commands (``search``, ``events``, ``actors`` ...) are in ``dateline.cli.query``.
"""

from __future__ import annotations

import json

import click

from dateline import query as q
from dateline.cli.output import console, dumps, emit, format_option, resolve

# the keys of a `dateline articles` row, in order, and the query-layer key each is read from
_LIST_KEYS = (("id", "id"), ("published", "published"), ("source", "source"), ("site", "site"),
              ("headline", "headline"), ("language", "language"), ("story_id", "story_id"),
              ("is_canonical", "is_canonical"), ("extracted", "extracted"), ("story_articles", "n_articles"),
              ("actors", "n_actors"), ("quotes", "n_quotes"), ("events", "n_events"))


def _list_row(r: dict) -> dict:
    row = {key: r[src] for key, src in _LIST_KEYS}
    row["is_canonical"] = int(row["is_canonical"])
    return row


@click.command("articles")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@format_option
@click.pass_obj
def articles_cmd(state, limit, offset, fmt, as_json):
    """List stored articles (syndicated copies too), newest first."""
    with state.open_store() as store:
        rows = [_list_row(r) for r in q.articles(store, limit, offset, copies=True, status=True)]
    fmt = resolve(fmt, as_json)
    cols = [("id", "id"), ("published", "published"), ("source", "source"), ("headline", "headline"),
            ("actors", "actors"), ("quotes", "quotes"), ("events", "events"), ("story_articles", "story")]
    if fmt == "csv":
        cols.insert(3, ("site", "site"))
    emit(rows, cols, fmt, title="articles", render={"id": _short_id})


def _short_id(row: dict) -> str:
    return row["id"][:10]


@click.command("show")
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the dateline/1 object rebuilt from the store.")
@click.pass_obj
def show_cmd(state, article_id, as_json):
    """Show one article (ID may be a unique prefix): metadata, body, actors, quotes, events."""
    with state.open_store() as store:
        doc = q.article(store, article_id)
        story = q.story_of(store, doc["id"])
    if as_json:
        click.echo(dumps(doc))
        return
    _render_article(doc, story)


def _render_article(doc: dict, story) -> None:
    from rich.panel import Panel  # deferred: rich: terminal output only
    from rich.table import Table  # deferred: rich: terminal output only
    from rich.text import Text  # deferred: rich: terminal output only

    out = console()
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for key in ("id", "published", "source", "news_code", "site", "section", "byline", "url", "language"):
        if doc.get(key):
            meta.add_row(key, str(doc[key]))
    inp = doc["input"]
    meta.add_row("input", f"{inp.get('path') or inp.get('url')} ({inp['format']})" + (f" #{inp['id']}" if inp.get("id") else ""))
    if doc.get("dateline"):
        d = doc["dateline"]
        meta.add_row("dateline", f"{d['place'] or ''} {d['date'] or ''} {d['agency'] or ''} {d['span']}".strip())
    if story is not None:
        role = "canonical" if story["is_canonical"] else f"copy of {story['canonical_id']}"
        meta.add_row("story", f"{role}; {story['n_articles']} articles, {story['n_inputs']} inputs, "
                              f"sources {', '.join(json.loads(story['sources']))}")
    for note in doc.get("notes", []):
        meta.add_row("note", note)
    out.print(Panel(meta, title=doc.get("headline") or "(no headline)", title_align="left"))
    body = Text(doc["body"])
    for a in doc["actors"]:
        for s, e in a["mentions"]:
            body.stylize("bold cyan", s, e)
    for qt in doc["quotes"]:
        body.stylize("italic", *qt["span"])
    out.print(body)
    if doc["actors"]:
        t = Table(title="actors", header_style="bold")
        for c in ("id", "name", "type", "titles", "country", "sector", "mentions"):
            t.add_column(c)
        for a in doc["actors"]:
            t.add_row(a["id"], a["name"], a["type"], "; ".join(a["titles"]), a["country"] or "", a["sector"] or "",
                      str(len(a["mentions"])))
        out.print(t)
    names = {a["id"]: a["name"] for a in doc["actors"]}
    if doc["quotes"]:
        t = Table(title="quotes", header_style="bold")
        for c in ("id", "kind", "speaker", "text"):
            t.add_column(c, overflow="fold")
        for qt in doc["quotes"]:
            t.add_row(qt["id"], qt["kind"], resolved_name(qt.get("speaker"), names), qt["text"])
        out.print(t)
    if doc["events"]:
        t = Table(title="events", header_style="bold")
        for c in ("id", "type", "cameo", "source", "target", "date", "evidence", "rule"):
            t.add_column(c, overflow="fold")
        for e in doc["events"]:
            rule = e.get("rule") or {}
            why = f"{rule.get('pattern', '')} ({rule.get('origin', '')})" if rule else ""
            t.add_row(e["id"], e["type"], e["cameo"], resolved_name(e.get("source"), names),
                      resolved_name(e.get("target"), names), e["date"] or "", e["evidence"]["text"], why)
        out.print(t)


def resolved_name(side: dict | None, names: dict[str, str]) -> str:
    """The actor a speaker or event side resolved to, with the words of the text when they differ:
    "Sergei Ryabkov (he)"; the words alone when it resolved to no actor."""
    if not side:
        return ""
    text = side.get("text") or ""
    name = names.get(side.get("actor") or "")
    if not name:
        return text
    return name if not text or text.casefold() == name.casefold() else f"{name} ({text})"


def register(group: click.Group) -> None:
    for cmd in (articles_cmd, show_cmd):
        group.add_command(cmd)
