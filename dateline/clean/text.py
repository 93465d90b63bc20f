"""Structure of a plain-text page as a web crawl stores it.

A page is a list of paragraphs (see ``normalize.paragraphs_from_text``). It has a header zone
(site banners, navigation, section line, headline, byline, date, agency line) before the first
paragraph of prose, the article, and a footer zone (agency footer, related links, copyright,
mailing-list invitations) after the last paragraph of prose. Chrome and wire lines are recognised
everywhere by ``chrome`` and ``wire``; the header's remaining short lines give the headline and
the section:

* the article starts at the first paragraph that carries a dateline, or else at the first prose
  paragraph (>= 20 words, or >= 8 words ending like a sentence, and not title-cased);
* the headline is the header line that matches a title hint, or else the last header line of at
  least 3 words that is not a sentence; a shorter line right before it is the section;
* header lines after the headline that read as sentences (a standfirst) stay in the body;
* trailing short lines that are not sentences (related-link titles, tag lists) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.clean.chrome import chrome_category
from dateline.clean.datelines import parse_dateline
from dateline.clean.lexicon import datelines
from dateline.clean.metadata import clean_byline
from dateline.clean.wire import site_from_line, wire_line

_WORDS = re.compile(r"[^\W\d_][\w'’.-]*")
_SMALL = frozenset("a an and as at but by for from in into of on or the to vs via with".split())
BYLINE = re.compile(r"^(?i:by)\s+(?P<name>[A-Z][\w.'’-]+(?:[\s,]+(?:(?i:and)\s+)?[A-Z][\w.'’-]+){0,7})\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass
class Structure:
    paragraphs: list[str]  # the article, in order
    site: str | None = None
    section: str | None = None
    headline: str | None = None
    byline: str | None = None
    source: str | None = None
    news_code: str | None = None
    own_date: str | None = None
    notes: list[str] = field(default_factory=list)


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


def titleish(line: str) -> bool:
    """Most content words capitalised ("Weapons of Mass Destruction (WMD)")."""
    ws = [w for w in words(line) if w.casefold() not in _SMALL]
    return bool(ws) and sum(w[0].isupper() for w in ws) / len(ws) >= 0.6


TITLE_MAX_WORDS = 15  # longer lines ending like a sentence are prose even when full of names


def is_sentence(line: str) -> bool:
    """Ends like a sentence and is not a title: a name-heavy news sentence ("Turkey and Egypt signed
    a trade deal in Cairo. Secretary of State Antony Blinken met ...") is still a sentence when it is
    longer than a title can be."""
    if not _SENTENCE_END.search(line):
        return False
    return len(line.split()) > TITLE_MAX_WORDS or not titleish(line)


def is_prose(line: str) -> bool:
    n = len(line.split())
    return (n >= 20 and not titleish(line)) or (n >= 8 and is_sentence(line))


def full_date(line: str) -> str | None:
    """ISO date of a line that is only a date with a year ("November 10, 2011", "2011-11-10")."""
    s = line.strip().rstrip(".")
    s = re.sub(r"^(posted|published|updated|date)\s*(on)?\s*:?\s*", "", s, flags=re.I)
    s = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "", s, flags=re.I)
    s = re.sub(r"\s*(,|at|-)?\s*\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?$", "", s, flags=re.I)
    months = datelines()["months"]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", s) or re.fullmatch(
            r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", s
        )
        if not m:
            return None
        a, b, y = m[1], m[2], int(m[3])
        mon, d = (a, int(b)) if a.isalpha() else (b, int(a))
        if mon.casefold() not in months:
            return None
        mo = months[mon.casefold()]
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def structure(paragraphs: list[str], title_hint: str | None = None, learned=None) -> Structure:
    """Split a page's paragraphs into header fields, article paragraphs and dropped chrome.

    ``learned`` is a predicate ``line -> bool`` for the site's learned chrome (or None).
    """
    st = Structure(paragraphs=[])
    kept: list[str] = []
    # a learned (site-repeated) line directly before a kept line: a site's pages of one section all
    # repeat the section line above their headline, so it may be the section rather than chrome
    learned_before: dict[str, str] = {}
    last_learned: str | None = None
    for p in paragraphs:
        if len(p.split()) <= 12 and (d := full_date(p)):
            st.own_date = st.own_date or d
            st.notes.append("date")
            continue
        site = site_from_line(p)
        if site and not st.site:
            st.site = site
        cat = chrome_category(p)
        if cat:
            st.notes.append(f"chrome:{cat}")
            continue
        w = wire_line(p)
        if w:
            st.source = st.source or w.source
            if w.news_code:
                st.news_code = st.news_code or w.news_code
            st.notes.append(f"wire:{w.kind}")
            continue
        if learned is not None and learned(p):
            st.notes.append("chrome:learned")
            last_learned = p
            continue
        if last_learned is not None:
            learned_before[p] = last_learned
            last_learned = None
        kept.append(p)

    start = _body_start(kept)
    header, rest = kept[:start], kept[start:]
    end = _body_end(rest)
    st.paragraphs = _read_header(header, st, title_hint, learned_before) + rest[:end]
    for p in rest[end:]:
        st.notes.append("chrome:trailing")
        if not st.site:
            st.site = site_from_line(p)
    return st


def _body_start(paras: list[str]) -> int:
    for i, p in enumerate(paras[:12]):
        if parse_dateline(p):
            return i
    for i, p in enumerate(paras):
        if is_prose(p):
            return i
    return 0


def _body_end(paras: list[str]) -> int:
    end = len(paras)
    while end > 1:
        p = paras[end - 1]
        if is_prose(p) or is_sentence(p) or (p.startswith("(") and p.endswith(")")):
            break
        end -= 1
    return end


def _read_header(header: list[str], st: Structure, title_hint: str | None,
                 learned_before: dict[str, str] | None = None) -> list[str]:
    """Fill byline/date/headline/section from the header; return header lines that belong to the body."""
    cands: list[str] = []
    for p in header:
        m = BYLINE.match(p)
        if m and not st.byline:
            names, wire = clean_byline(m.group("name"), set())
            st.byline = ", ".join(names) or None
            st.source = st.source or wire
            continue
        cands.append(p)
    if not cands:
        return []
    hi = None
    if title_hint:
        key = _key(title_hint)
        hi = next((i for i, c in enumerate(cands) if _key(c) == key), None)
    if hi is None:
        for i in range(len(cands) - 1, -1, -1):
            c = cands[i]
            if len(words(c)) >= 3 and not (is_sentence(c) and len(words(c)) >= 6) and len(c.split()) <= 30:
                hi = i
                break
    if hi is None:
        return [c for c in cands if is_sentence(c)]
    st.headline = cands[hi]
    prev = cands[hi - 1] if hi > 0 else (learned_before or {}).get(cands[hi])
    if prev and 1 <= len(words(prev)) <= 8 and not _SENTENCE_END.search(prev) and not _NAV_SEPARATOR.search(prev):
        st.section = prev
    return [c for c in cands[hi + 1 :] if is_sentence(c)]


_NAV_SEPARATOR = re.compile(r"[|•»›]")


def _key(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))
