"""Metadata a reader sees, merged from trafilatura and newspaper4k by explicit rules.

Headline
  0. The headline the page shows: an ``<h1>`` (one of the first five) that is one of the titles
     the page declares (either library's title, the JSON-LD ``headline``, ``og:title``) or a part
     of one between separators, once site-name affixes are stripped, is the headline, as the
     ``<h1>`` prints it (the longest such). Social titles are often shortened or reworded, and a
     library's title may be cut at a hyphen; the ``<h1>`` is what a reader sees. Else:
  1. From each candidate title strip site-name affixes: a first or last part, split off at a
     spaced separator (" | ", " - ", " – ", " :: "...; clean_site_names.tsv), is removed when it
     names the site (the site names either library found, or the URL host) or reads as a brand
     (at most 5 words with a brand word such as "News", ".com") while the rest keeps >= 3 words.
  2. Equal after stripping (ignoring case and punctuation): trafilatura's text.
  3. One contains the other: the shorter (the longer still carries a prefix/suffix), if >= 3 words.
  4. Otherwise trafilatura's, unless it is empty or just the site name: then newspaper4k's.
Byline
  Each candidate is split into names (on ";", ",", "&", " and ", "|"), and each name loses "By",
  "Email the author", @handles, URLs and job titles ("AP Auto Writer"). Wire/agency names
  (clean_agencies.tsv) are not authors: they become the source credit. Desk/staff/site names
  are dropped. trafilatura's names are used when any survive; only then is newspaper4k's
  author extractor asked (when enabled: see ``html.NEWSPAPER_AUTHORS`` for why it is off).
Date
  trafilatura's date (htmldate with original_date=True: the original publication date, not
  a modified or footer date); when it has none, newspaper4k's publication date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from dateline.clean.lexicon import agency_of, byline_rules, site_names

_SQUASH = re.compile(r"[\W_]+")
_NAME_SEP = re.compile(r"\s*(?:;|,|&|\||/|\band\b|\bwith\b)\s*")
_HANDLES = re.compile(r"\S+@\S+|https?://\S+|@\w+")


def squash(s: str) -> str:
    return _SQUASH.sub("", s.casefold())


def site_tokens(names: Iterable[str | None], url: str | None) -> set[str]:
    """Squashed forms a site's name can take: given names, the host, its main label."""
    out = {squash(n) for n in names if n and squash(n)}
    if url:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        if host:
            out.add(squash(host))
            labels = host.split(".")
            main = labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 else labels[-2] if len(labels) >= 2 else host
            out.add(squash(main))
    return out


def _is_site(part: str, tokens: set[str]) -> bool:
    sq = squash(part)
    if not sq:
        return True
    for t in tokens:
        if sq == t or (len(t) >= 3 and (t in sq or sq in t)):
            return True
    return False


def _is_brand(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    low = part.casefold()
    return any(
        (b.startswith(".") and b in low) or b in (w.strip(".,:;") for w in low.split()) for b in site_names()["brand_word"]
    )


def strip_site_affixes(title: str | None, tokens: set[str]) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    seps = site_names()["separator"]
    changed = True
    while changed:
        changed = False
        for sep in seps:
            if sep not in title:
                continue
            head, _, tail = title.rpartition(sep)
            if len(head.split()) >= 3 and (_is_site(tail, tokens) or _is_brand(tail)):
                title, changed = head.strip(), True
                break
            first, _, rest = title.partition(sep)
            label = first.strip().casefold() in site_names()["section_prefix"]
            if len(rest.split()) >= 3 and (_is_site(first, tokens) or _is_brand(first) or label):
                title, changed = rest.strip(), True
                break
    return title or None


_PARTS = re.compile(r"\s+(?:\||-|–|—|::|·|•|:)\s+")


def visible_headline(visible: Iterable[str], titles: Iterable[str | None], tokens: set[str]) -> str | None:
    """Rule 0 of the headline: the longest ``<h1>`` that is a declared title or a part of one."""
    keys = set()
    for t in titles:
        if not t:
            continue
        for form in (t, strip_site_affixes(t, tokens) or ""):
            keys.add(squash(form))
            keys.update(squash(p) for p in _PARTS.split(form) if len(p.split()) >= 3)
    keys = {k for k in keys if k and not _is_site(k, tokens)}
    shown = [h for h in visible if squash(h) in keys and len(h.split()) >= 2]
    return max(shown, key=len) if shown else None


def merge_headline(traf: str | None, news: str | None, tokens: set[str], visible: Iterable[str] = (),
                   declared: Iterable[str] = ()) -> str | None:
    shown = visible_headline(visible, [traf, news, *declared], tokens)
    if shown:
        return shown
    a, b = strip_site_affixes(traf, tokens), strip_site_affixes(news, tokens)
    if a and _is_site(a, tokens) and len(a.split()) <= 5:
        a = None
    if b and _is_site(b, tokens) and len(b.split()) <= 5:
        b = None
    if not a or not b:
        return a or b
    ka, kb = squash(a), squash(b)
    if ka == kb:
        return a
    shorter, longer = (a, b) if len(ka) <= len(kb) else (b, a)
    if squash(shorter) in squash(longer) and len(shorter.split()) >= 3:
        return shorter
    return a


def _title_case(name: str) -> str:
    if name.isupper() or name.islower():
        return " ".join(w[:1].upper() + w[1:].lower() if w.isalpha() or "-" in w else w for w in name.split())
    return name


def clean_byline(raw: str | Iterable[str] | None, tokens: set[str]) -> tuple[list[str], str | None]:
    """(author names, wire credit) from a byline string or list as a library returned it."""
    if not raw:
        return [], None
    rules = byline_rules()
    pieces = [raw] if isinstance(raw, str) else list(raw)
    names: list[str] = []
    wire = None
    for piece in pieces:
        for part in _NAME_SEP.split(piece or ""):
            part = _HANDLES.sub(" ", part)
            low = part.casefold()
            for rx in _drop_patterns(tuple(rules["drop_phrases"])):
                low = rx.sub(" ", low)
            keep_mask = low
            part = " ".join(w for w, lw in zip(part.split(), keep_mask.split(), strict=False) if lw)
            part = _strip_prefix(_strip_prefix(part.strip(" .:-–—"), rules["prefixes"]), rules["prefixes"])
            part = _strip_roles(part, rules["roles"])
            part = part.strip(" .:-–—()")
            if not part:
                continue
            agency = agency_of(part)
            if agency:
                wire = wire or agency
                continue
            if not _is_name(part, rules, tokens):
                continue
            name = _title_case(_strip_site_tail(part, tokens))
            if _name_key(name) not in {_name_key(n) for n in names}:
                names.append(name)
    if len(names) > 1 and any(len(n.split()) > 1 for n in names):
        names = [n for n in names if len(n.split()) > 1]  # "Jane Doe, Futurism": a lone word is a partner site
    return names, wire


def _name_key(name: str) -> str:
    """First and last word: "Troy L. Smith" and "Troy Smith" are one author."""
    ws = [w for w in re.findall(r"\w+", name.casefold()) if len(w) > 1]
    return f"{ws[0]} {ws[-1]}" if ws else ""


def _strip_site_tail(part: str, tokens: set[str]) -> str:
    """"Finian Cunningham Sputnik International" -> "Finian Cunningham" when the tail names the site."""
    words = part.split()
    for k in (2, 1):
        if len(words) - k >= 2 and _is_site(" ".join(words[-k:]), tokens):
            return " ".join(words[:-k])
    return part


@functools.lru_cache(maxsize=16)
def _longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(items, key=len, reverse=True))


@functools.lru_cache(maxsize=16)
def _drop_patterns(phrases: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """One compiled ``\\b<phrase>\\b`` per phrase, longest first (as byline_rules' drop_phrases apply)."""
    return tuple(re.compile(rf"\b{re.escape(p)}\b") for p in _longest_first(phrases))


def _strip_prefix(part: str, prefixes: list[str]) -> str:
    low = part.casefold()
    for p in _longest_first(tuple(prefixes)):
        if low.startswith(p + " ") or (p.endswith(":") and low.startswith(p)):
            return part[len(p) :].strip()
    return part


def _strip_roles(part: str, roles: list[str]) -> str:
    low = part.casefold()
    for r in _longest_first(tuple(roles)):
        if low == r:
            return ""
        if low.endswith(" " + r):
            return _strip_roles(part[: -len(r)].strip(), roles)
    return part


def _is_name(part: str, rules: dict, tokens: set[str]) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", part):
        return False
    low = part.casefold()
    if low in rules["not_names"] or "admin" in low or re.search(r"\w\.(com|org|net|txt|co)\b|^www\.", low):
        return False
    if any(w.strip(".,").casefold() in rules["not_name_words"] for w in words):
        return False
    if squash(part) in tokens:
        return False
    if not part[0].isupper() or "-" in part and part.islower():
        return False
    return True


def merge_byline(
    traf: str | None, newspaper: Callable[[], list[str]] | None, tokens: set[str]
) -> tuple[str | None, str | None]:
    """(byline, wire credit): trafilatura's names, else newspaper4k's (called only then)."""
    names, wire = clean_byline(traf, tokens)
    if not names and newspaper is not None:
        names, wire2 = clean_byline(newspaper(), tokens)
        wire = wire or wire2
    return (", ".join(names) if names else None), wire


def merge_date(traf: str | None, newspaper: Callable[[], str | None] | None) -> str | None:
    if traf:
        return traf
    return newspaper() if newspaper is not None else None
