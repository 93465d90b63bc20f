"""``dateline actors``: the actor list, and an analyst's corrections of it.

    dateline actors [QUERY] [--type ..] [--country ..]   the list (``dateline actors list``)
    dateline actors merge A B        actor A is merged into actor B (B keeps its id, name, country)
    dateline actors rename A NAME    A is shown as NAME from now on
    dateline actors set-country A ISO3
    dateline actors undo MERGE_ID    undo a merge (automatic or an analyst's); the two stay apart

A and B are actor ids or names (a name must match one actor). Corrections are stored in the
store (``dateline.store.corrections``): they survive re-ingest, apply to later articles and are
listed by ``dateline actor ID``. The same corrections are in the API (``POST /api/actors/...``).
"""

from __future__ import annotations

import json

import click

from dateline.errors import DatelineError
from dateline.query.filters import resolve_actor
from dateline.store import corrections

SUBCOMMANDS = ("list", "merge", "rename", "set-country", "undo")


class ActorsGroup(click.Group):
    """A group whose bare form lists: ``dateline actors Lavrov`` is ``dateline actors list Lavrov``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and (args[0] in self.commands or args[0] in ("-h", "--help")):
            return super().parse_args(ctx, args)
        return super().parse_args(ctx, ["list", *args])


def _one(conn, value: str) -> int:
    ids = resolve_actor(conn, value) or ()
    if str(value).isdigit():
        if not conn.execute("SELECT 1 FROM actors WHERE id = ?", (int(value),)).fetchone():
            ids = ()
    if len(ids) != 1:
        what = "no actor" if not ids else f"{len(ids)} actors ({', '.join(f'#{i}' for i in ids[:8])})"
        raise DatelineError("E402" if not ids else "E501", f"{what} match {value!r}",
                            "pass the actor's id (`dateline actors QUERY` lists ids)")
    return ids[0]


def _run(state, fn, *args, as_json: bool = False) -> None:
    store = state.open_store()
    try:
        with store.transaction() as conn:
            out = fn(conn, *args)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False))
        return
    desc = {"merge": "merged #{other_id} ({old_value}) into #{actor_id} ({value}); undo: dateline actors undo {merge_id}",
            "rename": "#{actor_id} renamed: {old_value} -> {value}",
            "set-country": "#{actor_id} country: {old_value} -> {value}",
            "undo": "merge {merge_id} undone: #{other_id} and #{actor_id} are apart again"}[out["kind"]]
    click.echo(f"correction {out['id']}: " + desc.format(**out))


def _json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print the correction as JSON.")(f)


def _note_option(f):
    return click.option("--note", default=None, help="Why (kept with the correction).")(f)


@click.command("merge")
@click.argument("actor")
@click.argument("into")
@_note_option
@_json_option
@click.pass_obj
def merge_cmd(state, actor, into, note, as_json):
    """Merge ACTOR into INTO: INTO keeps its id, name and country; ACTOR's mentions, quotes, events
    and names become INTO's, and later articles naming ACTOR link to INTO."""
    def fn(conn):
        return corrections.merge(conn, _one(conn, actor), _one(conn, into), note)

    _run(state, fn, as_json=as_json)


@click.command("rename")
@click.argument("actor")
@click.argument("name")
@_note_option
@_json_option
@click.pass_obj
def rename_cmd(state, actor, name, note, as_json):
    """Show ACTOR as NAME (kept when later articles name it otherwise; NAME also finds it)."""
    _run(state, lambda conn: corrections.rename(conn, _one(conn, actor), name, note), as_json=as_json)


@click.command("set-country")
@click.argument("actor")
@click.argument("country", metavar="ISO3")
@_note_option
@_json_option
@click.pass_obj
def set_country_cmd(state, actor, country, note, as_json):
    """Set ACTOR's country (ISO 3166-1 alpha-3); its events, stored and later, carry it."""
    _run(state, lambda conn: corrections.set_country(conn, _one(conn, actor), country, note), as_json=as_json)


@click.command("undo")
@click.argument("merge_id", type=int)
@_note_option
@_json_option
@click.pass_obj
def undo_cmd(state, merge_id, note, as_json):
    """Undo merge MERGE_ID (listed by `dateline actor ID`): the two actors are apart again, for good."""
    _run(state, lambda conn: corrections.undo(conn, merge_id, note), as_json=as_json)


def actors_group(list_cmd: click.Command, callback=None) -> click.Group:
    """The ``actors`` group: ``list_cmd`` (the listing) as ``list`` and the default, plus corrections;
    ``callback`` (run before any subcommand) belongs to the module registering the group."""
    group = ActorsGroup("actors", callback=callback, help=(list_cmd.help or "") + (
        "\n\nWithout a subcommand, lists (`dateline actors [QUERY]` = `dateline actors list [QUERY]`). "
        "Corrections: merge, rename, set-country, undo."), context_settings={"help_option_names": ["-h", "--help"]})
    listing = click.Command("list", callback=list_cmd.callback, params=list_cmd.params, help=list_cmd.help)
    for cmd in (listing, merge_cmd, rename_cmd, set_country_cmd, undo_cmd):
        group.add_command(cmd)
    return group
