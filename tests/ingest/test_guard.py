"""Server-side fetches refuse private addresses (``dateline.ingest.guard``), against real local servers.

Every URL here points at a server that is really listening on 127.0.0.1, 127.0.0.2 or ::1: what is
asserted is that the guarded client does not reach it (the server records every request), while
the command line's own client, and the guarded one once the config allows the address, do."""

from __future__ import annotations

import ipaddress

import pytest

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.ingest import guard
from dateline.ingest.guard import FetchPolicy, check_url
from dateline.ingest.http import fetch, make_client

PAGE = b"<html><body><p>internal secrets</p></body></html>"


@pytest.fixture
def secret_page(http_server):
    http_server.routes["/secret"] = ("page", PAGE, "text/html")
    return http_server


def guarded_fetch(url: str, config: Config | None = None):
    config = config or Config(http_timeout=3)
    with make_client(config, guarded=True) as client:
        return fetch(url, client, config)


def hits(server, path: str = "/secret") -> int:
    return sum(1 for p, _ in server.hits if p == path)


def refused(url: str, config: Config | None = None) -> DatelineError:
    with pytest.raises(DatelineError) as e:
        guarded_fetch(url, config)
    assert e.value.code == "E114", e.value
    return e.value


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f.0.0.1", "127.1"])
def test_loopback_in_every_spelling_is_refused(secret_page, host):
    before = hits(secret_page)
    err = refused(f"http://{host}:{secret_page.port}/secret")
    assert "loopback" in err.message and "fetch_allow_private" in err.hint
    assert hits(secret_page) == before  # the server was never reached


def test_the_command_line_client_still_fetches_what_its_user_asks(secret_page):
    config = Config(http_timeout=3)
    with make_client(config) as client:
        assert fetch(secret_page.url("/secret"), client, config).body == PAGE


def test_unspecified_address_is_refused(secret_page):
    err = refused(f"http://0.0.0.0:{secret_page.port}/secret")
    assert "unspecified" in err.message


def test_ipv6_loopback_is_refused(server_on):
    try:
        v6 = server_on("::1")
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    v6.routes["/secret"] = ("page", PAGE, "text/html")
    refused(v6.url("/secret"))
    assert hits(v6) == 0
    refused(f"http://[::ffff:127.0.0.1]:{v6.port}/secret")  # IPv4-mapped loopback
    assert guarded_fetch(v6.url("/secret"), Config(http_timeout=3, fetch_allow_cidrs=("::1/128",))).body == PAGE


@pytest.mark.parametrize("url,why", [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),  # cloud metadata
    ("http://10.1.2.3/", "private"),
    ("http://192.168.0.1/", "private"),
    ("http://172.16.5.4/", "private"),
    ("http://100.64.0.1/", "carrier-grade"),
    ("http://[fd00::1]/", "private"),  # IPv6 unique-local
    ("http://[fe80::1]/", "link-local"),
    ("http://224.0.0.1/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://[64:ff9b::7f00:1]/", "loopback"),  # NAT64 form of 127.0.0.1
])
def test_private_ranges_are_refused_before_any_connection(url, why):
    err = refused(url)
    assert why in err.message


def test_a_name_that_resolves_to_loopback_is_refused(secret_page, monkeypatch):
    real = guard.resolve
    monkeypatch.setattr(guard, "resolve", lambda host, port: (
        [ipaddress.ip_address("127.0.0.1")] if host == "news.rebind.test" else real(host, port)))
    before = hits(secret_page)
    refused(f"http://news.rebind.test:{secret_page.port}/secret")
    assert hits(secret_page) == before


def test_a_name_with_one_private_address_among_public_ones_is_refused(monkeypatch):
    monkeypatch.setattr(guard, "resolve", lambda host, port: [ipaddress.ip_address("93.184.216.34"),
                                                              ipaddress.ip_address("10.0.0.5")])
    err = refused("http://mixed.test/")
    assert "10.0.0.5" in err.message


def test_dns_rebinding_between_the_check_and_the_connection(secret_page, monkeypatch):
    """The name first resolves to a public address (the URL check passes), then to loopback when
    the connection is made: the connection is checked on the address it would really use."""
    answers = iter([[ipaddress.ip_address("93.184.216.34")]])
    monkeypatch.setattr(guard, "resolve", lambda host, port: next(answers, [ipaddress.ip_address("127.0.0.1")]))
    check_url(f"http://rebind.test:{secret_page.port}/secret", FetchPolicy())  # passes: public at that moment
    before = hits(secret_page)
    refused(f"http://rebind.test:{secret_page.port}/secret")
    assert hits(secret_page) == before


def test_a_redirect_to_a_private_address_is_refused_on_that_hop(secret_page, server_on):
    """127.0.0.2 is allowed (as a network one trusts); it redirects to 127.0.0.1, which is not."""
    front = server_on("127.0.0.2")
    front.routes["/go"] = ("redirect", secret_page.url("/secret"))
    config = Config(http_timeout=3, fetch_allow_cidrs=("127.0.0.2/32",))
    before = hits(secret_page)
    refused(front.url("/go"), config)
    assert hits(front, "/go") == 1 and hits(secret_page) == before
    # allowed networks are followed on every hop
    allowed = Config(http_timeout=3, fetch_allow_cidrs=("127.0.0.0/8",))
    assert guarded_fetch(front.url("/go"), allowed).body == PAGE


def test_fetch_allow_private_lifts_the_check(secret_page):
    got = guarded_fetch(secret_page.url("/secret"), Config(http_timeout=3, fetch_allow_private=True))
    assert got.body == PAGE


def test_unresolvable_names_are_unreachable_not_refused():
    with pytest.raises(DatelineError) as e:
        guarded_fetch("http://no-such-host.invalid/")
    assert e.value.code == "E110"


def test_allow_lists_are_checked_at_load():
    from dateline.config import load_config

    assert load_config(env={"DATELINE_FETCH_ALLOW_CIDRS": "10.0.0.0/8, fd00::/8"}).fetch_allow_cidrs == (
        "10.0.0.0/8", "fd00::/8")
    with pytest.raises(DatelineError) as e:
        load_config(env={"DATELINE_FETCH_ALLOW_CIDRS": "10.0.0.0/33"})
    assert e.value.code == "E500" and "fetch_allow_cidrs" in e.value.message


def test_public_addresses_pass_the_policy():
    policy = FetchPolicy()
    for a in ("93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "64:ff9b::808:808"):
        assert policy.refusal(ipaddress.ip_address(a)) is None, a
    assert "loopback" in policy.refusal(ipaddress.ip_address("::ffff:127.0.0.1"))
