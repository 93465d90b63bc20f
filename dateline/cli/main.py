"""The ``dateline`` command group.

Global options: ``--db`` (env ``DATELINE_DB``, default ``./dateline.db``) and ``--config``
(env ``DATELINE_CONFIG``). Commands come from modules that expose
``register(group: click.Group) -> None``: first this package's own (ingest, extract,
articles, show, fix), then the optional ones in ``OPTIONAL`` when they are installed. Every
command has one name and one module: registering a name twice is an error, never a silent
replacement.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from dateline import __version__
from dateline.config import load_config
from dateline.errors import DatelineError
from dateline.store import open_store

CORE = ("dateline.cli.ingest", "dateline.cli.articles", "dateline.cli.fix")
OPTIONAL = ("dateline.cli.query", "dateline.cli.serve", "dateline.cli.watch", "dateline.cli.scale")


class State:
    """What every command shares: the global options, the config (loaded once), the store path."""

    def __init__(self, db: str | None, config_path: str | None):
        self._db = db
        self.config_path = config_path
        self._config = None

    @property
    def config(self):
        if self._config is None:
            self._config = load_config(self.config_path, db=self._db)
        return self._config

    def set_db(self, db: str) -> None:
        """A ``--db`` given after the subcommand: it wins over the group's, and the config follows it."""
        self._db = db
        if self._config is not None:
            self._config = self._config.replace(db=db)

    def db(self, override: str | None = None) -> str:
        return override or self._db or self.config.db

    def open_store(self, override: str | None = None, must_exist: bool = True):
        """Open (and migrate) the store; with ``must_exist`` a missing SQLite file is an error, not a new store."""
        db = self.db(override)
        if must_exist and "://" not in db and not Path(db).exists():
            raise DatelineError("E400", f"no store at {db}", "run `dateline ingest INPUT...` first, or pass --db PATH")
        return open_store(db)


class DatelineGroup(click.Group):
    """Turns a DatelineError anywhere in a command into one line on stderr and exit status 1, and
    refuses a second command of a name it already has."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name in self.commands and self.commands[name] is not cmd:
            where = [getattr(c.callback, "__module__", "?") for c in (self.commands[name], cmd)]
            raise RuntimeError(f"dateline: two commands named {name!r} ({where[0]} and {where[1]})")
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            click.echo(f"error {exc.code}: {exc.message} (hint: {exc.hint})", err=True)
            ctx.exit(1)


def _root(ctx: click.Context, db: str | None, config_path: str | None) -> None:
    """dateline: evidence-linked news data — actors, quotes and events with character spans."""
    ctx.obj = State(db, config_path)


def make_cli(optional: bool = True) -> click.Group:
    """A new ``dateline`` group with the core commands and (unless ``optional`` is False) the optional ones."""
    group = click.version_option(__version__, prog_name="dateline")(click.pass_context(_root))
    group = click.option("--config", "config_path", envvar="DATELINE_CONFIG", default=None, metavar="FILE",
                         type=click.Path(dir_okay=False),
                         help="A TOML config file (docs/configuration.md). Env DATELINE_CONFIG.")(group)
    group = click.option("--db", envvar="DATELINE_DB", default=None, metavar="PATH",
                         help="The store: a SQLite file (default ./dateline.db) or a postgresql:// URL. "
                              "Env DATELINE_DB.")(group)
    group = click.group("dateline", cls=DatelineGroup,
                        context_settings={"help_option_names": ["-h", "--help"]})(group)
    register_all(group, optional=optional)
    return group


def _late_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None and isinstance(ctx.find_object(State), State):
        ctx.find_object(State).set_db(value)


def accept_db_anywhere(cmd: click.Command) -> None:
    """Give ``cmd`` (and, for a group, every subcommand) a ``--db`` of its own, so the store may be
    named before or after the subcommand: ``dateline --db x.db events`` = ``dateline events --db x.db``.
    Commands that already take ``--db`` keep theirs."""
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            accept_db_anywhere(sub)
    if any("--db" in getattr(p, "opts", ()) for p in cmd.params):
        return
    cmd.params.append(click.Option(
        ["--db"], metavar="PATH", expose_value=False, is_eager=True, callback=_late_db,
        help="The store (same as the global --db; may be given after the subcommand)."))


def register_all(group: click.Group, optional: bool = True) -> list[str]:
    """Register the core commands, then every optional module that is installed. Returns module names."""
    loaded = []
    for name in CORE:
        importlib.import_module(name).register(group)
        loaded.append(name)
    for name in OPTIONAL if optional else ():
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        mod.register(group)
        loaded.append(name)
    for cmd in group.commands.values():
        accept_db_anywhere(cmd)
    return loaded


cli = make_cli()


def main(argv: list[str] | None = None) -> None:
    if os.environ.get("DATELINE_DEBUG"):
        sys.tracebacklimit = 1000
    cli.main(args=argv, prog_name="dateline")


if __name__ == "__main__":
    main()
