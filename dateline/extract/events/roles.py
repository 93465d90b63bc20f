"""Who acts and who is acted upon: source and target of a trigger, read from the grammar.

Source: the subject of the trigger (through control, coordination and participle clauses), the
``by`` agent of a passive ("was captured by the SDF"), the agent of an event noun that is itself
the subject ("a bombing claimed by Islamic State killed ..." -> Islamic State; "Turkey's incursion
killed dozens" -> Turkey), the possessor or ``by`` agent of a nominal event, or the speaker of a
reported speech act. Target: recipient, object, passive subject, prepositional objects (also of
the object noun and of a folded complement); the victims of violence; for consultations the
partner ("with X"), never the topic ("discussed Syria with Y" -> Y). Every conjunct of a
compound phrase is an argument. A source never equals its target.
"""

from __future__ import annotations

from dateline.extract.events.arguments import (
    FIRST_PERSON,
    PRONOUNS,
    Arg,
    condition_subjects,
    noun_arguments,
    object_preps,
    subject_of,
    target_candidates,
)
from dateline.extract.events.senses import people_noun
from dateline.extract.events.triggers import Trigger
from dateline.extract.syntax import agent_of, pobjs

_DIRECTIVES = ("order", "force", "compel", "instruct", "direct", "command")
# consultation verbs whose direct object is the topic, not the partner ("discussed Syria")
_TOPIC_OBJECT = {"discuss", "negotiate", "debate", "talk", "review", "consider", "address", "raise", "consult"}
_PARTNER_TYPES = ("AGREE", "CONSULT", "COOPERATE", "SUPPORT")
_TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}


def _topic(tok, trig) -> bool:
    """The object of a topic preposition on the trigger or its light verb's noun: "talks on Sudan",
    "a meeting about Libya" (not "agreed to lift a ban on imports from Egypt")."""
    own = {trig.tok.i} | ({trig.obj.i} if trig.obj is not None else set())
    return tok.dep_ == "pobj" and tok.head.lower_ in _TOPIC_PREPS and tok.head.head.i in own
_VICTIM_TYPES = ("ASSAULT", "COERCE")


_COMPLEMENTS = ("dobj", "dative", "xcomp", "ccomp", "nsubjpass", "attr", "oprd", "prt")
_REJECT_PREPS = ("to", "against", "with", "on", "from", "of", "upon")  # "objected to X", "reneged on X"


class Roles:
    """Argument finder bound to one article: ``sources(trig, quote)``, ``targets(...)``."""

    def __init__(self, index, resolver, lex):
        self.index, self.res, self.lex = index, resolver, lex

    # --- sources -------------------------------------------------------------------------------
    def speaker(self, trig: Trigger, quote) -> list[Arg]:
        """Who says it: the subject of the reporting verb, else the speaker of the enclosing quote."""
        if trig.speaker is not None:
            subj, _ = subject_of(trig.speaker)
            if subj is not None:
                args = [a for a in self.res.np(subj) if a.known]
                if args:
                    return args
        if quote is not None and quote.speaker is not None:
            sp = quote.speaker
            actor = self.index.get(sp.actor) or self.index.at(*sp.span)
            if actor is not None:
                return [Arg(text=sp.text, span=sp.span, actor=actor, token=-1)]
        return []

    def _event_noun_agent(self, noun) -> list[Arg]:
        """The agent of an event noun: its possessor, ``by`` phrase, compound actor or a participle's
        agent ("a bombing claimed by Islamic State", "Turkey's incursion", "the Saudi-led strike")."""
        cands = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < noun.i):
                cands.append(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                cands.extend(pobjs(c))
            elif c.dep_ == "acl":  # "a bombing claimed by ...", "an attack carried out by ..."
                agent = agent_of(c)
                if agent is not None:
                    cands.append(agent)
        return [a for c in cands for a in self.res.np(c) if a.known]

    def sources(self, trig: Trigger, quote) -> tuple[list[Arg], object]:
        """(source arguments, the passive subject or directive object that may be the target)."""
        tok = trig.tok
        if trig.kind == "noun":
            srcs, _, split = noun_arguments(tok)
            args = [a for s in srcs for a in self.res.np(s, expand=not split)]
            head = tok.head.head if tok.dep_ == "pobj" else tok.head
            if not any(a.known for a in args) and tok.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "AUX"):
                # "X made the comment after a meeting with Y": the meeting is X's
                subj, passive = subject_of(head)
                if subj is not None and not passive:
                    args = self.res.np(subj)
            return args, None
        if trig.kind == "judge" or trig.request:
            return self.speaker(trig, quote), None
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _DIRECTIVES:
            # "the government ordered La Prensa to suspend publication": the orderer acts on the ordered
            subj, _ = subject_of(tok.head)
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative")), None)
            if subj is not None:
                return self.res.np(subj), obj
        if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "people evacuated from Haiti by the U.S."
            agent = agent_of(tok)
            return (self.res.np(agent) if agent is not None else []), tok.head
        if tok.dep_ == "advcl" and tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass")
                                                                  for c in tok.children):
            # a passive participle clause: "Asked to comment, the army said ..." — the main clause's
            # subject was asked, the asker is only its "by" agent
            agent = agent_of(tok)
            main, _ = subject_of(tok.head)
            return (self.res.np(agent) if agent is not None else []), main
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            # "a resolution criticizing X": the resolution's author acts ("parliament passed ...");
            # "protesters demanding X": the protesters act
            noun = tok.head
            args = self.res.np(noun)
            if not any(a.known for a in args) and noun.dep_ in ("dobj", "pobj"):
                subj, passive = subject_of(noun.head if noun.dep_ == "dobj" else noun.head.head)
                if subj is not None and not passive:
                    args = self.res.np(subj)
            return args, None
        subj, passive = subject_of(tok)
        if passive:
            agent = agent_of(tok)
            if agent is not None or not trig.pattern.stative:
                return (self.res.np(agent) if agent is not None else []), subj
        if subj is None:
            return [], None
        args = self.res.np(subj)
        if not any(a.known for a in args) and tok.dep_ == "conj" and tok.head.dep_ == "ccomp":
            # "diplomats said measures would be X and urged Y": the parser hangs the second verb
            # on the reported clause; its subject is the reporter's
            rep, _ = subject_of(tok.head.head)
            if rep is not None and any(a.known for a in self.res.np(rep)):
                return self.res.np(rep), None
        if not any(a.known for a in args) and subj.pos_ == "NOUN" and subj.lemma_.lower() in self.lex.nouns:
            # the subject is itself an event ("a bombing ... killed four Americans"): its agent acts
            return self._event_noun_agent(subj), None
        if not any(a.known for a in args) and (subj.lower_ in FIRST_PERSON or (
                subj.lower_ in PRONOUNS and trig.speaker is not None)):
            # "we will respond", said by X: X acts. Inside a quote only the first person is the
            # speaker: "this denies recognition", "the whole town accepts" are not the speaker's acts
            sp = self.speaker(trig, quote)
            if sp:
                return sp, None
        return args, None

    # --- targets -------------------------------------------------------------------------------
    def _verb_candidates(self, trig: Trigger, passive_subject, sources: list[Arg]) -> list:
        tok = trig.tok
        skip = {trig.obj.i} if trig.obj is not None else set()
        topic = trig.pattern.type == "CONSULT" and tok.lemma_.lower() in _TOPIC_OBJECT
        if topic:  # the partner is "with X", also inside "in calls with X"
            skip |= {c.i for c in tok.children if c.dep_ == "dobj"}
        cands = target_candidates(tok, passive_subject, skip)
        if topic:
            withs = [c for c in cands if c.dep_ == "pobj" and c.head.lower_ in ("with", "between")]
            cands = withs + [c for c in cands if c not in withs and c.dep_ != "dobj"]
        if trig.obj is not None:
            cands = [trig.obj] + object_preps(trig.obj) + cands
        if trig.pattern.type == "THREATEN":
            cands += condition_subjects(tok)
        for s in trig.sub or ():
            subj, _ = subject_of(s)
            if subj is not None and subj.i != tok.i and all(subj.i != a.token for a in sources):
                cands.append(subj)
            cands.extend(target_candidates(s))
        if trig.pattern.type in _PARTNER_TYPES:
            # where partners meet or agree is the place, not a partner: "signed a deal in Cairo"
            # (an act done to a place keeps it as the target: "lifted the emergency in Darfur");
            # what they talk or agree about is the topic: "held talks on Sudan"
            cands = [c for c in cands if not (c.dep_ == "pobj" and c.head.lower_ in ("in", "at"))
                     and not _topic(c, trig)]
        return cands

    def targets(self, trig: Trigger, passive_subject, sources: list[Arg]) -> list[Arg]:
        src_keys = {a.key for a in sources if a.known}
        tok = trig.tok
        if trig.kind == "noun":
            _, tgts, split = noun_arguments(tok)
            if trig.pattern.type in _PARTNER_TYPES:  # "a meeting on Libya": Libya is the topic
                tgts = [t for t in tgts if not _topic(t, trig)]
            groups = [self.res.np(t, expand=not split) for t in tgts]
            if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":  # "staged rallies ... against X"
                groups += [self.res.np(c) for c in target_candidates(tok.head, None, {tok.i})]
        elif trig.kind == "judge" or trig.request:
            subj, passive = subject_of(tok)
            if trig.request and subj is not None and not passive and subj.pos_ == "NOUN" and \
                    not people_noun(subj) and self.res.at(subj) is None:
                # "said Pence's performance should boost ...": a thing is told nothing, nor its owner
                return []
            groups = [self.res.np(subj)] if subj is not None else []
        elif trig.kind == "verb" and trig.pattern.type == "REJECT" and passive_subject is None and not trig.sub \
                and not any(c.dep_ in _COMPLEMENTS for c in tok.children):
            # an intransitive refusal names whom it refuses only through its own complement ("reneged on
            # the accord with Iran", "objected to Ukraine's bid"): in "Egypt refused in a statement in
            # Tehran" the in/at phrases are circumstances, and Tehran is not refused
            objs = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in _REJECT_PREPS
                    for g in c.children if g.dep_ == "pobj"]
            groups = [self.res.np(g) for g in objs + [o for g in objs for o in object_preps(g)]]
        else:
            victims = people_noun if self.lex.types.get(trig.pattern.type, {}).get("quad_class") == 4 else None
            groups = [self.res.np(c, people=victims) for c in self._verb_candidates(trig, passive_subject, sources)]
        for placed in (True, False):  # first a phrase naming a country or IGO, then any actor
            for group in groups:
                hits = [a for a in group if a.known and a.key not in src_keys]
                if hits and (not placed or any(a.event_actor().country or a.event_actor().sector == "IGO"
                                               for a in hits)):
                    return hits
        for group in groups:  # no actor: a proper name, or the people violence is done to
            hits = [a for a in group if (a.proper or a.people) and a.key not in src_keys]
            if hits:
                return hits
        return []
