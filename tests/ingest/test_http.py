"""http(s) URLs against a real server on 127.0.0.1: pages, feeds, redirects, errors, limits, timeouts."""

from __future__ import annotations

import gzip
import hashlib
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest import iter_inputs
from dateline.types import FailedInput, RawDocument

LONG = "Officials said the ceasefire had held through the night in the border towns. " * 8


@pytest.fixture(scope="module")
def site(http_server, article_html):
    r = http_server.routes
    r["/page.html"] = ("body", article_html("Served page").encode(), "text/html; charset=utf-8")
    r["/plain"] = ("body", b"MOSCOW, Nov 10, IRNA -- A plain text page over HTTP.\n", "text/plain")
    latin = article_html("Caf\u00e9 talks", charset=None).replace("Paragraph", "D\u00e9j\u00e0 vu, paragraph")
    r["/latin"] = ("body", latin.encode("cp1252"), "text/html; charset=windows-1252")
    r["/r1"] = ("redirect", "/r2")
    r["/r2"] = ("redirect", "/page.html")
    r["/loop"] = ("redirect", "/loop")
    r["/big"] = ("body", b"<p>" + b"z" * 300_000 + b"</p>", "text/html")
    r["/chunked"] = ("chunked", 40)
    r["/slow"] = ("slow", 4.0)
    r["/trickle"] = ("trickle", 0.05)
    r["/empty"] = ("body", b"", "text/html")
    r["/bad-encoding"] = ("body", b"\x1f\x8b\x08\x00garbage-not-deflate", "text/html", 200, {"Content-Encoding": "gzip"})
    r["/a1.html"] = ("body", article_html("First item page").encode(), "text/html")
    r["/a2.html"] = ("body", article_html("Second item page").encode(), "text/html")
    r["/to-a2"] = ("redirect", "/a2.html")
    r["/data.jsonl"] = ("body", b'{"id": "u1", "text": "One."}\n{"id": "u2", "text": "Two."}\n', "application/x-ndjson")
    base = http_server.base
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title><link>{base}/</link>
    <item><title>One</title><link>{base}/a1.html</link><guid isPermaLink="false">urn:local:g1</guid><pubDate>Thu, 10 Nov 2011 08:30:00 GMT</pubDate></item>
    <item><title>Two</title><link>{base}/to-a2</link><guid isPermaLink="false">urn:local:g2</guid></item>
    <item><title>Gone long</title><link>{base}/gone-long</link><guid isPermaLink="false">urn:local:g3</guid><description>{LONG}</description></item>
    <item><title>Gone short</title><link>{base}/gone-short</link><guid isPermaLink="false">urn:local:g4</guid><description>Teaser.</description></item>
    </channel></rss>"""
    r["/feed"] = ("body", rss.encode(), "application/rss+xml")
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <id>urn:a</id><updated>2012-01-01T00:00:00Z</updated>
    <entry><title>Rel</title><id>urn:e1</id><link href="/a1.html"/><updated>2012-01-01T00:00:00Z</updated></entry></feed>"""
    r["/atom-as-xml"] = ("body", atom.encode(), "text/xml")
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    body = article_html("Archived").encode()
    w.write_record(w.create_warc_record("https://archived.example.org/x", "response", payload=io.BytesIO(body),
                                        http_headers=hh))
    r["/crawl.warc.gz"] = ("body", buf.getvalue(), "application/octet-stream")
    r["/page.html.gz"] = ("body", gzip.compress(article_html("Gzipped file").encode()), "application/gzip")
    r["/api/health"] = ("body", b'{"status": "ok", "articles": 3}', "application/json")
    r["/logo.png"] = ("body", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    return http_server


def fetch_all(urls, config, **kw):
    return list(iter_inputs(urls, config, **kw))


def test_html_page(site, config):
    url = site.url("/page.html")
    (doc,) = fetch_all([url], config)
    assert isinstance(doc, RawDocument) and doc.kind == "html" and doc.input.format == "html"
    assert doc.input.url == url and doc.input.path is None and doc.url == url
    assert doc.site == "127.0.0.1" and "Served page" in doc.content
    assert doc.sha256 == hashlib.sha256(site.routes["/page.html"][1]).hexdigest()
    assert doc.fetched_at.endswith("Z")
    assert (("/page.html", config.user_agent)) in site.hits


def test_plain_text_and_declared_charset(site, config):
    text, latin = fetch_all([site.url("/plain"), site.url("/latin")], config)
    assert text.kind == "text" and text.content.startswith("MOSCOW, Nov 10, IRNA --")
    assert latin.kind == "html" and "D\u00e9j\u00e0 vu" in latin.content and "Caf\u00e9 talks" in latin.content


def test_redirects_are_followed_up_to_the_limit(site, config):
    ok, loop = fetch_all([site.url("/r1"), site.url("/loop")], config)
    assert isinstance(ok, RawDocument) and ok.url == site.url("/page.html") and ok.input.url == site.url("/r1")
    assert isinstance(loop, FailedInput) and loop.code == "E111" and "redirects" in loop.message
    (stopped,) = fetch_all([site.url("/r1")], config.replace(http_max_redirects=1))
    assert stopped.code == "E111"


def test_http_errors_and_unreachable(site, config, dead_port):
    items = fetch_all([site.url("/nothing-here"), f"http://127.0.0.1:{dead_port}/x", site.url("/empty")], config)
    items.append(fetch_all([site.url("/bad-encoding")], config)[0])
    assert [i.code for i in items] == ["E111", "E110", "E101", "E104"]
    assert "404" in items[0].message and items[0].input.url == site.url("/nothing-here")


def test_non_document_responses_are_refused(site, config):
    api, image = fetch_all([site.url("/api/health"), site.url("/logo.png")], config)
    assert isinstance(api, FailedInput) and api.code == "E102" and "application/json" in api.message
    assert isinstance(image, FailedInput) and image.code == "E102" and "image/png" in image.message
    (jsonl,) = fetch_all([site.url("/data.jsonl")], config)[:1]  # JSON Lines is still read
    assert isinstance(jsonl, RawDocument)


def test_size_limit_with_and_without_content_length(site, config):
    big, chunked = fetch_all([site.url("/big"), site.url("/chunked")], config)
    assert big.code == "E105" and "limit" in big.message
    assert chunked.code == "E105" and "stopped" in chunked.message


def test_timeouts_slow_server_and_trickling_body(site, config):
    quick = config.replace(http_timeout=1.0)
    slow, trickle = fetch_all([site.url("/slow"), site.url("/trickle")], quick)
    assert slow.code == "E110" and "timed out" in slow.message
    assert trickle.code == "E110"


def test_feed_url_items_are_fetched_from_their_links(site, config):
    feed = site.url("/feed")
    one, two, long_, short = fetch_all([feed], config)
    assert isinstance(one, RawDocument) and one.input.format == "feed" and one.input.url == feed
    assert one.input.record == "urn:local:g1" and one.title == "One" and "First item page" in one.content
    assert one.url == site.url("/a1.html") and one.published == "2011-11-10T08:30:00Z" and one.published_is_fallback
    assert isinstance(two, RawDocument) and two.url == site.url("/a2.html") and "Second item page" in two.content
    assert isinstance(long_, RawDocument) and "ceasefire had held" in long_.content  # item text stands in
    assert isinstance(short, FailedInput) and short.code == "E111" and short.input.record == "urn:local:g4"


def test_feed_with_relative_links_served_as_plain_xml(site, config):
    (doc,) = fetch_all([site.url("/atom-as-xml")], config)
    assert isinstance(doc, RawDocument) and doc.url == site.url("/a1.html") and doc.title == "Rel"


def test_feed_links_not_followed_when_disabled(site, config):
    site.hits.clear()
    items = fetch_all([site.url("/feed")], config.replace(follow_feed_links=False))
    assert len(items) == 4 and [p for p, _ in site.hits] == ["/feed"]


def test_archives_and_records_by_url(site, config):
    jl = fetch_all([site.url("/data.jsonl")], config)
    assert [(d.input.record, d.input.format, d.input.url) for d in jl] == [
        ("u1", "jsonl", site.url("/data.jsonl")), ("u2", "jsonl", site.url("/data.jsonl"))]
    (warc,) = fetch_all([site.url("/crawl.warc.gz")], config)
    assert warc.input.format == "warc" and warc.url == "https://archived.example.org/x" and "Archived" in warc.content
    (gz,) = fetch_all([site.url("/page.html.gz")], config)
    assert gz.kind == "html" and "Gzipped file" in gz.content


def test_invalid_url_does_not_raise(config):
    items = fetch_all(["http://", "http://[::1/x"], config)
    assert [i.code for i in items] == ["E112", "E112"]
    assert "not a valid URL" in items[0].message
