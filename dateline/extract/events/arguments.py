"""Event arguments over the dependency parse: who acts (source) and who is acted upon (target).

Source: the subject of the trigger (inherited through ``xcomp``/``conj``/participle clauses), or
the ``by`` agent of a passive. Target: recipient, object, passive subject, then a prepositional
object (to, on, against, with, ...). A noun phrase that is not itself an actor mention is searched
through its modifiers ("UN nuclear watchdog report" -> the IAEA, "an Indian proposal" -> India,
"calls by Belarus's rulers" -> Belarus) but never through relative clauses. Coordinated phrases
give one argument per conjunct ("Russia and China opposed ..." -> two sources).
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.extract.actors.lexicon import get_lexicon
from dateline.extract.events.checks import get_checks
from dateline.extract.syntax import SUBJ, conjuncts, is_passive
from dateline.types import Actor, EventActor

TARGET_PREPS = ("to", "on", "against", "with", "toward", "towards", "from", "for", "over", "at", "upon",
                "into", "between", "in", "of", "about", "throughout")
_NP_PREPS = ("of", "by", "from", "in", "throughout", "between", "with", "for")
# entity types that never name an actor: "broke on Wednesday" has no target
NOT_ACTORS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "PRODUCT", "WORK_OF_ART",
              "EVENT", "LAW", "LANGUAGE"}
REFLEXIVE = {"themselves", "itself", "himself", "herself", "ourselves", "myself", "yourself"}
_MODIFIERS = ("compound", "amod", "poss", "nmod", "npadvmod", "appos")
_OBJECT_CONTROL = {"urge", "ask", "order", "force", "pressure", "allow", "help", "call", "press", "invite",
                   "persuade", "tell", "encourage", "demand", "request"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "me", "who", "which", "that"}
FIRST_PERSON = {"we", "i", "us", "me", "our"}


@dataclass(frozen=True)
class Arg:
    """An argument: ``actor`` is None when no actor mention was found; ``country`` may then still
    come from a country name or nationality word inside the phrase ("the Azerbaijani republic")."""

    text: str
    span: tuple[int, int]
    actor: Actor | None
    token: int  # index of the head token
    country: str | None = None
    proper: bool = False  # a proper name that is not a resolved actor ("Boztepe")
    people: bool = False  # a common noun naming people ("17 soldiers", "civilians")

    def event_actor(self) -> EventActor:
        a = self.actor
        return EventActor(text=self.text, actor=a.id if a else None, country=a.country if a else self.country,
                          sector=a.sector if a else None, span=self.span)

    @property
    def known(self) -> bool:
        return self.actor is not None or self.country is not None

    @property
    def key(self) -> str:
        return self.actor.id if self.actor else (self.country or self.text.lower())


def subject_of(tok):
    """(subject token, passive?) of a verb or predicate, following control and coordination."""
    cur, seen = tok, 0
    while cur is not None and seen < 8:
        seen += 1
        subs = [c for c in cur.children if c.dep_ in SUBJ]
        if subs:  # the subject nearest the verb ("Moscow, Nov 10 -- X said": X, not the dateline)
            c = max(subs, key=lambda c: (c.i < cur.i, c.i if c.i < cur.i else -c.i))
            # passive is the trigger's own voice: "X has been indicted ... and will resign" — X resigns
            return c, c.dep_ == "nsubjpass" and (cur.i == tok.i or is_passive(tok))
        dep, head = cur.dep_, cur.head
        if head.i == cur.i:
            return None, False
        if dep == "xcomp":
            if head.lemma_.lower() in _OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
                if obj is not None:
                    return obj, False
            cur = head
        elif dep in ("conj", "acomp", "advcl", "pcomp") or (dep == "prep" and head.pos_ in ("VERB", "AUX")):
            if dep == "advcl" and any(c.dep_ == "mark" for c in cur.children):
                return None, False
            cur = head
        elif dep in ("relcl",):
            return head, False
        elif dep == "pobj" and head.dep_ == "prep":
            cur = head.head
        else:
            return None, False
    return None, False


class Resolver:
    """Resolve noun phrases to actors through an ``ActorIndex`` (``.mention_at``)."""

    def __init__(self, index, text: str, offset: int = 0, min_char: int = 0):
        self.index = index
        self.text = text  # the parsed text (Doc.text rebuilds it on every access: read it once)
        self.offset = offset  # doc character offset -> body offset (0 when the doc is the body)
        self.min_char = min_char  # mentions before this (the dateline) are never arguments

    def at(self, tok):
        """The actor mention (span, actor) at ``tok`` itself, if any."""
        return self._at(tok)

    def _at(self, tok):
        start = tok.idx + self.offset
        if start < self.min_char:
            return None
        hit = self.index.mention_at(start, start + len(tok.text))
        if hit is not None and hit[0][0] < self.min_char:
            return None
        return hit

    def _search(self, tok, depth: int):
        hit = self._at(tok)
        if hit is not None:
            a = hit[1]
            if a.country or depth > 0 or (a.sector and tok.pos_ == "PROPN"):
                return hit
            # "U.N. mediator Diego Cordovez": the person has no affiliation, the title phrase does;
            # "a spokesman for the ministry", "ECOWAS security chiefs": a bare role noun acts for the
            # owner its phrase names
            better = self._modifiers(tok, depth)
            if better is None:
                return hit
            b = better[1]
            if a.sector and not (b.country or b.type == "country" or b.sector == "IGO"):
                return hit
            return better if b.country or b.sector else hit
        return self._modifiers(tok, depth)

    def _modifiers(self, tok, depth: int):
        if depth > 2:
            return None
        mods = sorted((c for c in tok.children if c.dep_ in _MODIFIERS), key=lambda c: -c.i)
        for c in mods:
            if c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our"):
                continue
            hit = self._search(c, depth + 1)
            if hit is not None:
                return hit
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _NP_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        hit = self._search(g, depth + 1)
                        if hit is not None:
                            return hit
        for c in tok.children:  # possessive pronouns last ("his Russian counterpart" went via amod first)
            if c.dep_ == "poss":
                hit = self._at(c)
                if hit is not None:
                    return hit
        return None

    def np(self, tok, expand: bool = True, people=None) -> list[Arg]:
        """One ``Arg`` per conjunct of the phrase headed by ``tok`` (resolved where possible).

        ``people``: a predicate on tokens; a phrase it accepts that is no actor is kept too
        (victims: "killed 17 soldiers")."""
        out = []
        heads = [quantified(h) for h in (conjuncts(tok) if expand else [tok])]
        heads = [h for h in heads if h.lower_ not in REFLEXIVE and h.ent_type_ not in NOT_ACTORS]
        relations = get_checks().lists.get("relation_noun", frozenset())
        for h in heads:
            if h.lemma_.lower() in relations and self._at(h) is None and _owned(h):
                # "Berisha's opponents", "supporters of the president": other people than the owner
                # they name, so the owner is not the actor; they are taken to share its country (as
                # CAMEO codes "ALBOPP")
                owner = self._modifiers(h, 0)
                country = owner[1].country if owner is not None else _lexicon_country(h)
                left = min((c.idx for c in h.lefts if c.dep_ in _MODIFIERS), default=h.idx)
                if left + self.offset >= self.min_char:
                    out.append(Arg(text=self.text[left:h.idx + len(h.text)], span=(left + self.offset, h.idx + len(
                        h.text) + self.offset), actor=None, token=h.i, country=country, people=True))
                continue
            hit = self._search(h, 0)
            if hit is not None:
                (s, e), actor = hit
                out.append(Arg(text=self.index_text(s, e, h), span=(s, e), actor=actor, token=h.i))
                if expand and len(heads) == 1 and self._at(h) is None:
                    # "the representatives of Russia and China": the nested phrase's conjuncts act too
                    inner = next((t for t in h.subtree if t.idx + self.offset == s), None)
                    for c in (inner.conjuncts if inner is not None else ()):
                        if c.i > inner.i:
                            ch = self._at(c)
                            if ch is not None and ch[1] is not actor:
                                (cs, ce), ca = ch
                                out.append(Arg(text=self.index_text(cs, ce, c), span=(cs, ce), actor=ca, token=c.i))
            else:
                country = _lexicon_country(h)
                is_people = country is None and people is not None and h.pos_ == "NOUN" and people(h)
                if country is None and not is_people and h.pos_ != "PROPN" and \
                        not any(c.pos_ == "PROPN" for c in h.lefts):
                    continue
                left = min((c.idx for c in h.lefts if c.dep_ in ("compound", "amod")), default=h.idx)
                if left + self.offset < self.min_char:
                    continue
                s, e = left + self.offset, h.idx + len(h.text) + self.offset
                out.append(Arg(text=self.text[left:h.idx + len(h.text)], span=(s, e), actor=None, token=h.i,
                               country=country, proper=country is None and not is_people, people=is_people))
        return out

    def index_text(self, s: int, e: int, tok) -> str:
        return self.text[s - self.offset:e - self.offset]


def _owned(h) -> bool:
    """The noun names its owner by a possessive or an of-phrase ("Berisha's opponents", "critics of
    the government"); a compound ("NATO allies") names the body they belong to."""
    return any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in h.children)


def quantified(h):
    """"dozens of civilians", "two of the soldiers": the people counted, not the number."""
    if h.ent_type_ in ("CARDINAL", "QUANTITY", "PERCENT") or h.lemma_.lower() in ("dozen", "hundred", "thousand",
                                                                                  "million", "number", "group", "part", "half", "most", "some",
                                                                                  "rest", "many", "all"):
        for p in h.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                objs = [g for g in p.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return h


def _lexicon_country(h) -> str | None:
    """Country named by a word of the phrase headed by ``h`` (the actors' country/demonym lexicon)."""
    lex = get_lexicon()
    toks = [c for c in h.lefts if c.dep_ in ("compound", "amod", "poss", "nmod")] + [h]
    for p in h.children:
        if p.dep_ == "prep" and p.lower_ in ("of", "from", "in"):
            for g in p.children:
                if g.dep_ == "pobj":  # "doctors from two American aid groups"
                    toks.append(g)
                    toks.extend(c for c in g.lefts if c.dep_ in ("compound", "amod", "poss", "nmod"))
    for t in toks:
        for surface in (t.text, t.text.removesuffix("'s")):
            c = lex.countries.get(surface) or lex.demonyms.get(surface) or lex.capitals.get(surface)
            if c:
                return c
    return None


def object_preps(noun, depth: int = 0):
    """Prepositional objects of an object noun: "sanctions on X", "restrictions against X"."""
    preps = [p for p in noun.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS and p.lower_ != "of"]
    preps.sort(key=lambda p: TARGET_PREPS.index(p.lower_))
    out = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    if depth < 2:  # "part of a military aid program for Bosnia"
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for g in p.children:
                    if g.dep_ == "pobj":
                        out.extend(object_preps(g, depth + 1))
    return out


def target_candidates(tok, passive_subject=None, skip=(), depth: int = 0):
    """Tokens that may head the target phrase of trigger ``tok``, best first."""
    cands = []
    if passive_subject is not None:
        cands.append(passive_subject)
    for dep in ("dative", "dobj", "attr", "oprd"):
        for c in tok.children:
            if c.dep_ == dep:
                if c.pos_ == "ADP":  # dative "to": "providing intelligence to Macedonia"
                    cands.extend(g for g in c.children if g.dep_ == "pobj")
                    continue
                if c.i not in skip:
                    cands.append(c)
                cands.extend(object_preps(c))
                for g in c.conjuncts:  # "launched artillery, mortar and rocket fire against X"
                    cands.extend(object_preps(g))
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
    for prt in (c for c in tok.children if c.dep_ == "prt"):  # "kidnapped up to 16 advisers"
        preps.extend(c for c in prt.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS)
    preps.sort(key=lambda p: TARGET_PREPS.index(p.lower_))
    for p in preps:
        objs = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
        cands.extend(objs)
        for g in objs:  # "commit to any assistance to the US-led war"
            cands.extend(object_preps(g, 1))
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp"):
            subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                cands.append(subj)
            elif c.dep_ == "xcomp" and depth < 1:  # "threatened to resume attacks in Israel"
                cands.extend(target_candidates(c, None, skip, depth + 1))
        elif c.dep_ == "advcl" and depth < 1:
            marks = {g.lower_ for g in c.children if g.dep_ in ("mark", "aux")}
            if "to" in marks:  # purpose: "opened fire to disperse demonstrators"
                cands.extend(target_candidates(c, None, skip, depth + 1))
    return cands


def condition_subjects(tok):
    """Subjects of "if"/"unless" clauses on ``tok`` or its complement: who a threat is aimed at."""
    out = []
    for t in [tok, *(c for c in tok.children if c.dep_ == "xcomp")]:
        for c in t.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                out.extend(g for g in c.children if g.dep_ == "nsubj")
    return out


def noun_arguments(noun):
    """(source tokens, target tokens, split?) of a nominal event: "X's visit to Y", "talks between X and Y"."""
    sources, targets = [], []
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < noun.i):
            sources.append(c)
    for c in noun.children:
        if c.dep_ != "prep":
            continue
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if c.lower_ == "by":
            sources.extend(objs)
        elif c.lower_ == "between":
            for g in objs:
                conj = conjuncts(g)
                sources.append(conj[0])
                targets.extend(conj[1:2])
            return sources, targets, True
        elif c.lower_ in ("to", "with", "against", "on", "from", "in", "for", "of"):
            targets.extend(objs)
    return sources, targets, False
