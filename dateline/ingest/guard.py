"""Fetches the server makes for a caller: refuse private addresses, after DNS and on every hop.

The API (``POST /api/ingest {"url": ...}``) and every webhook delivery connect through
``guarded_transport(policy)``: an httpx transport whose network backend resolves the host itself
and refuses to connect when any address it resolves to is not a public unicast address
(loopback, link-local such as the cloud metadata address 169.254.169.254, private and
unique-local ranges, shared CGNAT space, multicast, reserved, unspecified ``0.0.0.0``/``::``, and
IPv6 forms that embed one of those: IPv4-mapped, NAT64, 6to4, Teredo). The check runs at connect
time on the address actually connected to, so it holds for names that resolve to loopback, for
decimal or octal IPs, for every redirect hop and against DNS rebinding between a check and the
connection. A refusal raises ``DatelineError("E114")``.

``FetchPolicy`` comes from the config: ``fetch_allow_private = true`` lifts the check (a server
run inside one's own network), ``fetch_allow_cidrs`` allows listed networks only. Proxy
environment variables are ignored by the guarded transport (the proxy would resolve the name,
out of the guard's sight). ``dateline ingest URL`` on the command line does not use this: it
fetches what its own user asks.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from dateline.config import Config
from dateline.errors import DatelineError

IP = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


def _category(ip: IP) -> str | None:
    """Why ``ip`` is not a public unicast address (e.g. "loopback"), or None when it is one."""
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.version == 4 and ip in _CGNAT:
        return "shared (carrier-grade NAT)"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "not publicly routable"
    return None


def embedded(ip: IP) -> list[IP]:
    """The addresses to judge for ``ip``: an IPv4-mapped or NAT64 address is the IPv4 address it
    stands for; a 6to4 or Teredo address is itself and the IPv4 addresses it carries."""
    if ip.version == 4:
        return [ip]
    if ip.ipv4_mapped:
        return [ip.ipv4_mapped]
    if ip in _NAT64:
        return [ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
    return [ip, *([ip.sixtofour] if ip.sixtofour else []), *(ip.teredo or ())]


@dataclass(frozen=True)
class FetchPolicy:
    """Which addresses a server-side fetch may connect to."""

    allow_private: bool = False
    allow_networks: tuple = ()  # ipaddress networks allowed whatever their category

    @classmethod
    def from_config(cls, config: Config) -> FetchPolicy:
        nets = tuple(ipaddress.ip_network(c, strict=False) for c in config.fetch_allow_cidrs)
        return cls(allow_private=config.fetch_allow_private, allow_networks=nets)

    def refusal(self, ip: IP) -> str | None:
        """Why a connection to ``ip`` is refused, or None when it is allowed."""
        if self.allow_private:
            return None
        for one in embedded(ip):
            if any(one.version == n.version and one in n for n in self.allow_networks):
                continue
            why = _category(one)
            if why:
                return f"{ip} is a {why} address" if one == ip else f"{ip} stands for {one}, a {why} address"
        return None


def resolve(host: str, port: int) -> list[IP]:
    """Every address ``host`` resolves to (a literal IP, including decimal and octal forms, resolves
    to itself). Tests replace this function to point a name at loopback."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos))


def _refused(host: str, reason: str) -> DatelineError:
    return DatelineError("E114", f"refused to connect to {host}: {reason}")


def check_host(host: str, port: int, policy: FetchPolicy) -> list[IP]:
    """The addresses of ``host``, or E114 when any of them is refused (a name that resolves to a
    public and a private address is refused as a whole). E110 when it does not resolve."""
    host = host.strip("[]")
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise DatelineError("E110", f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from exc
    for ip in addresses:
        why = policy.refusal(ip)
        if why:
            raise _refused(host, why)
    return addresses


def check_url(url: str, policy: FetchPolicy) -> None:
    """E112 when ``url`` is not http(s); E114 when its host resolves to a refused address. Names that
    do not resolve (yet) pass: the connection is checked again when it is made."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise DatelineError("E112", f"not a valid URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DatelineError("E112", f"{url!r} is not an http(s) URL")
    try:
        check_host(parts.hostname, port, policy)
    except DatelineError as exc:
        if exc.code != "E110":
            raise


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: FetchPolicy):
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = check_host(host, port, self.policy)
        last: Exception | None = None
        for ip in addresses:  # connect to the very address that was checked
            try:
                return super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


class GuardedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` (no proxies from the environment) over ``GuardedBackend``."""

    def __init__(self, policy: FetchPolicy, **kwargs):
        super().__init__(trust_env=False, **kwargs)
        pool = self._pool
        self._pool = httpcore.ConnectionPool(
            ssl_context=pool._ssl_context, max_connections=pool._max_connections,
            max_keepalive_connections=pool._max_keepalive_connections, keepalive_expiry=pool._keepalive_expiry,
            http1=pool._http1, http2=pool._http2, retries=pool._retries, network_backend=GuardedBackend(policy),
        )


def guarded_transport(policy: FetchPolicy | Config) -> httpx.BaseTransport:
    """The transport for fetches made for someone else: the API's URL ingest, webhook deliveries."""
    if isinstance(policy, Config):
        policy = FetchPolicy.from_config(policy)
    return GuardedTransport(policy)
