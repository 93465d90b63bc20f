"""The learned check: is this trigger a political event, and of which PLOVER type?

A multinomial logistic regression over one candidate trigger at a time (17 classes: the 16 PLOVER
types and NONE). Its features are what the rules already know about the candidate — the trigger's
lemma and pattern, the type the rules coded, its grammatical frame (dependency label, objects,
prepositions, complement), who the source and target are (actor type, sector, country), the
modality, the verification verdict — plus the parser's own contextual vector of the trigger word
(spaCy's ``tok2vec`` output, ``doc.tensor``) and of its sentence.

The model is data: ``dateline/lexicons/event_model.npz`` (weights) and ``event_model.json`` (its
provenance, training data, thresholds and scores), trained by ``scripts/train_event_model.py`` on
the development parts of the shared gold sentences and on dateline's own annotations of real
articles (``eval/annotations/``). No download, no new dependency at run time (numpy comes with
spaCy). The rules stay the fallback: without the model file the coder runs on rules alone.

How the coder uses it (thresholds in the model's JSON): a verified candidate the model calls NONE
with high probability is dropped — with a higher bar when the rules are sure of it (``strong``:
dateline's own pattern and a political source); one the model confidently gives another type is retyped; a
candidate the rules refused on a soft check (sense, source) is kept when the model is confident of
the rules' type. Each event carries the model's probability of its type in ``rule.score``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dateline.extract.events.aspect import habitual
from dateline.extract.events.checks import get_checks
from dateline.extract.events.verify import political

LEXICONS = Path(__file__).resolve().parents[2] / "lexicons"
MODEL = LEXICONS / "event_model.npz"
META = LEXICONS / "event_model.json"
NONE = "NONE"
DENSE = 96  # width of the tok2vec vectors used (trigger and sentence mean)


def _actor_feats(prefix: str, args, out: dict) -> None:
    known = [a for a in args if a.known or a.proper or a.people]
    if not known:
        out[f"{prefix}=none"] = 1.0
        return
    a = known[0]
    if a.actor is not None:
        out[f"{prefix}_type={a.actor.type}"] = 1.0
        out[f"{prefix}_sector={a.actor.sector or '-'}"] = 1.0
        out[f"{prefix}_country={'yes' if a.actor.country else 'no'}"] = 1.0
    elif a.country:
        out[f"{prefix}=country-word"] = 1.0
    elif a.people:
        out[f"{prefix}=people-noun"] = 1.0
    else:
        out[f"{prefix}=proper-name"] = 1.0
    if len(known) > 1:
        out[f"{prefix}=several"] = 1.0


def _aspect_feats(cand, out: dict) -> None:
    """The clause's aspect cues (extract/events/aspect.py) and a source who is a private person."""
    tok = cand.trig.tok
    chain = [tok, *list(tok.ancestors)[:2]]
    if cand.trig.kind in ("verb", "light") and habitual(chain, get_checks()) is not None:
        out["aspect=habitual"] = 1.0
    if (cand.verdict.reason or "").startswith("stance"):
        out["aspect=stance"] = 1.0
    for a in cand.sources[:1]:
        if a.actor is not None and a.actor.type == "person" and not a.actor.sector and not a.actor.titles:
            out["src=person-no-role"] = 1.0


def features(cand) -> dict[str, float]:
    """Sparse features of one candidate (``coder.Candidate``)."""
    trig, tok = cand.trig, cand.trig.tok
    p = trig.pattern
    f: dict[str, float] = {
        "bias": 1.0,
        f"lemma={tok.lemma_.lower()}": 1.0,
        f"pattern={p.kind}:{p.pattern}": 1.0,
        f"kind={trig.kind}": 1.0,
        f"rule_type={cand.rule_type}": 1.0,
        f"rule_cameo={cand.rule_cameo[:2]}": 1.0,
        f"coded={cand.type}": 1.0,
        f"dep={tok.dep_}": 1.0,
        f"tag={tok.tag_}": 1.0,
        f"mod={cand.mod.modality}": 1.0,
        f"neg={cand.mod.negated}": 1.0,
        f"verdict={cand.verdict.reason.split(':')[0] if cand.verdict.reason else 'ok'}": 1.0,
    }
    if tok.head.i != tok.i:
        f[f"head={tok.head.lemma_.lower()}"] = 1.0
        f[f"head_dep={tok.head.dep_}"] = 1.0
    if trig.obj is not None:
        f[f"light_obj={trig.obj.lemma_.lower()}"] = 1.0
    for sp in trig.sub_patterns or ():
        f[f"sub={sp.type}"] = 1.0
    if trig.speaker is not None:
        f["reported"] = 1.0
    if trig.request:
        f["request_clause"] = 1.0
    if cand.quote is not None:
        f["in_quote"] = 1.0
        if cand.quote.kind == "direct":
            f["in_direct_quote"] = 1.0
    _aspect_feats(cand, f)
    for c in tok.children:
        f[f"child={c.dep_}"] = 1.0
        if c.dep_ in ("dobj", "attr", "xcomp", "ccomp", "acomp", "dative", "prt", "nsubjpass"):
            f[f"{c.dep_}={c.lemma_.lower()}"] = 1.0
            if c.ent_type_:
                f[f"{c.dep_}_ent={c.ent_type_}"] = 1.0
        elif c.dep_ in ("prep", "agent"):
            f[f"prep={c.lower_}"] = 1.0
            for g in c.children:
                if g.dep_ == "pobj":
                    f[f"prep_obj={c.lower_}:{g.lemma_.lower()}"] = 1.0
                    if g.ent_type_:
                        f[f"prep_ent={c.lower_}:{g.ent_type_}"] = 1.0
        elif c.dep_ in ("nsubj", "nsubjpass"):
            f[f"subj_ent={c.ent_type_ or '-'}"] = 1.0
            f[f"subj_pos={c.pos_}"] = 1.0
    _actor_feats("src", cand.sources, f)
    _actor_feats("tgt", cand.targets, f)
    origin = getattr(p, "origin", "") or ""
    f[f"origin={'dictionary' if origin.startswith('CAMEO') else 'own'}"] = 1.0
    f[f"root={tok.dep_ == 'ROOT'}"] = 1.0
    f[f"checks={len(cand.verdict.checks)}"] = 1.0
    for a in cand.sources[:1]:
        if a.actor is not None:
            f[f"src_ref={'yes' if getattr(a.actor, 'ref', None) else 'no'}"] = 1.0
        if a.text.lower() in ("he", "she", "they", "it", "we", "i", "you"):
            f["src_pronoun"] = 1.0
    if cand.sources and cand.targets:
        f["dyad"] = 1.0
    for t in cand.sent:
        if t.pos_ in ("NOUN", "VERB", "ADJ") and not t.is_stop:
            f[f"w={t.lemma_.lower()}"] = 0.3
    return f


def strong(cand) -> bool:
    """A candidate the rules are sure of: one of dateline's own patterns with a political source
    ("Israel struck Gaza", "militants attacked the base"). The learned check drops these only when it is
    very sure (``drop_strong``)."""
    origin = getattr(cand.trig.pattern, "origin", "") or ""
    if origin.startswith("CAMEO"):
        return False
    checks = get_checks()
    return any(a.known and political(a, checks) for a in cand.sources)


def dense(cand) -> np.ndarray:
    """The trigger's tok2vec vector and its sentence's mean (zeros when the parser gave none)."""
    doc = cand.trig.tok.doc
    tensor = getattr(doc, "tensor", None)
    if tensor is None or getattr(tensor, "shape", (0,))[0] != len(doc) or tensor.shape[1] < DENSE:
        return np.zeros(2 * DENSE, dtype=np.float32)
    sent = cand.sent
    return np.concatenate([tensor[cand.trig.tok.i, :DENSE], tensor[sent.start:sent.end, :DENSE].mean(axis=0)])


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    index: dict  # feature name -> row
    weights: np.ndarray  # (n_sparse + 2*DENSE, n_classes)
    bias: np.ndarray
    scale: np.ndarray  # standardisation of the dense part (mean, std) applied before the weights
    shift: np.ndarray
    thresholds: dict

    def probabilities(self, cand) -> dict[str, float]:
        feats = features(cand)
        n_sparse = len(self.index)
        logits = self.bias.copy()
        for name, value in feats.items():
            row = self.index.get(name)
            if row is not None:
                logits += value * self.weights[row]
        d = (dense(cand) - self.shift) / self.scale
        logits += d @ self.weights[n_sparse:]
        logits -= logits.max()
        probs = np.exp(logits)
        probs /= probs.sum()
        return dict(zip(self.classes, probs.tolist(), strict=True))


@functools.lru_cache(maxsize=1)
def get_model() -> Model | None:
    """The shipped model, or None when the package has none (rules alone)."""
    if not MODEL.exists() or not META.exists():
        return None
    meta = json.loads(META.read_text("utf-8"))
    with np.load(MODEL, allow_pickle=False) as z:
        weights, bias = z["weights"].astype(np.float32), z["bias"].astype(np.float32)
        shift, scale = z["shift"].astype(np.float32), z["scale"].astype(np.float32)
    names = meta["features"]
    return Model(classes=tuple(meta["classes"]), index={n: i for i, n in enumerate(names)}, weights=weights,
                 bias=bias, shift=shift, scale=scale, thresholds=meta["thresholds"])
