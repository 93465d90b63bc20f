"""Load the event ontology, CAMEO tables, trigger patterns and modality word lists (once per process).

All of it is data in ``dateline/lexicons/``: ``plover_ontology.json``, ``cameo_goldstein.tsv``,
``cameo2plover.tsv``, the pattern files and ``modality_*.txt``. Patterns are read in this order,
later lines winning for the same key: ``event_cameo.tsv`` (the PETRARCH2 CAMEO verb dictionary,
converted by scripts/build_event_dictionary.py), ``event_patterns.tsv`` (dateline's own), then
every file named in the ``event_patterns`` setting or the environment variable
``DATELINE_EVENT_PATTERNS`` (paths separated by ``os.pathsep``), in the same format (see
docs/events.md). Every pattern keeps its ``origin`` (file and line) so an event can say which
entry fired.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import DatelineError

LEXICONS = Path(__file__).resolve().parents[2] / "lexicons"
KINDS = ("verb", "light", "noun", "judge")
BUNDLED = ("event_cameo.tsv", "event_patterns.tsv")  # the converted dictionary first: our own lines win


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


def _rows(path: Path):
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield n, line.split("\t")


def _words(name: str) -> frozenset:
    out = set()
    for _, cols in _rows(LEXICONS / name):
        out.add(cols[0].strip().lower())
    return frozenset(out)


_NO_FLAGS = (False, False, False)
_FLAG_CACHE: dict[str, tuple[bool, bool, bool]] = {}


def _flags(flags: str) -> tuple[bool, bool, bool]:
    got = _FLAG_CACHE.get(flags)
    if got is None:
        names = [f.strip() for f in flags.split(",")]
        got = _FLAG_CACHE[flags] = ("frame" in names, "stative" in names, "asis" in names)
    return got


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
    shared: dict[str, str] = {}  # one string object per distinct origin/type/code (the dictionary has 150k rows)
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line or line[0] == "#" or (line[0] in " \t" and (not line.strip() or line.lstrip()[0] == "#")):
            continue
        cols = line.split("\t")
        if len(cols) < 7:
            cols += [""] * (7 - len(cols))
        kind, pat, typ, mode, cameo, flags, origin = [c.strip() for c in cols[:7]]
        if kind not in KINDS or not pat or typ not in types or not cameo.isdigit() or \
                (":" in pat and not _prep_key_ok(kind, pat)):
            raise DatelineError("E500", f"{path}:{n}: bad event pattern line {chr(9).join(cols[:7]).rstrip()!r}",
                                "columns: kind(verb|light|noun|judge) pattern TYPE mode cameo flags [origin]; "
                                "':' only in a light pattern's 'prep:noun'")
        frame, stative, asis = _flags(flags) if flags else _NO_FLAGS
        origin = origin or f"{name}:{n}"
        out.append(Pattern(kind, " ".join(pat.lower().split()), shared.setdefault(typ, typ),
                           shared.setdefault(mode, mode) or None, shared.setdefault(cameo, cameo),
                           frame, stative, asis, shared.setdefault(origin, origin)))
    return out


def _pattern_files(extra: str | None = None) -> list[Path]:
    files = [LEXICONS / f for f in BUNDLED]
    extra = os.environ.get("DATELINE_EVENT_PATTERNS", "") if extra is None else extra
    for p in extra.split(os.pathsep):
        if p.strip():
            path = Path(p.strip())
            if not path.exists():
                raise DatelineError("E500", f"event_patterns: {path} not found")
            files.append(path)
    return files


@functools.lru_cache(maxsize=4)
def _load(files: tuple[str, ...]) -> Lexicon:
    onto = json.loads((LEXICONS / "plover_ontology.json").read_text("utf-8"))
    types = onto["types"]
    goldstein, names = {}, {}
    for _, cols in _rows(LEXICONS / "cameo_goldstein.tsv"):
        goldstein[cols[0]] = float(cols[1])
        names[cols[0]] = cols[2] if len(cols) > 2 else ""
    cameo_type = {cols[0]: cols[1] for _, cols in _rows(LEXICONS / "cameo2plover.tsv")}
    lex = Lexicon(types=types, derive_intent=onto["derive"]["intent"], derive_refuse=onto["derive"]["refuse"],
                  goldstein=goldstein, cameo_names=names, cameo_type=cameo_type,
                  future=_words("modality_future.txt"), hypothetical=_words("modality_hypothetical.txt"),
                  intent=_words("modality_intent.txt"), negation=_words("modality_negation.txt"),
                  background=_words("modality_background.txt"), speech=_words("modality_speech.txt"))
    light_verbs: dict[str, str] = {}  # one string object per verb for all its keys
    for f in files:
        for p in read_patterns(Path(f), types):
            words = p.pattern.split()
            if p.kind == "verb":
                lex.verbs[(words[0], " ".join(words[1:]) or None)] = p
            elif p.kind == "light":
                if len(words) < 2:
                    raise DatelineError("E500", f"{f}: light pattern {p.pattern!r} needs '<verb> <noun>'")
                # "ask for:help" is indexed ("ask", "for:help"): the object of that preposition
                lex.light[(light_verbs.setdefault(words[0], words[0]), " ".join(words[1:]))] = p
            elif p.kind == "noun":
                lex.nouns[p.pattern] = p
            else:
                lex.judges[p.pattern] = p
    object.__setattr__(lex, "light_verbs", frozenset(light_verbs))
    return lex


def get_lexicon(extra: str | None = None) -> Lexicon:
    """The event lexicon: the bundled patterns plus the files named in ``extra`` (the
    ``event_patterns`` setting, ``os.pathsep``-separated), or when None in ``DATELINE_EVENT_PATTERNS``."""
    return _load(tuple(str(p) for p in _pattern_files(extra)))
