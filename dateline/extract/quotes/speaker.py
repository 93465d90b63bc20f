"""Speakers and relays: the noun phrase that says something, and the actor it refers to."""

from __future__ import annotations

from dateline.types import Ref

_LEFT_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "quantmod"})
_RIGHT_DEPS = frozenset({"compound", "flat"})
PRONOUN_TYPES = {
    "he": ("person",),
    "she": ("person",),
    "it": ("org", "country", "group"),
    "they": ("group", "org", "country", "person"),
    "we": ("group", "org", "country", "person"),
    "i": ("person",),
    "his": ("person",),  # possessors of reporting nouns: "his claim that …"
    "her": ("person",),
    "its": ("org", "country", "group"),
    "their": ("group", "org", "country", "person"),
    "our": ("group", "org", "country", "person"),
}


def speaker_range(tok) -> tuple[int, int]:
    """Token range of the speaker phrase headed by ``tok`` (a name preferred over its description)."""
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    if tok.pos_ != "PROPN" or tok.ent_type_ == "GPE":  # "Moscow, Nov 10, IRNA -- Iran's deputy … Secretary"
        for c in tok.children:
            if c.dep_ == "appos" and (c.pos_ == "PROPN" or (c.pos_ == "NOUN" and tok.ent_type_ == "GPE")):
                tok = c
                break
    a, b = tok.i, tok.i + 1
    for c in tok.lefts:
        if c.dep_ in _LEFT_DEPS:
            a = min(a, c.left_edge.i)
    for c in tok.rights:
        if c.dep_ in _RIGHT_DEPS or (c.dep_ == "prep" and c.text.lower() == "of" and tok.pos_ != "PROPN"):
            b = max(b, c.right_edge.i + 1)
    doc = tok.doc
    for i in range(tok.i - 1, a - 1, -1):
        if doc[i].text in (",", "(", "—", "–", "--", ";", ":"):
            a = i + 1
            break
    while a < tok.i and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > tok.i + 1 and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return a, b


def name_token(tok):
    """The token to resolve: a proper-name apposition of a description, else the head itself."""
    if tok.pos_ not in ("PROPN", "PRON") or tok.ent_type_ == "GPE":
        for c in tok.children:
            if c.dep_ == "appos" and (c.pos_ == "PROPN" or (c.pos_ == "NOUN" and tok.ent_type_ == "GPE")):
                return c
    return tok


def make_ref(doc, tok, index, body: str, limit: tuple[int, int] | None = None) -> Ref:
    a, b = speaker_range(tok)
    if limit is not None:  # keep the phrase inside [limit) tokens (e.g. left of a headline colon)
        a, b = max(a, limit[0]), min(b, limit[1])
        if b <= a:
            a, b = tok.i, tok.i + 1
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    actor = None
    if index is not None and len(index):
        found = index.token(name_token(tok)) or index.token(tok) or index.at(start, end)
        actor = found.id if found is not None else None
    return Ref(text=body[start:end], span=(start, end), actor=actor)


def pronoun_fallback(ref: Ref, tok, previous: list, index) -> Ref:
    """A pronoun speaker the actors stage left unresolved takes the latest compatible earlier speaker."""
    if ref.actor is not None or tok is None or tok.pos_ != "PRON":
        return ref
    allowed = PRONOUN_TYPES.get(tok.text.lower())
    if not allowed:
        return ref
    for prev in reversed(previous):
        if prev is None or prev.actor is None:
            continue
        actor = index.get(prev.actor) if index is not None else None
        if actor is not None and actor.type in allowed:
            return Ref(text=ref.text, span=ref.span, actor=actor.id)
        if actor is not None:
            continue
    return ref


_DEFINITE = frozenset({"the", "this", "that"})


def _nominal(actor) -> bool:
    """An actor known only by a description ("former secretary", "minister"): no capitalised word."""
    return not any(w[:1].isupper() for w in actor.name.split())


def nominal_fallback(ref: Ref, tok, previous: list, index, lex) -> Ref:
    """A definite description of one person as the speaker ("the minister said", "the former secretary of
    state said") that the actors stage left unresolved, or resolved only to a description, refers to the
    latest earlier speaker who is a named person: news prose names a speaker, then describes them."""
    if tok is None or tok.pos_ != "NOUN" or tok.tag_ != "NN" or index is None or not len(index):
        return ref
    if tok.lemma_.lower() not in lex.speaker_nouns or not any(c.lower_ in _DEFINITE for c in tok.children):
        return ref
    current = index.get(ref.actor) if ref.actor else None
    if current is not None and not _nominal(current):
        return ref
    for prev in reversed(previous):
        actor = index.get(prev.actor) if prev is not None and prev.actor else None
        if actor is not None and actor.type == "person" and not _nominal(actor):
            return Ref(text=ref.text, span=ref.span, actor=actor.id)
    return ref


def is_outlet(tok, index, lex) -> bool:
    """True when ``tok`` names a news outlet (an actor of sector MED, or a known outlet name)."""
    if tok is None:
        return False
    if index is not None and len(index):
        a = index.token(tok)
        if a is not None and a.sector == "MED":
            return True
    a, b = speaker_range(tok)
    text = tok.doc[a:b].text.lower()
    return text in lex.outlets or tok.text.lower() in lex.outlets


def animate(tok, index, lex) -> bool:
    """Can ``tok`` head a speaker? Pronouns, names, actors and people/institution nouns can."""
    if tok is None:
        return False
    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if index is not None and len(index) and index.token(tok) is not None:
        return True
    lem = tok.lemma_.lower()
    if lem in lex.speaker_nouns or lem in lex.speech_nouns:
        return True
    # "Tehran's announcement of …, added": an abstract nominalisation cannot speak; other nouns can
    return tok.pos_ == "NOUN" and not lem.endswith(_ABSTRACT)


_ABSTRACT = ("ment", "tion", "sion", "ance", "ence", "ness", "ity", "ing")
