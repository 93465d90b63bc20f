"""Wire metadata printed as lines of a page: agency lines, agency footers with story ids,
source credits and the site's own name.

``IRNA - Islamic Republic News Agency``                       -> agency line, source IRNA
``Islamic Republic News Agency/IRNA NewsCode: 30655693``       -> source IRNA, news_code 30655693
``Source: Reuters``                                            -> source Reuters
``Join the GlobalSecurity.org mailing list``                   -> site GlobalSecurity.org
Patterns live in dateline/lexicons/clean_agency_lines.tsv and clean_site_names.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.clean.lexicon import agency_line_rules, agency_of, site_names

MAX_LINE_WORDS = 14  # agency lines, footers and credits are short


@dataclass(frozen=True)
class WireLine:
    kind: str  # agency_line | footer | credit
    source: str | None
    news_code: str | None = None


def _resolve(*names: str | None) -> str | None:
    for n in names:
        a = agency_of(n)
        if a:
            return a
    return None


def wire_line(line: str) -> WireLine | None:
    """Classify one stripped line as an agency line, an agency footer or a credit line."""
    if not line:
        return None
    words = len(line.split(None, MAX_LINE_WORDS))  # exact up to MAX_LINE_WORDS, then MAX_LINE_WORDS + 1
    if words > MAX_LINE_WORDS:
        return None
    agency = agency_of(line)
    if agency and words >= 2:
        return WireLine("agency_line", agency)  # the agency's full name alone on a line
    for kind, rx in agency_line_rules():
        m = rx.match(line)
        if not m:
            continue
        groups = m.groupdict()
        if kind == "agency_line":
            source = _resolve(groups.get("a"), groups.get("b"))
            if source is None:
                a = (groups.get("a") or "").strip()
                source = a if a.isupper() and 2 <= len(a) <= 8 else None
            if source:
                return WireLine(kind, source)
        elif kind == "footer":
            parts = [p.strip() for p in re.split(r"[/|,]| - ", groups["agency"]) if p.strip()]
            source = _resolve(*reversed(parts))
            if source is None:
                # an unknown credit needs a news/story keyword and a numeric id ("Promo code: SAVE20" is not one)
                keyword = line[m.end("agency") : m.start("code")].casefold()
                if not (("news" in keyword or "story" in keyword) and re.search(r"\d{3}", groups["code"])):
                    continue
                source = parts[-1] if parts else None
            return WireLine(kind, source, groups["code"])
        elif kind == "credit":
            source = agency_of(groups.get("agency"))
            if source:
                return WireLine(kind, source)
    return None


def site_from_line(line: str) -> str | None:
    """A site name printed in a footer line ("Join the GlobalSecurity.org mailing list")."""
    if not line or len(line.split()) > 20:
        return None
    for rx in site_names()["site_line"]:
        m = rx.search(line)
        if m:
            return m.group("site").rstrip(".")
    return None


def site_from_url(url: str | None) -> str | None:
    """The host of a URL without a leading "www." ("www.globalsecurity.org" -> "globalsecurity.org")."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
