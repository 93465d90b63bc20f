"""Events: who did what to whom, when and where — PLOVER-coded over the dependency parse.

Per sentence: find triggers from the pattern data (dateline's own patterns and the PETRARCH2
CAMEO verb dictionary: verbs with particles, light verb + noun, nominal events, evaluative
judgements in reported speech), fold complements into their governing frame ("threatened to
impose" is one THREATEN), read negation and modality, code intent and refusal the way PLOVER
does, find source and target in the grammar (``roles``), then *verify* the candidate before
emitting it (``verify``: a political act between actors, in the sense the pattern means), and
date and place it. Each event carries its ``rule``: the pattern that fired and the checks passed.
Events are numbered "e1", ... in text order; the same input always gives the same events.
See docs/events.md for the ontology, the pattern format and the coding rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from dateline.extract.actors import ActorIndex
from dateline.extract.events.arguments import Arg, Resolver
from dateline.extract.events.aspect import habitual
from dateline.extract.events.checks import get_checks
from dateline.extract.events.claims import STATEMENT_TYPES, claimant, referring_claim
from dateline.extract.events.claims import TYPES as CLAIM_TYPES
from dateline.extract.events.learned import NONE, get_model, strong
from dateline.extract.events.lexicon import get_lexicon
from dateline.extract.events.modality import governing_chain, modality_of
from dateline.extract.events.roles import Roles
from dateline.extract.events.triggers import Trigger, compose, find_triggers, request_clauses
from dateline.extract.events.verify import verify
from dateline.extract.places import resolve_place
from dateline.extract.time import base_date, event_time
from dateline.types import Actor, CleanDocument, Cue, Event, EventRule, Place, Quote

_PLACE_PREPS = ("in", "at", "near", "outside", "inside", "to")
_PLACE_LABELS = ("GPE", "LOC", "FAC")
_COMMITMENTS = {"threaten", "vow", "warn", "pledge", "promise", "swear", "hesitate", "threat"}


class _Coder:
    def __init__(self, doc, clean: CleanDocument, actors: tuple[Actor, ...], quotes: tuple[Quote, ...], lex,
                 use_model: bool = True):
        self.doc, self.clean, self.lex = doc, clean, lex
        self.index = ActorIndex(actors)
        self.dl_end = clean.dateline.span[1] if clean.dateline else 0
        self.text = doc.text
        self.doc_ents = doc.ents  # built once: Span.ents rebuilds the Doc's entities on every call
        self.res = Resolver(self.index, self.text, min_char=self.dl_end)
        self.roles = Roles(self.index, self.res, lex)
        self.quotes = quotes
        dl = clean.dateline
        self.base = base_date(clean.published, dl.date if dl else None)
        self.countries = {a.country for a in actors if a.country}
        self.dateline_place = resolve_place(dl.place, self.countries) if dl and dl.place else None
        body = clean.body
        start = dl.span[1] if dl else 0
        para = body.find("\n\n", start)
        self.lead_end = para if para >= 0 else len(body)
        self.sent_starts = [s.start_char for s in doc.sents]
        self.trigger_tokens: set[int] = set()
        self.statements: list[tuple[int, Arg]] = []  # (char, source) of emitted statements, for claims.py
        self.candidates: list[Candidate] = []  # every trigger considered, emitted or not (explain, training)
        self.model = get_model() if use_model else None

    def _quote_at(self, char: int) -> Quote | None:
        for q in self.quotes:
            spans = q.parts or (q.span,)
            if any(s <= char < e for s, e in spans):
                return q
        return None

    def _actor_of(self, tok) -> Actor | None:
        start = tok.idx
        if start < self.dl_end:
            return None
        return self.index.at(start, start + len(tok.text))

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
            if ent.label_ not in _PLACE_LABELS or ent.start_char < self.dl_end:
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
                    return place, Arg(text=ent.text, span=(ent.start_char, ent.end_char), actor=None,
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
            self.trigger_tokens = set(found) | {t.tok.i for t in trigs}
            start = max(sent.start_char, self.dl_end if sent.start_char < self.dl_end else 0)
            text_s = body[start:sent.end_char].strip()
            start = body.find(text_s, start) if text_s else start
            ev_span = (start, start + len(text_s))
            ents = [e for e in self.doc_ents if sent.start <= e.start and e.end <= sent.end] if trigs else []
            evs = [ev for trig in trigs for ev in self._events_for(trig, sent, ents, ev_span, text_s)]
            for ev in _prune(evs):
                key = (ev.type, _akey(ev.source), _akey(ev.target), ev.evidence_span)
                if key in seen:
                    continue
                seen.add(key)
                n += 1
                if ev.type in STATEMENT_TYPES and ev.source is not None and ev.source.actor:
                    actor = self.index.get(ev.source.actor)
                    self.statements.append((ev.evidence_span[0], Arg(text=ev.source.text, span=tuple(ev.source.span),
                                                                     actor=actor, token=-1)))
                yield replace(ev, id=f"e{n}")

    def _modality(self, trig: Trigger):
        tok = trig.tok
        chain = governing_chain(tok, self.lex)
        if (trig.kind == "judge" or trig.request) and trig.speaker is not None:
            # the judgement is the statement: "diplomats said X would be 'destructive'" is asserted
            # criticism; the modality of what was judged is not the modality of judging it. Likewise
            # "X said Y should Z" is an asserted REQUEST by X
            chain = governing_chain(trig.speaker, self.lex)
        if trig.intent_word is not None and trig.intent_word not in chain:
            chain.append(trig.intent_word)
        return chain, modality_of(chain, self.lex, trig.intent_word is not None, tok.idx < self.lead_end)

    def _candidate(self, trig: Trigger, sent, ents) -> Candidate:
        """Everything the rules know of one trigger: coding, modality, roles, time, place, verdict."""
        tok = trig.tok
        quote = self._quote_at(tok.idx)
        chain, mod = self._modality(trig)
        sources, passive_subject = self.roles.sources(trig, quote)
        targets = self.roles.targets(trig, passive_subject, sources)
        if not targets and trig.kind == "verb" and trig.pattern.type in CLAIM_TYPES and \
                referring_claim(tok, get_checks()) is not None:  # "Moscow rejected those claims"
            targets = claimant(sent, sources, self.quotes, self.statements, self.index, self.sent_starts)
        typ, cameo, mode = self._code(trig, mod)
        if typ == "REJECT" and trig.pattern.type != "REJECT":
            # the refusal is what happened: "does not intend to consider" is an asserted REJECT
            mod = replace(mod, negated=False,
                          modality="hypothetical" if mod.modality == "hypothetical" else "asserted")
        elif typ in ("THREATEN", "AGREE") and mod.modality == "future" and _committed(chain, trig):
            # a speech act is asserted even when its content is not: "vowed to", "will not hesitate to"
            mod = replace(mod, modality="asserted")
        habit = habitual(chain, get_checks()) if trig.kind in ("verb", "light") else None
        if habit is not None and mod.modality == "asserted":
            # a habit or a state over a period ("routinely detains", "has denied for years") is
            # background to the news, not one act of the day
            mod = replace(mod, modality="reported_past", cues=mod.cues + ((habit, "reported_past"),))
        prep = _described(tok, self.trigger_tokens) if trig.kind in ("verb", "light") else None
        if prep is not None and mod.modality == "asserted":
            # "built his career by asking prosecutors to ...", "known for criticizing ...": the act
            # describes someone, it is not told as the day's act
            mod = replace(mod, modality="reported_past", cues=mod.cues + ((prep, "reported_past"),))
        anchors = {t.i for t in chain} | {tok.i} | {t.i for t in trig.parts}
        if trig.speaker is not None:
            anchors.add(trig.speaker.i)
        anchors |= {s.i for s in trig.sub or ()}
        when = event_time(tok, anchors, sent, ents, self.base, self.dl_end)
        near = {trig.obj.i} if trig.obj is not None else set()
        near |= {a.token for a in sources if a.token >= 0}  # "a bombing near Samarra killed ..."
        place, where = self._place(ents, anchors | near)
        if where is not None and not targets and self.lex.quad_class(typ) in (2, 4) and \
                where.key not in {a.key for a in sources if a.known}:
            # a material act on a place ("lifted the curfew in Abidjan"): the place's country is the target
            targets = [where]
        known = [a for a in sources if a.known]
        partners = len(known) > 1 and not targets and typ in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE")
        if partners:
            targets = known  # "Jordan and Britain agreed": each party acts towards the other (paired below)
        verdict = verify(trig, typ, cameo, mode, sources, targets, sent, self._actor_of, self.lex)
        return Candidate(trig=trig, sent=sent, quote=quote, mod=mod, rule_type=typ, rule_cameo=cameo,
                         type=verdict.type, cameo=verdict.cameo, mode=verdict.mode, sources=sources,
                         targets=targets, partners=partners, date=when.date, date_text=when.date_text, place=place,
                         verdict=verdict, date_precision=when.precision, date_basis=when.basis)

    def _decide(self, cand: Candidate) -> tuple[bool, float | None, list[str]]:
        """The learned check over the rules' verdict: (emit?, probability of the final type, checks)."""
        checks = list(cand.verdict.checks)
        model = self.model
        if model is None:
            return cand.verdict.ok, None, checks
        probs = model.probabilities(cand)
        th = model.thresholds
        best = max((c for c in probs if c != NONE), key=probs.get)
        # the rules' own structural readings stand: a "said X should" request, a frame, a type rewritten
        # by modality or negation ("does not intend to consider" is a REJECT), an announced or
        # conditional act (the learned check judges what is asserted to have happened)
        structural = cand.trig.request or cand.trig.pattern.frame or cand.rule_type != cand.trig.pattern.type \
            or cand.mod.negated
        if cand.verdict.ok:
            drop = th.get("drop_strong", 2.0) if strong(cand) else th["drop"]
            if probs[NONE] >= drop and cand.mod.modality in ("asserted", "reported_past") and not structural:
                cand.learned = f"not an event ({probs[NONE]:.2f})"
                return False, None, checks
            if not structural and best != cand.type and probs[best] >= th["retype"] and \
                    probs[cand.type] < th["keep"]:
                cand.type, cand.cameo, cand.mode = best, self.lex.types[best]["cameo"], None
                checks.append(f"learned check retyped {cand.rule_type} as {best}")
            else:
                checks.append("learned check agrees")
            return True, probs[cand.type], checks
        if cand.verdict.reason and cand.verdict.reason.split(":")[0] in th["rescue_from"] and \
                probs[cand.type] >= th["rescue"]:
            checks.append(f"learned check kept it despite: {cand.verdict.reason}")
            return True, probs[cand.type], checks
        return False, probs[cand.type], checks

    def _events_for(self, trig: Trigger, sent, ents, ev_span, ev_text) -> Iterable[Event]:
        cand = self._candidate(trig, sent, ents)
        self.candidates.append(cand)
        ok, score, checks = self._decide(cand)
        cand.emitted = ok
        if not ok:
            return
        typ, cameo, mode, mod = cand.type, cand.cameo, cand.mode, cand.mod
        rule = EventRule(origin=_origin(trig), pattern=_describe(trig), checks=tuple(checks), score=score)
        cues = tuple(Cue(text=c.text, span=(c.idx, c.idx + len(c.text)), sets=sets) for c, sets in mod.cues)
        parts = trig.parts
        t_span = (min(t.idx for t in parts), max(t.idx + len(t.text) for t in parts))
        known = [a for a in cand.sources if a.known]
        src_list = known or [None]
        if cand.partners:
            pairs = [(s, next((o for o in src_list if o is not s), None)) for s in src_list]
        else:
            pairs = [(s, t) for s in src_list for t in cand.targets or [None]]
        for s, t in pairs:
            if s is not None and t is not None and s.key == t.key:
                continue
            yield Event(id="", type=typ, mode=mode, cameo=cameo,
                        source=s.event_actor() if s else None, target=t.event_actor() if t else None,
                        date=cand.date, date_text=cand.date_text, date_precision=cand.date_precision,
                        date_basis=cand.date_basis, place=cand.place, negated=mod.negated,
                        modality=mod.modality, evidence_span=ev_span, evidence_text=ev_text,
                        quad_class=self.lex.quad_class(typ), goldstein=self.lex.goldstein_of(cameo),
                        trigger=t_span, quote=cand.quote.id if cand.quote else None, rule=rule, cues=cues)


@dataclass
class Candidate:
    """One trigger with what the rules made of it (kept for ``explain`` and the learned check)."""

    trig: Trigger
    sent: object
    quote: Quote | None
    mod: object
    rule_type: str  # the type and code the patterns and modality gave
    rule_cameo: str
    type: str  # after verification (and the learned check)
    cameo: str
    mode: str | None
    sources: list
    targets: list
    partners: bool
    date: str | None
    date_text: str | None
    place: Place | None
    verdict: object
    emitted: bool = False
    learned: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None


def _committed(chain, trig: Trigger) -> bool:
    """The act is the content of a commitment ("vowed to", "threatened to", "will not hesitate to")."""
    words = {t.lemma_.lower() for t in chain} | {trig.tok.lemma_.lower()}
    return bool(words & _COMMITMENTS)


def _origin(trig: Trigger) -> str:
    origin = getattr(trig.pattern, "origin", None) or "event_patterns.tsv"
    subs = [getattr(p, "origin", None) for p in trig.sub_patterns or ()]
    return origin + "".join(f" + {s}" for s in subs if s)


def _describe(trig: Trigger) -> str:
    p = trig.pattern
    text = f"{p.kind} {p.pattern}"
    if trig.request:
        text = "said ... must/should (REQUEST)"
    for sp in trig.sub_patterns or ():
        text += f" + {sp.kind} {sp.pattern}"
    return text


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


_MANNER_PREPS = ("by", "for", "through")


def _described(tok, triggers: set[int]):
    """The preposition when the trigger is a gerund object of by/for/through under a word that is no
    trigger of its own ("built his career by asking", "three ways ... by asking"): a general
    description: under a noun, or a word of reputation or career (``description_word``). Under an act
    it is the act's means, told with it ("retaliated by firing missiles", "dispersed them by firing")."""
    if tok.tag_ != "VBG" or tok.dep_ != "pcomp" or tok.head.lower_ not in _MANNER_PREPS:
        return None
    governor = tok.head.head
    while governor.dep_ == "conj" and governor.head.i != governor.i:  # "by filing ..., by asking ..."
        governor = governor.head
    if governor.i in triggers:
        return None
    checks = get_checks()
    if governor.pos_ in ("NOUN", "PROPN") or checks.has("description_word", governor.lemma_.lower()) or any(
            c.dep_ == "dobj" and checks.has("description_word", c.lemma_.lower()) for c in governor.children):
        return tok.head
    return None


def explain(doc, clean: CleanDocument, actors: tuple[Actor, ...] = (), quotes: tuple[Quote, ...] = (),
            patterns: str | None = None, use_model: bool = True) -> tuple[list[Event], list[Candidate]]:
    """The events and every candidate considered (``emitted``, ``verdict.reason``, ``learned`` say
    what became of it) — for users asking why a sentence was or was not coded, and for training."""
    coder = _Coder(doc, clean, tuple(actors), tuple(quotes), get_lexicon(patterns), use_model=use_model)
    events = list(coder.events())
    return events, coder.candidates


def extract_events(doc, clean: CleanDocument, actors: tuple[Actor, ...] = (),
                   quotes: tuple[Quote, ...] = (), patterns: str | None = None,
                   use_model: bool = True) -> Iterator[Event]:
    """PLOVER events of one parsed article, ids "e1"... in text order, spans into ``clean.body``.

    ``patterns``: extra pattern files (``os.pathsep``-separated; the ``event_patterns`` setting);
    None: the bundled patterns alone."""
    yield from _Coder(doc, clean, tuple(actors), tuple(quotes), get_lexicon(patterns), use_model=use_model).events()
