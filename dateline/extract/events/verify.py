"""Verify before emitting: a trigger becomes an event only when its clause is a political act.

Each check is a small question of the clause, answered from the parse and the data in
``dateline/lexicons/event_checks.tsv`` and ``event_senses.tsv``:

- chrome: the sentence is not a call to the reader ("sign up to our briefing");
- sports / market: the sentence is not sports reporting, the subject is not a market;
- sense: an ambiguous verb governs the complement of its political sense ("asked X to ...",
  not "asked about ..."; "released prisoners", not "released a report");
- source: the actor who acts is a political actor (a country, an organisation or group with a
  political sector, a person with a country or a political sector) — never a place, a product, a
  number or a private person; without a named source only violence and coercion against a named
  target are kept;
- target: the types whose act is always done to someone have a target;
- metaphor: violence verbs between persons, parties or policies are verbal attacks (ACCUSE), and
  "an attack on sovereignty" is not a battle;
- stance: "Nigeria opposes the plan", "groups supporting the president" state a stance, not an act
  (``aspect``; a habit, "has repeatedly accused", is kept as background by the coder);
- total: a death toll over a period ("half a million have been killed since 2011") is not one act.

``verify`` returns a ``Verdict``: whether to emit, the (possibly recoded) type and CAMEO code, and
the names of the checks passed, which the event carries in its ``rule``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dateline.extract.events.aspect import stance
from dateline.extract.events.checks import Checks, get_checks
from dateline.extract.events.senses import retype, sense_ok
from dateline.extract.time.calendar import WEEKDAYS
from dateline.extract.time.expressions import is_event_noun

_SCORE_LINE = re.compile(r"\b[A-Z][\w.]+ \d{1,3}, [A-Z][\w.]+ \d{1,3}\b|\b\d{1,3}-\d{1,3} (?:win|victory|loss|defeat)\b")
_PEOPLE_SECTORS = {"CVL", "REF", "MIL", "COP", "REB", "INS", "LAB", "REL", "CRM", "UAF"}


@dataclass
class Verdict:
    ok: bool
    type: str
    cameo: str
    mode: str | None
    checks: list[str] = field(default_factory=list)
    reason: str | None = None


def named(arg) -> bool:
    """A target worth naming: an actor, a phrase naming a country, or a proper name."""
    return arg.known or arg.proper


def political(arg, checks: Checks) -> bool:
    """A political actor: a country (named, or by a nationality word), an actor of a political sector,
    a person or group with a country."""
    a = arg.actor
    if a is None:
        return arg.country is not None
    if a.type == "country" or a.sector == "IGO":
        return True
    if checks.has("political_sector", a.sector):
        return True
    if a.type == "person":  # a named person acts politically through a role (or a dictionary entry)
        return getattr(a, "ref", None) is not None
    return a.country is not None and a.type in ("group", "org")


def _people(arg) -> bool:
    """A target that can suffer violence or coercion: a country, a group, a person, an armed org."""
    a = arg.actor
    return a is None or a.type in ("person", "group", "country") or a.sector in _PEOPLE_SECTORS


def _sentence_words(sent) -> set[str]:
    return {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}


def _sports(sent, words: set[str], sports: frozenset) -> bool:
    """Sports reporting: two sports words (or a score line) in the sentence, or one in a sentence whose
    paragraph holds three ("Portugal allowed only one shot on goal", in a match report)."""
    own = words & sports
    if len(own) >= 2 or _SCORE_LINE.search(sent.text):
        return True
    if not own:
        return False
    doc = sent.doc
    start = doc.text.rfind("\n", 0, sent.start_char) + 1
    end = doc.text.find("\n", sent.end_char)
    span = doc.char_span(start, len(doc.text) if end < 0 else end, alignment_mode="expand")
    if span is None:
        return False
    return len(_sentence_words(span) & sports) >= 3


def _metaphor_target(trig) -> bool:
    """The violence is done to an abstraction: "an attack on sovereignty", "attacked the plan"."""
    checks = get_checks()
    tok = trig.tok
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in ("on", "against", "upon"):
            objs.extend(g for g in p.children if g.dep_ == "pobj")
    return any(checks.has("abstract_target", o.lemma_.lower()) for o in objs)


def _total(trig, sent, checks: Checks) -> bool:
    """A toll over a period: "half a million have been killed since 2011", "over the years"."""
    if trig.tok.lemma_.lower() not in ("kill", "die", "murder", "slaughter", "massacre", "displace", "shoot"):
        return False
    words = _sentence_words(sent)
    has_period = any(t.lower_ in ("since", "over") and any(g.ent_type_ == "DATE" or g.lower_ in ("years", "decades",
                                                                                             "decade", "war")
                                                           for g in t.subtree) for t in sent)
    # "so far this year", "to date": a running count up to now
    has_period = has_period or any(t.lower_ == "far" and t.i > sent.start and t.nbor(-1).lower_ == "so" and
                                   t.i + 1 < sent.end and t.nbor(1).ent_type_ == "DATE" or
                                   t.lower_ == "to" and t.i + 1 < sent.end and t.nbor(1).lower_ == "date"
                                   for t in sent)
    return has_period or bool(words & {"toll", "tally", "altogether", "cumulative"})


_QUANTITY_WORDS = {"dozens", "hundreds", "thousands", "scores", "millions"}
_DAY_WORDS = {d for d in WEEKDAYS if d.endswith("day")} | {"today", "yesterday", "tonight", "overnight"}


def _counted(trig) -> bool:
    """The act's own noun is counted in tens or more over a period: "launched 504 attacks in 2024",
    "hundreds of raids" is a tally of many acts, not one ("12 airstrikes on Tuesday" is one day's act)."""
    if any(t.lower_ in _DAY_WORDS for t in trig.tok.sent):
        return False
    for tok in trig.parts:
        if tok.tag_ != "NNS" or not is_event_noun(tok) or tok.i == trig.tok.i and trig.kind == "verb":
            continue
        for c in tok.children:
            if c.dep_ == "nummod" and c.like_num:
                try:
                    if float(c.text.replace(",", "")) >= 10:
                        return True
                except ValueError:
                    if c.lower_ in _QUANTITY_WORDS:
                        return True
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _QUANTITY_WORDS:
            return True
    return False


_OWN = {"his", "her", "its", "their", "my", "our"}
_REFLEXIVE = {"themselves", "itself", "himself", "herself", "myself", "ourselves", "yourself"}


def _nationals(arg, sent) -> bool:
    """"150 Indians", "thousands of Syrians": people of a nationality, not their state."""
    if arg.actor is not None or arg.country is None or arg.token < 0:
        return False
    tok = sent.doc[arg.token]
    if get_checks().has("relation_noun", tok.lemma_.lower()):
        return False  # "supporters of the former president", "Berisha's opponents": a political camp
    return tok.tag_ == "NNPS" or tok.tag_ == "NNS" or any(c.dep_ in ("nummod", "quantmod") for c in tok.children)


def _structural(trig, typ: str, targets, sent, checks: Checks) -> str | None:
    """Clause shapes that are no act whatever the words: a self-inflicted act, an accident, a
    "said X should" clause without an actor told."""
    tok = trig.tok
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if objs and all(o.lower_ in _REFLEXIVE and not o.conjuncts for o in objs):
        return "self-inflicted"  # "killing themselves", "shooting itself in the foot"
    if typ == "REJECT" and trig.pattern.type != "REJECT" and not targets and objs and \
            all(any(c.dep_ == "poss" and c.lower_ in _OWN for c in o.children) for o in objs):
        return "a negated act on one's own (no party refused)"  # "cannot defend his record"
    if typ in ("ASSAULT", "COERCE") and not any(c.dep_ == "agent" for c in tok.children):
        for p in tok.children:
            if p.dep_ == "prep" and any(checks.has("accident_word", g.lemma_.lower()) for g in p.children):
                return "an accident, not an act"
    if trig.request and not any(a.known for a in targets):
        return "said ... should, but no actor is told"
    if typ in ("ASSAULT", "COERCE", "PROTEST") and _counted(trig):
        return "a tally of many acts, not one"
    return None


def verify(trig, typ: str, cameo: str, mode, sources, targets, sent, index_at, lex) -> Verdict:
    """Decide whether the candidate event is emitted (see the module docstring)."""
    checks = get_checks()
    v = Verdict(ok=False, type=typ, cameo=cameo, mode=mode)
    text = sent.text.lower()
    if any(p in text for p in checks.lists.get("stop_phrase", ())):
        v.reason = "chrome"
        return v
    words = _sentence_words(sent)
    if _sports(sent, words, checks.lists.get("sports_word", frozenset())):
        v.reason = "sports"
        return v
    subj = next((c for c in trig.tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and checks.has("market_subject", subj.lemma_.lower()) and not any(a.actor for a in sources):
        v.reason = "market"
        return v
    v.checks.append("not chrome, sports or market")
    lemma = trig.tok.lemma_.lower()
    if trig.kind == "verb" and not trig.sub and " " not in trig.pattern.pattern and checks.has("generic_verb", lemma) \
            and not getattr(trig.pattern, "origin", "").startswith("event_patterns"):
        v.reason = f"generic verb: {lemma!r} alone names no act"
        return v
    needs = checks.senses.get(lemma if trig.kind == "verb" else f"noun:{lemma}")
    if needs and trig.kind in ("verb", "noun") and not sense_ok(trig, needs, index_at):
        v.reason = f"sense: {trig.tok.lemma_.lower()} without {'/'.join(needs)}"
        return v
    if needs:
        v.checks.append(f"sense of {trig.tok.lemma_.lower()!r}")
    other = retype(trig, sources, index_at)
    if other is not None:
        if other.type == "-":
            v.reason = f"no act: {other.note or trig.tok.lemma_.lower()}"
            return v
        v.type, v.cameo, v.mode = other.type, other.cameo, other.mode
        v.checks.append(f"{trig.tok.lemma_.lower()} {other.when}: coded {other.type}")
    refusal = _structural(trig, typ, targets, sent, checks) or stance(trig, checks, lex)
    if refusal is not None:
        v.reason = refusal
        return v
    known = [a for a in sources if a.known and not _nationals(a, sent)]
    if known:
        if any(political(a, checks) for a in known):
            v.checks.append("source is a political actor")
        elif any(a.actor is not None for a in known) and any(political(a, checks) for a in targets):
            v.checks.append("source is an actor, target a political actor")
        else:
            v.reason = "neither source nor target is a political actor"
            return v
    elif not (typ in ("ASSAULT", "COERCE") and targets and any(_people(a) for a in targets)):
        v.reason = "no source"
        return v
    if typ == "ASSAULT" and checks.has("verbal_violence", trig.tok.lemma_.lower()):
        person_fight = known and all(a.actor is not None and a.actor.type == "person" for a in known) and \
            targets and all(a.actor is not None and a.actor.type in ("person",) or
                            (a.actor is not None and a.actor.sector == "PTY") for a in targets)
        if person_fight or _metaphor_target(trig):
            v.type, v.cameo, v.mode = "ACCUSE", "111", "disapprove"
            v.checks.append("verbal attack (persons, parties or ideas), coded ACCUSE")
    if typ == "ASSAULT" and _total(trig, sent, checks):
        v.reason = "total over a period"
        return v
    if checks.has("needs_target", v.type) and not targets:
        v.reason = f"{v.type} without a target"
        return v
    if not targets and not trig.sub and getattr(trig.pattern, "origin", "").startswith("CAMEO"):
        # the dictionary codes dyads, as PETRARCH does: its rows fire only between two actors
        v.reason = "dictionary pattern without a target"
        return v
    if targets:
        v.checks.append("target found")
    v.ok = True
    return v
