"""``dateline serve``: the HTTP API and the web UI with uvicorn (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import click

from dateline.config import Config, load_config
from dateline.store.db import redact


def _config(ctx: click.Context, db: str | None, host: str | None, port: int | None) -> Config:
    obj = ctx.obj
    base = getattr(obj, "config", obj)  # the group's State carries the config (global --db / --config)
    if not isinstance(base, Config):
        base = load_config()
    return base.replace(db=db, host=host, port=port)


def open_url(host: str, port: int) -> str:
    """The address a person on this machine opens: a wildcard bind is reached through loopback."""
    if host in ("0.0.0.0", "", "*"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def register(group: click.Group) -> None:
    @group.command("serve")
    @click.option("--host", default=None, help="address to bind (default: 127.0.0.1, loopback only)")
    @click.option("--port", type=int, default=None, help="port (default: 8000)")
    @click.option("--db", default=None, help="the store (default: config db, dateline.db)")
    @click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                  help="worker processes (each opens its own store connections and listening socket)")
    @click.option("--log-level", default="info", show_default=True,
                  type=click.Choice(["critical", "error", "warning", "info", "debug"]))
    @click.pass_context
    def serve(ctx: click.Context, host: str | None, port: int | None, db: str | None, workers: int,
              log_level: str) -> None:
        """Serve the HTTP API (/api, OpenAPI at /api/openapi.json) and the web UI (/search, /timeline, ...).

        Writes (POST /api/ingest) need DATELINE_TOKEN set in the server's environment; clients send
        'Authorization: Bearer <token>'. Without a token the server is read-only.
        """
        import uvicorn  # deferred: the server only

        from dateline.api import create_app  # deferred: loads fastapi and starlette
        from dateline.api.links import WILDCARD_BINDS  # deferred: loads starlette
        from dateline.api.protocol import uvicorn_options  # deferred: loads uvicorn

        config = _config(ctx, db, host, port)
        if config.host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"warning: binding to {config.host}: the API is reachable from other machines", err=True)
            if config.host in WILDCARD_BINDS and not config.allowed_hosts and config.base_url == Config.default("base_url"):
                click.echo("warning: only requests for localhost are served (others get 400, E509): set "
                           "allowed_hosts (or base_url) to the names clients use", err=True)
        app = create_app(config)  # also checks the store opens (and migrates it) before anything is served
        click.echo(f"dateline: serving {redact(config.db)} "
                   f"(writes {'enabled' if config.token else 'disabled: set DATELINE_TOKEN'})", err=True)
        click.echo(f"Open {open_url(config.host, config.port)} in a browser (Ctrl-C stops the server)")
        from dateline.api.server import (  # deferred: loads fastapi and starlette and uvicorn
            check_port_free,
            run_workers,
        )

        check_port_free(config.host, config.port)
        if workers == 1:
            uvicorn.run(app, host=config.host, port=config.port, log_level=log_level, **uvicorn_options(config))
            return
        run_workers(config, workers, log_level=log_level)  # each worker process is handed this config
