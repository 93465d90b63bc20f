"""Titles in front of a name and beside it: title chains ("Russian Deputy Foreign Minister"),
appositions ("Gennady Gatilov, deputy foreign minister") and the sector a title implies.

Used by ``mentions`` (persons) and ``nominals`` (descriptions).
"""

from __future__ import annotations

from dateline.extract.actors.lexicon import Lexicon, fold, topic_nouns
from dateline.extract.actors.model import (
    CONNECTORS,
    NOT_TITLES,
    POSSESSIVE,
    RELATION_POSS,
    affiliation_in,
    is_cap,
)

FORMER = {"former", "ex", "erstwhile", "onetime", "one-time", "retired", "ousted", "deposed", "late"}
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
    spokesman" MIL, "police spokesman" COP). A former office ("former President", "ex-minister")
    is no office: ELI, the elites' sector."""
    low = [fold(w) for w in words if w.strip()]
    if any(w in FORMER or w.startswith("ex-") for w in low):
        return "ELI"
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
                and (doc[j - 1].lower_ in lex.titles or doc[j - 1].lower_ in lex.mods or is_cap(doc[j - 1])):
            chain.append(j)  # "Secretary-General", "vice-president": one title
            j -= 1
            continue
        if chain and low in lex.insts and not t.is_sent_start:  # "foreign ministry spokesman"
            chain.append(j)
            j -= 1
            continue
        if low in lex.titles or low in lex.mods or (is_cap(t) and t.pos_ in ("PROPN", "NOUN", "ADJ", "VERB")):
            if t.is_sent_start and low not in lex.titles and low not in lex.mods and not t.is_upper:
                break
            chain.append(j)
            j -= 1
            continue
        if low in CONNECTORS and chain and j > 0 and (is_cap(doc[j - 1]) or (j - 1) in lexm):
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
    country, org, sector = affiliation_in(doc, chain, lexm, lex)
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


def appositive(doc, head, lexm, lex: Lexicon) -> dict:
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
        if a.lower_ in topic_nouns():  # "a Ukraine specialist": the subject of the work, not a country
            toks = [k for k in toks if not (k in lexm and lexm[k][2] in "CK" and doc[k].dep_ == "compound")]
        for c in mods:
            if c.dep_ == "poss" and c.lower_ in RELATION_POSS:
                out["relation"] = c.i
            elif c.dep_ == "poss" and any(d.dep_ == "det" and d.lower_ == "the" for d in c.children):
                out["poss_anaphor"] = f"the {c.lower_}"  # "the agency's director general, X"
        country, org, sector = affiliation_in(doc, toks, lexm, lex)
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


