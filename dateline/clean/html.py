"""HTML pages: main text and metadata via trafilatura, newspaper4k for a second opinion.

Extraction settings (tuned on ../shared/eval/extraction/zyte, see docs/evaluation.md):
``favor_precision=True`` and ``include_comments=False`` (reader comments are not the article);
tables are kept. Datelines survive: trafilatura keeps the first paragraph's leading
"WASHINGTON (Reuters) -". The HTML is parsed once (lxml); newspaper4k's cheap title and
title reader runs on that tree before trafilatura, whose extraction may modify it.
"""

from __future__ import annotations

import functools
import logging
import warnings
from dataclasses import dataclass, field

from dateline.clean.chrome import chrome_category
from dateline.clean.declared import declared_titles, declared_url, visible_headlines
from dateline.clean.metadata import (
    merge_byline,
    merge_date,
    merge_headline,
    site_tokens,
    squash,
    strip_site_affixes,
)
from dateline.clean.normalize import fix_text, normalize_lines
from dateline.clean.text import BYLINE, Structure
from dateline.clean.wire import site_from_url, wire_line
from dateline.types import RawDocument

EXTRACT_OPTIONS = {"favor_precision": True, "include_comments": False, "include_tables": True}
# newspaper4k's author reader costs ~70 ms a page (more than trafilatura's whole extraction). On the
# Zyte pages where trafilatura's byline held no usable name (52 of 181) it found one real name and
# two wrong ones ("Sky", a department), so it is off by default; metadata.merge_byline takes it.
NEWSPAPER_AUTHORS = False
log = logging.getLogger(__name__)


@dataclass
class HtmlMeta:
    url: str | None = None
    own_url: str | None = None  # the page's own URL, as it declares it (canonical, og:url)
    titles: list[str] = field(default_factory=list)  # titles the page declares (JSON-LD, og:title)
    h1s: list[str] = field(default_factory=list)  # the page's first <h1> texts
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    np_title: str | None = None
    html: str | None = field(default=None, repr=False)  # kept for newspaper4k's lazy readers
    _tree: object | None = field(default=None, repr=False)

    def _page(self):
        if self._tree is None and self.html:
            self._tree = _parse(self.html)
        return self._tree

    def np_authors(self) -> list[str]:
        """newspaper4k's authors (its slowest reader: asked only when trafilatura has none)."""
        try:
            tree = self._page()
            return _np().get_authors(tree) if tree is not None else []
        except Exception:  # newspaper4k is a second opinion; its failure is not ours
            return []

    def np_date(self) -> str | None:
        try:
            tree = self._page()
            d = _np().get_publishing_date(self.url or "", tree) if tree is not None else None
        except Exception:
            return None
        return d.date().isoformat() if d else None


@functools.cache
def _np():
    with warnings.catch_warnings():  # newspaper4k warns about nltk at import; we use none of its NLP
        warnings.filterwarnings("ignore", message="nltk is not installed")
        import newspaper  # noqa: F401
    from newspaper.configuration import (
        Configuration,  # deferred: newspaper4k takes ~1 s to import: HTML pages only
    )
    from newspaper.extractors.content_extractor import (
        ContentExtractor,  # deferred: newspaper4k takes ~1 s to import: HTML pages only
    )

    return ContentExtractor(Configuration())


def _parse(html: str):
    from trafilatura.utils import load_html  # deferred: trafilatura takes ~0.6 s to import: HTML pages only

    return load_html(html)


def extract_html(html: str, url: str | None) -> tuple[list[str], HtmlMeta]:
    """Paragraphs of the main text (repaired and normalised) and the page's metadata."""
    import trafilatura  # deferred: trafilatura takes ~0.6 s to import: HTML pages only

    meta = HtmlMeta(url=url)
    tree = _parse(html)
    if tree is None:
        return [], meta
    meta.own_url = declared_url(tree, url)
    meta.titles, meta.h1s = declared_titles(tree), visible_headlines(tree)
    try:
        meta.np_title = _np().get_title(tree) or None
    except Exception as exc:  # keep going with trafilatura's metadata alone
        log.debug("newspaper4k metadata failed: %s", exc)
    meta.html = html
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    if doc is None:
        return [], meta
    meta.title, meta.author, meta.date, meta.sitename = doc.title, doc.author, doc.date, doc.sitename
    text = fix_text(doc.text or "")
    return [line for line in normalize_lines(text) if line], meta


def finish_html(paragraphs: list[str], meta: HtmlMeta, raw: RawDocument, learned) -> Structure:
    """Header/footer lines, wire metadata and merged metadata of an extracted HTML page."""
    tokens = site_tokens([meta.sitename, raw.site], raw.url)
    st = Structure(paragraphs=[])
    st.headline = merge_headline(fix_text(meta.title or "") or None, fix_text(meta.np_title or "") or None, tokens,
                                 visible=[fix_text(h) for h in meta.h1s], declared=[fix_text(t) for t in meta.titles])
    title_key = squash(st.headline or "")
    line_byline = None
    kept: list[str] = []
    for i, p in enumerate(paragraphs):
        cat = chrome_category(p)
        if cat:
            st.notes.append(f"chrome:{cat}")
            continue
        w = wire_line(p)
        if w and (w.kind != "credit" or i < 2 or i >= len(paragraphs) - 2):
            st.source = st.source or w.source
            st.news_code = st.news_code or w.news_code
            st.notes.append(f"wire:{w.kind}")
            continue
        if learned is not None and learned(p):
            st.notes.append("chrome:learned")
            continue
        if not kept:
            if title_key and squash(p) == title_key:
                st.notes.append("headline")
                continue
            m = BYLINE.match(p)
            if m and len(p.split()) <= 9:
                line_byline = line_byline or m.group("name")
                st.notes.append("byline")
                continue
        kept.append(p)
    st.paragraphs = kept
    np_authors = meta.np_authors if NEWSPAPER_AUTHORS else None
    st.byline, wire = merge_byline(meta.author or line_byline, np_authors, tokens)
    st.source = st.source or wire
    st.own_date = merge_date(meta.date, meta.np_date)
    st.site = meta.sitename or raw.site or _host(raw.url)
    if raw.title and not st.headline:
        st.headline = strip_site_affixes(fix_text(raw.title), tokens)
    meta.html = meta._tree = None  # free the page
    return st


def _host(url: str | None) -> str | None:
    return site_from_url(url)


__all__ = ["EXTRACT_OPTIONS", "HtmlMeta", "extract_html", "finish_html"]
