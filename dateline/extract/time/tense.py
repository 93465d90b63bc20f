"""Tense and aspect of an event's clause, read from the dependency parse.

``clause_of(trigger, anchors)`` gives the words of the event's own clause: the trigger, the
words folded into it (a light verb, a particle), the verbs that control it ("vowed to
retaliate"), and for a nominal trigger the verb it is an argument of. A clause boundary
(a complement or adverbial clause, a relative clause, a coordinated finite verb, parataxis)
ends it. ``aspect_of`` then reads that clause:

* **background**: past perfect ("had launched", "had been arrested"), or an adverb that places
  the act before the story ("previously", "earlier", "once", "formerly", "in the past", "at the
  time"), or one that makes it repeated or lasting ("repeatedly", "often", "routinely", "for years",
  "over the past decade"; "long" on a perfect): an act with no one date. Background never takes
  the publication date.
* **direction**: where a date missing its year lies: ``future`` ("will", "shall", "going to",
  "would" under a past reporting verb, or a verb of planning such as "plans to"), ``past``
  (simple past or perfect), else ``near`` (present tense, or an untensed noun).
* **narrative**: a simple past clause ("did not attack" too) or a past progressive ("was defending"),
  the kind that continues a paragraph's story and may take the paragraph's reference time; a
  participle of circumstance takes its governor's tense ("Trump, speaking at a rally, warned").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dateline.tsv import LEXICONS, read_tsv

BOUNDARY = frozenset(("ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass", "ROOT"))
_NOMINAL_UP = frozenset(("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "agent", "dative", "oprd",
                         "compound", "poss", "appos", "npadvmod", "nmod", "conj", "pcomp"))
_CONTROL_UP = frozenset(("xcomp", "acomp", "pcomp", "prep", "pobj"))
_BACKGROUND_ADV = frozenset(("previously", "earlier", "once", "formerly", "before", "originally", "initially",
                             "historically"))
# acts repeated or lasting over a long time have no one date ("has repeatedly attacked", "has denied for years")
_HABITUAL_ADV = frozenset(("repeatedly", "frequently", "routinely", "often", "regularly", "consistently",
                           "habitually", "traditionally", "usually", "always", "persistently", "continually",
                           "seldom", "rarely", "occasionally", "sometimes", "long"))


@functools.cache
def participation_verbs() -> frozenset[str]:
    """Verbs whose object is an event they take part in ("held talks", "ramped up attacks"):
    lexicons/time_participation_verbs.txt."""
    return frozenset(cells[0].strip().lower() for _, cells in read_tsv(LEXICONS / "time_participation_verbs.txt"))


SETTING_PREPS = frozenset(("during", "at", "in", "amid", "throughout", "on", "after", "following"))
_LONG_UNITS = frozenset(("year", "decade", "month", "century"))
_FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo", "ll"))
_PLAN_VERBS = frozenset(("plan", "expect", "schedule", "set", "intend", "aim", "prepare", "propose", "hope",
                         "seek", "want", "vow", "pledge", "promise", "threaten", "due", "poise", "slate"))
SPEECH = frozenset(("say", "tell", "announce", "report", "state", "add", "claim", "note", "write", "insist"))


@dataclass(frozen=True)
class Aspect:
    direction: str  # past | future | near
    background: bool
    narrative: bool  # simple past: may take the paragraph's reference time
    marker: str | None = None  # the word that made it background


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def clause_of(trigger, anchors=()) -> list:
    """The event's own clause: trigger first, then the words folded into it, then its governors."""
    own = [trigger]
    doc = trigger.doc
    for i in sorted(anchors or ()):
        t = doc[i]
        if t.i != trigger.i and t.head.i == trigger.i and (t.dep_ in ("prt", "prep", "xcomp", "pobj") or (
                t.dep_ == "dobj" and trigger.lemma_.lower() in participation_verbs())):
            own.append(t)  # a particle, a light verb's event noun ("launched an attack"), a folded complement
    cur = trigger
    verbal = _is_verb(trigger)
    for _ in range(8):
        head, dep = cur.head, cur.dep_
        if head.i == cur.i or dep in BOUNDARY:
            break
        if dep == "conj" and _is_verb(cur) and (cur.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
                c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in cur.children)):
            break  # a coordinated finite verb has its own tense and its own time
        if verbal and dep not in _CONTROL_UP and not (dep == "conj" and _is_verb(head)):
            break
        if not verbal and dep not in _NOMINAL_UP:
            break
        own.append(head)
        cur = head
        if _is_verb(head):
            verbal = True
    return own


def topic_noun(trigger) -> bool:
    """A nominal event named as the topic of another act ("condemned the attack", "responded to the
    Bouake attack", "praised his first summit"): it happened at a time of its own, not the verb's."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    tok, dep = trigger, trigger.dep_
    while dep in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok, dep = tok.head, tok.head.dep_
    if dep == "pobj":
        prep = tok.head
        if prep.lower_ in SETTING_PREPS or prep.head.pos_ not in ("VERB", "AUX"):
            return False
        verb = prep.head
    elif dep in ("dobj", "attr", "oprd"):
        verb = tok.head
    else:
        return False
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in participation_verbs()


def _verbs(own) -> list:
    return [t for t in own if _is_verb(t)]


def _under_past_speech(tok) -> bool:
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in SPEECH:
            return cur.head.tag_ in ("VBD", "VBN")
        cur = cur.head
    return False


def _in_time_expr(tok, spans) -> bool:
    return any(s <= tok.idx < e for s, e in spans)


def _marker(v, spans) -> str | None:
    """A background adverb on verb ``v`` (not one that belongs to a time expression)."""
    for c in v.children:
        low = c.lower_
        if c.dep_ == "advmod" and low in _BACKGROUND_ADV and not _in_time_expr(c, spans):
            if low in ("earlier", "before") and any(g.dep_ in ("npadvmod", "prep") for g in c.children):
                continue  # "ten days earlier", "earlier in the day": a time expression
            return c.text
        if c.dep_ == "advmod" and low in _HABITUAL_ADV and not _in_time_expr(c, spans) and (
                low != "long" or any(a.lemma_ == "have" for a in v.children if a.dep_ == "aux")):
            return c.text
        if c.dep_ == "prep" and low in ("for", "over", "throughout"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and _long_span(objs[0]):
                return f"{c.text} {objs[0].doc[objs[0].left_edge.i:objs[0].i + 1].text}"
        if c.dep_ == "prep" and low in ("in", "at"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs and objs[0].lower_ in ("past", "time") and not any(
                    g.dep_ not in ("det",) for g in objs[0].children):
                return f"{c.text} {objs[0].doc[objs[0].left_edge.i:objs[0].i + 1].text}"
    return None


def _long_span(noun) -> bool:
    """"years", "decades", "three years", "the past two decades", "a long time": a span of months or more."""
    lemma = noun.lemma_.lower()
    if lemma in _LONG_UNITS:
        return noun.tag_ == "NNS" or any(c.dep_ in ("nummod", "amod") for c in noun.children)
    return lemma == "time" and any(c.lower_ == "long" for c in noun.children)


def aspect_of(trigger, own, expr_spans=()) -> Aspect:
    """Tense and aspect of the clause ``own`` (from ``clause_of``); ``expr_spans`` are the character
    spans of the sentence's time expressions (their adverbs are not background markers)."""
    verbs = _verbs(own)
    past = future = present = background = False
    marker = None
    for v in verbs:
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        lows = {a.lower_ for a in aux}
        if lows & _FUTURE_AUX:
            future = True
        elif "would" in lows:
            future = future or _under_past_speech(v)
        if any(a.lower_ == "had" and a.dep_ == "aux" for a in aux) and v.tag_ in ("VBN", "VBG"):
            background, marker = True, marker or "had"
        elif any(a.lemma_ == "have" for a in aux if a.dep_ == "aux") or v.tag_ == "VBD":
            past = True
        elif any(a.tag_ == "VBD" for a in aux):  # "was arrested", "did not attack"
            past = True
        elif v.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in aux):
            present = True
        elif v.tag_ == "VBN" and not aux and v.dep_ == "advcl":  # "when asked in October": a past act
            past = True
        if v.lower_ == "going" and any(c.dep_ == "xcomp" for c in v.children):
            future = True
        if v.lemma_.lower() in _PLAN_VERBS and any(c.dep_ == "xcomp" for c in v.children) and v is not trigger:
            future = True
        m = _marker(v, expr_spans)
        if m and (m.split()[0].lower() in _BACKGROUND_ADV or not any(a.tag_ == "MD" for a in aux)):
            # "should stop for three years" is a demand, not an act that lasted
            background, marker = True, marker or m
    if not verbs and trigger.head.i != trigger.i:  # a noun outside any clause: its head's tense
        head = trigger.head
        past = head.tag_ == "VBD"
    direction = "future" if future else "past" if (past or background) else "near"
    narrative = past and not future and not background and not present and all(
        v.tag_ == "VBD" or any(a.tag_ == "VBD" and (a.dep_ == "auxpass" or a.lemma_ == "do" or (
            a.lemma_ == "be" and v.tag_ == "VBG")) for a in v.children if a.dep_ in ("auxpass", "aux"))
        for v in verbs[:1])  # "was arrested", "did not attack", "was defending"
    governor = participle_governor(verbs[0]) if verbs else None
    if governor is not None and not background and not future:
        # "Trump, speaking at a rally, warned ...": the participle is told in its governor's tense
        head = aspect_of(governor, clause_of(governor), expr_spans)
        return Aspect(direction=head.direction, background=head.background, narrative=head.narrative,
                      marker=head.marker)
    return Aspect(direction=direction, background=background and not future, narrative=narrative, marker=marker)


def participle_governor(v):
    """The verb a participle of circumstance is told with: an adverbial -ing or -ed clause with no
    auxiliary, subject or conjunction of its own ("was in Maine, promising to build a wall"; "asked
    about it, he said"), or one set off by commas on the subject ("Trump, speaking at a rally, warned").
    None for any other clause."""
    if v.tag_ not in ("VBG", "VBN") or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark")
                                            for c in v.children):
        return None
    head = v.head
    if v.dep_ == "advcl" and _is_verb(head):
        return head
    if v.dep_ in ("advcl", "acl") and head.dep_ in ("nsubj", "nsubjpass") and _is_verb(head.head) and (
            v.i > 0 and v.doc[v.i - 1].text == ","):
        return head.head
    return None
