"""Actor mentions from noun phrases: "A US official", "senior diplomats", "the Foreign Ministry",
"Israeli soldiers", "The deputy secretary of Iran's SNSC", nationality nouns ("Iraqis"), with
coordinated nationalities split ("French and Egyptian warships") and "ethnic X" left to context.
Called by ``mentions.find_mentions``.
"""

from __future__ import annotations

from dateline.extract.actors.lexicon import Lexicon, fold
from dateline.extract.actors.model import (
    DEFINITE,
    INDEFINITE,
    NOT_TITLES,
    POSSESSIVE,
    RELATION_POSS,
    Mention,
    affiliation_in,
    clean_name,
    span_chars,
)
from dateline.extract.actors.titles import outsider, title_sector


def _np_bounds(doc, t, lexm) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``t``: its left modifiers, plus a trailing
    "of/in/from <country|org>" ("the deputy secretary of Iran's SNSC", "Rebels in the Ivory Coast")."""
    left = t.i
    for c in t.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod") and not c.is_punct:
            edge = c.left_edge.i
            if all(not doc[k].is_punct or doc[k].text in POSSESSIVE or doc[k].text in "-." for k in range(edge, t.i)):
                left = min(left, edge)
    right = t.i + 1
    for c in t.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "in", "from") and c.i == right:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs and any(k in lexm and lexm[k][2] in "CKO" for k in range(c.i + 1, objs[0].i + 1)):
                right = objs[0].i + 1
        elif c.dep_ == "case" and c.i == right:
            right += 1
    return left, right


def _det(t) -> str | None:
    for c in t.lefts:
        if c.dep_ in ("det", "poss"):
            return c.lower_
    return None


def _actor_noun(t, lex: Lexicon) -> bool:
    low = t.lower_
    return low in lex.groups or low in lex.titles or low in lex.insts or t.lemma_.lower() in lex.titles


def nominals(doc, body: str, lexm, lex: Lexicon, name_toks: set[int]) -> list[Mention]:
    out = []
    for t in doc:
        if t.i in name_toks or t.pos_ not in ("NOUN", "PROPN"):
            continue
        low = t.lower_
        hit = lexm.get(t.i)
        demonym = hit is not None and hit[2] == "D" and t.dep_ not in ("amod", "compound")
        if hit is not None and not demonym:
            continue  # part of a name ("International Atomic Energy Agency")
        plural = t.tag_ in ("NNS", "NNPS")
        lemma = t.lemma_.lower()
        if demonym:
            sector, kind = None, "group" if plural else "desc"
        elif low in lex.groups:
            sector, kind = lex.groups[low], "group"
        elif plural and lemma in lex.titles:
            sector, kind = lex.titles[lemma], "group"
        elif low in lex.titles and not plural:
            sector, kind = lex.titles[low], "desc"
        elif low in lex.insts:
            sector, kind = lex.insts[low], "inst"
        else:
            continue
        if t.dep_ in ("compound", "amod") and _actor_noun(t.head, lex):
            continue  # a modifier of an actor noun: the phrase's head decides ("deputy secretary")
        if t.dep_ == "compound" and kind == "desc":
            continue  # "the head office", "an official visit"
        left, right = _np_bounds(doc, t, lexm)
        if any(k in name_toks for k in range(left, right)) and kind != "inst":
            continue
        det = _det(t)
        if kind in ("desc", "inst") and det is None and right - left == 1 and low not in ("agency",):
            continue  # a bare singular noun ("Sharpening opposition to ...") names no actor
        toks = [k for k in range(left, right) if k != t.i or demonym]
        toks += _based_in(t, lexm)
        # "French and Egyptian warships", "U.S. and Russian negotiators": one actor per country
        coord = _coordinated(doc, toks, lexm, t.i)
        for a, b in coord[:-1]:
            cs, ce = span_chars(doc, a, b)
            m = Mention(cs, ce, kind, "group" if kind == "group" else "org" if kind == "inst" else "person",
                        f"{doc[a:b].text} {t.text}", country=lexm[a][3], sector=sector, tok=t.i, head=lemma)
            m.extra.update(subj=False, det=None, org=None, bare=fold(m.name))
            out.append(m)
        if coord:
            left = coord[-1][0]
            toks = [k for k in toks if k >= left]
        country, org, org_sector = affiliation_in(doc, toks, lexm, lex)
        if any(doc[k].lower_ == "ethnic" for k in range(left, t.i)):
            country = None  # "ethnic Albanians in Macedonia": the country they live in, from context
        cs, ce = span_chars(doc, left, right)
        text = body[cs:ce]
        words = text.split()
        bare = " ".join(words[1:]) if words and words[0].lower() in INDEFINITE | DEFINITE else text
        poss = [k for k in range(left, t.i) if doc[k].text in POSSESSIVE or doc[k].text.endswith("ís")]
        if kind == "inst" and poss:  # "China's Foreign Ministry" -> "Foreign Ministry" (country CHN)
            bare = body[doc[poss[-1] + 1].idx : ce]
        typ = {"group": "group", "desc": "person", "inst": "org"}[kind]
        m = Mention(cs, ce, kind, typ, clean_name(bare), country=country, sector=org_sector or sector, tok=t.i,
                    head=lemma if kind != "inst" else low,
                    definite=det in DEFINITE or (det is not None and det not in INDEFINITE))
        ethnic = [lexm[k][3] for k in toks if k in lexm and lexm[k][2] == "D"] if country is None else []
        m.extra.update(subj=t.dep_ in ("nsubj", "nsubjpass"), det=det, org=org, bare=fold(clean_name(bare)),
                       ethnic=ethnic[0] if ethnic and any(doc[k].lower_ == "ethnic" for k in range(left, t.i))
                       else None)
        if kind == "desc" and low not in NOT_TITLES and not demonym:
            m.titles = (clean_name(_strip_affiliation(doc, left, t.i + 1, lexm)),)
            if org_sector is None:
                m.sector = title_sector(m.titles[0].split(), lex) or m.sector
        if kind in ("desc", "group") and outsider([doc[k].text for k in range(left, t.i + 1)]):
            m.extra["outsider"] = True
        if det in RELATION_POSS:
            m.relation_to = next(c.i for c in t.lefts if c.dep_ in ("det", "poss"))
            m.same_country_as_possessor = low not in NOT_TITLES
        out.append(m)
    return out


def _based_in(t, lexm) -> list[int]:
    """ "a newspaper based in Beirut", "rebels operating in Macedonia": the place's tokens."""
    out = []
    for c in t.rights:
        if c.dep_ == "acl" and c.lemma_ in ("base", "operate", "headquarter", "station"):
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "at", "from"):
                    out += [k for k in range(p.i + 1, p.right_edge.i + 1) if k in lexm and lexm[k][2] in "CKD"]
    return out


def _coordinated(doc, toks, lexm, head: int) -> list[tuple[int, int]]:
    """Token spans of two or more coordinated nationalities in front of ``head``, else []."""
    spans = []
    for k in sorted(toks):
        hit = lexm.get(k)
        if hit and hit[2] in "CD" and k < head and (not spans or spans[-1][0] != hit[0]):
            spans.append((hit[0], hit[1]))
    if len(spans) < 2 or len({lexm[a][3] for a, _ in spans}) < 2:
        return []
    between = {doc[k].lower_ for a, b in zip(spans, spans[1:], strict=False) for k in range(a[1], b[0])}
    return spans if between and between <= {"and", ",", "or", "&"} else []


def _strip_affiliation(doc, left: int, right: int, lexm) -> str:
    """The title words of a description: after any possessor, without nationality and determiners."""
    poss = [k for k in range(left, right) if doc[k].text in POSSESSIVE or doc[k].text.endswith("ís")]
    if poss:
        left = poss[-1] + 1
    toks = [k for k in range(left, right)
            if not (k in lexm and lexm[k][2] in "CKD") and doc[k].text not in POSSESSIVE
            and doc[k].lower_ not in INDEFINITE | DEFINITE | RELATION_POSS]
    return " ".join(doc[k].text for k in toks) if toks else doc[right - 1].text
