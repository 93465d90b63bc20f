"""Name keys shared by the actor dictionary (``dictionary``) and the store's cross-article identity
(``dateline.store.identity``), so both compare names the same way.

``normalize_name``: casefolded, accent-free, punctuation-free, without leading honorifics
(``dateline/store/honorifics.txt``) or the given titles. ``name_key``: each word folded for
transliteration (Baqeri/Bagheri, Sergei/Sergey, Nicolai/Nikolai). ``surname_key``: the folded
last word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from importlib import resources

from dateline.tsv import LEXICONS, read_tsv

_PUNCT = re.compile(r"[^\w\s]")
_APOS = re.compile(r"[\u2019'`\u00b4\u02bc]s\b")
_WS = re.compile(r"\s+")
_DOUBLE = re.compile(r"(.)\1+")
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Transliteration folds applied in order to each word (Persian/Arabic/Russian romanisations).
_FOLDS = (
    ("dzh", "j"), ("zh", "j"), ("kh", "k"), ("gh", "g"), ("q", "g"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("c", "k"), ("x", "ks"), ("w", "v"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("ey", "i"), ("iy", "i"), ("y", "i"), ("ie", "i"), ("ei", "i"),
)


@functools.cache
def honorifics() -> tuple[str, ...]:
    text = (resources.files("dateline.store") / "honorifics.txt").read_text("utf-8")
    words = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return tuple(sorted(words, key=lambda w: -len(w)))  # longest first: "grand ayatollah" before "ayatollah"


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def normalize_plain(s: str) -> str:
    s = strip_accents(s).casefold()
    return _WS.sub(" ", _PUNCT.sub(" ", s)).strip()


def normalize_name(name: str, titles: Iterable[str] = ()) -> str:
    """Casefolded, accent-free, punctuation-free name without leading honorifics or titles."""
    s = strip_accents(name).casefold()
    s = _APOS.sub("", s)
    s = _WS.sub(" ", _PUNCT.sub(" ", s)).strip()
    titles = [t for t in (normalize_plain(t) for t in titles) if t]
    firsts = _honorific_firsts()
    if not titles and s.split(" ", 1)[0] not in firsts:
        return s
    drops = sorted(titles, key=len, reverse=True) + list(honorifics())
    changed = True
    while changed:
        changed = False
        for t in drops:
            if s.startswith(t + " ") and len(s) > len(t) + 1:
                s = s[len(t) + 1 :]
                changed = True
    return s


@functools.cache
def _honorific_firsts() -> frozenset[str]:
    return frozenset(h.split(" ", 1)[0] for h in honorifics())


@functools.lru_cache(maxsize=200_000)
def fold_word(w: str) -> str:
    if w.startswith("ye") and len(w) > 3:  # Yevgeny/Evgeni
        w = w[1:]
    for a, b in _FOLDS:
        if a in w:
            w = w.replace(a, b)
    return _DOUBLE.sub(r"\1", w)


@functools.cache
def hypocorisms() -> dict[str, str]:
    """Short given name -> its full form ("tim" -> "timothy"; ``actor_hypocorisms.tsv``)."""
    out: dict[str, str] = {}
    for _, (full, shorts, *_rest) in read_tsv(LEXICONS / "actor_hypocorisms.tsv", min_cells=2):
        out.update({s.strip(): full.strip() for s in shorts.split("|") if s.strip()})
    return out


def full_given(word: str) -> str:
    """A given name's full form: "tim" -> "timothy"; other words unchanged."""
    return hypocorisms().get(word, word)


def name_key(norm: str) -> str:
    """The transliteration key of a normalised name: words folded (see ``_FOLDS``); the given name of
    a name of two or more words in its full form ("tim morrison" keys as "timothy morrison")."""
    words = norm.split()
    if len(words) > 1:
        words[0] = full_given(words[0])
    return " ".join(fold_word(w) for w in words)


def surname_key(norm: str) -> str | None:
    words = norm.split()
    return fold_word(words[-1]) if words else None


def printed_surname(name: str, norm: str) -> str:
    """The normalised surname as printed: the name's last written word, a hyphenated one whole
    ("Ben Murray-Bruce" -> "murray bruce"), when the normalised name ends with it; else the last
    normalised word ("Patrick Carlineo Jr" -> "carlineo")."""
    words = name.split()
    while len(words) > 1 and normalize_name(words[-1]) in _SUFFIXES:  # "Jr", "III"
        words.pop()
        norm = norm.rsplit(" ", 1)[0] if " " in norm else norm
    last = normalize_name(words[-1]) if words else ""
    if last and (norm == last or norm.endswith(" " + last)):
        return last
    return norm.split()[-1] if norm else ""


def is_surname_only(name: str, norm: str) -> bool:
    """One written word after honorifics and titles: "Putin", "Mr. Lavrov", "Murray-Bruce"."""
    return bool(norm) and norm == printed_surname(name, norm)


def person_surname_key(name: str, norm: str) -> str | None:
    """The surname key of a full name, a hyphenated surname whole ("murai bruke"); None for a
    surname-only name (its name key is the surname)."""
    if not norm or is_surname_only(name, norm):
        return None
    return name_key(printed_surname(name, norm))


def first_last_key(norm: str) -> str | None:
    """Given name and surname of a name of two or more words, suffixes dropped, the given name in
    its full form ("owen john dempsey", "james p kennedy jr" -> "ovin dempsi", "james kenedi")."""
    words = norm.split()
    while len(words) > 2 and words[-1] in _SUFFIXES:
        words.pop()
    if len(words) < 2:
        return None
    return " ".join(fold_word(w) for w in (full_given(words[0]), words[-1]))


def short_key(norm: str) -> str | None:
    """First and last word of a name of three or more words, single letters dropped ("george w bush"
    -> "george bush", "vladimir vladimirovich putin" -> "vladimir putin"), as a transliteration key."""
    words = [w for w in norm.split() if len(w) > 1]
    return name_key(f"{words[0]} {words[-1]}") if len(words) >= 3 or len(words) < len(norm.split()) else None
