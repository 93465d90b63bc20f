"""Links the server writes, never taken from an untrusted ``Host`` header.

* Pages link with paths (``/articles/abc``): ``path_for`` is the templates' ``url_for``.
* Absolute URLs (the API's ``next`` and ``href``, the Atom feed's links, a watch's feed URL) come
  from ``public_base_url``: ``base_url`` when it is set in the config (behind a proxy), else the
  address the request reached, whose ``Host`` the ``TrustedHosts`` middleware has checked against
  ``allowed_hosts``.
* ``HostPolicy`` is that list: by default the bound address, ``localhost``, ``127.0.0.1`` and
  ``::1``; ``allowed_hosts`` in the config replaces them (entries: a name or address,
  ``.example.org`` for the name and its subdomains, ``*`` for any host); the host of ``base_url``,
  when it is set, is always served.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import Request

from dateline.config import Config

LOCAL = ("localhost", "127.0.0.1", "::1")
WILDCARD_BINDS = ("", "0.0.0.0", "::", "[::]")


def host_of(value: str) -> str:
    """The host name of a ``Host`` header value (``Example.org.:8000`` -> ``example.org``, ``[::1]:80`` -> ``::1``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


@dataclass(frozen=True)
class HostPolicy:
    names: frozenset[str]
    suffixes: tuple[str, ...] = ()
    any: bool = False

    @classmethod
    def from_config(cls, config: Config) -> HostPolicy:
        entries = list(config.allowed_hosts) or [*LOCAL, config.host]
        base = urlsplit(config.base_url).hostname if config.base_url != Config.default("base_url") else None
        if base:  # the host links point to when base_url is set
            entries.append(base)
        names = {host_of(e) for e in entries if not e.startswith(".") and e != "*"} - set(WILDCARD_BINDS)
        suffixes = tuple(e.lower().rstrip(".") for e in entries if e.startswith("."))
        return cls(frozenset(names), suffixes, "*" in entries)

    def allows(self, host_header: str | None) -> bool:
        if host_header is None:  # HTTP/1.0 without Host: links use the server's own address
            return True
        host = host_of(host_header)
        if self.any or host in self.names:
            return True
        return any(host == s[1:] or host.endswith(s) for s in self.suffixes)


def public_base_url(request: Request) -> str:
    """The base of absolute links: ``base_url`` when set, else this request's base if its Host is
    allowed (it always is behind ``TrustedHosts``), else ``base_url``'s default."""
    state = getattr(request.scope.get("app"), "state", None)  # None: a bare Request (tests)
    config: Config = getattr(state, "config", None) or Config()
    if config.base_url != Config.default("base_url"):
        return config.base_url.rstrip("/")
    policy = getattr(state, "host_policy", None) or HostPolicy.from_config(config)
    if policy.allows(request.headers.get("host")):
        return str(request.base_url).rstrip("/")
    return config.base_url.rstrip("/")


def path_for(request: Request, name: str, /, **path_params) -> str:
    """The path of the named route (``/articles/abc``), with the app's root path: a link that works
    on whatever host the page was reached."""
    return request.url_for(name, **path_params).path


def absolute_url(request: Request, path: str) -> str:
    """``public_base_url`` + ``path`` (a path from ``path_for``, or one with a query string)."""
    root = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root):]
    return public_base_url(request) + path


def absolute_for(request: Request, name: str, /, **path_params) -> str:
    return absolute_url(request, path_for(request, name, **path_params))
