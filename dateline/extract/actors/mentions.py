"""Find actor mentions in a parsed document: names, titles, descriptions, nationalities.

Pure functions over a spaCy ``Doc``. Each ``Mention`` (``model``) carries the character span of
the words that name the actor and what the text says about it (country, sector, titles).
Clustering and coreference (surnames, "the agency", "he added") happen in ``coref``.

``find_mentions`` runs these phases in order, each a function of its own over one ``Scan``
(the document, its lexicon matches and entities, and the mentions found so far):

  1. ``person_mentions``   the model's PERSON entities and names after a capitalised title,
                           repaired (possessives stripped, title chains read, appositions);
                           names that are not people (``screening``: products, platforms, bare
                           titles, teams) are left out or handed back as organisations;
  2. ``lexicon_mentions``  countries, capitals (metonymy), IGOs, outlets, named groups, brands
                           (platforms and companies only where they act);
  3. ``model_orgs``        organisations the model found that no lexicon knows;
  4. ``nominals``          noun phrases headed by an actor noun ("A US official", "the Foreign
                           Ministry") and nationality nouns ("Iraqis") — module ``nominals``;
  5. ``demonym_mentions``  nationality adjectives outside every other mention ("Israeli air raids");
  6. ``possessor_anaphors`` "the agency's director general X" -> X belongs to that agency.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.extract.actors import screening
from dateline.extract.actors.lexicon import Lexicon, fold, get_lexicon
from dateline.extract.actors.model import (
    LOCATIVE,
    NOT_TITLES,
    POSSESSIVE,
    TRAVEL_VERBS,
    Mention,
    against,
    clean_name,
    is_cap,
    lexicon_matches,
    span_chars,
)
from dateline.extract.actors.names import honorifics
from dateline.extract.actors.nominals import nominals
from dateline.extract.actors.titles import appositive, title_chain, title_sector

SUBJ = ("nsubj", "nsubjpass")


@dataclass
class Scan:
    """What every phase reads: the parse, lexicon matches, entity labels; and what they build."""

    doc: object
    body: str
    lex: Lexicon
    lexm: dict
    ents: list
    ent_of: dict[int, str]
    skip: tuple[int, int] | None = None
    date: str | None = None  # the article's date (YYYY-MM-DD): whose roles the dictionary reads
    out: list[Mention] = field(default_factory=list)
    name_toks: set[int] = field(default_factory=set)  # tokens inside person names and their title chains
    proper_toks: set[int] = field(default_factory=set)  # the names themselves ("Michael Jordan": no country Jordan)


def scan_of(doc, skip: tuple[int, int] | None = None, date: str | None = None) -> Scan:
    ents = list(doc.ents)  # doc.text and doc.ents are rebuilt on every access: read them once
    ent_of = {k: ent.label_ for ent in ents for k in range(ent.start, ent.end)}
    return Scan(doc, doc.text, get_lexicon(), lexicon_matches(doc), ents, ent_of, skip, date)


def find_mentions(doc, skip: tuple[int, int] | None = None, date: str | None = None) -> list[Mention]:
    """Every actor mention the text supports, unclustered. ``skip``: a char span (the dateline)
    whose place names are places, not actors; ``date``: the article's date (YYYY-MM-DD)."""
    sc = scan_of(doc, skip, date)
    person_mentions(sc)
    lexicon_mentions(sc)
    model_orgs(sc)
    sc.out.extend(nominals(doc, sc.body, sc.lexm, sc.lex, sc.name_toks))
    demonym_mentions(sc)
    possessor_anaphors(sc.out, sc.lex)
    sc.out.sort(key=lambda m: (m.start, -m.end))
    return sc.out


# -- 1. persons -------------------------------------------------------------------------------
def person_mentions(sc: Scan) -> None:
    """The model's PERSON entities (and names after a capitalised title), repaired and screened."""
    doc, lex, lexm = sc.doc, sc.lex, sc.lexm
    persons = [(e.start, e.end) for e in sc.ents if e.label_ == "PERSON"]
    persons += persons_after_titles(doc, lexm, sc.ent_of, lex)
    persons += _names_labelled_otherwise(sc)
    found = []
    for s, e in sorted(set(persons)):
        bounds = _name_bounds(sc, s, e)
        if bounds is None:
            continue
        s, e = bounds
        cs, ce = span_chars(doc, s, e)
        name = clean_name(sc.body[cs:ce])
        if len(name) < 2:
            continue
        m = Mention(cs, ce, "person", "person", name, tok=e - 1, head=fold(name.split()[-1]))
        m.extra["name_start"] = s
        glued = s > 0 and sc.ent_of.get(s - 1) == "PERSON" and (
            doc[s - 1].lower_ in lex.titles or screening.opening_to_strip(doc, s - 1, e, ()) == "title")
        if s > 0 and _title_word(doc[s - 1], lex) or glued:
            m.extra["titled"] = True  # "King Abdullah", "Mr. Vogel", "President Trump"
        chain = title_chain(doc, s, lexm, lex, sc.ent_of)
        if chain:
            _apply_chain(sc, m, chain, s)
        elif glued:  # a title the model ran into the name: "Superintendent Jennifer McCormick"
            m.titles, m.sector = (doc[s - 1].text,), title_sector([doc[s - 1].text], lex)
        _apply_apposition(doc, m, e, lexm, lex)
        m.extra["subj"] = doc[e - 1].dep_ in SUBJ or doc[e - 1].head.dep_ in ("nsubj",)
        found.append((m, s, e))
    for m, s, e in screening.screen_persons(sc, found):
        sc.name_toks.update(range(s, e))
        sc.proper_toks.update(range(s, e))
        sc.out.append(m)


def _names_labelled_otherwise(sc: Scan) -> list[tuple[int, int]]:
    """A two-word name the model labels ORG, GPE or FAC ("Mason Rudolph's helmet", "Kate York")
    whose last word the model labels PERSON alone elsewhere in the article ("Mr. Rudolph", "York
    said"): the model's label across the article's mentions makes it a person."""
    lexm = sc.lexm
    alone = {e.text for e in sc.ents if e.label_ == "PERSON" and len(e) == 1}
    out = []
    for ent in sc.ents:
        if ent.label_ not in ("ORG", "GPE", "FAC"):
            continue
        toks = [t for t in ent if t.text not in POSSESSIVE]
        if len(toks) == 2 and all(t.is_title and t.is_alpha and t.i not in lexm for t in toks) \
                and toks[1].text in alone and toks[0].text not in alone:
            out.append((toks[0].i, toks[1].i + 1))
    return out


def _name_bounds(sc: Scan, s: int, e: int) -> tuple[int, int] | None:
    """The name's own tokens: without possessives, trailing punctuation, leading titles/"the",
    lowercase words the model ran into it ("rang Taylor"); None when nothing name-like is left."""
    doc, lex, lexm = sc.doc, sc.lex, sc.lexm
    if all(k in lexm or doc[k].text in POSSESSIVE for k in range(s, e)):
        return None  # a country/org/nationality the model took for a person ("Interfax", "Bosnian Serbs")
    cut = next((k for k in range(s, e) if doc[k].is_space or "\n" in doc[k].whitespace_), None)
    if cut is not None:
        e = cut + (0 if doc[cut].is_space else 1)  # a name never runs over a line break
    while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].is_punct and doc[e - 1].text != "."):
        e -= 1  # "Donald Trump ''", "Amano's"
    while s < e and (doc[s].is_punct or doc[s].lower_ in lex.titles or doc[s].lower_ in lex.mods
                     or doc[s].lower_ == "the" or (doc[s].is_alpha and doc[s].is_lower and s + 1 < e
                                                   and doc[s].lower_ not in screening.PARTICLES)):
        s += 1
    # team names and position abbreviations run into a player's name ("Browns DL Sheldon Richardson")
    while e - s > 2 and (doc[s].tag_ == "NNPS" or doc[s].is_upper and len(doc[s].text) <= 3 and doc[s].is_alpha):
        s += 1
    if screening.opening_to_strip(doc, s, e, screening.article_lower(sc)):
        s += 1  # "Superintendent Jennifer McCormick" (the title is read as one), "Questioning Vindman"
        while e - s > 2 and doc[s].is_upper and len(doc[s].text) <= 3 and doc[s].is_alpha:
            s += 1  # "Browns DL Sheldon Richardson"
    if s >= e or not any(doc[k].is_alpha and doc[k].text[:1].isupper() for k in range(s, e)):
        return None
    return s, e


def _title_word(tok, lex: Lexicon) -> bool:
    """A capitalised title or an honorific right before the name ("President", "Mr.", "King"; not
    "official MagSafe")."""
    low = tok.lower_.rstrip(".")
    return tok.text[:1].isupper() and (low in lex.titles or low in honorifics())


def _apply_chain(sc: Scan, m: Mention, chain: dict, s: int) -> None:
    doc, lexm = sc.doc, sc.lexm
    sc.name_toks.update(range(chain["start"], s))
    # the mention runs from the title ("Russian Foreign Minister Sergei Lavrov"), not from a
    # leading possessor ("Russia's"), which stays a mention of its own
    first = chain["start"]
    while first < s and (first in lexm and lexm[first][2] in "CKO" and _is_possessor(doc, lexm[first][1])
                         or doc[first].text in POSSESSIVE):
        first = lexm[first][1] if first in lexm else first + 1
    m.start = doc[first].idx
    if chain["title"]:
        m.titles = (chain["title"],)
    m.country, m.sector = chain["country"], chain["sector"]
    m.extra["org"] = chain["org"]
    m.extra["titled"] = True
    if chain["poss_anaphor"]:
        m.extra["poss_anaphor"] = chain["poss_anaphor"]
    if chain["outsider"]:
        m.extra["outsider"] = True
    if chain["relation"] is not None:
        m.relation_to = chain["relation"]
        m.same_country_as_possessor = chain["head"] not in NOT_TITLES


def _apply_apposition(doc, m: Mention, e: int, lexm, lex: Lexicon) -> None:
    app = appositive(doc, doc[e - 1], lexm, lex)
    if app["titles"]:
        m.titles = m.titles + tuple(app["titles"])
        m.sector = m.sector or app.get("sector")
        m.extra["titled"] = True
    if app["country"] and not m.country:
        m.country = app["country"]
    if app.get("poss_anaphor") and not m.extra.get("org"):
        m.extra["poss_anaphor"] = app["poss_anaphor"]
    if not m.country and e + 1 < len(doc) and doc[e].lower_ == "of" and (e + 1) in lexm \
            and lexm[e + 1][2] in "CK":
        m.country = lexm[e + 1][3]  # "King Abdullah of Jordan"
    if app["relation"] is not None and m.relation_to is None:
        m.relation_to = app["relation"]
        m.same_country_as_possessor = not app["counterpart"]


# -- 2. lexicon matches ------------------------------------------------------------------------
def lexicon_mentions(sc: Scan) -> None:
    """Countries, capitals (as metonymy), organisations of the lexicons."""
    doc, lex, skip = sc.doc, sc.lex, sc.skip
    seen = set()
    for s, e, label, value in sc.lexm.values():
        if (s, e) in seen or label == "D" or any(k in sc.proper_toks for k in range(s, e)):
            continue
        seen.add((s, e))
        cs, ce = span_chars(doc, s, e)
        if skip and skip[0] <= cs < skip[1] and label in "CK":
            continue
        root = doc[e - 1]
        subj = root.dep_ in SUBJ
        if label == "K" and (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE
                             or root.dep_ == "dobj" and root.head.lemma_ in TRAVEL_VERBS):
            # "arrived in Moscow": a place, not an actor; kept only as context for affiliation
            sc.out.append(Mention(cs, ce, "place", "country", value, country=value, tok=e - 1))
            continue
        if e < len(doc) and doc[e].is_currency:
            continue  # "US $50 million"
        if label == "C" and s > 0 and doc[s - 1].text == "New":
            continue  # "New Jersey", "New Mexico": not the country
        if label in "CK":
            sc.out.append(Mention(cs, ce, "country", "country", lex.display.get(value, value), key="C:" + value,
                                  country=value, tok=e - 1, extra={"subj": subj, "capital": label == "K"}))
            continue
        entry = lex.orgs[value]
        if entry.acts_only and not screening.acts(root):
            continue  # "turned to Twitter": a platform named, not an actor acting
        sc.out.append(Mention(cs, ce, "org", entry.type, entry.name, key="O:" + value, country=entry.country,
                              sector=entry.sector, tok=e - 1, extra={"subj": subj}))


# -- 3. organisations the model found ---------------------------------------------------------
def model_orgs(sc: Scan) -> None:
    """ORG entities no lexicon knows (not a person's name it mislabelled: "Wang said" after
    "Wang Yi" is left to the surname pass), with the actor dictionary's country and sector."""
    doc, lex = sc.doc, sc.lex
    person_words = {fold(w) for m in sc.out if m.kind == "person" for w in m.name.split()}
    person_words |= {" ".join(fold(m.name).split()[k:]) for m in sc.out if m.kind == "person"
                     for k in range(len(m.name.split()))}
    for ent in sc.ents:
        if ent.label_ != "ORG" or any(k in sc.lexm or k in sc.name_toks for k in range(ent.start, ent.end)):
            continue
        if fold(clean_name(ent.text)) in person_words:
            continue
        s, e = ent.start, ent.end
        while s < e and doc[s].lower_ == "the":
            s += 1
        if s >= e:
            continue
        head = doc[e - 1] if doc[e - 1].text not in POSSESSIVE else doc[max(s, e - 2)]
        if head.lower_ in lex.insts or head.lower_ in lex.groups:
            continue  # handled as an institution noun phrase below
        cs, ce = span_chars(doc, s, e)
        name = clean_name(sc.body[cs:ce])
        if len(name) < 2 or not name[:1].isupper():
            continue
        m = Mention(cs, ce, "org", "org", name, key="N:" + fold(name), tok=e - 1,
                    extra={"subj": head.dep_ in SUBJ})
        if screening.org_is_thing(sc, m, s, e):
            continue
        sc.out.append(m)


# -- 5. nationality adjectives ------------------------------------------------------------------
def demonym_mentions(sc: Scan) -> None:
    """Nationality adjectives outside every other mention name their country ("an Indian proposal",
    "Israeli air raids", "US-led"); inside "Russian officials" they are that actor's affiliation."""
    doc, lex = sc.doc, sc.lex
    covered = [(m.start, m.end) for m in sc.out]
    for s, e, _label, value in {v for v in sc.lexm.values() if v[2] == "D"}:
        cs, ce = span_chars(doc, s, e)
        if any(a <= cs and ce <= b for a, b in covered) or against(doc, s):
            continue
        if doc[e - 1].dep_ not in ("amod", "compound", "nmod", "npadvmod") and doc[e - 1].pos_ != "ADJ":
            continue
        sc.out.append(Mention(cs, ce, "country", "country", lex.display.get(value, value), key="C:" + value,
                              country=value, tok=e - 1, extra={"subj": False, "demonym": True}))


# -- 6. possessor anaphors ----------------------------------------------------------------------
def possessor_anaphors(mentions: list[Mention], lex: Lexicon) -> None:
    """ "the agency's director general Rafael Grossi": the person belongs to the organisation the
    anaphor refers to (the last one named before it whose anaphors include "the agency")."""
    orgs = sorted((m.start, m.key[2:]) for m in mentions if m.kind == "org" and m.key and m.key.startswith("O:"))
    for m in mentions:
        ana = m.extra.get("poss_anaphor")
        if not ana or m.extra.get("org"):
            continue
        key = next((k for s, k in reversed(orgs) if s < m.start and ana in lex.orgs[k].anaphors), None)
        if key:
            entry = lex.orgs[key]
            m.extra["org"] = key
            m.sector = entry.sector or m.sector
            m.country = m.country or entry.country


def _is_possessor(doc, e: int) -> bool:
    return e < len(doc) and doc[e].text in POSSESSIVE


def persons_after_titles(doc, lexm, ent_of, lex: Lexicon) -> list[tuple[int, int]]:
    """Names the model missed right after a capitalised title ("President Museveni")."""
    out = []
    n = len(doc)
    for t in doc:
        if t.lower_ not in lex.titles or not t.text[:1].isupper() or t.i + 1 >= n:
            continue
        k = t.i + 1
        while k < n and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and k not in lexm \
                and ent_of.get(k, "PERSON") == "PERSON" and doc[k].lower_ not in lex.titles:
            k += 1
        if k < n and doc[k].lower_ in lex.titles:
            continue  # "Chief Strategy Officer": one title, not a title and a name
        if k > t.i + 1 and ent_of.get(t.i + 1) != "PERSON":
            out.append((t.i + 1, k))
    return out


__all__ = ["Mention", "Scan", "find_mentions", "is_cap"]
