"""Known actors: each person and organisation cluster looked up in the actor dictionary.

A person is looked up by the longest full name the article gives it ("Vladimir Putin"), else, when
the article only ever uses one word ("Putin", "President Erdogan"), by that surname among the
people holding a dated role on the article's date. The entry gives the actor its ``ref`` (one
identity across articles), a surname-only actor its full name, and the country and sector of the
role held on the article's date (``dictionary.role_at``) where the text says nothing.

What the text says wins: a country the article gives the person (a nationality, a country in the
title) that differs from the dictionary's means another person of the same name, so the entry is
not used; a sector from a title in the text ("former President", "Defence Minister") wins over the
dictionary's role, the article being dated evidence at least as recent as the dictionary's.
"""

from __future__ import annotations

from collections import Counter

from dateline.extract.actors import dictionary
from dateline.extract.actors.names import normalize_name


def attach(clusters, date: str | None) -> None:
    """Set ``ref`` (and country, sector, name where the text leaves them open) on every cluster
    the dictionary knows. Country and sector of ``clusters`` must already hold the text's evidence."""
    for c in clusters:
        if c.type == "person" and c.named:
            _person(c, date)
        elif c.type in ("org", "group") and c.key and c.key.startswith("N:"):
            _org(c, date)


def _names(c) -> list[str]:
    names = Counter(m.name for m in c.mentions if m.kind == "person")
    return sorted(names, key=lambda n: (-len(normalize_name(n).split()), -names[n]))


def _person(c, date: str | None) -> None:
    names = _names(c)
    if not names:
        return
    full = [n for n in names if len(normalize_name(n).split()) > 1]
    entry = None
    for n in full:
        entry = dictionary.person(n, date)
        if entry is not None:
            break
    if entry is None and not full:
        entry = dictionary.by_surname(names[0], date)
    if entry is None or entry.type != "person":
        return
    country, sector = dictionary.role_at(entry, date)
    own = Counter(m.country for m in c.mentions if m.kind == "person" and m.country)
    named_country = own.most_common(1)[0][0] if own else None
    if named_country and country and named_country != country:
        return  # the article gives the name another country: another person of that name
    c.ref = entry.ref
    if not full:
        c.name = entry.name  # "Putin" -> "Vladimir Putin": the same name in every article
    if country and not named_country:
        c.country = country  # over a country only descriptions joined to the name gave
    titled = Counter(m.sector for m in c.mentions if m.kind == "person" and m.titles and m.sector)
    if titled:
        c.sector = titled.most_common(1)[0][0]  # a title at the name wins ("former Vice President": ELI)
    elif sector:
        c.sector = sector  # over a sector only descriptions joined by coreference gave


def _org(c, date: str | None) -> None:
    entry = dictionary.org(c.name)
    if entry is None or entry.type == "person":
        return
    country, sector = dictionary.role_at(entry, date)
    if c.country and country and c.country != country:
        return
    c.ref = entry.ref
    c.country = c.country or country
    c.sector = c.sector or sector
