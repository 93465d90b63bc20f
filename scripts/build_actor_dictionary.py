"""Build dateline's actor dictionary from the Phoenix / PETRARCH2 actor and agent dictionaries.

Reads (TABARI/PETRARCH dictionary format, see the head of each file):
  Phoenix.Countries.actors.txt      leaders and officials by country, with dated roles
                                    ("VLADIMIR_PUTIN_ ... [RUSGOV 991231-080507] [RUSGOV >080508] [RUSELI]"),
                                    national institutions ("WHITE_HOUSE_ [USAGOV]")
  Phoenix.International.actors.txt  IGOs, NGOs, multinationals and their officials
  Phoenix.MilNonState.actors.txt    armed non-state groups (START TOPS)
  Phoenix.agents.txt                generic agents ("FARMER [~AGR]") -> role nouns with a sector
Writes (dateline/lexicons/):
  actor_dictionary.tsv   one actor per line: type, name, aliases, roles over time
  actor_agents.tsv       agent noun phrase -> sector
  LICENSE.petrarch2.txt  the source's licence (MIT)

Conversion rules (the source format, read as its files document it):
  * a line starting a name is an entry; "+NAME" lines are its aliases; "[CODE DATES]" groups on the
    entry's lines are its roles; "#" starts a comment; "_" joins words; "(ABC)" in a name is an alias;
  * a code is a country (ISO alpha-3; CAMEO's own country codes mapped, regions dropped) followed by
    three-letter role codes; IGO / NGO / MNC / IMG lead international actors (sectors IGO, NGO, BUS,
    REB); a role's sector is its first sector code, made specific when GOV is followed by LEG, JUD,
    MIL or COP; religion codes become REL;
  * dates: "YYMMDD-YYMMDD" (two-digit years up to 30 are 20xx), "YYYYMMDD", ">date" (from),
    "<date" (until); a role without dates is the default, used outside every dated role;
  * type: entries of CountryInfo (the leaders lists) and entries with dated roles are persons unless
    their name holds an institution word; entries whose name holds an institution word are
    organisations ("group" for rebel / militant codes); country entries themselves and title phrases
    ("US_SECRETARY_OF_STATE_") are left out (dateline's country lexicons and title rules cover them);
  * aliases that start with a title, an honorific or a nationality ("PRESIDENT_PUTIN",
    "RUSSIAN_PRESIDENT_VLADIMIR_PUTIN") are dropped: the extractor reads titles from the text and
    matches the name itself.

Usage:
    .venv/bin/python scripts/build_actor_dictionary.py [--src DIR] [--commit SHA] [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCE_REPO = "openeventdata/petrarch2"
DEFAULT_SRC = Path("/work/petrarch2/petrarch2/data/dictionaries")
DEFAULT_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"

# CAMEO country codes that are not ISO 3166-1 alpha-3 (regions and blocs map to no country)
CAMEO_COUNTRIES = {"TMP": "TLS", "KSV": "XKX", "DDR": "DEU", "USR": "RUS", "SUN": "RUS", "YUG": "SRB",
                   "SCG": "SRB", "FRY": "SRB", "CSK": "CZE", "SRP": "BIH", "FRN": "FRA", "ANG": "AGO"}
REGIONS = {"MEA", "SAS", "WEU", "SEA", "EAF", "LAM", "ASA", "AFR", "SAF", "NMR", "EEU", "EUR", "CAS", "NAF",
           "WAF", "CFR", "INT", "KKL", "KNT", "EIN", "SAM", "BAH", "MOS", "KRJ", "WST", "CRB", "ARB", "BLK",
           "CEU", "NAM", "PGS", "BAL", "MDT"}
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB", "UIS": "REB", "NGM": "NGO"}
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "LEG", "SPY", "ELI", "BUS", "MED", "EDU", "CVL",
           "LAB", "AGR", "REF", "HLH", "ENV", "DEV", "HRI", "CRM", "UAF", "IGO", "NGO", "REL", "MOD", "RAD"}
RELIGIONS = {"MUS", "CHR", "JEW", "BUD", "HIN", "SHI", "SUN", "CTH", "ORT", "PRO", "JAN", "SIK", "TAO", "ZRO",
             "ALE", "DRZ", "ITH", "MOS", "CON"}
SPECIFIC = {"LEG", "JUD", "MIL", "COP", "SPY"}
# institution words: a name holding one is an organisation, even in the leaders lists
STRONG_ORG_WORDS = {
    "ministry", "ministries", "department", "council", "party", "army", "forces", "committee", "court",
    "parliament", "assembly", "government", "agency", "bureau", "commission", "directorate", "administration",
    "cabinet", "secretariat", "brigade", "brigades", "front", "movement", "organization", "organisation",
    "federation", "association", "corporation", "company", "militia", "police", "navy", "congress", "senate",
    "tribunal", "institute", "university", "authority", "embassy", "inc", "ltd", "corp", "instruments",
    "industries", "technologies", "systems", "motors", "airlines", "airways", "holdings", "enterprises",
}
# words that also make surnames ("Michael Church"): organisations only outside the leaders lists
ORG_WORDS = STRONG_ORG_WORDS | {
    "ministry", "ministries", "department", "council", "party", "army", "armies", "force", "forces", "police",
    "committee", "court", "parliament", "assembly", "government", "agency", "office", "bank", "union",
    "organization", "organisation", "front", "movement", "brigade", "brigades", "congress", "senate", "house",
    "command", "service", "services", "bureau", "commission", "institute", "institution", "association",
    "federation", "league", "corporation", "company", "group", "foundation", "fund", "program", "programme",
    "center", "centre", "university", "network", "society", "alliance", "coalition", "authority", "board",
    "tribunal", "mission", "regime", "administration", "cabinet", "secretariat", "guard", "guards", "navy",
    "militia", "militias", "battalion", "division", "unit", "corps", "ltd", "inc", "co", "corp", "airlines",
    "airways", "petroleum", "oil", "gas", "trust", "church", "tigers", "army's", "club", "commando",
    "commandos", "cell", "cells", "faction", "resistance", "revolutionary", "liberation", "jihad", "brotherhood",
    "mujahideen", "mujahedeen", "taliban", "ministerial", "chamber", "junta", "legislature",
    "monitor", "monitors", "observers", "watch", "international", "news", "press", "times", "post",
    "radio", "television", "tv", "journal", "daily", "herald", "agency's", "nations", "states", "republic",
    "kingdom", "emirate", "emirates", "embassy", "consulate", "delegation", "initiative", "project",
    "conference", "summit", "forum", "dialogue", "process", "treaty", "accord", "pact", "plan",
}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "sheikh", "shaikh", "king", "queen", "prince", "princess",
              "emir", "amir", "president", "premier", "chancellor", "minister", "senator", "governor", "general",
              "gen", "col", "colonel", "lt", "major", "captain", "admiral", "ayatollah", "imam", "pope", "former",
              "secretary", "ambassador", "envoy", "vice", "deputy", "chief", "prime", "foreign", "defense",
              "defence", "interior", "the", "mullah", "sultan", "crown", "grand", "marshal", "field", "speaker",
              "gov", "sen", "rep", "representative", "congressman", "congresswoman", "mayor", "leader",
              "chairman", "president-elect", "kanzler", "bundeskanzler", "us", "u.s.", "american", "un", "u.n.",
              "judge", "justice", "attorney", "spokesman", "spokeswoman", "director", "commander", "head",
              "lieutenant", "brigadier", "maj", "gen.", "lt.", "col.", "capt", "capt.", "sgt", "president's"}


def words_of(raw: str) -> list[str]:
    """TABARI name -> words: "_" and spaces separate words; a trailing "_" only marks a whole word."""
    raw = raw.replace("_", " ").replace("\u00a0", " ")
    return [w for w in raw.split() if w]


def display(words: list[str]) -> str:
    """ "VLADIMIR V. PUTIN" -> "Vladimir V. Putin"; particles stay lowercase inside a name."""
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        if k and low in ("al", "el", "bin", "ibn", "de", "da", "di", "del", "van", "von", "der", "la", "le", "du"):
            out.append(low)
            continue
        parts = re.split(r"(-|(?<=^[a-z])')", low)  # "al-assad" -> "Al-Assad", "o'brien" -> "O'Brien", not "People'S"
        t = "".join(p[:1].upper() + p[1:] if p not in "-'" else p for p in parts)
        if t.startswith("Mc") and len(t) > 2:
            t = "Mc" + t[2:3].upper() + t[3:]
        out.append(t)
    return " ".join(out)


def parse_date(text: str) -> str | None:
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        yy = int(digits[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        md = digits[2:]
    elif len(digits) == 8:
        year, md = int(digits[:4]), digits[4:]
    else:
        return None
    month, day = int(md[:2]), int(md[2:])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_code(code: str, iso3: set[str]) -> tuple[str | None, str | None] | None:
    """ "RUSGOV" -> ("RUS", "GOV"); "IGOUNOKID" -> (None, "IGO"); "NGOUSAHLH" -> ("USA", "NGO");
    None for a code with nothing dateline uses ("---")."""
    code = code.strip().lstrip("~").upper()
    chunks = [code[k:k + 3] for k in range(0, len(code), 3) if len(code[k:k + 3]) == 3]
    if not chunks or not chunks[0].isalpha():
        return None
    country = sector = None
    rest = chunks
    first = chunks[0]
    if first in INTERNATIONAL:
        sector = INTERNATIONAL[first]
        rest = chunks[1:]
        if rest and (rest[0] in iso3 or rest[0] in CAMEO_COUNTRIES):
            country = CAMEO_COUNTRIES.get(rest[0], rest[0])
        return country, sector
    if first in iso3 or first in CAMEO_COUNTRIES:
        country, rest = CAMEO_COUNTRIES.get(first, first), chunks[1:]
    elif first in REGIONS:
        rest = chunks[1:]
    sectors = [("REL" if c in RELIGIONS else c) for c in rest if c in SECTORS or c in RELIGIONS]
    if sectors:
        sector = sectors[0]
        if sector == "GOV" and len(sectors) > 1 and sectors[1] in SPECIFIC:
            sector = sectors[1]
    if country is None and sector is None:
        return None
    return country, sector


def roles_of(groups: list[str], iso3: set[str]) -> list[tuple]:
    """[(country, sector, start, end)] from the "[CODE DATES]" groups of an entry."""
    out = []
    for g in groups:
        parts = g.split(None, 1)
        if not parts:
            continue
        parsed = parse_code(parts[0], iso3)
        if parsed is None:
            continue
        start = end = None
        dates = parts[1].replace(" ", "") if len(parts) > 1 else ""
        if dates.startswith(">"):
            start = parse_date(dates[1:])
        elif dates.startswith("<"):
            end = parse_date(dates[1:])
        elif "-" in dates:
            a, b = dates.split("-", 1)
            start, end = parse_date(a), parse_date(b)
        elif dates:
            start = parse_date(dates)
        if dates and start is None and end is None:
            continue  # a date the source garbled: better no role than a wrong one
        role = (*parsed, start, end)
        if role not in out:
            out.append(role)
    return out


def read_entries(path: Path) -> list[dict]:
    """The entries of one actor file: {"name": words, "aliases": [words], "groups": [codes], "note": str}."""
    entries: list[dict] = []
    cur = None
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        if not line.strip():
            if cur is not None and comment and not cur["note"]:
                cur["note"] = comment.strip()
            continue
        groups = re.findall(r"\[([^\]]*)\]", line)
        text = re.sub(r"\[[^\]]*\]", " ", line).strip()
        indented = raw[:1] in (" ", "\t")
        # a name line while the entry above has no code yet continues that entry (the source writes
        # some aliases without their "+": "BORIS_YELTSIN_" / "BORIS_N._YELTSIN" / "YELTSIN" / [codes])
        orphan = cur is not None and not cur["groups"] and not text.startswith("+") and not comment.strip()
        if text.startswith("+") or (indented and text) or (orphan and text):
            if cur is None:
                continue
            for alias in text.split("+"):
                if alias.strip():
                    cur["aliases"].append(words_of(alias))
        elif text:
            cur = {"name": words_of(text), "aliases": [], "groups": [], "note": comment.strip()}
            entries.append(cur)
        if cur is not None:
            cur["groups"].extend(groups)
    return entries


def split_acronyms(words: list[str]) -> tuple[list[str], list[list[str]]]:
    """ "ADEN ABYAN ISLAMIC ARMY (AAIA)" -> (name words, [["AAIA"]])."""
    name, extra = [], []
    for w in words:
        m = re.fullmatch(r"\(([^)]+)\)", w)
        if m:
            extra.append([m.group(1)])
        else:
            name.append(w)
    return name, extra


def classify(entry: dict, roles: list[tuple], source: str, iso3: set[str], title_words: set[str]) -> str | None:
    """person | org | group, or None to leave the entry out."""
    low = [w.lower().strip(".,") for w in entry["name"]]
    if not low:
        return None
    groups = [g.split(None, 1)[0].upper().lstrip("~") for g in entry["groups"] if g.strip()]
    if groups and all(len(g) == 3 and (g in iso3 or g in CAMEO_COUNTRIES) for g in groups):
        return None  # a country's own entry (names, cities, provinces): dateline's country lexicons
    orgish = any(w in ORG_WORDS for w in low) or (len(low) == 1 and low[0].isalpha() and low[0].upper() == low[0].upper()
                                                   and len(low[0]) <= 6 and not roles_dated(roles))
    rebel = any(r[1] == "REB" for r in roles)
    if "countryinfo" in entry["note"].lower() and not any(w in STRONG_ORG_WORDS for w in low):
        return "person"
    if any(w in title_words for w in low) and not orgish:
        return None  # a title phrase ("US SECRETARY OF STATE"): the extractor's title rules
    if orgish or source == "Phoenix.MilNonState.actors.txt":
        return "group" if rebel else "org"
    if roles_dated(roles) and 2 <= len(low) <= 5:
        return "person"
    if source == "Phoenix.International.actors.txt" and 2 <= len(low) <= 4 and roles:
        if low[0] == "the" or (company_listing(entry) and not PERSON_NOTE.search(entry["note"])):
            return "org"  # "LOCKHEED_MARTIN_ [MNCUSA]", "THE_GUARDIAN": companies and outlets, not people
        return "person"  # NGO / IGO officials listed by name
    return None


# a note that says the entry is a person ("E._SLACK_ [MNCUSA] # Union Carbide spokesman")
PERSON_NOTE = re.compile(r"\b(spokes(?:man|woman|person)|chief|ceo|chairman|chairwoman|executive|founder|director|"
                         r"president|editor|journalist|reporter|official)\b", re.I)


def company_listing(entry: dict) -> bool:
    """Every code of the entry leads with MNC (multinational corporation) and carries no date: the
    International file's list of companies ("NORTHROP_GRUMMAN_ [MNCUSA] # Industrial Machinery")."""
    codes = [g.split(None, 1) for g in entry["groups"] if g.strip()]
    return bool(codes) and all(c[0].upper().lstrip("~").startswith("MNC") and len(c) == 1 for c in codes)


def roles_dated(roles: list[tuple]) -> bool:
    return any(r[2] or r[3] for r in roles)


def keep_alias(words: list[str], name: list[str], stop: set[str]) -> bool:
    """A person's alias is a name: not title-led ("PRESIDENT PUTIN"), not an institution ("OBAMA
    ADMINISTRATION"), not the full name with words in front ("UNITED STATES PRESIDENT BARACK OBAMA")."""
    low = [w.lower().strip(".,") for w in words]
    if not low or low[0] in stop or any(w in ORG_WORDS for w in low):
        return False
    tail = [w.lower() for w in name[-2:]]
    return not (len(name) >= 2 and len(low) > len(name) and low[-2:] == tail)


ORG_SMALL_WORDS = {"of", "the", "for", "and", "in", "on", "at", "to", "de", "la", "du", "des", "del", "el", "al"}
COMMON_SHORT = {"army", "navy", "bank", "unit", "land", "high", "free", "west", "east", "holy", "city", "home",
                "news", "arab", "red", "new", "war", "law", "air", "sea", "gas", "oil", "post", "time", "star",
                "sun", "day", "life", "work", "food", "aid", "youth", "labor", "peace", "union", "party", "court",
                "guard", "corps", "world", "great", "north", "south", "black", "white", "green", "blue", "front",
                "state", "royal", "joint", "fund", "club", "team", "cell", "rule", "hope", "will", "unity"}


def org_display(words: list[str]) -> str:
    """ "STATE_COUNCIL_OF_THE_PEOPLES_REPUBLIC" -> "State Council of the Peoples Republic"; short
    unknown words stay capitals as acronyms ("PLA", "DGSE", "GCHQ")."""
    out = []
    for k, w in enumerate(words):
        low = w.lower()
        if k and low in ORG_SMALL_WORDS:
            out.append(low)
        elif w.isupper() and (len(w) <= 4 or not re.search("[AEIOUY]", w)) and low not in COMMON_SHORT \
                and low not in ORG_WORDS:
            out.append(w)
        else:
            out.append(display([w]))
    return " ".join(out)


def fmt_role(r: tuple) -> str:
    country, sector, start, end = r
    out = f"{country or '-'} {sector or '-'}"
    if start or end:
        out += f" {start or ''}/{end or ''}"
    return out


def convert_actors(src: Path, iso3: set[str], stop: set[str], title_words: set[str]) -> tuple[list[str], Counter]:
    lines, stats = [], Counter()
    seen: set[tuple] = set()
    for fname in ACTOR_FILES:
        for entry in read_entries(src / fname):
            name, extra = split_acronyms(entry["name"])
            entry["name"] = name
            roles = roles_of(entry["groups"], iso3)
            typ = classify(entry, roles, fname, iso3, title_words)
            if typ is None or not roles or not name:
                stats["left out"] += 1
                continue
            aliases = []
            for a in entry["aliases"] + extra:
                a, more = split_acronyms(a)
                for w in [a, *more]:
                    if typ != "person" or keep_alias(w, name, stop):
                        d = display(w) if typ == "person" else org_display(w)
                        if d and d not in aliases and d != display(name):
                            aliases.append(d)
            shown = display(name) if typ == "person" else org_display(name)
            key = (typ, shown.lower())
            same = (typ, shown.lower(), tuple(roles))
            if key in seen or same in seen:  # the same actor again, or one of its aliases written as an entry
                stats["duplicate"] += 1
                continue
            seen.add(key)
            seen.update((typ, a.lower(), tuple(roles)) for a in aliases)
            stats[typ] += 1
            lines.append("\t".join([typ, shown, "|".join(aliases), "; ".join(fmt_role(r) for r in roles)]))
    return lines, stats


def convert_agents(src: Path) -> list[str]:
    subs: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in (src / AGENT_FILE).read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        code = re.search(r"\[([^\]]*)\]", line)
        if not code:
            continue
        phrase = re.sub(r"\[[^\]]*\]", "", line).strip()
        parsed = parse_code(code.group(1).replace("~", ""), set())
        if parsed is None or parsed[1] is None:
            continue
        forms = [phrase]
        for sym, repl in subs.items():
            forms = [f.replace(sym, r) for f in forms for r in repl] if any(sym in f for f in forms) else forms
        for f in forms:
            words = " ".join(words_of(f)).lower()
            if words and "!" not in words and words not in out:
                out[words] = parsed[1]
    return [f"{k}\t{v}" for k, v in sorted(out.items())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--commit", default=DEFAULT_COMMIT)
    ap.add_argument("--out", type=Path, default=ROOT / "dateline" / "lexicons")
    args = ap.parse_args(argv)
    import pycountry

    from dateline.extract.actors.lexicon import get_lexicon

    lex = get_lexicon()
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    stop = HONORIFICS | set(lex.titles) | set(lex.mods) | {d.lower() for d in lex.demonyms} \
        | {c.lower() for c in lex.countries if " " not in c}
    lines, stats = convert_actors(args.src, iso3, stop, set(lex.titles) - {"general"})
    origin = (f"# Source: {SOURCE_REPO} @ {args.commit}, petrarch2/data/dictionaries/{{{', '.join(ACTOR_FILES)}}}\n"
              "# Licence: MIT, Copyright (c) 2014 Open Event Data Alliance (LICENSE.petrarch2.txt beside this file).\n"
              "# Built by scripts/build_actor_dictionary.py; do not edit: later office-holders and corrections go\n"
              "# in actor_additions.tsv, which is read after this file.\n")
    head = (f"# dateline actor dictionary: {stats['person']} persons, {stats['org']} organisations, "
            f"{stats['group']} armed groups.\n" + origin +
            "# Columns: type<TAB>name<TAB>aliases (|-separated)<TAB>roles (; -separated): COUNTRY SECTOR [START/END]\n"
            "#   COUNTRY is ISO alpha-3 or '-'; SECTOR a CAMEO sector code or '-'; START/END ISO dates, either may be\n"
            "#   empty (open); a role without dates is the default outside every dated role.\n")
    (args.out / "actor_dictionary.tsv").write_text(head + "\n".join(lines) + "\n", "utf-8")
    agents = convert_agents(args.src)
    (args.out / "actor_agents.tsv").write_text(
        f"# Agent nouns and the sector they imply ({len(agents)} phrases), from Phoenix.agents.txt.\n"
        + origin.replace(", ".join(ACTOR_FILES), AGENT_FILE).replace(
            "actor_additions.tsv, which is read after this file", "actor_nouns.tsv")
        + "# Columns: lowercase phrase<TAB>sector (CAMEO)\n" + "\n".join(agents) + "\n", "utf-8")
    lic = args.src.parents[2] / "LICENSE"
    if lic.exists():
        (args.out / "LICENSE.petrarch2.txt").write_text(
            f"Licence of the Phoenix / PETRARCH2 dictionaries ({SOURCE_REPO} @ {args.commit}),\n"
            "used for actor_dictionary.tsv and actor_agents.tsv:\n\n" + lic.read_text("utf-8"), "utf-8")
    print(f"actors: {dict(stats)}; agents: {len(agents)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
