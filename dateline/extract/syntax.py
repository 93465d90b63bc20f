"""Dependency-label helpers shared by the actor, quote and event extractors.

One home for the small questions every extractor asks of a spaCy parse (the subject of a verb,
the ``by`` agent of a passive, the objects of a preposition, the conjuncts of a phrase), so the
three extractors read the grammar the same way.
"""

from __future__ import annotations

SUBJ = ("nsubj", "nsubjpass")
MAX_CONJUNCTS = 5


def pobjs(prep) -> list:
    """The objects of a preposition token ("against [X] and [Y]" gives X; conjuncts stay on X)."""
    return [g for g in prep.children if g.dep_ == "pobj"]


def agent_of(tok):
    """The ``by`` agent of a passive verb or participle ("was captured by the SDF" -> SDF), or None."""
    for c in tok.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def conjuncts(tok, limit: int = MAX_CONJUNCTS) -> list:
    """``tok`` and the conjuncts after it ("Russia, China and Iran" -> three heads), at most ``limit``."""
    out = [tok]
    for c in tok.conjuncts:
        if c.i > tok.i and len(out) < limit:
            out.append(c)
    return out


def is_passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def subject_of(t, max_steps: int = 4):
    """The grammatical subject token of a verb, looking through conj/xcomp/advcl/acl chains; the head
    noun for a relative clause ("officials who said …"); the ``by`` agent of a passive; else None."""
    seen = 0
    cur = t
    while cur is not None and seen < max_steps:
        subs = [c for c in cur.children if c.dep_ in SUBJ]
        if subs:  # the subject nearest the verb ("Moscow, Nov 10, IRNA -- Iran's … Secretary said")
            return min(subs, key=lambda c: abs(c.i - cur.i))
        for c in cur.children:
            if c.dep_ == "csubj":  # "The secretary focusing on … reiterated": the clause's own subject
                return next((x for x in c.children if x.dep_ in SUBJ), None)
        if cur.dep_ == "agent":
            break
        if cur.dep_ in ("conj", "xcomp", "advcl", "acl", "relcl") and cur.head.i != cur.i:
            if cur.dep_ == "relcl":
                return cur.head  # "officials who said …"
            cur = cur.head
            seen += 1
            continue
        break
    return agent_of(t)  # passive "was told by X"


# relations a word without a subject of its own climbs through to the clause that governs it
_GOVERNED = frozenset(
    {"prep", "pcomp", "pobj", "dobj", "attr", "acomp", "advcl", "xcomp", "acl", "conj", "oprd", "npadvmod"}
)


def governing_subject(t, max_steps: int = 5):
    """The subject of the clause governing ``t`` when ``t`` has none of its own: "tripped up Rubio by
    calling him out" (calling -> tripped -> its subject), "emerged as a leading advocate for …",
    "leveling inflammatory attacks against …", "is worried about …". None when the climb leaves those relations."""
    cur, steps = t, 0
    while steps < max_steps and cur.head.i != cur.i and cur.dep_ in _GOVERNED | {"appos"}:
        if cur.dep_ == "appos":
            return cur.head  # "Barney Frank, a former congressman and fierce critic of …"
        cur = cur.head
        steps += 1
        if cur.pos_ in ("VERB", "AUX"):
            s = subject_of(cur)
            if s is not None:
                return s
    return None
