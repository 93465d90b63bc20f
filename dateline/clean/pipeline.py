"""Orchestration of the clean stage over a batch (see ``dateline.clean``)."""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections import Counter
from dataclasses import dataclass

from dateline.clean.chrome import ChromeModel, site_key
from dateline.clean.crawltext import main_text
from dateline.clean.datelines import find_dateline
from dateline.clean.html import extract_html, finish_html
from dateline.clean.lexicon import english_words
from dateline.clean.normalize import fix_text, join_paragraphs, paragraphs_from_text
from dateline.clean.text import Structure, structure
from dateline.clean.wire import site_from_line, site_from_url
from dateline.config import Config
from dateline.errors import CODES, DatelineError
from dateline.nlp.pipeline import detect_language
from dateline.timelimit import within_time_limit
from dateline.types import CleanDocument, FailedInput, InputRef, RawDocument

LANGUAGE_SAMPLE = 600  # characters given to the language identifier (its cost grows with length)
PLAIN_MIN_WORDS = 40  # plainly_english: words in the sample
PLAIN_MIN_SHARE = 0.12  # plainly_english: share of English function words
_WORDS = re.compile(r"[a-z]+")
MAX_LEARNED_SHARE = 0.5  # learned chrome may not remove more than this share of a page's text


@dataclass
class _Page:
    raw: RawDocument
    paragraphs: list[str]
    site_key: str | None
    meta: object | None = None  # html.HtmlMeta for HTML pages


def _read(raw: RawDocument) -> _Page:
    if raw.kind == "html":
        paras, meta = extract_html(raw.content, raw.url)
        return _Page(raw, paras, site_key(raw.url, raw.site or meta.sitename), meta)
    paras = paragraphs_from_text(fix_text(raw.content))
    if raw.input.format == "wet" and paras:  # a crawl's text of a whole page: find the article in it
        title = paras[0]
        paras, headline = main_text(paras, _language(_sample(paras)))
        raw = raw if raw.title else dataclasses.replace(raw, title=headline or title)
    site = raw.site
    if not site and not raw.url:
        site = next((s for s in map(site_from_line, paras) if s), None)
    return _Page(raw, paras, site_key(raw.url, site))


def _sample(paras: list[str]) -> str:
    """Text to tell a page's language by: its longer lines first."""
    return " ".join(sorted(paras, key=len, reverse=True)[:5])[:LANGUAGE_SAMPLE]


def clean_batch(raws: list[RawDocument], config: Config, model: ChromeModel | None = None) -> list:
    """Clean every raw document; returns CleanDocument or FailedInput per input, in order.

    ``model`` may carry learned chrome across batches; by default one is built for this batch.
    """
    if config.doc_time_limit and raws:
        _warm_up()
    fresh = model is None
    model = model or ChromeModel(config.chrome_min_pages, config.chrome_min_share)
    pages: list[_Page | FailedInput] = []
    left: dict[int, float] = {}  # per page, what is left of its time once read
    for raw in raws:
        t0 = time.monotonic()
        if raw.kind == "html" and config.max_html_tags and (n := raw.content.count("<")) > config.max_html_tags:
            pages.append(FailedInput(raw.input, "E106", f"{CODES['E106'][0]}: the page has {n:,} tags, more than "
                                     f"max_html_tags ({config.max_html_tags:,}): not an article page", None, raw.sha256))
            continue
        try:
            page = within_time_limit("clean", raw, config, _read, raw)
        except DatelineError as exc:
            pages.append(FailedInput(raw.input, exc.code, exc.message, exc.hint, raw.sha256))
            continue
        except Exception as exc:  # a page the libraries choke on must not lose the batch
            code = "E106" if raw.kind == "html" else "E200"
            pages.append(FailedInput(raw.input, code, f"{CODES[code][0]}: {type(exc).__name__}: {exc}", None, raw.sha256))
            continue
        if isinstance(page, _Page) and config.doc_time_limit:
            left[id(page)] = max(0.001, config.doc_time_limit - (time.monotonic() - t0))
        pages.append(page)
    per_site = Counter(p.site_key for p in pages if isinstance(p, _Page) and p.site_key)
    for p in pages:
        # a batch's own model only needs sites that reach min_pages in it (one-off pages cost nothing);
        # a model carried across batches counts every page
        if isinstance(p, _Page) and p.site_key and (not fresh or per_site[p.site_key] >= model.min_pages):
            model.add(p.site_key, p.paragraphs)
    return [p if isinstance(p, FailedInput) else _finish_safely(p, model, config, left.get(id(p))) for p in pages]


@functools.cache
def _warm_up() -> None:
    """Clean two tiny pages once per process, outside any time limit: the first page cleaned loads
    trafilatura, newspaper4k and the lexicons (seconds), which is no fault of that page."""
    for kind, content in (("html", "<html><head><title>Warm</title></head><body><p>Warm up.</p></body></html>"),
                          ("text", "Warm up.")):
        raw = RawDocument(input=InputRef(path="warm-up", format=kind), content=content, kind=kind, sha256="0")
        try:
            _finish(_read(raw), ChromeModel(3, 0.5))
        except Exception:  # noqa: BLE001 - a warm-up only; the real pages report their own errors
            pass


def _finish_safely(page: _Page, model: ChromeModel, config: Config, seconds: float | None = None):
    try:
        return within_time_limit("clean", page.raw, config, _finish, page, model, seconds=seconds)
    except Exception as exc:  # report against the input; the rest of the batch goes on
        raw = page.raw
        return FailedInput(raw.input, "E200", f"cleaning failed: {type(exc).__name__}: {exc}", None, raw.sha256)


def clean_document(raw: RawDocument, config: Config | None = None) -> CleanDocument | FailedInput:
    """Clean one document on its own (no learned chrome)."""
    return clean_batch([raw], config or Config())[0]


def _learned_filter(page: _Page, model: ChromeModel):
    if model.pages(page.site_key) < model.min_pages:
        return None
    hits = [p for p in page.paragraphs if model.is_chrome(page.site_key, p)]
    total = sum(len(p) for p in page.paragraphs) or 1
    if sum(len(p) for p in hits) / total > MAX_LEARNED_SHARE:
        return None  # a near-copy of other pages of the site: do not empty it
    return lambda line: model.is_chrome(page.site_key, line)


def _finish(page: _Page, model: ChromeModel) -> CleanDocument | FailedInput:
    raw = page.raw
    learned = _learned_filter(page, model)
    if raw.kind == "html":
        st = finish_html(page.paragraphs, page.meta, raw, learned)
    else:
        st = structure(page.paragraphs, raw.title, learned)
        st.site = st.site or raw.site or site_from_url(raw.url)
        if not st.headline and raw.title and raw.title.strip():
            st.headline = " ".join(fix_text(raw.title).split())  # a record's own title (JSONL, feeds)
    body = join_paragraphs(st.paragraphs)
    if not body.strip():
        return FailedInput(raw.input, "E200", f"{CODES['E200'][0]}: nothing left after cleaning", None, raw.sha256)
    dateline = find_dateline(body)
    source = st.source or (dateline.agency if dateline else None)
    return CleanDocument(
        input=raw.input,
        body=body,
        url=_own_url(raw, page),
        site=st.site,
        section=st.section,
        headline=st.headline,
        byline=st.byline,
        source=source,
        news_code=st.news_code,
        published=_published(raw, st),
        dateline=dateline,
        language=_language(body[:LANGUAGE_SAMPLE]),
        sha256=raw.sha256,
        fetched_at=raw.fetched_at,
        notes=_notes(st),
    )


def plainly_english(sample: str) -> bool:
    """True when a sample is unmistakably English: >= 40 words, under 1% non-ASCII letters, and
    >= 12% of its words English function words (clean_english_words.txt). The identifier agreed
    ("en") on every such sample of ../shared/eval (1,071 of the 1,121 Zyte, POLNEAR and PLOVER
    samples; none of the 20 in other languages)."""
    words = _WORDS.findall(sample.lower())
    if len(words) < PLAIN_MIN_WORDS:
        return False
    if not sample.isascii():  # an ASCII sample has no non-ASCII letters to count
        letters = sum(map(str.isalpha, sample))
        if sum(1 for c in sample if c > "\x7f" and c.isalpha()) > 0.01 * letters:
            return False
    common = english_words()
    return sum(w in common for w in words) >= PLAIN_MIN_SHARE * len(words)


def _language(sample: str) -> str | None:
    """The body's language: "en" for a plainly English sample (~15x cheaper), else py3langid's."""
    if plainly_english(sample):
        return "en"
    return detect_language(sample)


def _own_url(raw: RawDocument, page: _Page) -> str | None:
    """The page's own URL: what an HTML page declares (canonical, og:url), else the URL it was read
    from (the crawl record's or the fetched address)."""
    declared = getattr(page.meta, "own_url", None)
    return declared or raw.url


def _published(raw: RawDocument, st: Structure) -> str | None:
    """An explicit hint wins; then the document's own date; then a fallback (crawl) date."""
    if raw.published and not raw.published_is_fallback:
        return raw.published
    return st.own_date or raw.published


def _notes(st: Structure) -> tuple[str, ...]:
    counts: dict[str, int] = {}
    for n in st.notes:
        counts[n] = counts.get(n, 0) + 1
    return tuple(f"removed {k} x{v}" if v > 1 else f"removed {k}" for k, v in sorted(counts.items()))
