"""Wire datelines at the start of a story: ``Moscow, Nov 10, IRNA --``, ``WASHINGTON (Reuters) -``,
``TALLAHASSEE, Fla. (AP) —``, ``BEIJING, March 3 (Xinhua) --``, ``LONDON, Jan 5 (AFP) -``,
``MOSCOW, November 10. /TASS/.``, ``(Reuters) -``, ``BUFFALO, N.Y. —``.

The dateline stays in the body; ``find_dateline`` returns its span there. A place printed in
mixed case ("Moscow") is accepted only with a date, an agency or a known region after it, so a
sentence that happens to start with a capitalised word and a dash is not a dateline.
"""

from __future__ import annotations

import functools
import re

from dateline.clean.lexicon import agency_of, datelines
from dateline.types import Dateline

_CAPWORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_MIXWORD = r"[A-Z][a-zA-Z'’.\-]*[a-zA-Z.]"


@functools.cache
def _pattern() -> re.Pattern:
    lex = datelines()
    months = sorted(lex["months"], key=len, reverse=True)
    month = "(?:" + "|".join(m.capitalize() + "|" + m.upper() for m in months) + ")"
    regions = sorted(lex["regions"], key=len, reverse=True)
    region = "(?:" + "|".join(re.escape(r) for r in regions) + ")"
    n = int(lex["max_place_words"]) - 1
    place = rf"(?:{_CAPWORD}|{_MIXWORD})(?:\s(?:{_CAPWORD}|{_MIXWORD})){{0,{n}}}"
    gen_region = rf"(?!{month}\b)[A-Z][a-zA-Z.]+(?:\s[A-Z][a-zA-Z.]+){{0,2}}"
    date = (
        rf"(?:(?P<mon>{month})\.?\s(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\s(?P<mon2>{month})\.?)"
        rf"(?:,?\s(?P<year>\d{{4}}))?"
    )
    agency = r"(?:\s?\((?P<agency>[^()\n]{1,40})\)|,\s(?P<agency2>[A-Z][\w\-]+(?:\s[A-Z][\w\-]+){0,3}))"
    sep = r"(?P<sep>\s*(?:--|—|―)\s*|\s+[-–]\s+|:\s+|\.\s/(?P<agency3>[A-Za-z\- ]{2,20})/\.?\s*)"
    rx = (
        rf"(?:(?P<place>{place})(?:,\s(?P<region>{region}(?=[\s,(])|{gen_region}))?"
        rf"(?:,?\s(?P<date>{date}))?{agency}?|\((?P<agency0>[^()\n]{{1,40}})\)){sep}(?=\S)"
    )
    return re.compile(rx)


def _title(place: str) -> str:
    """"ST. JOSEPH" -> "St. Joseph"; mixed-case places are kept as printed."""
    words = []
    for w in place.split(" "):
        if w.isupper() and len(w.strip(".")) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+", w):
            w = "-".join(p.capitalize() for p in w.split("-"))
        words.append(w)
    return " ".join(words)


def parse_dateline(text: str, offset: int = 0) -> Dateline | None:
    """The dateline at the very start of ``text`` (one paragraph), or None."""
    m = _pattern().match(text)
    if not m:
        return None
    lex = datelines()
    place = m.group("place")
    agency_text = m.group("agency") or m.group("agency2") or m.group("agency3") or m.group("agency0")
    agency = None
    if agency_text:
        agency = agency_of(agency_text)
        if agency is None:
            if m.group("agency2") and not (agency_text.isupper() and len(agency_text) <= 8):
                return None  # ", Something --" that is not a known or all-caps agency
            if len(agency_text.split()) > 4:
                return None
            agency = agency_text.strip()
    if place:
        if place.casefold().rstrip(".") in lex["not_places"]:
            return None
        caps = place.upper() == place
        region = m.group("region")
        known_region = region is not None and region in lex["regions"]
        anchored = bool(m.group("date") or agency or known_region)
        if not caps and not anchored:
            return None
        if region and not known_region and not caps:
            return None
        if m.group("sep").strip() == ":" and not caps:
            return None
        place = _title(place) + (f", {region}" if region else "")
    elif not agency:
        return None
    date = None
    mon = m.group("mon") or m.group("mon2")
    day = m.group("day") or m.group("day2")
    if mon and day:
        mm = lex["months"][mon.casefold()]
        dd = int(day)
        if not 1 <= dd <= 31:
            return None
        date = f"{mm:02d}-{dd:02d}"
        if m.group("year"):
            date = f"{m.group('year')}-{date}"
    end = m.end("sep")
    span_end = len(text[:end].rstrip())
    return Dateline(place=place, date=date, agency=agency, span=(offset, offset + span_end))


def find_dateline(body: str, paragraphs: int | None = None) -> Dateline | None:
    """Look for a dateline at the start of the first few paragraphs of ``body``."""
    n = int(datelines()["search_paragraphs"]) if paragraphs is None else paragraphs
    pos = 0
    for _ in range(n):
        if pos >= len(body):
            break
        end = body.find("\n\n", pos)
        end = len(body) if end < 0 else end
        found = parse_dateline(body[pos:end], pos)
        if found:
            return found
        pos = end + 2
    return None
