"""Fixed development / held-back splits of every gold set.

One record in five of each set is *held back*: the project never reads it while tuning rules,
lexicons or models, and ``make eval`` scores it beside the development part so a gap between the
two shows memorising. Membership is a pure function of the corpus name and the record's key (a
GSR record id, a PolNeAR document name, a plv sentence's text), so it never changes when a file
is re-ordered and duplicate sentences fall on the same side.

    from dateline.evaluation.splits import is_held_back, split_of
    split_of("plv", sentence)   # "dev" or "held"

Scripts that tune or train (``scripts/``) must call ``development(...)`` on their inputs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

HELD_EVERY = 5  # one in five


def is_held_back(corpus: str, key: str) -> bool:
    digest = hashlib.sha256(f"{corpus}\x00{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % HELD_EVERY == 0


def split_of(corpus: str, key: str) -> str:
    return "held" if is_held_back(corpus, key) else "dev"


def development(corpus: str, items: Iterable, key: Callable) -> list:
    """The items a tuning or training script may read: the held-back ones removed."""
    return [x for x in items if not is_held_back(corpus, key(x))]


def held_back(corpus: str, items: Iterable, key: Callable) -> list:
    return [x for x in items if is_held_back(corpus, key(x))]
