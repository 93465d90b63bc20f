"""Event triggers: find the words that trigger events in a sentence and fold complements into frames.

Triggers come from the pattern lexicon (``lexicon``): verbs with optional particles, light
verb + object noun, nominal events and evaluative judgements. ``compose`` folds a complement into
the frame governing it ("threatened to impose" is one THREATEN), purpose clauses and reasons into
their event, and drops nominal events that are the content of another event. ``request_clauses``
adds "X said Y must ..." as X REQUEST Y.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dateline.extract.events.lexicon import Lexicon, Pattern
from dateline.extract.syntax import is_passive

MUST = ("must", "should")


@dataclass
class Trigger:
    tok: object  # spaCy Token: the head word of the trigger
    pattern: Pattern
    kind: str
    parts: list  # tokens making up the trigger (particle, light noun)
    obj: object = None  # the light verb's noun
    sub: list = None  # complement tokens folded into this trigger (arguments searched there too)
    sub_patterns: list = None  # the patterns of folded complement triggers
    intent_word: object = None
    speaker: object = None  # speech verb token when the trigger sits in reported speech
    request: bool = False  # "X said Y must ..." -> REQUEST


def _particles(tok):
    return [c for c in tok.children if c.dep_ in ("prt", "prep")]


def _noun_keys(noun):
    """Keys of an object noun, most specific first: "<modifier> <lemma>" for its nearest compound or
    adjective modifier ("arms shipment", "humanitarian aid"), then the lemma and the word itself."""
    lemma = noun.lemma_.lower()
    keys = []
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    comp = [c for c in mods if c.dep_ == "compound"] or mods
    if comp:
        keys.append(f"{comp[-1].lower_} {lemma}")
        keys.append(f"{comp[-1].lower_} {noun.lower_}")
        if comp[-1].lemma_.lower() != comp[-1].lower_:
            keys.append(f"{comp[-1].lemma_.lower()} {lemma}")
    keys.extend([lemma, noun.lower_])
    return keys


def _objects(tok):
    passive = is_passive(tok)
    for c in tok.children:
        if c.dep_ in ("dobj", "attr") or (passive and c.dep_ == "nsubjpass"):
            yield c, None
            yield from ((g, None) for g in c.conjuncts if g.i > c.i)
            for p in c.children:  # "launched 10 days of war games", "a series of attacks"
                if p.dep_ == "prep" and p.lower_ == "of":
                    yield from ((g, None) for g in p.children if g.dep_ == "pobj")
        elif c.dep_ in ("prep", "prt"):
            for g in c.children:
                if g.dep_ == "pobj":
                    yield g, c
        elif c.dep_ == "acomp":
            yield c, None


def _lemmas(tok) -> list[str]:
    """The lemma plus crude de-inflections of the word, for the parser's lemma slips ("staged" -> "stag")."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
    for suf, rep in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if low.endswith(suf) and len(low) > len(suf) + 2:
            out.append(low[: -len(suf)] + rep)
    return out


def _match_light(tok, lex: Lexicon):
    star = "*" in lex.light_verbs
    lemma = next((w for w in _lemmas(tok) if w in lex.light_verbs), None)
    if lemma is None and not star:
        return None
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    for obj, via in _objects(tok):
        for key in _noun_keys(obj):
            # particle first ("call off strike" before "call strike"), then "prep:noun" ("ask for:help")
            keys = [f"{p} {key}" for p in prts]
            if via is not None and via.dep_ == "prep":
                keys.append(f"{via.lower_}:{key}")
            keys.append(key)
            for k in keys:
                p = lex.light.get((lemma, k)) or lex.light.get(("*", k))
                if p is not None:
                    parts = [tok, obj] + ([via] if via is not None and (via.dep_ == "prt" or ":" in k) else [])
                    return Trigger(tok=tok, pattern=p, kind="light", parts=parts, obj=obj)
    return None


def _match_verb(tok, lex: Lexicon):
    lemmas = _lemmas(tok)
    for c in _particles(tok):
        for lemma in lemmas:
            p = lex.verbs.get((lemma, c.lower_))
            if p is not None:
                return Trigger(tok=tok, pattern=p, kind="verb", parts=[tok] + ([c] if c.dep_ == "prt" else []))
    for lemma in lemmas:
        p = lex.verbs.get((lemma, None))
        if p is not None:
            return Trigger(tok=tok, pattern=p, kind="verb", parts=[tok])
    return None


def find_triggers(sent, lex: Lexicon) -> dict[int, Trigger]:
    found: dict[int, Trigger] = {}
    for tok in sent:
        pos = tok.pos_
        if pos in ("VERB", "AUX") or (pos == "ADJ" and tok.dep_ in ("acomp", "amod", "ROOT", "conj")):
            trig = _match_light(tok, lex) if pos != "ADJ" else None
            if trig is None and tok.dep_ != "amod" and not (pos == "AUX" and tok.lemma_ in ("be", "have")):
                trig = _match_verb(tok, lex)
            if trig is None and pos == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj"):
                p = lex.judges.get(tok.lemma_.lower()) or lex.judges.get(tok.lower_)
                if p is not None:
                    trig = Trigger(tok=tok, pattern=p, kind="judge", parts=[tok])
            if trig is not None:
                found[tok.i] = trig
        elif pos in ("NOUN", "PROPN") and tok.dep_ not in ("compound",):
            p = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
            if p is not None:
                found[tok.i] = Trigger(tok=tok, pattern=p, kind="noun", parts=[tok])
    # a light verb's noun is part of that trigger, not an event of its own
    for trig in list(found.values()):
        if trig.obj is not None:
            found.pop(trig.obj.i, None)
    return found


def _speech_head(tok, lex):
    """The speech verb reporting the clause of ``tok`` ("Iraq said it would allow"), or None."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in lex.speech:
            return cur.head
        if cur.dep_ in ("relcl", "acl", "advcl") and cur.head.pos_ == "NOUN":
            return None
        cur = cur.head
    return None


def compose(sent, found: dict[int, Trigger], lex: Lexicon) -> list[Trigger]:
    """Fold complements into frames and purpose clauses into their trigger; drop content nouns."""
    out = []
    for i in sorted(found):
        trig = found[i]
        tok = trig.tok
        trig.speaker = _speech_head(tok, lex)
        absorbed = False
        cur = tok
        for _ in range(4):  # walk up xcomp / purpose / to-infinitive links
            head = cur.head
            if head.i == cur.i or cur.dep_ not in ("xcomp", "advcl", "ccomp", "acomp", "pcomp", "pobj", "prep"):
                break
            if head.i in found and head.i != i:
                gov = found[head.i]
                content = self_quad(gov, lex) in (1, 3)  # "criticized X for imposing ...": the reason
                if gov.kind != "noun" and (content or gov.pattern.frame or cur.dep_ in ("xcomp", "advcl")) and \
                        (content or cur.dep_ not in ("pobj", "prep")):
                    gov.sub = (gov.sub or []) + [tok]
                    gov.sub_patterns = (gov.sub_patterns or []) + [trig.pattern]
                    absorbed = True
                break
            if cur.dep_ == "xcomp" and head.lemma_.lower() in lex.intent:
                trig.intent_word = head
            if cur.dep_ == "ccomp" or head.lemma_.lower() in lex.speech:
                break
            cur = head
        if absorbed:
            continue
        if trig.kind == "noun" and (_inside_other(tok, found) or not _near_clause(tok)):
            continue
        if trig.kind != "noun" and tok.dep_ in ("relcl", "acl") and _inside_other(tok.head, found):
            continue  # "calling for a process under which sanctions would be eased": content
        out.append(trig)
    return out


def self_quad(trig: Trigger, lex: Lexicon) -> int | None:
    return lex.quad_class(trig.pattern.type)


def _near_clause(noun) -> bool:
    """A nominal event counts when it is an argument of a clause ("held talks", "after a meeting
    with"), not buried in a noun phrase ("support for the US-led invasion of Iraq in 2003")."""
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT", "appos"):
        return True
    return noun.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i


def _inside_other(tok, found) -> bool:
    """True when a nominal trigger is the content of another trigger ("urged a revival of talks")."""
    cur = tok
    for _ in range(10):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.i in found and cur.i != tok.i:
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.lemma_ not in ("be", "have"):
            return False
    return False


def request_clauses(sent, found, lex) -> list[Trigger]:
    """"X said/declared that Y must ..." is X REQUEST Y (CAMEO 100) even without a request verb."""
    out = []
    req = lex.verbs.get(("demand", None))
    if req is None:
        return out
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp",):
            continue
        if tok.head.lemma_.lower() not in lex.speech:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in MUST for c in tok.children):
            continue
        found.pop(tok.i, None)
        trig = Trigger(tok=tok, pattern=replace(req, mode=None), kind="verb", parts=[tok], speaker=tok.head,
                       request=True)
        out.append(trig)
    return out
