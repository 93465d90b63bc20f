"""RSS and Atom feed files: items without following links (their links point nowhere reachable)."""

from __future__ import annotations

from dateline.ingest import iter_inputs
from dateline.types import FailedInput, RawDocument

LONG = "The envoy said the two sides had agreed to resume talks in Geneva next month. " * 8

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.org/</link>
<item><title>Talks resume</title><link>https://wire.example.org/a</link><guid>wire-a</guid>
<pubDate>Thu, 10 Nov 2011 08:30:00 +0300</pubDate><description>&lt;p&gt;{LONG}&lt;/p&gt;</description></item>
<item><title>Short one</title><link>https://wire.example.org/b</link>
<pubDate>Fri, 11 Nov 2011 10:00:00 GMT</pubDate><description>Only a teaser.</description></item>
<item><title>Empty</title></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:feed</id><updated>2012-03-03T00:00:00Z</updated>
<entry><title>Atom story</title><id>urn:entry:1</id><link href="https://atom.example.org/1"/>
<updated>2012-03-03T12:00:00Z</updated><content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_file_items_use_their_own_text_when_not_following(tmp_path, config):
    (tmp_path / "wire.rss").write_text(RSS, "utf-8")
    items = list(iter_inputs([str(tmp_path / "wire.rss")], config.replace(follow_feed_links=False)))
    a, b, empty = items
    assert isinstance(a, RawDocument) and a.kind == "html" and a.input.format == "feed"
    assert a.input.record == "wire-a" and a.input.path == str(tmp_path / "wire.rss")
    assert a.title == "Talks resume" and a.url == "https://wire.example.org/a" and a.site == "wire.example.org"
    assert a.published == "2011-11-10T05:30:00Z" and a.published_is_fallback
    assert "agreed to resume talks in Geneva" in a.content and "<title>Talks resume</title>" in a.content
    assert isinstance(b, RawDocument) and "Only a teaser." in b.content and b.input.record == "https://wire.example.org/b"
    assert isinstance(empty, FailedInput) and empty.code == "E101" and empty.input.record == "item 3"


def test_atom_file_is_sniffed_by_content(tmp_path, config):
    (tmp_path / "feed").write_text(ATOM, "utf-8")
    (doc,) = iter_inputs([str(tmp_path / "feed")], config.replace(follow_feed_links=False))
    assert doc.input.format == "feed" and doc.input.record == "urn:entry:1" and doc.title == "Atom story"
    assert doc.published == "2012-03-03T12:00:00Z" and doc.url == "https://atom.example.org/1"


def test_unreachable_item_links_fall_back_to_substantial_content_only(tmp_path, config, dead_port):
    # the links point at a closed local port: the fetch fails and the item's own text is used when long enough
    (tmp_path / "wire.xml").write_text(RSS.replace("https://wire.example.org", f"http://127.0.0.1:{dead_port}"), "utf-8")
    a, b, empty = iter_inputs([str(tmp_path / "wire.xml")], config)
    assert isinstance(a, RawDocument) and "resume talks in Geneva" in a.content
    assert isinstance(b, FailedInput) and b.code == "E110" and "too short" in b.message
    assert isinstance(empty, FailedInput)


def test_malformed_and_empty_feeds(tmp_path, config):
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x</title><item><title>unclosed", "utf-8")
    (tmp_path / "empty.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    (tmp_path / "garbage.atom").write_text("this is not xml at all {]", "utf-8")
    items = list(iter_inputs([str(tmp_path / n) for n in ("broken.rss", "empty.xml", "garbage.atom")], config))
    assert [i.code for i in items] == ["E108", "E108", "E108"]
    assert "malformed" in items[0].message and "no items" in items[1].message
    assert "could not be parsed" in items[2].message
