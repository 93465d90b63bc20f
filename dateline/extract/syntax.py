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
