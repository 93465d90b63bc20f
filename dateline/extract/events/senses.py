"""Senses of ambiguous trigger verbs: which complement makes the political sense, and which act a
verb codes given what it governs.

Data: ``dateline/lexicons/event_senses.tsv`` (a verb codes only with one of its listed complements:
"asked X to ..." but not "asked about ...") and ``event_retype.tsv`` (the act depends on the object
or frame: capturing a person is an arrest, capturing a town is occupying territory; "declined to
comment" is no act; a state "blocking" a plan rejects it).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dateline.errors import DatelineError
from dateline.extract.actors.lexicon import get_lexicon as actor_lexicon
from dateline.extract.events.arguments import quantified
from dateline.extract.events.checks import get_checks
from dateline.tsv import LEXICONS, read_tsv

_PEOPLE = {"soldier", "troop", "civilian", "people", "fighter", "militant", "police", "officer", "protester",
           "demonstrator", "worker", "child", "woman", "man", "resident", "force", "army", "patrol"}
_VIOLENT_OBJECTS = _PEOPLE | {"base", "convoy", "village", "town", "city", "position", "target", "camp",
                              "checkpoint"}
_CAPTIVES = {"prisoner", "hostage", "detainee", "captive", "national", "citizen", "activist", "politician",
             "journalist", "dissident", "migrant", "refugee", "peacekeeper", "inspector", "diplomat", "sailor",
             "crew", "member", "leader", "official", "suspect", "person", "people", "christian", "muslim",
             "commander"}
_PLACE_NOUNS = {"town", "city", "village", "territory", "area", "district", "region", "province", "base", "airport",
                "port", "hill", "border", "crossing", "island", "capital", "neighborhood", "neighbourhood",
                "stronghold", "headquarters", "compound", "outpost", "garrison", "bastion", "enclave"}
_STATE_SECTORS = {"GOV", "MIL", "COP", "LEG", "JUD"}


@dataclass(frozen=True)
class Retype:
    lemma: str
    when: str
    type: str  # PLOVER type, or "-" for no event
    cameo: str
    mode: str | None
    note: str


@functools.lru_cache(maxsize=1)
def retype_rules() -> dict[str, list[Retype]]:
    out: dict[str, list[Retype]] = {}
    for n, cols in read_tsv(LEXICONS / "event_retype.tsv", header="lemma"):
        cols = [c.strip() for c in cols] + [""] * (6 - len(cols))
        if not cols[0] or not cols[1] or not cols[2]:
            raise DatelineError("E500", f"event_retype.tsv:{n}: expected 'lemma<TAB>when<TAB>TYPE<TAB>cameo'",
                                "fix the line")
        out.setdefault(cols[0].lower(), []).append(Retype(cols[0].lower(), cols[1], cols[2], cols[3],
                                                          cols[4] or None, cols[5]))
    return out


def people_noun(tok) -> bool:
    """A word naming people: a PERSON or NORP entity, an actor title or collective, a victim noun."""
    if tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in _PLACE_NOUNS:
        return False
    if get_checks().has("people_word", tok.lemma_.lower()):
        return True
    if tok.ent_type_ in ("PERSON", "NORP") or (tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(
            c.dep_ == "nummod" or c.ent_type_ == "NORP" for c in tok.children)):
        return True  # "19 Christians", "two homeguards", "a Cuban physician"
    if any(c.dep_ == "amod" and c.ent_type_ == "NORP" for c in tok.children):
        return True
    alex = actor_lexicon()
    lemma = tok.lemma_.lower()
    return lemma in _PEOPLE or lemma in _CAPTIVES or lemma in alex.titles or \
        tok.lower_ in alex.groups or lemma in alex.groups



def _place_noun(tok) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in _PLACE_NOUNS


def _objects(tok) -> list:
    return [quantified(c) for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]


def _holds(rule: Retype, trig, sources, index_at) -> bool:
    tok = trig.tok
    when = rule.when
    if when.startswith("xcomp-in:"):
        words = get_checks().lists.get(when.split(":", 1)[1], frozenset())
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in words for c in tok.children)
    if when.startswith("dobj-in:"):
        words = get_checks().lists.get(when.split(":", 1)[1], frozenset())
        return any(o.lemma_.lower() in words for o in _objects(tok))
    if when.startswith("prep-in:"):
        _, prep, name = when.split(":", 2)
        words = get_checks().lists.get(name, frozenset())
        near = [c for c in tok.children] + [g for c in tok.children if c.dep_ == "advmod" for g in c.children]
        return any(c.dep_ == "prep" and c.lower_ == prep and any(g.dep_ == "pobj" and g.lemma_.lower() in words
                                                                  for g in c.children) for c in near)
    if when == "dobj-person":
        return any(people_noun(o) or (index_at(o) is not None and index_at(o).type in ("person", "group"))
                   for o in _objects(tok))
    if when == "dobj-place":
        return any(_place_noun(o) and not people_noun(o) for o in _objects(tok))
    if when.startswith("prep:") and when.endswith("+ccomp"):
        prep = when[5:-6]
        return any(c.dep_ == "prep" and c.lower_ == prep for c in tok.children) and \
            any(c.dep_ == "ccomp" for c in tok.children) and not any(c.dep_ == "xcomp" for c in tok.children)
    if when == "source-state":
        for a in sources:
            if a.actor is not None and (a.actor.type == "country" or a.actor.sector in _STATE_SECTORS):
                return True
            if a.actor is None and a.country is not None and not a.people:  # not "supporters of X"
                return True
        return False
    return False


def retype(trig, sources, index_at) -> Retype | None:
    """The sense-dependent coding of the trigger's verb, when one of its rows holds."""
    if trig.kind not in ("verb", "light"):
        return None
    for rule in retype_rules().get(trig.tok.lemma_.lower(), ()):
        if _holds(rule, trig, sources, index_at):
            return rule
    return None


_QUESTION_VERBS = {"ask", "inquire", "wonder", "query"}


def question(tok) -> bool:
    """"asked whether she would ...", "asked why ...": a question, not a request."""
    if tok.lemma_.lower() not in _QUESTION_VERBS:
        return False
    return any(c.dep_ == "ccomp" and any(g.dep_ in ("mark", "advmod", "nsubj", "dobj") and
                                         (g.lower_ in ("whether", "if") or g.tag_ in ("WRB", "WP"))
                                         for g in c.children if g.i < c.i) for c in tok.children)


def sense_ok(trig, needs: tuple[str, ...], index_at) -> bool:
    tok = trig.tok
    if question(tok):
        return False
    if trig.kind not in ("verb", "noun") or trig.pattern.frame and trig.sub:
        return True
    kids = [quantified(c) if c.dep_ in ("dobj", "nsubjpass") else c for c in tok.children]
    for need in needs:
        if need == "light":
            continue  # a light pattern would have matched instead of the bare verb
        if need == "xcomp" and any(c.dep_ == "xcomp" for c in kids):
            return True
        if need == "ccomp" and any(c.dep_ == "ccomp" for c in kids):
            return True
        if need == "ccomp-must" and any(c.dep_ == "ccomp" and any(g.dep_ == "aux" and g.lower_ in ("must", "should")
                                                                  for g in c.children) for c in kids):
            return True
        if need == "dobj" and any(c.dep_ in ("dobj", "nsubjpass") for c in kids):
            return True
        if need == "dative" and any(c.dep_ == "dative" for c in kids):
            return True
        if need.startswith("dobj-in:"):
            words = get_checks().lists.get(need.split(":", 1)[1], frozenset())
            if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words for c in kids):
                return True
        if need in ("dobj-actor", "dobj-person", "dobj-aid"):
            for c in kids:
                if c.dep_ not in ("dobj", "nsubjpass"):
                    continue
                if need == "dobj-aid":
                    if get_checks().has("aid_object", c.lemma_.lower()) or c.ent_type_ == "MONEY":
                        return True
                    continue
                actor = index_at(c)
                if actor is not None and (need == "dobj-actor" or actor.type in ("person", "group")):
                    return True
                if people_noun(c) or (need == "dobj-actor" and (c.ent_type_ in ("GPE", "ORG", "FAC") or
                                                                c.lemma_.lower() in _VIOLENT_OBJECTS)):
                    return True
        if need.startswith(("prep:", "prep-actor:")):
            prep = need.split(":", 1)[1]
            for c in kids:
                if c.dep_ in ("prep", "prt", "dative") and c.lower_ == prep:
                    if need.startswith("prep:"):
                        return True
                    if any(index_at(g) is not None or g.ent_type_ in ("GPE", "LOC", "ORG", "PERSON", "NORP")
                           for g in c.children if g.dep_ == "pobj"):
                        return True
        if need == "place" and any(c.dep_ == "prep" and any(g.ent_type_ in ("GPE", "LOC", "FAC") for g in c.children)
                                   for c in kids):
            return True
    return False


