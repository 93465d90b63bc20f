"""The word lists and sense requirements the event checks read (``lexicons/event_checks.tsv`` and
``event_senses.tsv``): loaded once, shared by ``verify`` and ``senses`` and the learned check."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dateline.errors import DatelineError
from dateline.tsv import LEXICONS, read_tsv

CASED_LISTS = ("political_sector", "needs_target")  # lists of codes, kept as written


@dataclass(frozen=True)
class Checks:
    lists: dict  # list name -> frozenset of words
    senses: dict  # lemma -> tuple of requirements

    def has(self, name: str, word: str | None) -> bool:
        return word is not None and word in self.lists.get(name, ())


@functools.lru_cache(maxsize=1)
def get_checks() -> Checks:
    lists: dict[str, set] = {}
    for n, cols in read_tsv(LEXICONS / "event_checks.tsv", min_cells=2, header="list"):
        if not cols[1].strip():
            raise DatelineError("E500", f"event_checks.tsv:{n}: expected 'list<TAB>word'", "fix the line")
        word = cols[1].strip()
        lists.setdefault(cols[0].strip(), set()).add(word if cols[0] in CASED_LISTS else word.lower())
    senses = {}
    for n, cols in read_tsv(LEXICONS / "event_senses.tsv", min_cells=2, header="lemma"):
        if not cols[1].strip():
            raise DatelineError("E500", f"event_senses.tsv:{n}: expected 'lemma<TAB>needs'", "fix the line")
        senses[cols[0].strip().lower()] = tuple(x.strip() for x in cols[1].split(",") if x.strip())
    return Checks(lists={k: frozenset(v) for k, v in lists.items()}, senses=senses)
