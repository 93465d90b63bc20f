"""The actor extractor's shared vocabulary: the ``Mention`` record every stage passes on, the word
sets the stages agree on, and the span helpers they share.

Stage modules import from here (and from ``lexicon`` / ``titles``), never from each other in a
circle: ``mentions`` -> ``nominals`` -> ``titles`` -> ``model``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.extract.actors.lexicon import Lexicon, get_matchers

POSSESSIVE = {"'s", "’s", "'", "’", "ís"}
CONNECTORS = {"of", "for", "in", "and", "on", "&"}
LOCATIVE = {"in", "at", "near", "into", "inside", "outside", "around", "across", "throughout", "to", "from",
            "toward", "towards", "via", "through", "within", "over"}
TRAVEL_VERBS = {"visit", "leave", "reach", "enter", "tour", "return", "fly", "travel", "arrive", "bomb", "shell"}
RELATION_POSS = {"his", "her", "its", "their"}
NOT_TITLES = {"counterpart"}  # relational nouns: affiliation evidence, not a title
INDEFINITE = {"a", "an", "another", "one"}
DEFINITE = {"the", "that", "this"}


@dataclass
class Mention:
    start: int  # char offsets into the body
    end: int
    kind: str  # person | country | org | group | desc (title-only / unnamed) | anaphor | pronoun
    type: str  # person | org | country | group
    name: str
    key: str | None = None  # clustering key
    country: str | None = None
    sector: str | None = None
    titles: tuple[str, ...] = ()
    tok: int = 0  # head token index
    head: str = ""  # lowercase head noun (descriptions) or surname (persons)
    definite: bool = False
    relation_to: int | None = None  # token index of the possessor pronoun ("his deputy")
    same_country_as_possessor: bool = False
    extra: dict = field(default_factory=dict)


def span_chars(doc, i: int, j: int) -> tuple[int, int]:
    """Char span of tokens [i, j), dropping a trailing possessive ("Iran's", mojibake "Iranís")."""
    while j > i + 1 and doc[j - 1].text in POSSESSIVE:
        j -= 1
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    last = doc[j - 1].text
    if last.endswith(("ís", "’s", "'s")) and len(last) > 2 and doc[j - 1].lower_ not in ("its",):
        end -= 2
    return start, end


def clean_name(text: str) -> str:
    for suf in ("’s", "'s", "ís"):
        if text.endswith(suf):
            text = text[: -len(suf)]
    return text.strip(" ,.-")


def lexicon_matches(doc) -> dict[int, tuple[int, int, str, str]]:
    """token index -> (start_tok, end_tok, label, value) for the longest lexicon match covering it."""
    from spacy.tokens import Span  # deferred: spaCy takes ~2 s to import: only when parsing
    from spacy.util import filter_spans  # deferred: spaCy takes ~2 s to import: only when parsing

    m = get_matchers(doc.vocab)
    spans = [Span(doc, s, e, label=mid) for matcher in (m.orth, m.lower) for mid, s, e in matcher(doc)]
    out: dict[int, tuple[int, int, str, str]] = {}
    spans = filter_spans(spans)
    covered = {t: m.info[sp.label][0] for sp in spans for t in range(sp.start, sp.end)}
    for sp in spans:
        label, value = m.info[sp.label]
        if label == "O" and _inside_longer_name(doc, sp.start, covered):
            continue
        for t in range(sp.start, sp.end):
            out[t] = (sp.start, sp.end, label, value)
    return out


def _inside_longer_name(doc, s: int, covered: dict[int, str]) -> bool:
    """The word right before an organisation match is a capitalised word of the same model entity
    that the lexicon does not know, or knows as a nationality, and that is not capitalised for opening
    the sentence: the match is the tail of a longer name ("the National Security Council", "the
    Russian Security Council" are not the UN's "Security Council")."""
    if s == 0 or doc[s].ent_iob_ != "I":
        return False
    t = doc[s - 1]
    known = s - 1 in covered
    return (covered.get(s - 1, "D") == "D" and t.is_alpha and t.text[:1].isupper()
            and (not t.is_sent_start or known) and t.ent_iob_ in ("B", "I"))


def is_cap(t) -> bool:
    return (t.is_title or t.is_upper) and t.is_alpha or t.text[:1].isupper() and "-" in t.text


def against(doc, i: int) -> bool:
    """ "anti-Syria", "pro-Iran": the name is what the words are about, not an affiliation."""
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro", "non")


def affiliation_in(doc, toks, lexm, lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """(country, org key, org sector) from lexicon matches among the given token indexes."""
    country = org = sector = None
    for t in toks:
        hit = lexm.get(t)
        if not hit or against(doc, hit[0]):
            continue
        label, value = hit[2], hit[3]
        if label in "CKD" and country is None:
            country = value
        elif label in "OS" and org is None:
            org = value
            entry = lex.orgs.get(value)
            if entry:
                sector = entry.sector
                if country is None and entry.country:
                    country = entry.country
    return country, org, sector


