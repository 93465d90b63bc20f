"""Negation and modality of an event from its trigger's dependency context.

``chain`` is the trigger plus the words governing it inside its statement (a frame verb such as
"threaten", an intent word such as "ready"/"intend", the verbs of coordination and control);
the speech verb that reports the statement is not part of it. Precedence: hypothetical > future
> reported_past > asserted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Modality:
    modality: str  # asserted | hypothetical | future | reported_past
    negated: bool
    intent: bool  # the act is announced (future, conditional or governed by an intent word), not done
    cues: tuple = ()  # (token, what it sets): the words that set the modality and the negation


def governing_chain(tok, lex, stop: set[int] = frozenset()):
    """Trigger and its governors up to (not including) a speech verb or the sentence root's reporter."""
    chain = [tok]
    cur = tok
    while cur.head.i != cur.i and len(chain) < 6:
        dep, head = cur.dep_, cur.head
        if dep == "conj" and cur.tag_ in ("VBD", "VBZ", "VBP"):
            break  # a finite coordinated verb has its own tense: "... would be X and urged Y"
        infinitive = dep == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        if dep in ("xcomp", "conj", "acomp", "aux", "auxpass", "pcomp") or infinitive or (
                dep == "prep" and head.pos_ in ("VERB", "AUX", "ADJ")) or (
                dep == "pobj" and head.dep_ == "prep"):
            if head.lemma_.lower() in lex.speech or head.i in stop:
                break
            chain.append(head)
            cur = head
        else:
            break
    return chain


def _reported_under_past(tok, lex) -> bool:
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in lex.speech:
            return cur.head.tag_ in ("VBD", "VBN")
        cur = cur.head
    return False


def _conditional(tok, lex) -> bool:
    for c in tok.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in lex.hypothetical for g in c.children):
            return True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            return True
    return False


def _not_hesitate(t) -> bool:
    """"will not hesitate to ...": the negation is part of the commitment, not of the act."""
    return t.lemma_.lower() == "hesitate" and any(c.dep_ == "xcomp" for c in t.children)


def modality_of(chain, lex, intent_word: bool, in_lead: bool) -> Modality:
    negated = False
    future = hypothetical = perfect = past_perfect = background = False
    cues: list[tuple] = []
    for t in chain:
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or (c.dep_ == "advmod" and low in ("never",)):
                if _not_hesitate(t):
                    intent_word = True
                    cues.append((c, "intent"))
                    continue
                negated = True
                cues.append((c, "negated"))
            elif c.dep_ in ("aux", "auxpass"):
                if low in ("will", "shall", "'ll", "wo"):
                    future = True
                    cues.append((c, "future"))
                elif low == "would":
                    if _reported_under_past(t, lex):
                        future = True
                        cues.append((c, "future"))
                    else:
                        hypothetical = True
                        cues.append((c, "hypothetical"))
                elif low in ("can", "ca") and not any(g.dep_ == "neg" for g in t.children):
                    hypothetical = True  # ability is no act: "Iran can strike Israel"
                    cues.append((c, "hypothetical"))
                elif low in lex.hypothetical:
                    hypothetical = True
                    cues.append((c, "hypothetical"))
                elif c.lemma_ == "have" and t.tag_ == "VBN":
                    perfect = True
                    if low == "had":
                        past_perfect = True
                        cues.append((c, "reported_past"))
            elif c.dep_ == "advmod" and low in lex.background:
                background = True
                cues.append((c, "reported_past"))
        if t.lemma_.lower() in lex.negation and t is not chain[0]:
            negated = True  # "was unable to stop", "failed to reach": the act did not happen
            cues.append((t, "negated"))
        if t.lower_ == "going" and any(c.dep_ == "xcomp" for c in t.children):
            future = True
            cues.append((t, "future"))
        if t.lemma_ == "be" and t.pos_ == "AUX" and any(c.dep_ == "xcomp" and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in t.children):
            future = True  # "summits are to be staged this week"
            cues.append((t, "future"))
        if _conditional(t, lex):
            hypothetical = True
            cues.append((t, "hypothetical"))
    cur = chain[-1]
    if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
        hypothetical = True
        cues.extend((c, "hypothetical") for c in cur.children if c.dep_ == "mark")
    if hypothetical:
        modality = "hypothetical"
    elif future or intent_word:
        modality = "future"
    elif past_perfect or (perfect and (background or not in_lead)):
        modality = "reported_past"
    else:
        modality = "asserted"
    intent = future or hypothetical or intent_word
    return Modality(modality=modality, negated=negated, intent=intent, cues=tuple(cues))
