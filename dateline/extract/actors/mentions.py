"""Find actor mentions in a parsed document: names, titles, descriptions, nationalities.

Pure functions over a spaCy ``Doc``. Each ``Mention`` carries the character span of the words
that name the actor and what the text says about it (country, sector, titles). Clustering and
coreference (surnames, "the agency", "he added") happen in ``dateline.extract.actors.coref``.

Sources of mentions, in order of trust:
  1. lexicon matches (countries, capitals, IGOs, outlets, named groups) — ``lexicon``;
  2. the model's PERSON / ORG entities, repaired: possessives stripped, titles in front of the
     name read as a title chain ("the SNSC Deputy Secretary in Foreign Policy ... Ali Baqeri"),
     appositions ("Gennady Gatilov, deputy foreign minister"), relations ("his deputy X");
  3. noun phrases headed by an actor noun ("A US official", "senior diplomats", "the Foreign
     Ministry", "Israeli soldiers") and nationality nouns used as actors ("Iraqis").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.extract.actors.lexicon import Lexicon, fold, get_lexicon, get_matchers

POSSESSIVE = {"'s", "’s", "'", "’", "ís"}
CONNECTORS = {"of", "for", "in", "and", "on", "&"}
LOCATIVE = {"in", "at", "near", "into", "inside", "outside", "around", "across", "throughout", "to", "from",
            "toward", "towards", "via", "through", "within", "over"}
TRAVEL_VERBS = {"visit", "leave", "reach", "enter", "tour", "return", "fly", "travel", "arrive", "bomb", "shell"}
RELATION_POSS = {"his", "her", "its", "their"}
NOT_TITLES = {"counterpart"}  # relational nouns: affiliation evidence, not a title
INDEFINITE = {"a", "an", "another", "one"}
DEFINITE = {"the", "that", "this"}


@dataclass
class Mention:
    start: int  # char offsets into the body
    end: int
    kind: str  # person | country | org | group | desc (title-only / unnamed) | anaphor | pronoun
    type: str  # person | org | country | group
    name: str
    key: str | None = None  # clustering key
    country: str | None = None
    sector: str | None = None
    titles: tuple[str, ...] = ()
    tok: int = 0  # head token index
    head: str = ""  # lowercase head noun (descriptions) or surname (persons)
    definite: bool = False
    relation_to: int | None = None  # token index of the possessor pronoun ("his deputy")
    same_country_as_possessor: bool = False
    extra: dict = field(default_factory=dict)


def _span_chars(doc, i: int, j: int) -> tuple[int, int]:
    """Char span of tokens [i, j), dropping a trailing possessive ("Iran's", mojibake "Iranís")."""
    while j > i + 1 and doc[j - 1].text in POSSESSIVE:
        j -= 1
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    last = doc[j - 1].text
    if last.endswith(("ís", "’s", "'s")) and len(last) > 2 and doc[j - 1].lower_ not in ("its",):
        end -= 2
    return start, end


def _clean_name(text: str) -> str:
    for suf in ("’s", "'s", "ís"):
        if text.endswith(suf):
            text = text[: -len(suf)]
    return text.strip(" ,.-")


def lexicon_matches(doc) -> dict[int, tuple[int, int, str, str]]:
    """token index -> (start_tok, end_tok, label, value) for the longest lexicon match covering it."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    m = get_matchers(doc.vocab)
    spans = [Span(doc, s, e, label=mid) for matcher in (m.orth, m.lower) for mid, s, e in matcher(doc)]
    out: dict[int, tuple[int, int, str, str]] = {}
    for sp in filter_spans(spans):
        label, value = m.info[sp.label]
        for t in range(sp.start, sp.end):
            out[t] = (sp.start, sp.end, label, value)
    return out


def _is_cap(t) -> bool:
    return (t.is_title or t.is_upper) and t.is_alpha or t.text[:1].isupper() and "-" in t.text


def _against(doc, i: int) -> bool:
    """ "anti-Syria", "pro-Iran": the name is what the words are about, not an affiliation."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro", "non")


def _affiliation_in(doc, toks, lexm, lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """(country, org key, org sector) from lexicon matches among the given token indexes."""
    country = org = sector = None
    for t in toks:
        hit = lexm.get(t)
        if not hit or _against(doc, hit[0]):
            continue
        label, value = hit[2], hit[3]
        if label in "CKD" and country is None:
            country = value
        elif label in "OS" and org is None:
            org = value
            entry = lex.orgs.get(value)
            if entry:
                sector = entry.sector
                if country is None and entry.country:
                    country = entry.country
    return country, org, sector


GENERIC_HEADS = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "source", "sources"}
# "a Western diplomat", "foreign officials": an explicit outsider, never the dateline's country
OUTSIDER = {"western", "foreign", "international", "european", "arab", "african", "asian", "gulf", "overseas"}
FOREIGN_AFFAIRS = {"minister", "ministry", "ministers", "ministries", "affairs", "office", "secretary", "policy",
                   "relations", "service", "committee", "intelligence"}


def outsider(words: list[str]) -> bool:
    """ "a Western diplomat", "foreign officials" (not "foreign minister", "Foreign Ministry")."""
    low = [w.lower() for w in words]
    return any(w in OUTSIDER and (k + 1 == len(low) or low[k + 1] not in FOREIGN_AFFAIRS)
               for k, w in enumerate(low[:-1]))


def title_sector(words: list[str], lex: Lexicon) -> str | None:
    """Sector of a title's words: a multiword title at its end decides ("director general" GOV,
    "Secretary-General" GOV, "major general" MIL); else its last title word, unless that is a
    generic head ("spokesman", "official") after an institution of another sector ("military
    spokesman" MIL, "police spokesman" COP)."""
    low = [fold(w) for w in words if w.strip()]
    for k in range(len(low)):
        tail = " ".join(low[k:]).replace(" - ", "-")
        if (" " in tail or "-" in tail) and tail in lex.titles:
            return lex.titles[tail]
    heads = [w for w in low if w in lex.titles]
    if not heads:
        return None
    head = heads[-1]
    sector = lex.titles[head]
    if head in GENERIC_HEADS:
        for w in low[: low.index(head)]:
            inst = lex.insts.get(w) or lex.groups.get(w)
            if inst and inst not in ("GOV",) and w not in lex.titles:
                sector = inst
    return sector


def title_chain(doc, start: int, lexm, lex: Lexicon, ent_of) -> dict | None:
    """Read the words in front of a name at token ``start`` as a title chain.

    Returns {"start": tok, "title": str|None, "country", "org", "sector", "relation": tok|None}
    or None when the words in front are not a title.
    """
    j = start - 1
    chain: list[int] = []
    possessor = None
    poss_anaphor = None
    while j >= 0:
        t = doc[j]
        low = t.lower_
        if t.text in POSSESSIVE and j > 0:
            hit = lexm.get(j - 1)
            if hit and hit[2] in "CKO":
                possessor = hit[0]
                chain.extend(range(hit[0], j + 1))
            elif j > 1 and doc[j - 2].lower_ == "the":  # "the agency's director general": coref decides
                poss_anaphor = f"the {doc[j - 1].lower_}"
            break
        if t.text.endswith("ís") and j in lexm:  # mojibake possessive in one token
            hit = lexm[j]
            possessor = hit[0]
            chain.extend(range(hit[0], j + 1))
            break
        if j in lexm:
            hit = lexm[j]
            chain.extend(range(hit[0], j + 1))
            j = hit[0] - 1
            continue
        if ent_of.get(j) in ("PERSON", "DATE", "TIME", "CARDINAL"):
            break
        if t.text == "-" and chain and j > 0 and not t.whitespace_ and not doc[j - 1].whitespace_ \
                and (doc[j - 1].lower_ in lex.titles or doc[j - 1].lower_ in lex.mods or _is_cap(doc[j - 1])):
            chain.append(j)  # "Secretary-General", "vice-president": one title
            j -= 1
            continue
        if chain and low in lex.insts and not t.is_sent_start:  # "foreign ministry spokesman"
            chain.append(j)
            j -= 1
            continue
        if low in lex.titles or low in lex.mods or (_is_cap(t) and t.pos_ in ("PROPN", "NOUN", "ADJ", "VERB")):
            if t.is_sent_start and low not in lex.titles and low not in lex.mods and not t.is_upper:
                break
            chain.append(j)
            j -= 1
            continue
        if low in CONNECTORS and chain and j > 0 and (_is_cap(doc[j - 1]) or (j - 1) in lexm):
            chain.append(j)
            j -= 1
            continue
        break
    chain.sort()
    while chain and doc[chain[0]].lower_ in CONNECTORS:
        chain.pop(0)
    if not chain:
        return None
    words = [doc[k].lower_ for k in chain]
    if not any(w in lex.titles for w in words):
        return None
    country, org, sector = _affiliation_in(doc, chain, lexm, lex)
    # the title: the chain without a leading nationality / possessor ("Russian", "Russia's")
    title_toks = [k for k in chain if not (k in lexm and lexm[k][2] in "CKD") and doc[k].text not in POSSESSIVE]
    if possessor is not None:
        title_toks = [k for k in title_toks if k > (lexm.get(possessor, (possessor, possessor + 1))[1] - 1)]
    while title_toks and title_toks[0] in lexm and lexm[title_toks[0]][2] == "O" \
            and getattr(lex.orgs.get(lexm[title_toks[0]][3]), "sector", None) == "IGO":
        title_toks.pop(0)  # "NATO Secretary-General": the IGO is the affiliation, the title is the rest
    title = None
    if title_toks:
        a, b = title_toks[0], title_toks[-1]
        text = doc[a : b + 1].text
        if fold(text) not in NOT_TITLES and any(doc[k].lower_ in lex.titles for k in title_toks):
            title = text
    head_word = next((doc[k].lower_ for k in reversed(chain) if doc[k].lower_ in lex.titles), None)
    if sector is None and head_word:
        sector = title_sector([doc[k].text for k in title_toks] or [head_word], lex)
    rel = chain[0] - 1 if chain[0] > 0 and doc[chain[0] - 1].lower_ in RELATION_POSS else None
    return {"start": chain[0], "title": title, "country": country, "org": org, "sector": sector,
            "relation": rel, "head": head_word, "poss_anaphor": poss_anaphor,
            "outsider": outsider([doc[k].text for k in chain] + ["x"])}


def _appositive(doc, head, lexm, lex: Lexicon) -> dict:
    """Titles / country from an apposition around a person's head token."""
    out: dict = {"titles": [], "country": None, "relation": None, "counterpart": False}
    cands = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos" and head.head.i < head.i:
        cands.append(head.head)
    for a in cands:
        if a.pos_ not in ("NOUN", "PROPN") or a.ent_type_ in ("PERSON", "GPE", "DATE"):
            continue
        mods = [c for c in a.children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < a.i]
        toks = [c.i for c in mods] + [a.i]
        for c in mods:
            if c.dep_ == "poss" and c.lower_ in RELATION_POSS:
                out["relation"] = c.i
            elif c.dep_ == "poss" and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children):
                out["poss_anaphor"] = f"the {c.lower_}"  # "the agency's director general, X"
        country, org, sector = _affiliation_in(doc, toks, lexm, lex)
        if country and not out["country"]:
            out["country"] = country
        if a.lower_ == "counterpart":
            out["counterpart"] = True
        if a.lower_ in lex.titles and a.lower_ not in NOT_TITLES:
            left = min([c.i for c in mods if c.dep_ != "poss" and not (c.i in lexm and lexm[c.i][2] in "CKD")]
                       + [a.i])
            out["titles"].append(doc[left : a.i + 1].text)
            out["sector"] = sector or title_sector([doc[k].text for k in range(left, a.i + 1)], lex)
    return out


def find_mentions(doc, skip: tuple[int, int] | None = None) -> list[Mention]:
    """Every actor mention the text supports, unclustered. ``skip``: a char span (the dateline)
    whose place names are places, not actors."""
    lex = get_lexicon()
    lexm = lexicon_matches(doc)
    body = doc.text  # doc.text and doc.ents are rebuilt on every access: read them once
    ents = list(doc.ents)
    ent_of = {}
    for ent in ents:
        for k in range(ent.start, ent.end):
            ent_of[k] = ent.label_
    out: list[Mention] = []
    name_toks: set[int] = set()  # tokens inside person names and their title chains
    proper_toks: set[int] = set()  # tokens of the names themselves ("Michael Jordan": no country Jordan)

    # 2. persons (the model's PERSON entities, repaired)
    persons = [(e.start, e.end) for e in ents if e.label_ == "PERSON"]
    persons += _persons_after_titles(doc, lexm, ent_of, lex)
    for s, e in sorted(set(persons)):
        if all(k in lexm or doc[k].text in POSSESSIVE for k in range(s, e)):
            continue  # a country/org/nationality the model took for a person ("Interfax", "Bosnian Serbs")
        while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].is_punct and doc[e - 1].text != "."):
            e -= 1  # "Donald Trump ''", "Amano's"
        while s < e and (doc[s].is_punct or doc[s].lower_ in lex.titles or doc[s].lower_ in lex.mods or doc[s].lower_ == "the"):
            s += 1
        if s >= e or not any(doc[k].is_alpha and doc[k].text[:1].isupper() for k in range(s, e)):
            continue
        cs, ce = _span_chars(doc, s, e)
        name = _clean_name(body[cs:ce])
        if len(name) < 2:
            continue
        m = Mention(cs, ce, "person", "person", name, tok=e - 1, head=fold(name.split()[-1]))
        chain = title_chain(doc, s, lexm, lex, ent_of)
        if chain:
            name_toks.update(range(chain["start"], s))
            # the mention runs from the title ("Russian Foreign Minister Sergei Lavrov"), not from
            # a leading possessor ("Russia's"), which stays a mention of its own
            first = chain["start"]
            while first < s and (first in lexm and lexm[first][2] in "CKO" and _is_possessor(doc, lexm[first][1])
                                 or doc[first].text in POSSESSIVE):
                first = lexm[first][1] if first in lexm else first + 1
            m.start = doc[first].idx
            if chain["title"]:
                m.titles = (chain["title"],)
            m.country, m.sector = chain["country"], chain["sector"]
            m.extra["org"] = chain["org"]
            if chain["poss_anaphor"]:
                m.extra["poss_anaphor"] = chain["poss_anaphor"]
            if chain["outsider"]:
                m.extra["outsider"] = True
            if chain["relation"] is not None:
                m.relation_to = chain["relation"]
                m.same_country_as_possessor = chain["head"] not in NOT_TITLES
        app = _appositive(doc, doc[e - 1], lexm, lex)
        if app["titles"]:
            m.titles = m.titles + tuple(app["titles"])
            m.sector = m.sector or app.get("sector")
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
        m.extra["subj"] = doc[e - 1].dep_ in ("nsubj", "nsubjpass") or doc[e - 1].head.dep_ in ("nsubj",)
        name_toks.update(range(s, e))
        proper_toks.update(range(s, e))
        out.append(m)

    # 1. lexicon matches: countries, capitals (as metonymy), organisations
    seen = set()
    for s, e, label, value in lexm.values():
        if (s, e) in seen or label == "D" or any(k in proper_toks for k in range(s, e)):
            continue
        seen.add((s, e))
        cs, ce = _span_chars(doc, s, e)
        if skip and skip[0] <= cs < skip[1] and label in "CK":
            continue
        root = doc[e - 1]
        if label == "K" and (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE
                             or root.dep_ == "dobj" and root.head.lemma_ in TRAVEL_VERBS):
            # "arrived in Moscow": a place, not an actor; kept only as context for affiliation
            out.append(Mention(cs, ce, "place", "country", value, country=value, tok=e - 1))
            continue
        if e < len(doc) and doc[e].is_currency:
            continue  # "US $50 million"
        if label == "C" and s > 0 and doc[s - 1].text == "New":
            continue  # "New Jersey", "New Mexico": not the country
        if label in "CK":
            out.append(Mention(cs, ce, "country", "country", lex.display.get(value, value), key="C:" + value,
                               country=value, tok=e - 1, extra={"subj": root.dep_ in ("nsubj", "nsubjpass"),
                                                                 "capital": label == "K"}))
        else:
            entry = lex.orgs[value]
            out.append(Mention(cs, ce, "org", entry.type, entry.name, key="O:" + value, country=entry.country,
                               sector=entry.sector, tok=e - 1,
                               extra={"subj": root.dep_ in ("nsubj", "nsubjpass")}))

    # 3. organisations the model found that no lexicon knows (not a person's name it mislabelled:
    #    "Wang said" after "Wang Yi" is left to the surname pass)
    person_words = {fold(w) for m in out if m.kind == "person" for w in m.name.split()}
    person_words |= {" ".join(fold(m.name).split()[k:]) for m in out if m.kind == "person"
                     for k in range(len(m.name.split()))}
    for ent in ents:
        if ent.label_ != "ORG" or any(k in lexm or k in name_toks for k in range(ent.start, ent.end)):
            continue
        if fold(_clean_name(ent.text)) in person_words:
            continue
        s, e = ent.start, ent.end
        while s < e and doc[s].lower_ == "the":
            s += 1
        if s >= e:
            continue
        head = doc[e - 1] if doc[e - 1].text not in POSSESSIVE else doc[max(s, e - 2)]
        if head.lower_ in lex.insts or head.lower_ in lex.groups:
            continue  # handled as an institution noun phrase below
        cs, ce = _span_chars(doc, s, e)
        name = _clean_name(body[cs:ce])
        if len(name) < 2 or not name[:1].isupper():
            continue
        out.append(Mention(cs, ce, "org", "org", name, key="N:" + fold(name), tok=e - 1,
                           extra={"subj": head.dep_ in ("nsubj", "nsubjpass")}))

    # 4. noun phrases headed by an actor noun, and nationality nouns
    from dateline.extract.actors.nominals import nominals

    out.extend(nominals(doc, body, lexm, lex, name_toks))
    # 5. nationality adjectives outside every other mention name their country ("an Indian proposal",
    #    "Israeli air raids", "US-led"); inside "Russian officials" they are that actor's affiliation
    covered = [(m.start, m.end) for m in out]
    for s, e, _label, value in {v for v in lexm.values() if v[2] == "D"}:
        cs, ce = _span_chars(doc, s, e)
        if any(a <= cs and ce <= b for a, b in covered) or _against(doc, s):
            continue
        if doc[e - 1].dep_ not in ("amod", "compound", "nmod", "npadvmod") and doc[e - 1].pos_ != "ADJ":
            continue
        out.append(Mention(cs, ce, "country", "country", lex.display.get(value, value), key="C:" + value,
                           country=value, tok=e - 1, extra={"subj": False, "demonym": True}))
    _possessor_anaphors(out, lex)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _possessor_anaphors(mentions: list[Mention], lex: Lexicon) -> None:
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


def _persons_after_titles(doc, lexm, ent_of, lex: Lexicon) -> list[tuple[int, int]]:
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
        if k > t.i + 1 and ent_of.get(t.i + 1) != "PERSON":
            out.append((t.i + 1, k))
    return out
