"""Reported speech over the dependency parse: a cue word and the clause it governs.

A *candidate* is (cue token, relation, content token range): for every verb, noun or
adjective, the subtree of a complement child (``ccomp``, ``xcomp``, ``dobj``, the object
of a preposition ``prep:about``, ``acl`` of a noun, …) or, for an inverted or parenthetical
cue ("…, officials said." / "according to X, …"), the clause it hangs from minus the cue's
own subtree (``HEAD:parataxis``, ``HEAD:prep``, …). Which (lemma, relation) pairs are
attributions is data: ``dateline/lexicons/quote_cues.tsv`` (each row's precision on the development
part of PolNeAR train) and the logistic check of ``model.py`` (``quote_model.tsv``), both written by
``scripts/learn_quotes.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dateline.extract.syntax import agent_of, subject_of  # noqa: F401 - subject_of re-exported

CHILD_RELS = frozenset(
    {"ccomp", "xcomp", "dobj", "prep", "advcl", "acomp", "attr", "oprd", "acl", "relcl", "parataxis", "conj"}
)
HEAD_RELS = frozenset({"parataxis", "ccomp", "advcl", "conj", "prep", "relcl"})
_SMALL_CLAUSE = frozenset({"oprd", "xcomp", "ccomp", "acomp"})
CUE_POS = frozenset({"VERB", "NOUN", "AUX", "ADJ", "ADP"})
_CLOSERS = set("\"”’'»")


_MARKS = frozenset("\"'“”‘’«»„‹›")


def trim(doc, a: int, b: int, openers: frozenset | set | None = None) -> tuple[int, int]:
    """Drop leading punctuation/space and trailing punctuation (but keep closing quote marks).

    A leading quote mark is kept only when the mark scanner opened a quotation there (its character
    offset is in ``openers``): the previous paragraph's closing mark never starts a content span.
    """
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].text in _MARKS):
        if openers is None and doc[a].text in ("“", '"', "‘", "«"):
            break  # no scanner at hand (the learner): keep any opening-looking mark
        if openers is not None and doc[a].idx in openers:
            break
        a += 1
    while b > a and (doc[b - 1].is_space or (doc[b - 1].is_punct and doc[b - 1].text not in _CLOSERS)):
        b -= 1
    return a, b


def clip(doc, a: int, b: int, lo: int, hi: int, openers=None) -> tuple[int, int]:
    """The token range [a, b) cut to the characters [lo, hi) (a paragraph, the text after the dateline)."""
    while a < b and doc[a].idx < lo:
        a += 1
    while b > a and doc[b - 1].idx + len(doc[b - 1].text) > hi:
        b -= 1
    return trim(doc, a, b, openers)


def char_span(doc, a: int, b: int) -> tuple[int, int] | None:
    if b <= a:
        return None
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


def lemma(tok) -> str:
    return tok.lemma_.lower()


def candidates(doc, openers=None) -> Iterator[tuple[object, str, int, int]]:
    """(cue token, relation, start token, end token) for every structural candidate.

    ``openers``: character offsets of opening quote marks (``marks``); None keeps every
    leading mark (the learner's behaviour)."""
    for t in doc:
        if t.pos_ not in CUE_POS:
            continue
        for c in t.children:
            dep = c.dep_
            if dep not in CHILD_RELS:
                continue
            if dep == "prep":
                objs = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                if not objs:
                    continue
                o = objs[0]
                a, b = o.left_edge.i, o.right_edge.i + 1
                rel = "prep:" + c.text.lower()
            else:
                a, b = c.left_edge.i, c.right_edge.i + 1
                rel = dep
            if c.i < t.i:
                rel += "<"
            a, b = trim(doc, a, b, openers)
            if b > a:
                yield t, rel, a, b
        objs = [c for c in t.children if c.dep_ == "dobj"]
        comps = [c for c in t.children if c.dep_ in _SMALL_CLAUSE or (c.dep_ == "prep" and c.lower_ == "as")]
        if objs and comps and comps[-1].i > objs[0].i:
            # "called it 'predatory'", "described the talks as useful": the object with what is said of it
            k = comps[-1]
            a, b = trim(doc, objs[0].left_edge.i, k.right_edge.i + 1, openers)
            if b > a:
                yield t, "dobj+" + (k.dep_ if k.dep_ != "prep" else "as"), a, b
        if t.lemma_.lower() == "accord" and any(c.dep_ == "prep" and c.lower_ == "to" for c in t.children):
            # "according to X": the rest of the sentence, wherever the phrase sits in it
            s0, s1 = _para_sent(doc, t)
            ta, tb = t.left_edge.i, t.right_edge.i + 1
            a, b = (tb, s1) if ta <= s0 + 1 else (s0, ta) if tb >= s1 - 1 else (s0, s1)
            a, b = trim(doc, a, b, openers)
            if b > a:
                yield t, "ACCORDING", a, b
        h = t.head
        if t.dep_ in HEAD_RELS and h.i != t.i:
            a, b = trim(doc, h.left_edge.i, h.right_edge.i + 1, openers)  # (the final stop is no middle)
            ta, tb = t.left_edge.i, t.right_edge.i + 1
            rel = "HEAD:" + t.dep_
            if ta <= a:
                a = tb
            elif tb >= b:
                b = ta
            else:  # "The golf industry, she said, is doing better": the clause around the cue
                rel += "~mid"
            a, b = trim(doc, a, b, openers)
            if b > a:
                yield t, rel, a, b


def clipped_candidates(doc, paras, para_of, lo: int = 0, openers=None) -> Iterator[tuple[object, str, int, int]]:
    """``candidates`` with every content clipped to its cue's paragraph and to the text after ``lo``
    (the dateline): what the extractor scores, and what the learner learns from."""
    for t, rel, a, b in candidates(doc, openers):
        if t.idx < lo:
            continue
        plo, phi = paras[para_of(paras, t.idx)]
        a, b = clip(doc, a, b, max(plo, lo), phi, openers)
        if b > a:
            yield t, rel, a, b


def cue_subject(t):
    """Who the cue ``t`` attributes to: the possessor of a noun ("his claim"), the object of "according
    to", else the verb's subject."""
    if t.lemma_.lower() == "accord":
        objs = [o for c in t.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
        return objs[0] if objs else None
    if t.pos_ == "NOUN":
        return poss_of(t)
    return subject_of(t)


def _para_sent(doc, t) -> tuple[int, int]:
    """The token range of ``t``'s sentence cut to its paragraph (a parsed sentence may cross a break)."""
    s0, s1 = t.sent.start, t.sent.end
    for i in range(t.i - 1, s0 - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            s0 = i + 1
            break
    for i in range(t.i, s1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            s1 = i + 1 if "\n" in doc[i].whitespace_ else i
            break
    return s0, s1


def quote_frame(t):
    """``X quoted Y as saying`` / ``Y was quoted by X as saying``: (Y, X or None, the quote verb) when
    ``t`` is the ``saying`` or the ``quoted`` of such a frame, else None."""
    if lemma(t) == "say" and t.dep_ == "pcomp" and t.head.lower_ == "as":
        v = t.head.head
    elif lemma(t) in ("quote", "cite") and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(lemma(x) == "say" for x in c.children) for c in t.children
    ):
        v = t
    else:
        return None
    if v.pos_ != "VERB" or lemma(v) not in ("quote", "cite"):
        return None
    kids = {c.dep_: c for c in v.children}
    if "dobj" in kids:
        return kids["dobj"], kids.get("nsubj"), v
    if "nsubjpass" in kids:
        return kids["nsubjpass"], agent_of(v), v
    return None


def poss_of(t):
    """The possessor of a reporting noun: "his statement", "Trump's claim"."""
    for c in t.children:
        if c.dep_ == "poss":
            return c
    for c in t.children:
        if c.dep_ == "prep" and c.text.lower() in ("by", "from", "of"):
            for o in c.children:  # "the suggestion by a potential president", "a statement from his ministry"
                named = o.pos_ in ("PROPN", "PRON") or o.ent_type_
                if o.dep_ == "pobj" and (named or (o.pos_ == "NOUN" and c.lower_ in ("by", "from"))):
                    return o
    return None
