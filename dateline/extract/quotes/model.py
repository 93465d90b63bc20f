"""The learned check on reported-speech candidates: is this (cue, clause) an attribution?

``indirect.candidates`` proposes, for every cue word, the clauses it may govern; this module
describes each candidate by a few dozen sparse features (the cue's lemma and relation, its
subject, whether it sits inside a quotation or inside another reported clause, the shape of
the clause, …) and scores it with a logistic model whose weights are data:
``dateline/lexicons/quote_model.tsv``, trained on the development part of PolNeAR train by
``scripts/learn_quotes.py`` (the held-back fifth is never read). Scoring is a dictionary
look-up per feature, so it costs next to nothing beside the parse.
"""

from __future__ import annotations

import bisect
import functools
import math
from dataclasses import dataclass

from dateline.extract.quotes.lexicon import LEX
from dateline.extract.syntax import SUBJ

MODEL_FILE = "quote_model.tsv"
_FIRST_WORDS = frozenset(
    "that to if whether how what why who when where the a an his her their its it he she they we i you "
    "this there not no".split()
)
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_MARKS = frozenset("\"“”«»")


@dataclass(frozen=True)
class CueModel:
    weights: dict
    bias: float
    threshold: float

    def prob(self, feats) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The shipped model, or None when the file is absent (the rule thresholds then apply)."""
    path = LEX / MODEL_FILE
    if not path.exists():
        return None
    weights, bias, threshold = {}, 0.0, 0.5
    for line in path.read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, value = line.rpartition("\t")
        if name == "__bias__":
            bias = float(value)
        elif name == "__threshold__":
            threshold = float(value)
        elif name:
            weights[name] = float(value)
    return CueModel(weights, bias, threshold)


class DocContext:
    """Per-document facts the features read: where quotations are, which tokens report speech."""

    def __init__(self, doc, quoted_spans, verbs):
        self.doc = doc
        spans = sorted(quoted_spans)
        self._starts = [s for s, _ in spans]
        self._spans = spans
        self.verbs = verbs

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._spans[i][0] <= pos < self._spans[i][1]


def _subject_kind(s) -> str:
    if s is None:
        return "none"
    low = s.lower_
    if low in _FIRST_PERSON:
        return "first"
    if low == "you":
        return "you"
    if s.pos_ == "PRON":
        return "pron"
    if s.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return s.ent_type_.lower()
    return s.pos_.lower()


def _len_bucket(n: int) -> str:
    for lim in (1, 2, 4, 8, 16, 32):
        if n <= lim:
            return str(lim)
    return "more"


def _inside_reported(t, verbs) -> bool:
    """Is ``t`` inside the complement clause of a reporting verb (speech within speech)?"""
    cur, steps = t, 0
    while cur.head.i != cur.i and steps < 6:
        if cur.dep_ in ("ccomp", "xcomp") and cur.head.lemma_.lower() in verbs:
            return True
        cur, steps = cur.head, steps + 1
    return False


def features(t, rel: str, a: int, b: int, subj, ctx: DocContext) -> list[str]:
    """Sparse features of the candidate: cue token ``t``, relation ``rel``, clause tokens ``[a, b)``."""
    doc = ctx.doc
    lem, pos = t.lemma_.lower(), t.pos_
    base = rel.rstrip("<")
    sk = _subject_kind(subj)
    f = [f"R:{lem}|{pos}|{rel}", f"L:{lem}", f"Rel:{rel}", f"P:{pos}", f"T:{t.tag_}", f"D:{t.dep_}",
         f"S:{sk}", f"RS:{base}|{sk}", f"LS:{lem}|{sk}"]
    if ctx.in_quote(t.idx):
        f += ["Q", f"Q:{base}", f"QS:{sk}"]
    if _inside_reported(t, ctx.verbs):
        f += ["Anc", f"Anc:{base}"]
    for c in t.children:
        if c.dep_ == "neg":
            f.append("Neg")
        elif c.tag_ == "MD":
            f.append(f"M:{c.lower_}")
    n = b - a
    f += [f"N:{_len_bucket(n)}", f"RN:{base}|{_len_bucket(n)}"]
    first = doc[a].lower_
    f.append(f"F:{first if first in _FIRST_WORDS else 'other'}")
    f.append(f"RF:{base}|{first if first in _FIRST_WORDS else 'other'}")
    root = next((doc[i] for i in range(a, b) if not (a <= doc[i].head.i < b) or doc[i].head.i == i), None)
    if root is not None:
        f += [f"CR:{root.pos_}", f"CE:{root.ent_type_ or '-'}", f"RCR:{base}|{root.pos_}", f"LCR:{lem}|{root.pos_}"]
        f.append(f"CT:{root.tag_}")
        if any(c.dep_ in SUBJ for c in root.children):
            f.append("CS")
    if any(doc[i].text in _MARKS for i in range(a, b)):
        f.append("CQ")
    if t.i < a:
        f.append("Before")
    elif t.i >= b:
        f.append("After")
    fw = first if first in _FIRST_WORDS else "other"
    f += [f"LF:{lem}|{fw}", f"LN:{lem}|{_len_bucket(n)}", f"LD:{lem}|{t.dep_}", f"LT:{lem}|{t.tag_}"]
    if "Q" in f:
        f.append(f"LQ:{lem}")
    if t.dep_ in ("xcomp", "ccomp", "advcl", "conj", "pcomp") and t.head.i != t.i:
        f.append(f"H:{t.head.lemma_.lower()}|{t.dep_}")
    return f
