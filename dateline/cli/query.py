"""Query and export commands: ``events``, ``quotes``, ``actors``, ``actor``, ``search``,
``timeline``, ``network`` and ``export`` (over ``dateline.query`` / ``dateline.export``).

Registered after the core commands, so ``search``, ``actors`` and ``actor`` here replace the
simple ones of ``dateline.cli.articles``. Every listing takes ``--format`` (table on a
terminal, JSON when piped; or table, json, jsonl, csv), ``--limit`` and ``--offset``; filters
combine. ``event_filter_options`` / ``event_filter`` are reusable (watches take the same
options).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence

import click

from dateline import query as q
from dateline.cli.actors import actors_group
from dateline.cli.output import console, dumps, emit, format_option, resolve
from dateline.errors import DatelineError
from dateline.export import export
from dateline.extract.time.calendar import label
from dateline.query.fts import highlight

# -- shared options ---------------------------------------------------------------------


def event_filter_options(f: Callable) -> Callable:
    """The filter options of ``dateline events`` (also used by ``export`` and watches)."""
    opts = [
        click.option("--actor", help="Actor id or name, on either side of the event."),
        click.option("--source", help="Actor id or name doing the action."),
        click.option("--target", help="Actor id or name acted upon."),
        click.option("--type", "etype", metavar="TYPE", help="PLOVER type (ACCUSE), or several: ACCUSE,THREATEN."),
        click.option("--country", metavar="ISO3", help="Source or target country (ISO alpha-3, e.g. IRN)."),
        click.option("--since", metavar="DATE", help="From this day (YYYY-MM-DD, YYYY-MM, YYYY, 7d, today)."),
        click.option("--until", metavar="DATE", help="Up to and including this day."),
        click.option("--asserted-only", is_flag=True, help="Only asserted, non-negated events."),
        click.option("--quad-class", metavar="N", help="1 verbal coop, 2 material coop, "
                     "3 verbal conflict, 4 material conflict; several comma-separated (3,4)."),
        click.option("--modality", metavar="M", help="asserted, reported_past, future, hypothetical; several "
                     "comma-separated."),
        click.option("--place", metavar="NAME", help="The event's place name (e.g. Moscow)."),
        click.option("--article-source", metavar="NAME", help="The article's wire credit (e.g. IRNA)."),
        click.option("--site", metavar="NAME", help="The article's publishing site."),
        click.option("--article", metavar="ID", help="Only this article."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def event_filter(kw: dict, copies: bool = False) -> q.EventFilter:
    """Pop the ``event_filter_options`` values from ``kw`` into an EventFilter."""
    return q.EventFilter(
        actor=kw.pop("actor", None), source=kw.pop("source", None), target=kw.pop("target", None),
        type=kw.pop("etype", None), country=kw.pop("country", None), since=kw.pop("since", None),
        until=kw.pop("until", None), asserted_only=kw.pop("asserted_only", False),
        quad_class=kw.pop("quad_class", None), article=kw.pop("article", None), copies=copies,
        modality=kw.pop("modality", None), place=kw.pop("place", None),
        article_source=kw.pop("article_source", None), site=kw.pop("site", None),
    )


def page_options(default: int = 50) -> Callable:
    def deco(f):
        f = click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows.")(f)
        return click.option("--limit", type=click.IntRange(1, 10_000), default=default, show_default=True,
                            help="At most this many rows.")(f)
    return deco


def _summary(shown: int, total: int, offset: int, what: str, fmt: str) -> None:
    if fmt == "table":
        first = offset + 1 if shown else offset
        click.echo(f"{first}-{offset + shown} of {total} {what}", err=True)


def _table(rows: Sequence[dict], columns: Sequence[tuple], title: str) -> None:
    """A rich table; columns are (key, header, wide, render) with render(row) -> str | Text."""
    from rich.table import Table  # deferred: rich: terminal output only

    any_wide = any(c[2] for c in columns)
    t = Table(title=title, header_style="bold", expand=any_wide)
    for key, header, wide, _ in columns:
        dated = key in ("day", "date", "published", "first", "last", "first_seen", "last_seen")
        if wide:
            t.add_column(header, overflow="fold", ratio=1, min_width=16)
        else:
            t.add_column(header, overflow="fold", min_width=10 if dated else None, max_width=10 if dated else 18)
    from rich.text import Text  # deferred: rich: terminal output only

    for r in rows:
        cells = []
        for key, _, _, render in columns:
            v = render(r) if render else r.get(key)
            # article text is untrusted: plain Text, never parsed as rich markup
            cells.append(v if isinstance(v, Text) else Text("" if v is None else str(v)))
        t.add_row(*cells)
    console().print(t)


def _plain(rows: list[dict], fmt: str) -> list[dict]:
    """For CSV: booleans as true/false and lists as JSON, as the CSV export writes them."""
    if fmt != "csv":
        return rows
    conv = {bool: lambda v: "true" if v else "false", list: lambda v: json.dumps(v, ensure_ascii=False)}
    return [{k: conv[type(v)](v) if type(v) in conv else v for k, v in r.items()} for r in rows]


def _marked(text: str, ranges, style: str = "bold yellow"):
    from rich.text import Text  # deferred: rich: terminal output only

    t = Text(text or "")
    for s, e in ranges or ():
        t.stylize(style, s, e)
    return t


def _store(state):
    return state.open_store()


def _list(state, fmt: str, offset: int, fetch, count, table, columns, noun: str) -> None:
    """One page of rows: a table (with the total, counted) for people, else JSON/CSV for programs."""
    with _store(state) as store:
        rows = fetch(store)
        total = count(store) if fmt == "table" else len(rows)
    if fmt == "table":
        _table(rows, table, noun)
    else:
        emit(_plain(rows, fmt), [(c, c) for c in columns], fmt)
    _summary(len(rows), total, offset, noun, fmt)


def _check_limit(state, limit: int) -> None:
    cap = getattr(getattr(state, "config", None), "max_page_size", None)
    if cap and limit > cap:
        raise DatelineError("E501", f"--limit {limit} is above max_page_size ({cap})",
                            "page with --offset, raise max_page_size in the config, or use `dateline export`")


def _flag(r: dict) -> str:
    out = []
    if r.get("negated"):
        out.append("NOT")
    if r.get("modality") and r["modality"] != "asserted":
        out.append(r["modality"])
    return " ".join(out)


# -- events -----------------------------------------------------------------------------

def _when(r: dict) -> str:
    return label(r.get("date"), r.get("date_precision"))


EVENT_TABLE = [
    ("date", "date", False, _when),
    ("published", "published", False, lambda r: (r.get("published") or "")[:10]),
    ("type", "type", False, None),
    ("source_name", "source", False, None),
    ("target_name", "target", False, None),
    ("flags", "modality", False, _flag),
    ("evidence_text", "evidence", True, lambda r: r["evidence_text"]),
    ("article_id", "article", False, lambda r: r["article_id"][:10]),
    ("n_articles", "arts", False, None),
]


@click.command("events")
@event_filter_options
@click.option("--copies", is_flag=True, help="Also list the events read from syndicated copies.")
@click.option("--order", type=click.Choice(["published", "date"]), default="published", show_default=True,
              help="Newest first by the article's publication, or by the event's own date (undated last).")
@page_options(50)
@format_option
@click.pass_obj
def events_cmd(state, limit, offset, fmt, as_json, copies, order, **kw):
    """Events (who did what to whom, when, with the evidence), newest article first; filters combine.

    --since/--until select by the event's own date (undated events fall outside every range).

    \b
    dateline events --actor Lavrov --since 2011-11
    dateline events --country IRN --type ACCUSE,THREATEN --asserted-only --format csv
    dateline events --order date --since 2019
    """
    _check_limit(state, limit)
    f = event_filter(kw, copies=copies)
    fmt = resolve(fmt, as_json)
    _list(state, fmt, offset, lambda s: q.events(s, f, limit, offset, order=order), lambda s: q.count_events(s, f),
          EVENT_TABLE, q.EVENT_COLUMNS, "events")


@click.command("timeline")
@event_filter_options
@click.option("--bin", "bin_", type=click.Choice(["auto", "day", "week", "month", "year"]), default="auto",
              show_default=True, help="The period of a row (auto: by the length of the range).")
@format_option
@click.pass_obj
def timeline_cmd(state, bin_, fmt, as_json, **kw):
    """Events per period of their own date, by quad class (1 verbal coop, 2 material coop, 3 verbal
    conflict, 4 material conflict); every period of the range is listed, and undated events (and those
    dated less finely than the bin) are counted below the table, not dropped."""
    f = event_filter(kw)
    fmt = resolve(fmt, as_json)
    with _store(state) as store:
        tl = q.timeline(store, f, bin=bin_)
    if fmt == "json":
        click.echo(dumps(tl))
        return
    rows = [{"date": b["date"], "end": b["end"], "n": b["n"], **b["quad"]} for b in tl["bins"]]
    if fmt != "table":
        emit(rows, [(c, c) for c in ("date", "end", "n", "1", "2", "3", "4", "0")], fmt)
        return
    cols = [("date", tl["bin"], False, None), ("n", "events", False, None)] + [
        (str(k), name, False, functools.partial(lambda r, k: r.get(str(k), 0), k=k))
        for k, name in q.QUAD_CLASSES.items()
    ]
    _table(rows, cols, f"events per {tl['bin']}")
    click.echo(f"undated: {tl['undated']['n']} events (no date in their words); dated less finely than a "
               f"{tl['bin']}: {tl['coarser']['n']}", err=True)


@click.command("network")
@event_filter_options
@click.option("--max-edges", type=click.IntRange(1, 5000), default=50, show_default=True)
@format_option
@click.pass_obj
def network_cmd(state, max_edges, fmt, as_json, **kw):
    """Who acts on whom: actor pairs with event counts and mean Goldstein score, heaviest first."""
    f = event_filter(kw)
    fmt = resolve(fmt, as_json)
    with _store(state) as store:
        net = q.network(store, f, max_edges=max_edges)
    if fmt == "json":
        click.echo(dumps(net))
        return
    names = {n["id"]: n["name"] for n in net["nodes"]}
    rows = [{**e, "source_name": names.get(e["source"]), "target_name": names.get(e["target"]),
             "types": ",".join(f"{k}:{v}" for k, v in sorted(e["types"].items(), key=lambda kv: -kv[1]))}
            for e in net["edges"]]
    cols = ["source", "source_name", "target", "target_name", "n", "mean_goldstein", "types", "first", "last"]
    if fmt == "table":
        _table(rows, [("source_name", "source", False, None), ("target_name", "target", False, None),
                      ("n", "events", False, None), ("mean_goldstein", "goldstein", False, None),
                      ("types", "types", True, None), ("first", "first", False, None),
                      ("last", "last", False, None)], "interactions")
    else:
        emit(rows, [(c, c) for c in cols], fmt)


# -- quotes -----------------------------------------------------------------------------

QUOTE_TABLE = [
    ("day", "day", False, None),
    ("speaker_name", "speaker", False, None),
    ("text", "quote", True, lambda r: _marked(r["text"], r.get("highlights"))),
    ("kind", "kind", False, None),
    ("article_id", "article", False, lambda r: r["article_id"][:10]),
]


@click.command("quotes")
@click.option("--speaker", help="Actor id or name of the speaker.")
@click.option("--about", metavar="TEXT", help="Full-text search in the quote text (words, \"phrases\", OR, -not).")
@click.option("--since", metavar="DATE", help="Published from this day.")
@click.option("--until", metavar="DATE", help="Published up to and including this day.")
@click.option("--kind", type=click.Choice(["direct", "partial", "indirect"]))
@click.option("--article", metavar="ID", help="Only this article.")
@click.option("--copies", is_flag=True, help="Also list quotes of syndicated copies.")
@page_options(50)
@format_option
@click.pass_obj
def quotes_cmd(state, speaker, about, since, until, kind, article, copies, limit, offset, fmt, as_json):
    """Quotes (who said what, where), newest first.

    \b
    dateline quotes --speaker Lavrov
    dateline quotes --about "nuclear program" --since 2011-11-01
    """
    _check_limit(state, limit)
    f = q.QuoteFilter(speaker=speaker, about=about, since=since, until=until, kind=kind, article=article,
                      copies=copies)
    fmt = resolve(fmt, as_json)
    _list(state, fmt, offset, lambda s: q.quotes(s, f, limit, offset), lambda s: q.count_quotes(s, f),
          QUOTE_TABLE, q.QUOTE_COLUMNS, "quotes")


# -- actors -----------------------------------------------------------------------------


@click.command("actors")
@click.argument("query", required=False)
@click.option("--type", "atype", type=click.Choice(["person", "org", "country", "group"]))
@click.option("--country", metavar="ISO3")
@page_options(50)
@format_option
@click.pass_obj
def actors_cmd(state, query, atype, country, limit, offset, fmt, as_json):
    """Actors across all articles, most mentioned first; QUERY matches names and aliases."""
    _check_limit(state, limit)
    fmt = resolve(fmt, as_json)
    with _store(state) as store:
        rows = q.actors(store, query, limit, offset, type=atype, country=country)
        total = q.count_actors(store, query, type=atype, country=country) if fmt == "table" else len(rows)
    if fmt == "csv":
        rows = [{**r, "aliases": "; ".join(r["aliases"])} for r in rows]
    if fmt == "table":
        heads = {"n_mentions": "mentions", "n_articles": "articles", "first_seen": "first", "last_seen": "last",
                 "country": "cc"}
        _table(rows, [(c, heads.get(c, c), c == "name", None) for c in q.ACTOR_COLUMNS if c != "aliases"], "actors")
    else:
        emit(rows, [(c, c) for c in q.ACTOR_COLUMNS], fmt)
    _summary(len(rows), total, offset, "actors", fmt)


@click.command("actor")
@click.argument("actor_id", metavar="ID|NAME")
@click.option("--max-quotes", type=click.IntRange(0, 10_000), default=100, show_default=True)
@format_option
@click.pass_obj
def actor_cmd(state, actor_id, max_quotes, fmt, as_json):
    """One actor: names, titles over time, quotes in date order, whom they act on and who acts on them.

    With --format csv: the interaction counts (direction, other actor, event type, n, mean Goldstein).
    """
    fmt = resolve(fmt, as_json)
    with _store(state) as store:
        a = q.actor(store, actor_id, max_quotes=max_quotes)
    if fmt in ("json", "jsonl"):
        click.echo(dumps(a) if fmt == "json" else json.dumps(a, ensure_ascii=False, default=str))
        return
    inter = [{"direction": "acts_on", **x} for x in a["acts_on"]] + \
            [{"direction": "acted_on_by", **x} for x in a["acted_on_by"]]
    if fmt == "csv":
        emit(inter, [(c, c) for c in ("direction", "actor", "name", "actor_type", "type", "n", "mean_goldstein")], fmt)
        return
    from rich.text import Text  # deferred: rich: terminal output only

    out = console()
    head = Text()
    head.append(a["name"], style="bold")
    head.append(f"  #{a['id']}  {a['type']}  {a['country'] or '-'}  {a['sector'] or '-'}  "
                f"{a['n_mentions']} mentions in {a['n_articles']} articles ({a['first_seen']} … {a['last_seen']})")
    out.print(head)
    if a.get("merged_from"):
        out.print(Text(f"(#{a['merged_from']} was merged into this actor)"))
    if a["aliases"]:
        out.print(Text("also: " + ", ".join(a["aliases"])))
    _curation_tables(a)
    if a["titles"]:
        _table(a["titles"], [("title", "title", True, None), ("first_seen", "first seen", False, None),
                             ("last_seen", "last seen", False, None), ("n", "n", False, None)], "titles over time")
    if a["quotes"]:
        _table(a["quotes"], [c for c in QUOTE_TABLE if c[0] != "speaker_name"],
               f"quotes ({len(a['quotes'])} of {a['n_quotes']}, oldest first)")
    cols = [("name", "actor", False, None), ("type", "event", False, None), ("n", "n", False, None),
            ("mean_goldstein", "goldstein", False, None)]
    if a["acts_on"]:
        _table(a["acts_on"], cols, f"{a['name']} acts on")
    if a["acted_on_by"]:
        _table(a["acted_on_by"], cols, f"acts on {a['name']}")


def _curation_tables(a: dict) -> None:
    """The analyst's corrections and the merges of an actor (``dateline actors merge|rename|...``)."""
    if a.get("corrections"):
        _table(a["corrections"], [("id", "id", False, None), ("kind", "correction", False, None),
                                  ("other_id", "other", False, None), ("old_value", "was", False, None),
                                  ("value", "now", False, None), ("created_at", "at", False, None),
                                  ("note", "note", True, None)], "corrections")
    if a.get("merges"):
        _table(a["merges"], [("id", "merge", False, None), ("from_name", "merged", True, None),
                             ("from_id", "#", False, None), ("into_name", "into", True, None),
                             ("into_id", "# ", False, None), ("reason", "why", False, None),
                             ("undone_at", "undone", False, None)], "merges (undo: dateline actors undo MERGE)")


# -- search -----------------------------------------------------------------------------


@click.command("search")
@click.argument("query")
@click.option("--type", "etype", metavar="TYPE", help="Only articles with an event of this PLOVER type.")
@click.option("--country", metavar="ISO3", help="Only articles with an event involving this country.")
@click.option("--since", metavar="DATE", help="Published from this day.")
@click.option("--until", metavar="DATE", help="Published up to and including this day.")
@click.option("--copies", is_flag=True, help="List syndicated copies too (default: one article per story).")
@click.option("--facets", is_flag=True, help="Also print counts by event type, country and month.")
@page_options(20)
@format_option
@click.pass_obj
def search_cmd(state, query, etype, country, since, until, copies, facets, limit, offset, fmt, as_json):
    """Full-text search over headlines, bodies and quotes, best first (BM25), with highlighted snippets.

    QUERY: words (all must occur), "exact phrases", OR, -excluded, prefix*.
    """
    _check_limit(state, limit)
    fmt = resolve(fmt, as_json)
    kw = dict(type=etype, country=country, since=since, until=until, copies=copies)
    with _store(state) as store:
        hits = q.search(store, query, limit, offset, max_ranked=state.config.search_max_ranked, **kw)
        total = q.count_search(store, query, **kw) if fmt == "table" else len(hits)
        fac = q.search_facets(store, query, **kw) if facets else None
    for h in hits:
        h["snippet_html"] = highlight(h["snippet"], h["highlights"])
        h["quote_speakers"] = "; ".join(sorted({x["speaker_name"] or "?" for x in h["quotes"]}))
    if fmt == "table":
        _table(hits, [
            ("article_id", "article", False, lambda r: r["article_id"][:10]),
            ("published", "published", False, lambda r: (r["published"] or "")[:10]),
            ("source", "source", False, None),
            ("headline", "headline", True, lambda r: _marked(r["headline"], r["headline_highlights"])),
            ("snippet", "snippet", True, lambda r: _snippet(r)),
            ("quote_speakers", "quoted", False, None),
        ], f"search: {query}")
        _summary(len(hits), total, offset, "articles", fmt)
        if fac:
            for key in ("types", "countries", "months"):
                click.echo(f"{key}: " + ", ".join(f"{x['value']} {x['n']}" for x in fac[key]), err=True)
        return
    if fmt == "json" and facets:
        click.echo(dumps({"hits": hits, "facets": fac}))
        return
    cols = ["article_id", "rank", "published", "source", "site", "url", "headline", "snippet", "snippet_html",
            "quote_speakers", "n_articles"]
    emit(hits, [(c, c) for c in cols] if fmt == "csv" else [(k, k) for k in hits[0]] if hits else [], fmt)


def _snippet(r: dict):
    from rich.text import Text  # deferred: rich: terminal output only

    t = Text("…" if r["prefix_ellipsis"] else "")
    t.append_text(_marked(r["snippet"], r["highlights"]))
    if r["suffix_ellipsis"]:
        t.append("…")
    return t


# -- export -----------------------------------------------------------------------------


@click.command("export")
@click.option("--format", "xfmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]), required=True,
              help="jsonl: dateline/1 documents; csv/parquet: one file per table; gdelt: GDELT 2.0 events.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Directory to write to.")
@event_filter_options
@click.option("--canonical-only", is_flag=True, help="Leave syndicated copies out.")
@click.option("--header", is_flag=True, help="gdelt: write a header line (GDELT files have none).")
@click.option("--no-validate", is_flag=True, help="jsonl: skip the dateline/1 schema check of each document.")
@click.pass_obj
def export_cmd(state, xfmt, out_dir, canonical_only, header, no_validate, **kw):
    """Export the store (or what the filters select) to DIR, with a manifest.json.

    \b
    dateline export --format parquet --out out/
    dateline export --format gdelt --out out/ --country IRN --since 2011-11
    """
    f = event_filter(kw, copies=not canonical_only)
    with _store(state) as store:
        manifest = export(store, xfmt, out_dir, f, header=header, validate=not no_validate)
    rows = ", ".join(f"{k} {v}" for k, v in manifest["rows"].items())
    click.echo(f"wrote {xfmt} to {out_dir}: {rows}", err=True)


def _actors_group() -> None:
    """The ``actors`` group itself does nothing: its subcommands list and correct (dateline.cli.actors)."""


def register(group: click.Group) -> None:
    for cmd in (events_cmd, quotes_cmd, actors_group(actors_cmd, _actors_group), actor_cmd, search_cmd, timeline_cmd, network_cmd,
                export_cmd):
        group.add_command(cmd)


