"""Serving with several worker processes, each with its own listening socket (``SO_REUSEPORT``).

uvicorn's own ``workers=N`` shares one listening socket between the processes, and whichever
process wakes first accepts: a burst of keep-alive connections (20 clients opening at once) can
all land on one process while the others idle, so one core does the work of all. With one socket
per worker bound to the same port with ``SO_REUSEPORT``, the kernel spreads new connections over
the workers. Where the option does not exist (not Linux/BSD), uvicorn's shared socket is used.

The parent process only supervises: it checks the port is free, starts the workers, restarts a
worker that dies (more than ``MAX_RESTARTS`` exits within a minute stop the server with ``E506``),
and stops them all on SIGINT / SIGTERM.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import signal
import socket
import sys
import time

from dateline.errors import DatelineError

log = logging.getLogger(__name__)
MAX_RESTARTS = 5


def reuseport_supported() -> bool:
    """Linux spreads connections over ``SO_REUSEPORT`` sockets; other systems accept the option
    without balancing (macOS) or need another one (FreeBSD): they use uvicorn's shared socket."""
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


def _options() -> dict:
    """The server's limits (``dateline.api.protocol``) from the settings in the environment."""
    from dateline.api.protocol import uvicorn_options
    from dateline.config import load_config

    return uvicorn_options(load_config())


def _worker(host: str, port: int, log_level: str) -> None:
    import uvicorn

    sock = _bind(host, port, reuseport=True)
    config = uvicorn.Config("dateline.api.app:app_from_env", factory=True, log_level=log_level, **_options())
    uvicorn.Server(config).run(sockets=[sock])


def run_workers(host: str, port: int, workers: int, log_level: str = "info") -> None:
    """Run ``workers`` processes serving ``app_from_env`` on ``host:port`` until interrupted.

    The workers read their settings from the environment (``DATELINE_DB``, ``DATELINE_CONFIG``, ...):
    set it before calling.
    """
    import uvicorn

    if not reuseport_supported():
        uvicorn.run("dateline.api.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level=log_level, **_options())
        return
    check_port_free(host, port)
    ctx = mp.get_context("spawn")
    stopping = False

    def start():
        p = ctx.Process(target=_worker, args=(host, port, log_level), daemon=False)
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
    if failed:
        raise DatelineError("E506", f"{failed}: stopped the server")
