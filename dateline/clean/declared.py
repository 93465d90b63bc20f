"""What an HTML page declares about itself, read from its markup before extraction: its own URL
(``<link rel=canonical>``, ``og:url``), its titles (JSON-LD ``headline`` of an article object,
``og:title``, ``twitter:title``) and the headline it shows (the first ``<h1>`` elements).

Pure functions over an lxml tree; ``metadata.merge_headline`` decides with them.
"""

from __future__ import annotations

import html
import json
from urllib.parse import urljoin, urlsplit

_URL_XPATHS = ('//link[@rel="canonical"]/@href', '//head/meta[@property="og:url"]/@content',
               '//head/meta[@name="og:url"]/@content', '//head/meta[@name="twitter:url"]/@content')
_TITLE_XPATHS = ('//head/meta[@property="og:title"]/@content', '//head/meta[@name="twitter:title"]/@content',
                 '//head/meta[@property="twitter:title"]/@content')
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "liveblogposting", "techarticle",
                 "reviewnewsarticle", "report"}
MAX_H1 = 5  # a page's headline is among its first few <h1>; later ones are teasers and widgets
H1_WORDS = (2, 40)


def declared_url(tree, base: str | None = None) -> str | None:
    """The URL a page declares as its own: ``<link rel=canonical>``, else ``og:url`` / ``twitter:url``.

    Relative values are resolved against ``base`` (the crawl record's URL) and dropped without one;
    only absolute http(s) URLs count, and a site's home page ("https://example.com/") is not an
    article's address (some sites declare it on every page)."""
    for xp in _URL_XPATHS:
        for value in tree.xpath(xp):
            v = str(value).strip()
            if not v:
                continue
            if base and not urlsplit(v).scheme:
                v = urljoin(base, v)
            parts = urlsplit(v)
            if parts.scheme in ("http", "https") and parts.hostname and parts.path.strip("/"):
                return v
    return None


def _ld_objects(tree) -> list[dict]:
    out: list[dict] = []
    stack: list = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            stack.append(json.loads(script.strip().rstrip(";"), strict=False))
        except ValueError:
            continue
    while stack:
        x = stack.pop()
        if isinstance(x, list):
            stack.extend(x)
        elif isinstance(x, dict):
            out.append(x)
            stack.append(x.get("@graph") or [])
    return out


def _is_article(obj: dict) -> bool:
    t = obj.get("@type") or []
    return bool({str(x).casefold() for x in (t if isinstance(t, list) else [t])} & ARTICLE_TYPES)


def declared_titles(tree) -> list[str]:
    """The headline of the page's JSON-LD article objects, then ``og:title`` / ``twitter:title``."""
    out = [o["headline"] for o in _ld_objects(tree) if _is_article(o) and isinstance(o.get("headline"), str)]
    for xp in _TITLE_XPATHS:
        out += [str(v) for v in tree.xpath(xp)]
    seen, titles = set(), []
    for t in out:
        t = " ".join(html.unescape(t).split())
        if t and t not in seen:
            seen.add(t)
            titles.append(t)
    return titles


def visible_headlines(tree) -> list[str]:
    """The texts of the page's first ``<h1>`` elements (2-40 words each), as printed."""
    out = []
    for h1 in tree.xpath("//body//h1")[:MAX_H1]:
        text = " ".join(h1.text_content().split())
        if H1_WORDS[0] <= len(text.split()) <= H1_WORDS[1]:
            out.append(text)
    return out
