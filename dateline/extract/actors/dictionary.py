"""The actor dictionary: who holds which role, where, and when.

Loaded once per process from ``dateline/lexicons/actor_dictionary.tsv`` (converted from the
Phoenix / PETRARCH2 dictionaries by ``scripts/build_actor_dictionary.py``) and
``actor_additions.tsv`` (dateline's own dated additions, read after it: an addition naming an
entry already there replaces that entry's roles and adds its aliases). Each ``Entry`` has a type
(person | org | group), a display name, aliases and ``roles``: (country, sector, start, end)
with ISO dates (None = open); a role without dates is the default outside every dated role.

Lookups (all by transliteration keys, see ``names``):

    entry = person("Vladimir Putin", "2011-05-02")   # full name or alias
    entry = by_surname("Putin", "2011-05-02")        # a surname alone: the one person of that
                                                     # surname holding a role on that date
    entry = org("Department of State")
    country, sector = role_at(entry, "2011-05-02")   # ("RUS", "GOV")

``ref`` (``entry.ref``) is a stable id ("person:RUS:vladimir-putin") that the store uses to keep
one identity per real actor.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from dateline.extract.actors.names import name_key, normalize_name, short_key, surname_key
from dateline.tsv import LEXICONS, read_tsv

FILES = ("actor_dictionary.tsv", "actor_additions.tsv")
_SLUG = re.compile(r"[^a-z0-9]+")

Role = tuple  # (country | None, sector | None, start | None, end | None)


@dataclass
class Entry:
    ref: str
    type: str  # person | org | group
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def dated(self) -> list[Role]:
        return [r for r in self.roles if r[2] or r[3]]

    def active(self, date: str | None) -> bool:
        """A dated role covers ``date`` (with no date: the entry has an open-ended role)."""
        if date is None:
            return any(r[3] is None and r[2] for r in self.roles)
        return any(_covers(r, date) for r in self.dated())


@dataclass
class Dictionary:
    entries: list[Entry]
    persons: dict[str, list[int]]  # name key (full names, aliases of two words or more) -> entries
    surnames: dict[str, list[int]]  # surname key -> person entries
    explicit: dict[str, list[int]]  # one-word aliases the dictionary lists ("PUTIN") -> entries
    orgs: dict[str, list[int]]  # org / group name and alias keys -> entries


def _covers(role: Role, date: str) -> bool:
    return (role[2] is None or role[2] <= date) and (role[3] is None or date < role[3])


def _parse_roles(cell: str) -> tuple[Role, ...]:
    out = []
    for part in cell.split(";"):
        bits = part.split()
        if len(bits) < 2:
            continue
        country = None if bits[0] == "-" else bits[0]
        sector = None if bits[1] == "-" else bits[1]
        start = end = None
        if len(bits) > 2 and "/" in bits[2]:
            a, b = bits[2].split("/", 1)
            start, end = a or None, b or None
        out.append((country, sector, start, end))
    return tuple(out)


def _rows(path: Path):
    """type, name, aliases, roles[, notes] (a row short of the four is an E500 naming its line)."""
    return (cells for _, cells in read_tsv(path, min_cells=4))


def _ref(typ: str, name: str, roles: tuple[Role, ...], taken: set[str]) -> str:
    country = next((r[0] for r in roles if r[0]), "-")
    base = f"{typ}:{country}:{_SLUG.sub('-', normalize_name(name)).strip('-')}"
    ref, n = base, 1
    while ref in taken:
        n += 1
        ref = f"{base}-{n}"
    taken.add(ref)
    return ref


@functools.lru_cache(maxsize=1)
def get_dictionary() -> Dictionary:
    d = Dictionary([], {}, {}, {}, {})
    taken: set[str] = set()
    for fname in FILES:
        replace = fname != FILES[0]
        for typ, name, aliases, roles, *_ in _rows(LEXICONS / fname):
            alias_list = tuple(a for a in aliases.split("|") if a)
            parsed = _parse_roles(roles)
            known = _same(d, typ, name, alias_list) if replace else None
            if known is not None:
                e = d.entries[known]
                e.roles = parsed
                e.aliases = tuple(dict.fromkeys((*e.aliases, *alias_list)))
                _index(d, known, (name, *alias_list))
                continue
            d.entries.append(Entry(_ref(typ, name, parsed, taken), typ, name, alias_list, parsed))
            _index(d, len(d.entries) - 1, (name, *alias_list))
    return d


def _same(d: Dictionary, typ: str, name: str, aliases: tuple[str, ...]) -> int | None:
    """The entry an addition is about: the one whose name or alias is the addition's name (else
    one of its aliases of two words or more), of the same type."""
    table = d.persons if typ == "person" else d.orgs
    for n in (name, *aliases):
        if typ == "person" and len(n.split()) < 2 and n != name:
            continue
        hits = [k for k in table.get(name_key(normalize_name(n)), []) if d.entries[k].type == typ]
        if len(hits) == 1:
            return hits[0]
        if hits and n == name:
            return hits[0]
    return None


def _index(d: Dictionary, k: int, names) -> None:
    e = d.entries[k]
    for n in names:
        norm = normalize_name(n)
        if not norm:
            continue
        key = name_key(norm)
        if e.type != "person":
            _add(d.orgs, key, k)
            continue
        words = norm.split()
        if len(words) == 1:
            _add(d.explicit, key, k)
            continue
        _add(d.persons, key, k)
        short = short_key(norm)
        if short:
            _add(d.persons, short, k)
        if n == e.name:
            _add(d.surnames, surname_key(norm), k)


def _add(table: dict, key: str | None, k: int) -> None:
    if key:
        ids = table.setdefault(key, [])
        if k not in ids:
            ids.append(k)


def _pick(d: Dictionary, ids: list[int], date: str | None, typ: str | None = None) -> Entry | None:
    """The one entry of ``ids`` (of ``typ``) active on ``date``; the only one when just one exists."""
    cands = [d.entries[k] for k in ids if typ is None or d.entries[k].type == typ]
    cands = list({e.roles: e for e in reversed(cands)}.values())  # the same roles twice: one actor
    if len(cands) == 1:
        return cands[0]
    active = [e for e in cands if e.active(date)]
    return active[0] if len(active) == 1 else None


def person(name: str, date: str | None = None) -> Entry | None:
    """The dictionary person a full name (two words or more) names, or None."""
    norm = normalize_name(name)
    if len(norm.split()) < 2:
        return None
    d = get_dictionary()
    ids = d.persons.get(name_key(norm))
    if not ids:
        short = short_key(norm)
        ids = d.persons.get(short) if short else None
    return _pick(d, ids, date, "person") if ids else None


def by_surname(surname: str, date: str | None = None) -> Entry | None:
    """The one person with this surname holding a dated role on ``date`` (a surname the dictionary
    lists as an alias, "Putin", counts when it is the only entry listing it). None when none or
    several fit: "Lee" in 2010 is many people; "Smith" with nobody in office is nobody."""
    norm = normalize_name(surname)
    if not norm:
        return None
    d = get_dictionary()
    key = name_key(norm) if len(norm.split()) > 1 else surname_key(norm)
    listed = d.explicit.get(key, [])
    active = {k for k in d.surnames.get(key, []) + listed if d.entries[k].active(date)}
    if len(active) > 1:  # "Pence" keys as "penke" too (Normans Penke): the surname as spelled decides
        active = {k for k in active if _spelled(d.entries[k], norm)} or active
    if len(active) == 1:
        return d.entries[next(iter(active))]
    if not active and len(listed) == 1:
        return d.entries[listed[0]]
    return None


def _spelled(entry: Entry, norm: str) -> bool:
    """The entry's name or an alias ends with the surname ``norm`` as written (accents aside)."""
    return any(normalize_name(n) == norm or normalize_name(n).endswith(" " + norm) for n in (entry.name, *entry.aliases))


def org(name: str) -> Entry | None:
    d = get_dictionary()
    ids = d.orgs.get(name_key(normalize_name(name)))
    if not ids:
        return None
    ents = {d.entries[k].ref: d.entries[k] for k in ids}
    return next(iter(ents.values())) if len(ents) == 1 else None


def known_person(name: str, date: str | None) -> bool:
    """A full name the dictionary knows, or a surname it resolves on that date."""
    if len(name.split()) > 1:
        return person(name, date) is not None
    return by_surname(name, date) is not None


def role_at(entry: Entry, date: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of the role held on ``date``: the dated role covering it (the latest begun
    when several do), else the default role; else the country of the nearest dated role with no
    sector (no longer, or not yet, in that office). Without a date: the role still open, else the
    default, else the one that ended last."""
    dated = entry.dated()
    default = next((r for r in entry.roles if not (r[2] or r[3])), None)
    if date is None:  # no date: the role still open, else the default, else the latest
        current = [r for r in dated if r[3] is None]
        if current:
            best = max(current, key=lambda r: r[2] or "")
            return best[0], best[1]
        if default:
            return default[0], default[1]
        if dated:
            best = max(dated, key=lambda r: r[3] or "")
            return best[0], best[1]
        return None, None
    covering = [r for r in dated if _covers(r, date)]
    if covering:
        best = max(covering, key=lambda r: r[2] or "")
        return best[0], best[1]
    if default:
        return default[0], default[1]
    if dated:
        near = min(dated, key=lambda r: min(abs(_days(r[2], date)), abs(_days(r[3], date))))
        return near[0], None
    return None, None


def _days(a: str | None, b: str) -> int:
    if a is None:
        return 10**6
    return abs(int(a[:4]) - int(b[:4])) * 366 + abs(int(a[5:7]) - int(b[5:7])) * 31
