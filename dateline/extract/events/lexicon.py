"""Load the event ontology, CAMEO tables, trigger patterns and modality word lists (once per process).

All of it is data in ``dateline/lexicons/``: ``plover_ontology.json``, ``cameo_goldstein.tsv``,
``cameo2plover.tsv``, the pattern files and ``modality_*.txt``. Patterns are read in this order,
later lines winning for the same key: ``event_cameo.tsv.gz`` (the PETRARCH2 CAMEO verb dictionary,
converted by scripts/build_event_dictionary.py), ``event_patterns.tsv`` (dateline's own), then
every file named in the ``event_patterns`` setting (paths separated by ``os.pathsep``; passed in by
the caller, from the config), in the same format (see
docs/events.md). Every pattern keeps its ``origin`` (file and line) so an event can say which
entry fired.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from dateline.errors import DatelineError
from dateline.tsv import LEXICONS, read_tsv

KINDS = ("verb", "light", "noun", "judge")
DICTIONARY = "event_cameo.tsv.gz"  # the PETRARCH2 CAMEO verb dictionary, converted (scripts/build_event_dictionary.py)
BUNDLED = (DICTIONARY, "event_patterns.tsv")  # the dictionary first: our own lines win


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str
    pattern: str
    type: str
    mode: str | None
    cameo: str
    frame: bool = False
    stative: bool = False
    asis: bool = False
    origin: str = ""  # where the pattern comes from: "event_patterns.tsv:42", "CAMEO.2.0.txt:1234"


@dataclass(frozen=True)
class Lexicon:
    types: dict
    derive_intent: dict
    derive_refuse: dict
    goldstein: dict
    cameo_names: dict
    cameo_type: dict
    verbs: dict = field(default_factory=dict)  # (lemma, particle|None) -> Pattern
    light: dict = field(default_factory=dict)  # (verb lemma|"*", noun key) -> Pattern
    light_verbs: frozenset = frozenset()
    nouns: dict = field(default_factory=dict)  # lemma -> Pattern
    judges: dict = field(default_factory=dict)  # adjective -> Pattern
    future: frozenset = frozenset()
    hypothetical: frozenset = frozenset()
    intent: frozenset = frozenset()
    negation: frozenset = frozenset()
    background: frozenset = frozenset()
    speech: frozenset = frozenset()

    def quad_class(self, plover_type: str) -> int | None:
        t = self.types.get(plover_type)
        return t["quad_class"] if t else None

    def goldstein_of(self, cameo: str) -> float | None:
        code = cameo
        while code:
            if code in self.goldstein:
                return self.goldstein[code]
            code = code[:-1]
        return None




def _words(name: str) -> frozenset:
    out = set()
    for _, cols in read_tsv(LEXICONS / name):
        out.add(cols[0].strip().lower())
    return frozenset(out)


def _flags(flags: str) -> tuple[bool, bool, bool]:
    names = [f.strip() for f in flags.split(",")]
    return "frame" in names, "stative" in names, "asis" in names


def _prep_key_ok(kind: str, pat: str) -> bool:
    """A ':' may only join a preposition to its object noun, in a light pattern's noun:
    ``ask for:help``, ``ask for:financial aid`` (the object of "for" is "help")."""
    words = pat.split()
    if kind != "light" or len(words) < 2 or ":" in words[0] or any(":" in w for w in words[2:]):
        return False
    prep, _, noun = words[1].partition(":")
    return bool(prep) and bool(noun) and ":" not in noun


def read_patterns(path: Path, types: dict) -> list[Pattern]:
    """Parse one pattern file; a malformed line raises E500 naming the file and line. The optional 7th
    column is the pattern's origin (``CAMEO.2.0.txt:1234``); without it, this file's name and line."""
    out = []
    name = path.name
    # the converted dictionary has 150k rows sharing few types, codes and origins: one object each
    shared: dict[tuple, tuple] = {}
    for n, cols in read_tsv(path):
        line = "\t".join(cols)
        if len(cols) != 7 or " \t" in line or "\t " in line or line[0] == " " or line[-1] == " ":
            cols = [c.strip() for c in cols[:7]] + [""] * (7 - len(cols))  # hand-written: pad and strip
        kind, pat, typ, mode, cameo, flags, origin = cols
        if kind not in KINDS or not pat or typ not in types or not cameo.isdigit() or \
                (":" in pat and not _prep_key_ok(kind, pat)):
            raise DatelineError("E500", f"{path}:{n}: bad event pattern line {chr(9).join(cols[:7]).rstrip()!r}",
                                "columns: kind(verb|light|noun|judge) pattern TYPE mode cameo flags [origin]; "
                                "':' only in a light pattern's 'prep:noun'")
        if pat != pat.lower() or "  " in pat or pat != pat.strip():
            pat = " ".join(pat.lower().split())
        key = (typ, mode, cameo, flags, origin or f"{name}:{n}")
        tail = shared.get(key)
        if tail is None:
            tail = shared[key] = (typ, mode or None, cameo, *(_flags(flags) if flags else (False,) * 3), key[4])
        out.append(Pattern(kind, pat, *tail))
    return out


def _pattern_files(extra: str | None = None) -> list[Path]:
    files = [LEXICONS / f for f in BUNDLED]
    for p in (extra or "").split(os.pathsep):
        if p.strip():
            path = Path(p.strip())
            if not path.exists():
                raise DatelineError("E500", f"event_patterns: {path} not found")
            files.append(path)
    return files


def _tables() -> Lexicon:
    onto = json.loads((LEXICONS / "plover_ontology.json").read_text("utf-8"))
    goldstein, names = {}, {}
    for _, cols in read_tsv(LEXICONS / "cameo_goldstein.tsv", min_cells=2):
        goldstein[cols[0]] = float(cols[1])
        names[cols[0]] = cols[2] if len(cols) > 2 else ""
    cameo_type = {cols[0]: cols[1] for _, cols in read_tsv(LEXICONS / "cameo2plover.tsv", min_cells=2)}
    return Lexicon(types=onto["types"], derive_intent=onto["derive"]["intent"],
                   derive_refuse=onto["derive"]["refuse"], goldstein=goldstein, cameo_names=names,
                   cameo_type=cameo_type, future=_words("modality_future.txt"),
                   hypothetical=_words("modality_hypothetical.txt"), intent=_words("modality_intent.txt"),
                   negation=_words("modality_negation.txt"), background=_words("modality_background.txt"),
                   speech=_words("modality_speech.txt"))


def _index(lex: Lexicon, patterns: list[Pattern], f: str) -> None:
    """Index ``patterns`` into ``lex``, later ones replacing earlier ones of the same key."""
    light_verbs = {v: v for v in lex.light_verbs}  # one string object per verb for all its keys
    for p in patterns:
        verb, _, rest = p.pattern.partition(" ")
        if p.kind == "verb":
            lex.verbs[(verb, rest or None)] = p
        elif p.kind == "light":
            if not rest:
                raise DatelineError("E500", f"{f}: light pattern {p.pattern!r} needs '<verb> <noun>'")
            # "ask for:help" is indexed ("ask", "for:help"): the object of that preposition
            lex.light[(light_verbs.setdefault(verb, verb), rest)] = p
        elif p.kind == "noun":
            lex.nouns[p.pattern] = p
        else:
            lex.judges[p.pattern] = p
    object.__setattr__(lex, "light_verbs", frozenset(light_verbs))


def _fills_a_gap(p: Pattern, own_verbs: set, modal: frozenset) -> bool:
    """A dictionary row is used unless dateline's own patterns define its verb ("meet" is ours, so the
    dictionary's "meet at" is not used), or it makes an event of a modality word ("plan", "say")."""
    verb = p.pattern.partition(" ")[0]
    return verb not in own_verbs and not (p.kind == "verb" and verb in modal)


@functools.lru_cache(maxsize=2)
def _bundled(files: tuple[str, ...]) -> Lexicon:
    """The bundled patterns (the converted dictionary has ~150k rows): read once per process. The
    dictionary only fills gaps in dateline's own patterns (see ``_fills_a_gap``)."""
    lex = _tables()
    read = [(f, read_patterns(Path(f), lex.types)) for f in files]
    own_verbs = {p.pattern.partition(" ")[0] for f, ps in read if Path(f).name != DICTIONARY
                 for p in ps if p.kind == "verb"}
    modal = lex.intent | lex.speech
    for f, ps in read:
        if Path(f).name == DICTIONARY:
            ps = [p for p in ps if _fills_a_gap(p, own_verbs, modal)]
        _index(lex, ps, f)
    return lex


@functools.lru_cache(maxsize=4)
def _load(bundled: tuple[str, ...], extra: tuple[str, ...]) -> Lexicon:
    base = _bundled(bundled)
    if not extra:
        return base
    lex = replace(base, verbs=dict(base.verbs), light=dict(base.light), nouns=dict(base.nouns),
                  judges=dict(base.judges))  # copies share the bundled Pattern objects
    for f in extra:
        _index(lex, read_patterns(Path(f), lex.types), f)
    return lex


def get_lexicon(extra: str | None = None) -> Lexicon:
    """The event lexicon: the bundled patterns plus the files named in ``extra`` (the
    ``event_patterns`` setting, ``os.pathsep``-separated; None: the bundled patterns alone)."""
    files = tuple(str(p) for p in _pattern_files(extra))
    return _load(files[: len(BUNDLED)], files[len(BUNDLED):])
