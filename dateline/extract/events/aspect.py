"""Aspect of the trigger clause: one act, or a habit, a stance or a state over time.

An event row is one act on one occasion. The grammar says when a clause describes something else:

- habitual or repeated acts: an adverb of frequency on the trigger or a verb governing it ("has
  repeatedly accused", "routinely detains", "have long accused"), a period the act spans ("has
  denied for years", "over the past decade", "every year"), or the perfect progressive ("have been
  urging Brussels for months"). Human coders still code such acts, so they are kept, but as
  background: modality ``reported_past`` with the word that says so as its cue (``habitual``);
- a stance, not an act: a stance verb (support, oppose, back, reject, ...) in the present simple
  ("Nigeria opposes the French presence", "is opposed to talks", "does support the bill"), or as a
  participle describing a noun ("groups supporting the president", "united in supporting"). Said
  by the actor ("X said it supports the plan") the statement is the act, and it stays (``stance``).
  Any trigger in the present simple in a relative clause of an abstract noun is a description too
  ("the reasons Israel refuses to ...", ``generic_head``).

The word lists are data (``lexicons/event_checks.tsv``: ``habitual_adverb``, ``perfect_adverb``,
``period_noun``, ``period_modifier``, ``stance_verb``, ``generic_head``).
"""

from __future__ import annotations

from dateline.extract.events.checks import Checks

_PERIOD_PREPS = {"for", "over", "throughout", "in", "during"}
_PRESENT = {"VBZ", "VBP"}


def _perfect(tok) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in tok.children)


def _period(tok, checks: Checks):
    """A span of time the act fills: "for years", "over the past decade", "in recent months", "every year"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _PERIOD_PREPS:
            for g in c.children:
                if g.dep_ != "pobj" or not checks.has("period_noun", g.lower_):
                    continue
                mods = {m.lower_ for m in g.children if m.dep_ in ("amod", "det", "advmod")}
                counted = any(m.dep_ == "nummod" for m in g.children)
                if mods & checks.lists.get("period_modifier", frozenset()):
                    return g  # "over the past decade", "in recent years"
                if c.lower_ != "in" and g.tag_ == "NNS" and not counted:
                    return g  # "for years", "over the years" (not "jailed for five years")
        if c.dep_ == "npadvmod" and checks.has("period_noun", c.lower_) and \
                any(m.lower_ in ("every", "each") for m in c.children):
            return c  # "every year"
    return None


def habitual(chain, checks: Checks):
    """The word that makes the clause a habit or a state over a period (None for one act)."""
    for t in chain:
        for c in t.children:
            if c.dep_ == "advmod" and checks.has("habitual_adverb", c.lower_):
                return c
            if c.dep_ == "advmod" and checks.has("perfect_adverb", c.lower_) and _perfect(t):
                return c
        period = _period(t, checks)
        if period is not None:
            return period
    tok = chain[0]
    if tok.tag_ == "VBG" and _perfect(tok):
        return next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "been"), None)
    return None


def _said(tok, lex) -> bool:
    """The clause is the content of a statement ("X said it supports ..."): the statement is the act."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in lex.speech:
            return True
        if cur.dep_ not in ("conj", "xcomp"):
            return False
        cur = cur.head
    return False


def _generic_relative(tok, aux, checks: Checks) -> bool:
    """A present-simple verb in a relative clause of an abstract noun ("the reasons Israel refuses to
    ...", "the way Moscow treats its neighbours"): a description of a standing state, not one act."""
    if tok.dep_ != "relcl" or tok.tag_ not in _PRESENT or aux:
        return False
    return checks.has("generic_head", tok.head.lemma_.lower())


def stance(trig, checks: Checks, lex) -> str | None:
    """Why the trigger states a stance rather than an act (None when it is an act)."""
    tok = trig.tok
    if trig.kind != "verb":
        return None
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if _generic_relative(tok, aux, checks):
        return f"stance: {tok.lower_!r} in the present simple describes {tok.head.lower_!r}"
    if not checks.has("stance_verb", tok.lemma_.lower()):
        return None
    if tok.tag_ == "VBG" and tok.dep_ in ("acl", "amod", "pcomp") and not aux:
        return f"stance: {tok.lower_!r} describes a noun"  # "groups supporting the president"
    if _said(tok, lex):
        return None
    if tok.tag_ in _PRESENT and not aux:
        return f"stance: {tok.lower_!r} in the present simple"
    if tok.tag_ == "VB" and aux and all(a.lemma_ == "do" and a.tag_ in _PRESENT for a in aux):
        return f"stance: does {tok.lower_!r}"
    if tok.tag_ == "VBN" and aux and all(a.tag_ in _PRESENT and a.lemma_ == "be" for a in aux) and \
            not any(c.dep_ == "agent" for c in tok.children):
        return f"stance: is {tok.lower_!r}"  # "is opposed to talks"
    if tok.tag_ == "VBN" and tok.dep_ == "acomp" and tok.head.lemma_ == "be" and tok.head.tag_ in _PRESENT:
        return f"stance: is {tok.lower_!r}"  # "is committed to ties", parsed as a copula
    return None
