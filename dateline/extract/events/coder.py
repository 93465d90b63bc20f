"""Events: who did what to whom, when and where — PLOVER-coded over the dependency parse.

Per sentence: find triggers from the pattern lexicon (verbs, light verb + noun, nominal events,
evaluative judgements in reported speech), fold complements into their governing frame
("threatened to impose" is one THREATEN), derive intent/refusal coding from modality and
negation, resolve source and target to the article's actors, then date and place the event.
Events are numbered "e1", ... in text order; the same input always gives the same events.
See docs/events.md for the ontology, the pattern format and the coding rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from dateline.extract.actors import ActorIndex
from dateline.extract.events.arguments import (
    FIRST_PERSON,
    PRONOUNS,
    Arg,
    Resolver,
    condition_subjects,
    noun_arguments,
    object_preps,
    subject_of,
    target_candidates,
)
from dateline.extract.events.lexicon import get_lexicon
from dateline.extract.events.modality import governing_chain, modality_of
from dateline.extract.events.triggers import Trigger, compose, find_triggers, request_clauses
from dateline.extract.places import resolve_place
from dateline.extract.syntax import agent_of
from dateline.extract.timex import base_date, time_for
from dateline.types import Actor, CleanDocument, Event, Place, Quote

_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "to")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_DIRECTIVES = ("order", "force", "compel", "instruct", "direct", "command")


class _Coder:
    def __init__(self, doc, clean: CleanDocument, actors: tuple[Actor, ...], quotes: tuple[Quote, ...], lex):
        self.doc, self.clean, self.lex = doc, clean, lex
        self.index = ActorIndex(actors)
        self.dl_end = clean.dateline.span[1] if clean.dateline else 0
        self.text = doc.text
        self.res = Resolver(self.index, self.text, min_char=self.dl_end)
        self.quotes = quotes
        dl = clean.dateline
        self.base = base_date(clean.published, dl.date if dl else None)
        self.countries = {a.country for a in actors if a.country}
        self.dateline_place = resolve_place(dl.place, self.countries) if dl and dl.place else None
        body = clean.body
        start = dl.span[1] if dl else 0
        para = body.find("\n\n", start)
        self.lead_end = para if para >= 0 else len(body)

    # --- arguments -------------------------------------------------------------------------------
    def _quote_at(self, char: int) -> Quote | None:
        for q in self.quotes:
            spans = q.parts or (q.span,)
            if any(s <= char < e for s, e in spans):
                return q
        return None

    def _speaker_arg(self, trig: Trigger, quote: Quote | None) -> list[Arg]:
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

    def _sources(self, trig: Trigger, quote) -> tuple[list[Arg], object]:
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
            return self._speaker_arg(trig, quote), None
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _DIRECTIVES:
            # "the government ordered La Prensa to suspend publication": the orderer acts on the ordered
            subj, _ = subject_of(tok.head)
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative")), None)
            if subj is not None:
                return self.res.np(subj), obj
        subj, passive = subject_of(tok)
        if passive:
            agent = agent_of(tok)
            if agent is not None or not trig.pattern.stative:
                return (self.res.np(agent) if agent is not None else []), subj
        if subj is None:
            return [], None
        args = self.res.np(subj)
        if not any(a.known for a in args) and (subj.lower_ in PRONOUNS or quote is not None):
            if subj.lower_ in FIRST_PERSON or quote is not None or trig.speaker is not None:
                sp = self._speaker_arg(trig, quote)
                if sp:
                    return sp, None
        return args, None

    def _targets(self, trig: Trigger, passive_subject, sources: list[Arg]) -> list[Arg]:
        src_keys = {a.key for a in sources if a.known}
        tok = trig.tok
        if trig.kind == "noun":
            _, tgts, split = noun_arguments(tok)
            groups = [self.res.np(t, expand=not split) for t in tgts]
            if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":  # "staged rallies ... against X"
                groups += [self.res.np(c) for c in target_candidates(tok.head, None, {tok.i})]
        elif trig.kind == "judge" or trig.request:
            subj, _ = subject_of(tok)
            groups = [self.res.np(subj)] if subj is not None else []
        else:
            skip = {trig.obj.i} if trig.obj is not None else set()
            cands = target_candidates(tok, passive_subject, skip)
            if trig.obj is not None:
                cands = [trig.obj] + object_preps(trig.obj) + cands
            if trig.pattern.type == "THREATEN":
                cands += condition_subjects(tok)
            for s in trig.sub or ():
                subj, _ = subject_of(s)
                if subj is not None and subj.i != tok.i and all(subj.i != a.token for a in sources):
                    cands.append(subj)
                cands.extend(target_candidates(s))
            if trig.pattern.type in ("AGREE", "CONSULT", "COOPERATE", "SUPPORT"):
                # where partners meet or agree is the place, not a partner: "signed a deal in Cairo"
                # (an act done to a place keeps it as the target: "lifted the emergency in Darfur")
                cands = [c for c in cands if not (c.dep_ == "pobj" and c.head.lower_ in ("in", "at"))]
            groups = [self.res.np(c) for c in cands]
        for placed in (True, False):  # first a phrase naming a country or IGO, then any actor
            for group in groups:
                hits = [a for a in group if a.known and a.key not in src_keys]
                if hits and (not placed or any(a.event_actor().country or a.event_actor().sector == "IGO"
                                               for a in hits)):
                    return hits
        return []

    # --- coding ----------------------------------------------------------------------------------
    def _code(self, trig: Trigger, mod) -> tuple[str, str, str | None]:
        p = self.lex
        typ, cameo, mode = trig.pattern.type, trig.pattern.cameo, trig.pattern.mode
        quad = p.quad_class(typ)
        if trig.kind in ("judge",) or trig.request or trig.pattern.asis:
            return typ, cameo, mode
        if trig.pattern.frame:
            # "vowed to fight", "pledged to retaliate": a promise of material conflict is a threat
            conflict = [sp for sp in trig.sub_patterns or () if p.quad_class(sp.type) == 4]
            if typ == "AGREE" and conflict:
                return "THREATEN", p.derive_intent.get(conflict[0].type, "130"), None
            return typ, cameo, mode
        if mod.negated and quad in (1, 2):
            return "REJECT", p.derive_refuse.get(typ, "120"), None
        if mod.intent and (quad == 4 or (quad == 2 and _unless(trig.tok))):
            return "THREATEN", p.derive_intent.get(typ, "130"), None
        if mod.intent and quad in (1, 2) and typ != "AGREE":
            return "AGREE", p.derive_intent.get(typ, "030"), None
        return typ, cameo, mode

    def _place(self, ents, anchors: set[int]) -> tuple[Place | None, Arg | None]:
        """(place, the clause's place phrase as an argument) — else the dateline place, no phrase."""
        for ent in ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            if ent.start_char < self.dl_end:
                continue
            head = ent.root.head
            for _ in range(4):  # "in the northern city of Kirkuk": up through "of" and its noun
                if head.dep_ == "prep" and head.lower_ == "of" and head.head.dep_ in ("pobj", "appos"):
                    head = head.head.head
                elif head.dep_ == "prep" and head.lower_ == "of" and head.head.lower_ in _PLACE_PREPS:
                    head = head.head  # "outside of the city of Basra"
                elif head.dep_ in ("pobj", "appos", "compound") and head.head.i != head.i:
                    head = head.head
                else:
                    break
            if head.dep_ == "prep" and head.lower_ in _PLACE_PREPS and head.head.i in anchors:
                place = resolve_place(ent.text, self.countries)
                if place is not None:
                    text = ent.text
                    return place, Arg(text=text, span=(ent.start_char, ent.end_char), actor=None,
                                      token=ent.root.i, country=place.country)
        return self.dateline_place, None

    def events(self) -> Iterator[Event]:
        lex, body = self.lex, self.clean.body
        seen: set[tuple] = set()
        n = 0
        for sent in self.doc.sents:
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                continue
            found = find_triggers(sent, lex)
            trigs = request_clauses(sent, found, lex) + compose(sent, found, lex)
            trigs.sort(key=lambda t: t.tok.i)
            start = max(sent.start_char, self.dl_end if sent.start_char < self.dl_end else 0)
            text_s = body[start:sent.end_char].strip()
            start = body.find(text_s, start) if text_s else start
            ev_span = (start, start + len(text_s))
            ents = list(sent.ents) if trigs else []
            evs = [ev for trig in trigs for ev in self._events_for(trig, ents, ev_span, text_s)]
            for ev in _prune(evs):
                key = (ev.type, _akey(ev.source), _akey(ev.target), ev.evidence_span)
                if key in seen:
                    continue
                seen.add(key)
                n += 1
                yield replace(ev, id=f"e{n}")

    def _events_for(self, trig: Trigger, ents, ev_span, ev_text) -> Iterable[Event]:
        tok = trig.tok
        quote = self._quote_at(tok.idx)
        chain = governing_chain(tok, self.lex)
        if trig.kind == "judge" and trig.speaker is not None:
            # the judgement is the statement: "diplomats said X would be 'destructive'" is asserted
            # criticism; the modality of what was judged is not the modality of judging it
            chain = governing_chain(trig.speaker, self.lex)
        if trig.intent_word is not None and trig.intent_word not in chain:
            chain.append(trig.intent_word)
        mod = modality_of(chain, self.lex, trig.intent_word is not None, tok.idx < self.lead_end)
        sources, passive_subject = self._sources(trig, quote)
        targets = self._targets(trig, passive_subject, sources)
        typ, cameo, mode = self._code(trig, mod)
        if typ == "REJECT" and trig.pattern.type != "REJECT":
            # the refusal is what happened: "does not intend to consider" is an asserted REJECT
            mod = replace(mod, negated=False,
                          modality="hypothetical" if mod.modality == "hypothetical" else "asserted")
        anchors = {t.i for t in chain} | {tok.i} | {t.i for t in trig.parts}
        if trig.speaker is not None:
            anchors.add(trig.speaker.i)
        anchors |= {s.i for s in trig.sub or ()}
        date, date_text, _ = time_for(ents, self.text, anchors, self.base, self.dl_end,
                                      prefer="future" if mod.modality == "future" else "past")
        near = {trig.obj.i} if trig.obj is not None else set()
        near |= {a.token for a in sources if a.token >= 0}  # "a bombing near Samarra killed ..."
        place, where = self._place(ents, anchors | near)
        if where is not None and self.lex.quad_class(typ) in (2, 4):
            # a material act on a place ("lifted the curfew in Abidjan", "a bomb near Samarra killed"):
            # the place's country stands in for the missing target, or for the unknown perpetrator
            if not targets and where.key not in {a.key for a in sources if a.known}:
                targets = [where]
            elif not any(a.known for a in sources) and self.lex.quad_class(typ) == 4 and trig.kind != "noun":
                sources = [where]
        if not any(a.known for a in sources) and not targets:
            return
        parts = trig.parts
        t_span = (min(t.idx for t in parts), max(t.idx + len(t.text) for t in parts))
        src_list = [a for a in sources if a.known] or sources[:1] or [None]
        tgt_list = targets or [None]
        if len(src_list) > 1 and tgt_list == [None] and typ in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE"):
            # "Jordan and Britain agreed": each party acts towards the other
            pairs = [(s, next((o for o in src_list if o is not s), None)) for s in src_list]
        else:
            pairs = [(s, t) for s in src_list for t in tgt_list]
        for s, t in pairs:
            if s is not None and t is not None and s.key == t.key:
                continue
            yield Event(id="", type=typ, mode=mode, cameo=cameo,
                        source=s.event_actor() if s else None, target=t.event_actor() if t else None,
                        date=date, date_text=date_text, place=place, negated=mod.negated,
                        modality=mod.modality, evidence_span=ev_span, evidence_text=ev_text,
                        quad_class=self.lex.quad_class(typ), goldstein=self.lex.goldstein_of(cameo),
                        trigger=t_span, quote=quote.id if quote else None)


def _unless(tok) -> bool:
    """"will withdraw ... unless X" is a threat, not an offer."""
    for t in [tok, *tok.ancestors][:4]:
        for c in t.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in c.children):
                return True
    return False


def _akey(ea):
    return (ea.actor or ea.text.lower()) if ea is not None else None


def _prune(evs: list[Event]) -> list[Event]:
    """Drop an event that another event of the sentence repeats with more detail (same type and
    source, but a target where it has none; or same type and target with a source)."""
    full = {(e.type, _akey(e.source)) for e in evs if e.target is not None}
    full_t = {(e.type, _akey(e.target)) for e in evs if e.source is not None}
    out = []
    for e in evs:
        if e.target is None and (e.type, _akey(e.source)) in full:
            continue
        if e.source is None and (e.type, _akey(e.target)) in full_t:
            continue
        out.append(e)
    return out


def extract_events(doc, clean: CleanDocument, actors: tuple[Actor, ...] = (),
                   quotes: tuple[Quote, ...] = (), patterns: str | None = None) -> Iterator[Event]:
    """PLOVER events of one parsed article, ids "e1"... in text order, spans into ``clean.body``.

    ``patterns``: extra pattern files (``os.pathsep``-separated; the ``event_patterns`` setting);
    None reads ``DATELINE_EVENT_PATTERNS`` from the environment."""
    yield from _Coder(doc, clean, tuple(actors), tuple(quotes), get_lexicon(patterns)).events()
