"""Reading the store: ``articles``, ``show``, ``search``, ``actors``, ``actor``.

Tables for people (rich, on a terminal), JSON for programs (when piped, or --format/--json).
"""

from __future__ import annotations

import click

from dateline.cli.output import HL, console, dumps, emit, format_option, resolve
from dateline.store import read


@click.command("articles")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@format_option
@click.pass_obj
def articles_cmd(state, limit, offset, fmt, as_json):
    """List stored articles, newest first."""
    with state.open_store() as store:
        rows = read.list_articles(store.conn, limit, offset)
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
        doc = read.get_article(store.conn, article_id)
        story = store.conn.execute(
            "SELECT s.canonical_id, s.n_articles, s.n_inputs, s.sources, a.is_canonical FROM articles a "
            "JOIN stories s ON s.id = a.story_id WHERE a.id = ?", (doc["id"],)).fetchone()
    if as_json:
        click.echo(dumps(doc))
        return
    _render_article(doc, story)


def _render_article(doc: dict, story) -> None:
    import json

    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

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
    for q in doc["quotes"]:
        body.stylize("italic", *q["span"])
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
        for q in doc["quotes"]:
            t.add_row(q["id"], q["kind"], resolved_name(q.get("speaker"), names), q["text"])
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


def _snippet_text(row: dict):
    from rich.text import Text

    t = Text()
    parts = row["snippet"].split(read.HL_START)
    t.append(parts[0])
    for p in parts[1:]:
        hit, _, rest = p.partition(read.HL_END)
        t.append(hit, style="bold yellow")
        t.append(rest)
    return t


@click.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--raw", is_flag=True, help="Pass QUERY to SQLite FTS5 as written (phrases, OR, NEAR, prefix*).")
@format_option
@click.pass_obj
def search_cmd(state, query, limit, raw, fmt, as_json):
    """Full-text search over headlines and bodies, best first (bm25), with highlighted snippets."""
    fmt = resolve(fmt, as_json)
    with state.open_store() as store:
        rows = read.search_articles(store.conn, query, limit, raw=raw)
    if fmt != "table":
        for r in rows:
            r["snippet"] = r["snippet"].replace(read.HL_START, HL[0]).replace(read.HL_END, HL[1])
    cols = [("id", "id"), ("published", "published"), ("source", "source"), ("headline", "headline"),
            ("snippet", "snippet")]
    emit(rows, cols, fmt, title=f"search: {query}", render={"snippet": _snippet_text, "id": _short_id})


@click.command("actors")
@click.argument("query", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@format_option
@click.pass_obj
def actors_cmd(state, query, limit, fmt, as_json):
    """Actors across all articles (one per real-world entity), most mentioned first; QUERY filters names."""
    with state.open_store() as store:
        rows = read.list_actors(store.conn, query, limit)
    cols = [("id", "id"), ("name", "name"), ("type", "type"), ("country", "country"), ("sector", "sector"),
            ("n_mentions", "mentions"), ("n_articles", "articles"), ("first_seen", "first seen"),
            ("last_seen", "last seen")]
    emit(rows, cols, resolve(fmt, as_json), title="actors")


@click.command("actor")
@click.argument("actor_id", metavar="ID")
@format_option
@click.pass_obj
def actor_cmd(state, actor_id, fmt, as_json):
    """One actor: names seen, titles over time (first and last date), the latest articles."""
    fmt = resolve(fmt, as_json)
    with state.open_store() as store:
        a = read.get_actor(store.conn, actor_id)
    if fmt != "table":
        click.echo(dumps(a))
        return
    from rich.table import Table

    out = console()
    from rich.text import Text

    head = Text(a["name"], style="bold")
    head.append(f"  #{a['id']}  {a['type']}  {a['country'] or '-'}  {a['sector'] or '-'}  "
                f"{a['n_mentions']} mentions in {a['n_articles']} articles  ({a['first_seen']} … {a['last_seen']})",
                style="")
    out.print(head)
    if a["aliases"]:
        out.print("also: " + ", ".join(a["aliases"]))
    if a["titles"]:
        t = Table(title="titles over time", header_style="bold")
        for c in ("title", "first seen", "last seen", "articles"):
            t.add_column(c)
        for ti in a["titles"]:
            t.add_row(ti["title"], ti["first_seen"] or "", ti["last_seen"] or "", str(ti["n"]))
        out.print(t)
    emit(a["articles"], [("id", "id"), ("published", "published"), ("headline", "headline")], "table",
         title="latest articles")


def register(group: click.Group) -> None:
    for cmd in (articles_cmd, show_cmd, search_cmd, actors_cmd, actor_cmd):
        group.add_command(cmd)
