"""The target of a rebuttal: whose claim "those claims" or "the accusation" are.

"Kyiv accused Moscow of shelling the plant. Moscow rejected those claims." — the object of a
rejecting or accusing trigger is a speech noun (claim, accusation, allegation, report, charge,
proposal, offer, demand; ``claim_noun`` in ``lexicons/event_checks.tsv``) that refers back with a
demonstrative or the definite article. Its owner is the actor who made a statement in the one or two
sentences before: the speaker of a quote, or the source of an emitted ACCUSE event there. The target
is taken only when exactly one such actor (other than the source) is found; otherwise none.
"""

from __future__ import annotations

from dateline.extract.events.arguments import Arg

_BACK = {"this", "that", "these", "those", "the", "such"}
TYPES = ("REJECT", "ACCUSE")
STATEMENT_TYPES = ("ACCUSE", "REQUEST", "THREATEN", "REJECT", "PROTEST")


def referring_claim(tok, checks):
    """The object "those claims" / "the accusation" of the trigger (None when there is none)."""
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and checks.has("claim_noun", c.lemma_.lower()):
            dets = [d for d in c.children if d.dep_ in ("det", "predet")]
            owner = [d for d in c.children if d.dep_ in ("poss", "compound", "amod") or
                     (d.dep_ == "prep" and d.lower_ in ("by", "from", "of"))]
            if owner or any(d.dep_ in ("relcl", "acl") for d in c.children):
                return None  # "Russia's claims", "claims by Kyiv", "claims that ..." name their own owner
            if any(d.lower_ in _BACK for d in dets):
                return c
    return None


def claimant(sent, sources: list[Arg], quotes, statements, index, sent_starts: list[int]) -> list[Arg]:
    """The one actor who made a statement in the two sentences before ``sent`` (else [])."""
    before = [s for s in sent_starts if s < sent.start_char]
    lo = before[-2] if len(before) >= 2 else (before[-1] if before else sent.start_char)
    hi = sent.start_char
    found: dict[str, Arg] = {}
    for q in quotes:
        sp = q.speaker
        if sp is None or not (lo <= q.span[0] < hi):
            continue
        actor = index.get(sp.actor) if sp.actor else index.at(*sp.span)
        if actor is not None:
            found.setdefault(actor.id, Arg(text=sp.text, span=tuple(sp.span), actor=actor, token=-1))
    for char, arg in statements:
        if lo <= char < hi and arg.actor is not None:
            found.setdefault(arg.actor.id, arg)
    own = {a.key for a in sources if a.known} | {a.actor.country for a in sources if a.actor is not None}
    found = {k: a for k, a in found.items() if k not in own}
    return list(found.values()) if len(found) == 1 else []
