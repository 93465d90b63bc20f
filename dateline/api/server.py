"""Serving with several worker processes, each with its own listening socket (``SO_REUSEPORT``).

uvicorn's own ``workers=N`` shares one listening socket between the processes, and whichever
process wakes first accepts: a burst of keep-alive connections (20 clients opening at once) can
all land on one process while the others idle, so one core does the work of all. With one socket
per worker bound to the same port with ``SO_REUSEPORT``, the kernel spreads new connections over
the workers. Where the option does not balance (not Linux), the workers share one socket bound by
the parent, as uvicorn's own workers do.

The parent process only supervises: it checks the port is free, starts the workers, restarts a
worker that dies (more than ``MAX_RESTARTS`` exits within a minute stop the server with ``E506``),
and stops them all on SIGINT / SIGTERM.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing as mp
import signal
import socket
import sys
import time

import uvicorn

from dateline.api.app import create_app
from dateline.api.protocol import uvicorn_options
from dateline.config import Config
from dateline.errors import DatelineError

log = logging.getLogger(__name__)
MAX_RESTARTS = 5


def reuseport_supported() -> bool:
    """Linux spreads connections over ``SO_REUSEPORT`` sockets; other systems accept the option
    without balancing (macOS) or need another one (FreeBSD): their workers share one socket."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bind(host: str, port: int, reuseport: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuseport:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def check_port_free(host: str, port: int) -> None:
    """Bind once without ``SO_REUSEPORT``: fails clearly when another program holds the port."""
    try:
        _bind(host, port, reuseport=False).close()
    except OSError as exc:
        raise DatelineError("E505", f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def _worker(config: Config, log_level: str, shared: socket.socket | None) -> None:
    """One worker process: the app built from ``config`` (passed by the parent, not read from the
    environment), on its own ``SO_REUSEPORT`` socket or on the parent's ``shared`` one."""
    sock = shared or _bind(config.host, config.port, reuseport=True)
    server = uvicorn.Config(functools.partial(create_app, config), factory=True, log_level=log_level,
                            **uvicorn_options(config))
    uvicorn.Server(server).run(sockets=[sock])


def run_workers(config: Config, workers: int, log_level: str = "info") -> None:
    """Run ``workers`` processes serving ``config`` on ``config.host:config.port`` until interrupted.

    Each worker process is given the settings object itself (pickled to the spawned process)."""
    host, port = config.host, config.port
    check_port_free(host, port)
    # where SO_REUSEPORT does not balance, the workers accept on one socket bound here
    shared = None if reuseport_supported() else _bind(host, port, reuseport=False)
    ctx = mp.get_context("spawn")
    stopping = False

    def start():
        p = ctx.Process(target=_worker, args=(config, log_level, shared), daemon=False)
        p.start()
        return p

    def stop(signum, frame):  # noqa: ARG001 - signal handler signature
        nonlocal stopping
        stopping = True

    old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    restarts: list[float] = []
    failed = None
    try:
        while not stopping:
            time.sleep(0.2)
            for i, p in enumerate(procs):
                if p.is_alive() or stopping:
                    continue
                now = time.monotonic()
                restarts = [t for t in restarts if now - t < 60] + [now]
                if len(restarts) > MAX_RESTARTS:
                    failed = f"worker {p.pid} exited with {p.exitcode}, the {len(restarts)}th exit within a minute"
                    stopping = True
                    break
                log.warning("worker %s exited with %s; restarting it", p.pid, p.exitcode)
                procs[i] = start()
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=15)
            if p.is_alive():
                p.kill()
        for s, h in old.items():
            signal.signal(s, h)
        if shared is not None:
            shared.close()
    if failed:
        raise DatelineError("E506", f"{failed}: stopped the server")
