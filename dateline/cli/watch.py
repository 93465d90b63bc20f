"""Watch commands: ``dateline watch add|list|show|rm|secret`` and ``dateline digest``.

A watch saves the filters of ``dateline events`` / ``dateline quotes`` / ``dateline search``
under a name, with recipients; ``dateline digest`` sends each watch what is new since its
last digest (docs/watches.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dateline.cli.output import console, dumps, emit, format_option, resolve
from dateline.cli.query import event_filter_options
from dateline.errors import DatelineError
from dateline.query.filters import resolve_actor
from dateline.watch.email import render
from dateline.watch.models import check_name
from dateline.watch.run import run_watch
from dateline.watch.storage import (
    add_watch,
    deliveries,
    get_watch,
    last_sent,
    list_watches,
    marks,
    remove_watch,
)
from dateline.watch.webhook import check_target

EVENT_ONLY = ("actor", "source", "target", "asserted_only", "quad_class", "article")


def _filters(kw: dict, kinds: tuple[str, ...], query: str | None, speaker, about, quote_kind) -> dict:
    """The watch's queries from the command-line options (see ``watch add --help``)."""
    ev = {"actor": kw.get("actor"), "source": kw.get("source"), "target": kw.get("target"), "type": kw.get("etype"),
          "country": kw.get("country"), "since": kw.get("since"), "until": kw.get("until"),
          "asserted_only": kw.get("asserted_only") or False, "quad_class": kw.get("quad_class"),
          "article": kw.get("article")}
    ev = {k: v for k, v in ev.items() if v not in (None, False, "")}
    if not kinds:
        inferred = []
        if any(ev.get(k) for k in EVENT_ONLY) or (not query and (ev.get("type") or ev.get("country"))):
            inferred.append("events")
        if speaker or about or quote_kind:
            inferred.append("quotes")
        if query:
            inferred.append("search")
        if not inferred:
            raise DatelineError("E501", "say what to watch: event filters (--actor, --type ...), quote filters "
                                "(--speaker, --about), --query TEXT, or --kind events|quotes|search")
        kinds = tuple(inferred)
    out: dict[str, dict] = {}
    if "events" in kinds:
        out["events"] = ev
    if "quotes" in kinds:
        qf = {"speaker": speaker or ev.get("actor"), "about": about, "kind": quote_kind, "since": ev.get("since"),
              "until": ev.get("until"), "article": ev.get("article")}
        out["quotes"] = {k: v for k, v in qf.items() if v}
    if "search" in kinds:
        if not query:
            raise DatelineError("E501", "a search watch needs --query TEXT")
        sf = {"query": query, "type": ev.get("type"), "country": ev.get("country"), "since": ev.get("since"),
              "until": ev.get("until")}
        out["search"] = {k: v for k, v in sf.items() if v}
    return out


def _kinds(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    parts = tuple(p.strip() for p in value.replace("+", ",").split(",") if p.strip())
    bad = [p for p in parts if p not in ("events", "quotes", "search")]
    if bad:
        raise DatelineError("E501", f"bad --kind {', '.join(bad)}: use events, quotes, search (comma-separated)")
    return parts


@click.group("watch")
def watch_group():
    """Saved queries that send what is new: email digests, an Atom feed, webhooks.

    \b
    dateline watch add russia --actor Russia --speaker Ryabkov --email me@example.org
    dateline watch list
    dateline digest russia --to-file digest.eml
    """


@watch_group.command("add")
@click.argument("name")
@event_filter_options
@click.option("--speaker", help="Quotes by this actor (id or name).")
@click.option("--about", metavar="TEXT", help="Quotes whose words match TEXT (as `dateline quotes --about`).")
@click.option("--quote-kind", type=click.Choice(["direct", "partial", "indirect"]), help="Only quotes of this kind.")
@click.option("--query", metavar="TEXT", help="Articles matching this full-text search (as `dateline search`).")
@click.option("--kind", "kinds", metavar="KINDS", help="What to watch: events, quotes, search, or several "
              "(events,quotes). Default: inferred from the filters given. With quotes and no --speaker, "
              "--actor is also the speaker.")
@click.option("--email", "emails", multiple=True, metavar="ADDR", help="Send digests to ADDR (repeatable).")
@click.option("--webhook", metavar="URL", help="POST each digest's items as signed JSON to URL.")
@click.option("--secret", metavar="TEXT", help="The webhook signing secret (default: a random one, printed).")
@click.option("--start", type=click.Choice(["all", "now"]), default="all", show_default=True,
              help="all: the first digest covers what the store already holds; now: only what comes next.")
@click.option("--replace", is_flag=True, help="Overwrite a watch of the same name (its marks start over).")
@format_option
@click.pass_obj
def add_cmd(state, name, speaker, about, quote_kind, query, kinds, emails, webhook, secret, start, replace, fmt,
            as_json, **kw):
    """Save a watch NAME: the filters of `dateline events` / `quotes` / `search`, and its recipients."""
    filters = _filters(kw, _kinds(kinds), query, speaker, about, quote_kind)
    check_target(webhook, state.config)  # E114: deliveries would refuse this address
    with state.open_store() as store:
        w = add_watch(store, name, filters, emails=emails, webhook=webhook, secret=secret, start=start,
                      replace=replace)
        unknown = [v for f in w.filters.values() for k, v in f.items()
                   if k in ("actor", "source", "target", "speaker") and resolve_actor(store.conn, v) == ()]
    if resolve(fmt, as_json) == "json":
        click.echo(dumps(w.to_json(secret=bool(w.webhook))))
        return
    click.echo(f"watch {w.name} saved: {w.describe()}")
    click.echo(f"  email: {', '.join(w.emails) or '-'}   webhook: {w.webhook or '-'}")
    if w.webhook:
        click.echo(f"  webhook secret (X-Dateline-Signature HMAC key): {w.secret}")
    for v in unknown:
        click.echo(f"  note: no actor matches {v!r} yet; the watch will match once one is stored", err=True)
    click.echo(f"  next: dateline digest {w.name}" + ("" if w.emails or w.webhook else " --to-file digest.eml"))


@watch_group.command("list")
@format_option
@click.pass_obj
def list_cmd(state, fmt, as_json):
    """The watches, with what they select, their recipients and when each channel last sent."""
    fmt = resolve(fmt, as_json)
    with state.open_store() as store:
        rows = []
        for w in list_watches(store):
            sent = last_sent(store, w)
            rows.append({**w.to_json(), "emails": ", ".join(w.emails) if fmt in ("table", "csv") else list(w.emails),
                         "last_email": sent["email"], "last_webhook": sent["webhook"]})
    if fmt == "table":
        _watch_table(rows)
        return
    cols = [("name", "name"), ("kind", "kind"), ("description", "selects"), ("emails", "email"),
            ("webhook", "webhook"), ("last_email", "last_email"), ("last_webhook", "last_webhook"),
            ("created", "created")]
    if fmt == "csv":
        for r in rows:
            r.pop("filters", None)
    emit(rows, cols, fmt)


def _watch_table(rows: list[dict]) -> None:
    from rich.table import Table  # deferred: rich: terminal output only

    t = Table(title="watches", header_style="bold", expand=True)
    t.add_column("name", no_wrap=True)
    t.add_column("selects", overflow="fold", ratio=2)
    t.add_column("recipients", overflow="fold", ratio=1)
    t.add_column("last sent", overflow="fold", min_width=12)
    for r in rows:
        rec = "\n".join(x for x in (r["emails"], f"webhook {r['webhook']}" if r["webhook"] else "") if x) or "-"
        last = "\n".join(f"{c}: {r['last_' + c]}" for c in ("email", "webhook") if r["last_" + c]) or "never"
        t.add_row(r["name"], r["description"], rec, last)
    console().print(t)
    if not rows:
        click.echo("(no watches: add one with `dateline watch add NAME ...`)", err=True)


@watch_group.command("show")
@click.argument("name")
@format_option
@click.pass_obj
def show_cmd(state, name, fmt, as_json):
    """One watch: its filters, recipients, marks and latest deliveries."""
    with state.open_store() as store:
        w = get_watch(store, name)
        d = {**w.to_json(), "marks": {c: marks(store, w, c).as_list() for c in ("email", "webhook")},
             "deliveries": deliveries(store, w)}
    if resolve(fmt, as_json) in ("json", "jsonl", "csv"):
        click.echo(dumps(d))
        return
    click.echo(f"{w.name}: {w.describe()}\n  email: {', '.join(w.emails) or '-'}   webhook: {w.webhook or '-'}"
               f"\n  created {w.created}; marks (event, quote, article rowids): {d['marks']}")
    emit(d["deliveries"], [(c, c) for c in ("started_at", "channel", "status", "n_events", "n_quotes", "n_articles",
                                            "target", "error")], "table", title="deliveries")


@watch_group.command("rm")
@click.argument("names", nargs=-1, required=True, metavar="NAME...")
@click.pass_obj
def rm_cmd(state, names):
    """Remove watches (with their marks and delivery log)."""
    missing = []
    with state.open_store() as store:
        for n in names:
            check_name(n)
            if remove_watch(store, n):
                click.echo(f"removed watch {n}")
            else:
                missing.append(n)
    if missing:
        raise DatelineError("E402", f"no watch named {', '.join(missing)}", "`dateline watch list` shows the watches")


@watch_group.command("secret")
@click.argument("name")
@click.pass_obj
def secret_cmd(state, name):
    """Print the webhook signing secret of watch NAME."""
    with state.open_store() as store:
        click.echo(get_watch(store, name).secret)


def _file_for(path: str, name: str, several: bool) -> Path:
    p = Path(path)
    return p.with_name(f"{p.stem}-{name}{p.suffix}") if several else p


@click.command("digest")
@click.argument("names", nargs=-1, metavar="[NAME...]")
@click.option("--since", default="last", show_default=True, metavar="last|DATE",
              help="last: what is new since the watch's last digest; DATE (YYYY-MM-DD, 7d, yesterday): what "
                   "was stored since then, as if the last digest had been then.")
@click.option("--smtp", metavar="HOST:PORT", help="SMTP server (default: the config's smtp).")
@click.option("--to-file", metavar="PATH", type=click.Path(dir_okay=False),
              help="Write the email to PATH (.eml) instead of sending it; with several watches "
                   "PATH-NAME.eml each. Counts as the email delivery.")
@click.option("--only", type=click.Choice(["email", "webhook"]), help="Deliver on this channel only.")
@click.option("--preview", is_flag=True, help="Print the digests (plain text) and record nothing.")
@click.pass_obj
def digest_cmd(state, names, since, smtp, to_file, only, preview):
    """Send each watch (all when no NAME) what is new since its last digest.

    \b
    dateline digest                          # every watch, on its channels
    dateline digest sample --to-file digest.eml
    dateline digest russia --smtp mail.example.org:587 --since 2011-11-01

    A failed delivery leaves the watch's mark where it was (exit status 1): run it again and
    the same items are sent, each once. A watch another digest run is sending (or was sending
    when it was killed, for the 15 minutes of its lease) is reported and not sent (exit status 1).
    """
    config = state.config
    failed = busy = 0
    with state.open_store() as store:
        watches = [get_watch(store, n) for n in dict.fromkeys(names)] if names else list_watches(store)
        if not watches:
            click.echo("no watches: add one with `dateline watch add NAME ...`", err=True)
            return
        several = len(watches) > 1
        for w in watches:
            out = run_watch(store, w, config, since=since, smtp=smtp,
                            to_file=_file_for(to_file, w.name, several) if to_file else None,
                            channels=(only,) if only else None, preview=preview)
            for o in out:
                click.echo(o.line(), err=True)
                failed += o.status == "failed"
                busy += o.status == "busy"
                if preview and o.digest is not None and not o.digest.empty and o.channel == "email":
                    click.echo(render(o.digest)[0])
    if failed:
        click.echo(f"error: {failed} deliver{'y' if failed == 1 else 'ies'} failed; marks unchanged, "
                   "re-run `dateline digest` to retry", err=True)
    if busy:
        click.echo(f"error: {busy} deliver{'y' if busy == 1 else 'ies'} not sent: another digest run holds "
                   "the lease (see above); nothing was marked as delivered", err=True)
    if failed or busy:
        sys.exit(1)


def register(group: click.Group) -> None:
    group.add_command(watch_group)
    group.add_command(digest_cmd)
