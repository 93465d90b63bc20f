"""A watch as an Atom 1.0 feed (RFC 4287): one entry per event, quote or (search) article,
newest first, served at ``/watch/NAME.atom``.

Entry ids are ``tag:`` URIs built from the article id and the item's local id
(``tag:dateline,2026:event/<article>/e3``), so they never change between renders or when
the server moves; ``updated`` is when the article was stored, so re-rendering an unchanged
store gives the same document. The feed does not move any mark: readers poll it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dateline.config import Config
from dateline.watch import select
from dateline.watch.email import label
from dateline.watch.models import Watch
from dateline.watch.storage import current_marks

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # not allowed in XML 1.0
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


def rfc3339(value: str | None) -> str | None:
    """An Atom date from a stored value: days become midnight UTC; anything else unparseable is None."""
    if not value:
        return None
    v = str(value).strip().replace(" ", "T")
    if _DAY.match(v):
        return v + "T00:00:00Z"
    if _STAMP.match(v):
        return v
    if re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$", v):
        return v + ("Z" if v.count(":") == 2 else ":00Z")
    return None


def entries(store, watch: Watch, config: Config, limit: int = FEED_SIZE) -> list[dict]:
    """The newest ``limit`` items of the watch, newest stored first."""
    top = current_marks(store)
    base = config.base_url
    items: list[dict] = []
    ef, qf = watch.event_filter(), watch.quote_filter()
    if ef is not None:
        items += select.events(store, ef, 0, top.event, base, limit=limit, newest=True)
    if qf is not None:
        items += select.quotes(store, qf, 0, top.quote, base, limit=limit, newest=True)
    if "search" in watch.filters:
        items += select.articles(store, watch.filters["search"], 0, top.article, base, limit=limit, newest=True)
    order = {"event": 0, "quote": 1, "article": 2}
    # newest first: by when the article was stored (its rowid breaks ties within a second)
    items.sort(key=lambda i: (i["stored_at"] or "", i["article_rowid"], -order[i["kind"]], i["rowid"]), reverse=True)
    return items[:limit]


def title(item: dict) -> str:
    if item["kind"] == "event":
        lab = label(item)
        pair = item.get("source_name") or "(no source)"
        if item.get("target_name"):
            pair += f" → {item['target_name']}"
        ev = item.get("evidence_text") or ""
        ev = ev if len(ev) <= 100 else ev[:97].rstrip() + "…"
        return f"{pair}: {item['type']}" + (f" ({lab})" if lab else "") + (f" — {ev}" if ev else "")
    if item["kind"] == "quote":
        text = item["text"] if len(item["text"]) <= 120 else item["text"][:117].rstrip() + "…"
        return f"{item.get('speaker_name') or 'Unattributed'}: “{text}”"
    return item.get("headline") or "(no headline)"


def summary(item: dict) -> str:
    where = " · ".join(x for x in (item.get("headline"), item.get("source") or item.get("site"), item.get("day")) if x)
    if item["kind"] == "event":
        return f"{item['sentence']}\n\n{where}"
    if item["kind"] == "quote":
        return f"“{item['text']}” ({item['quote_kind']})\n\n{where}"
    dots = ("…" if item.get("prefix_ellipsis") else "", "…" if item.get("suffix_ellipsis") else "")
    return f"{dots[0]}{item.get('snippet') or ''}{dots[1]}\n\n{where}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _XML_BAD.sub("", v) for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = _XML_BAD.sub("", text)
    return el


def render(store, watch: Watch, config: Config, limit: int = FEED_SIZE) -> bytes:
    """The Atom document (UTF-8 bytes)."""
    ET.register_namespace("", ATOM)
    base = config.base_url.rstrip("/")
    items = entries(store, watch, config, limit)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"{select.TAG}watch/{watch.name}")
    _sub(feed, "title", f"dateline watch: {watch.name}")
    _sub(feed, "subtitle", watch.describe())
    stamps = [rfc3339(i["stored_at"]) for i in items]
    _sub(feed, "updated", max((s for s in stamps if s), default=None) or rfc3339(watch.created) or
         "1970-01-01T00:00:00Z")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=f"{base}/watch/{watch.name}.atom")
    _sub(feed, "link", rel="alternate", type="text/html", href=f"{base}/watches#watch-{watch.name}")
    author = _sub(feed, "author")
    _sub(author, "name", "dateline")
    _sub(feed, "generator", "dateline", uri="https://example.invalid/dateline")
    for item, stamp in zip(items, stamps, strict=True):
        entry = _sub(feed, "entry")
        _sub(entry, "id", item["id"])
        _sub(entry, "title", title(item))
        _sub(entry, "updated", stamp or rfc3339(watch.created) or "1970-01-01T00:00:00Z")
        published = rfc3339(item.get("published"))
        if published:
            _sub(entry, "published", published)
        _sub(entry, "link", rel="alternate", type="text/html", href=item["link"])
        if item.get("source_url") and str(item["source_url"]).startswith(("http://", "https://")):
            _sub(entry, "link", rel="via", href=item["source_url"])
        if item.get("source") or item.get("site"):
            a = _sub(entry, "author")
            _sub(a, "name", item.get("source") or item.get("site"))
        _sub(entry, "category", term=item["kind"])
        if item["kind"] == "event":
            _sub(entry, "category", term=item["type"], scheme="https://github.com/openeventdata/PLOVER")
        _sub(entry, "summary", summary(item), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
