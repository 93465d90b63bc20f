"""The quote lexicons, read once per process from ``dateline/lexicons/``."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from dateline.tsv import LEXICONS, read_tsv

LEX = LEXICONS

# Without the learned model (quote_model.tsv absent), rules whose train precision is below this are not used;
# with it, the model's own threshold applies (docs/quotes.md).
RULE_THRESHOLD = 0.3


@dataclass(frozen=True)
class QuoteLexicons:
    verbs: frozenset[str]  # reporting verb lemmas
    nouns: frozenset[str]  # reporting noun lemmas (learned + curated speech nouns)
    rules: dict  # (lemma, pos, relation) -> precision on train
    relay_verbs: frozenset[str]
    frames: tuple[tuple[str, ...], ...]  # "according to" forms, as lower-case word tuples
    outlets: frozenset[str]  # outlet names and aliases (from the actors' outlets.tsv)
    speaker_nouns: frozenset[str]  # nouns that can name a speaker (the actors' actor_nouns.tsv)
    speech_nouns: frozenset[str]  # "statement", "interview", … (quote_relay.tsv)
    not_speech: dict = field(default_factory=dict)  # (lemma, relation or "*") -> "drop" | "clause"

    def excluded(self, lemma: str, rel: str) -> str | None:
        """The action of ``quote_not_speech.tsv`` for a learned rule (lemma, relation), if any."""
        return self.not_speech.get((lemma, rel)) or self.not_speech.get((lemma, "*"))


def _rows(name: str, min_cells: int = 1, header: str | None = None):
    """The rows of an optional quote lexicon (a missing file reads as empty)."""
    return (cells for _, cells in read_tsv(LEX / name, min_cells=min_cells, header=header, missing_ok=True))


@functools.lru_cache(maxsize=1)
def lexicons() -> QuoteLexicons:
    verbs = {r[0] for r in _rows("reporting_verbs.txt")}
    nouns = {r[0] for r in _rows("reporting_nouns.txt")}
    rules = {}
    for r in _rows("quote_cues.tsv", 4, header="lemma"):
        rules[(r[0], r[1], r[2])] = float(r[3])
    relay, frames, speech = set(), [], set()
    for r in _rows("quote_relay.tsv", 2):
        if r[0] == "relay_verb":
            relay.add(r[1])
        elif r[0] == "frame":
            frames.append(tuple(r[1].lower().split()))
        elif r[0] == "speech_noun":
            nouns.add(r[1])
            speech.add(r[1])
    outlets = set()
    for r in _rows("outlets.tsv"):
        if len(r) >= 2:
            outlets.add(r[1].lower())
        if len(r) >= 4:
            outlets.update(a.lower() for a in r[3].split("|") if a)
    speaker_nouns = {r[0] for r in _rows("actor_nouns.tsv", 3) if r[2] != "mod"}
    speaker_nouns.update(
        {"source", "spokesman", "spokeswoman", "spokesperson", "aide", "official", "statement"}
    )
    not_speech = {
        (r[0], r[1]): r[2] for r in _rows("quote_not_speech.tsv", 3, header="lemma")
    }
    # the core verbs of attribution are always reporting verbs
    verbs.update({"say", "add", "tell", "state", "report"})
    return QuoteLexicons(
        verbs=frozenset(verbs),
        nouns=frozenset(nouns),
        rules=rules,
        relay_verbs=frozenset(relay),
        frames=tuple(sorted(frames, key=len, reverse=True)),
        outlets=frozenset(outlets),
        speaker_nouns=frozenset(speaker_nouns),
        speech_nouns=frozenset(speech),
        not_speech=not_speech,
    )
