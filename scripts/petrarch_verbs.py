"""Read the PETRARCH2 CAMEO verb dictionary format (openeventdata/petrarch2, MIT).

The format (petrarch2 docs/source/dictionaries.rst): synonym sets (``&NAME`` then ``+WORD``
lines; ``_`` joins the words of a phrase, a trailing ``_`` means no plural), verb blocks
(``--- MEANING [code] ---``) whose verbs share the block's patterns, verb lines
(``VERB {irregular forms} [code]``; compounds ``+ASK_FOR``, ``WORD_+VERB``), pattern lines
(``- [pre-verb words] * [post-verb words] [code] # comment``: bare nouns, ``{MOD ... HEAD}``
noun phrases, ``(PREP noun)`` prepositional phrases, ``&SYNSET`` references, ``$`` source,
``+`` target and ``%`` compound-actor markers, ``^`` skip a phrase) and ``~`` transformations.
Codes: ``[A:B]``, ``[:B]``, ``[---]`` (no event). This module reads the format into verbs,
blocks and the shape of each pattern; scripts/build_event_dictionary.py maps them to dateline.
Written for dateline from the format's documentation (no code of PETRARCH2 is used).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

# adverbial particles: "put UP barricades", "set OFF explosives" (spaCy: dep prt)
PARTICLES = frozenset("up out down off away back forth forward together aside apart behind along around".split())
# words that are particles or prepositions depending on the sentence ("step in", "turn on")
EITHER = frozenset("in on over through about across".split())
PREPOSITIONS = frozenset(("for with at to into onto against from of upon after toward towards by before under "
                          "behind between among amid without within beyond near like as until").split()) | EITHER
PRONOUNS = frozenset(("it its itself them themselves him himself her herself me myself us ourselves you "
                      "yourself one oneself this that these those").split())
AUXILIARIES = frozenset("be is are am was were been being have has had will would shall should".split())
MARKERS = frozenset("$+%")  # source, target and compound-actor markers: stripped


# ---------------------------------------------------------------- reading the dictionary

@dataclass
class Verb:
    lemma: str
    rest: tuple  # words after the verb in a compound ("ask for" -> ("for",)), lowercased
    front: tuple  # words before the verb ("WIRE_+TAP"), lowercased
    code: str | None  # own code, else the block's ("---" = none)
    line: int


@dataclass
class Block:
    meaning: str
    code: str
    line: int
    verbs: list = field(default_factory=list)
    patterns: list = field(default_factory=list)  # (line number, text without the leading '-')


@dataclass
class Dictionary:
    synsets: dict  # name ("&FOOD") -> list of members, each a tuple of lowercased words
    blocks: list
    transformations: int = 0


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].strip()


def parse_code(raw: str) -> str | None:
    """``[042:043]`` -> 042, ``[:173]`` -> 173, ``[080!]`` -> 080, ``[---]`` -> None."""
    parts = [re.sub(r"\D", "", p) for p in raw.strip("[]").split(":")]
    return next((p for p in parts if p), None)


def _verb_line(text: str, block: Block, n: int, lemma_of) -> Verb | None:
    text = re.sub(r"\{[^}]*\}?", " ", text).replace("[", " [")  # irregular forms: lemmas make them unnecessary
    words = text.split()
    if not words:
        return None
    code = block.code
    if words[-1].startswith("["):
        code = parse_code(words[-1]) or "---"
    spec = words[0].lower().rstrip("_")
    parts = spec.split("_")
    at = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    stem = parts[at].lstrip("+")
    if not stem:
        return None
    return Verb(lemma_of(stem, "verb"), tuple(p for p in parts[at + 1:] if p), tuple(parts[:at]), code, n)


def read_dictionary(lines: list[str], lemma_of) -> Dictionary:
    """Synonym sets, then verb blocks with their verbs and pattern lines (line numbers from 1)."""
    synsets: dict[str, list] = {}
    blocks: list[Block] = []
    out = Dictionary(synsets, blocks)
    in_verbs, current = False, None
    for n, raw in enumerate(lines, 1):
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        text = _strip_comment(raw)
        if not text:
            continue
        if not in_verbs:
            if text.startswith("&"):
                current = text.split()[0].rstrip("_")
                synsets[current] = []
            elif text.startswith("+") and current:
                synsets[current].append(_member(text[1:]))
            continue
        if text.startswith("---"):
            segs = text.strip("-").split()
            blocks.append(Block(segs[0], parse_code(segs[1]) or "---" if len(segs) > 1 else "---", n))
        elif text.startswith("~"):
            out.transformations += 1
        elif text.startswith("-") and blocks:
            blocks[-1].patterns.append((n, text[1:]))
        elif blocks:
            verb = _verb_line(text, blocks[-1], n, lemma_of)
            if verb is not None:
                blocks[-1].verbs.append(verb)
    return out


def _member(text: str) -> tuple:
    """One synonym: words joined by '_' ("ARMED_FORCES"); a trailing '_' (no plural) is dropped. A
    member with 'of' keeps its head phrase ("weapon of mass destruction" -> "weapon"); one with 'and'
    keeps its last word ("bow and arrow" -> "arrow")."""
    words = [w for w in text.split()[0].lower().strip("_").split("_") if w]
    if "of" in words[1:]:
        words = words[: words.index("of")]
    if "and" in words:
        words = words[-1:]
    return tuple(words)


# ---------------------------------------------------------------- parsing one pattern

@dataclass(frozen=True)
class Element:
    kind: str  # word | np | pp | skip
    words: tuple = ()  # word / np: the words (synset references kept as "&NAME")
    prep: str = ""  # pp: the preposition
    obj: object = None  # pp: an Element (word | np) or None; "many" when it holds several


def _tokens(text: str) -> list[str]:
    return re.findall(r"[(){}]|[^\s(){}]+", text)


def _phrase(tokens: list[str]) -> list[Element]:
    """Elements of a token run: bare words, ``{...}`` noun phrases, ``(...)`` prepositional phrases."""
    out, i = [], 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in "({":
            close = ")" if tok == "(" else "}"
            depth, j = 0, i
            while j < len(tokens):
                depth += tokens[j] == tok
                depth -= tokens[j] == close
                if depth == 0:
                    break
                j += 1
            inner = [t for t in tokens[i + 1: j] if t not in "{}"] if tok == "{" else tokens[i + 1: j]
            out.append(_pp(inner) if tok == "(" else Element("np", tuple(inner)))
            i = j + 1
            continue
        if tok not in ")}":
            out.append(Element("skip") if tok == "^" else Element("word", (tok,)))
        i += 1
    return out


def _pp(tokens: list[str]) -> Element:
    if not tokens:
        return Element("skip")
    inner = [e for e in _phrase(tokens[1:]) if e.kind != "skip"]  # (FROM ^): any object
    if len(inner) > 1 and all(e.kind == "word" for e in inner):  # (IN AIR ATTACK): one noun phrase
        inner = [Element("np", tuple(w for e in inner for w in e.words))]
    obj = inner[0] if len(inner) == 1 else ("many" if inner else None)
    return Element("pp", prep=tokens[0], obj=obj)


def _clean(text: str) -> list[str]:
    """Tokens of a pattern half, lowercased, with the $ + % role markers removed."""
    out = []
    for tok in _tokens(text.lower()):
        tok = tok if tok in "(){}" else tok.strip("".join(MARKERS))
        if tok:
            out.append(tok)
    return out


@dataclass(frozen=True)
class Shape:
    """What a pattern line says after the verb, in dateline's terms."""
    form: str  # noun | particle_noun | particle | prep | prep_noun | verb
    head: Element | None = None  # the noun (word | np)
    particle: str = ""
    reduced: bool = False  # narrowing prepositional phrases were dropped


def alternatives(text: str) -> list[str]:
    """A pattern with ``A/B`` words stands for one pattern per alternative ("(BY/WITH &WEAPON)")."""
    toks = re.split(r"(\s+|[(){}])", text)
    options = [t.split("/") if "/" in t and not t.startswith(("&", "[")) else [t] for t in toks]
    return ["".join(combo) for combo in itertools.product(*options)]


def shape_of(text: str) -> tuple[Shape | None, str, str | None]:
    """``(shape, reason it was skipped, code)`` for a pattern line's text (after the leading '-')."""
    m = re.search(r"\[[^\]]*\]\s*$", text)
    if not m or "*" not in text[: m.start()]:
        return None, "no '*' or no code", None
    code = parse_code(m.group(0))
    pre, post = text[: m.start()].split("*", 1)
    if _clean(pre):
        return None, "subject constraint (words before the verb)", code
    els = _phrase(_clean(post))
    if any(e.kind == "skip" for e in els):
        return None, "'^' placeholder outside a prepositional phrase", code
    if not els:
        return Shape("verb"), "", code
    first, rest = els[0], els[1:]
    particle, word = "", first.words[0] if first.kind == "word" else ""
    if word in PARTICLES | PREPOSITIONS and not rest:  # "* FORWARD", "* TOWARD": verb + particle
        return Shape("particle", particle=word), "", code
    if word in PREPOSITIONS - PARTICLES - EITHER and rest[0].kind in ("word", "np"):  # "* INTO DETENTION"
        first, rest = Element("pp", prep=word, obj=rest[0]), rest[1:]
    elif word in PARTICLES | EITHER and rest[0].kind != "pp":  # "* OUT VIEWS", "* UP BARRICADE"
        first, rest, particle = rest[0], rest[1:], word
    if first.kind == "pp":
        if first.obj == "many":
            return None, "several nouns in one prepositional phrase", code
        form = "prep_noun" if first.obj is not None else "prep"
        shape = Shape(form, head=first.obj, particle=first.prep, reduced=bool(rest))
    elif first.kind == "word" and first.words[0] in PARTICLES | PREPOSITIONS:
        return None, "particle followed by a prepositional phrase", code
    else:
        shape = Shape("particle_noun" if particle else "noun", head=first, particle=particle, reduced=bool(rest))
    if any(e.kind != "pp" for e in rest):
        return None, "several post-verb elements", code
    if shape.form in ("noun", "particle_noun") and any(e.prep == "of" for e in rest):
        return None, "an 'of' phrase carries the content ('series of attacks')", code
    head = shape.head
    if head is not None and head.words[-1] in PRONOUNS:
        return None, "pronoun object", code
    return shape, "", code
