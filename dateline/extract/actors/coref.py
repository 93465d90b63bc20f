"""In-article coreference: group actor mentions into actors.

Rules, applied in text order over the mentions of ``mentions.find_mentions``:
  * names: countries and lexicon organisations by their code; persons by surname with compatible
    first names ("Sergei Lavrov" ... "Lavrov"; "Yokia Amano" ... "Amano"); unknown organisations
    by their folded name; institutions by phrase and country ("the Foreign Ministry").
  * descriptions: "the deputy secretary", "The deputy secretary of Iran's SNSC", "the IAEA director"
    join the most recent person (else the next one) whose titles share the head word or whose
    organisation is the same; an appositive ("his Russian counterpart, Evgeni Lukianev") joins its name;
  * anaphors: "the agency", "that organization" join the organisation whose curated anaphor list
    has them, once that organisation is named in the article;
  * surnames the model missed are added for every person;
  * pronouns: "he"/"she" as subjects join the most salient person (the subject of a recent sentence,
    else the last person named); "it"/"they" as subjects of reporting verbs join the last
    organisation/country (group) that was a subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.extract.actors.lexicon import fold, get_lexicon
from dateline.extract.actors.model import POSSESSIVE, Mention
from dateline.extract.actors.names import full_given

GOVLIKE = {"GOV", "LEG", "MIL", "COP", "JUD"}
FEMALE = {"spokeswoman", "chairwoman", "congresswoman", "businesswoman", "queen", "princess", "empress",
          "duchess", "countess", "baroness", "madam", "first lady", "actress"}
MALE = {"spokesman", "chairman", "congressman", "businessman", "king", "prince", "emperor", "duke", "count",
        "baron", "sultan", "emir", "sheikh", "pope", "ayatollah"}


@dataclass
class Cluster:
    cid: int
    type: str
    name: str
    key: str | None
    mentions: list[Mention] = field(default_factory=list)
    first: str | None = None  # folded first name (persons)
    surname: str | None = None
    named: bool = True  # False for an unnamed official / description-only actor
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    ref: str | None = None  # the actor dictionary's id for this actor (``known``)

    def add(self, m: Mention) -> None:
        self.mentions.append(m)

    def title_words(self) -> set[str]:
        return {w.lower() for m in self.mentions for t in m.titles for w in t.split()}

    def countries(self) -> set[str]:
        return {m.country for m in self.mentions if m.country}

    def orgs(self) -> set[str]:
        return {m.extra.get("org") for m in self.mentions if m.extra.get("org")}


HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame", "prof.", "madame", "monsieur"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
PARTICLES = {"de", "da", "di", "del", "della", "der", "van", "von", "le", "la", "du", "al", "el", "bin", "ben",
             "abu", "ibn", "dos", "das", "st.", "mac"}


def _name_parts(name: str) -> tuple[str | None, str]:
    """(first name, surname) folded; the surname keeps its particles ("Bill de Blasio" -> "de blasio")."""
    printed = [p for p in name.replace(".", ". ").split() if p]
    parts = [fold(p) for p in printed]
    while len(parts) > 1 and parts[0] in HONORIFICS:
        parts.pop(0)
        printed.pop(0)
    while len(parts) > 1 and parts[-1].rstrip(".") in SUFFIXES:
        parts.pop()
    k = len(parts) - 1
    # a particle opens the surname ("de Blasio", "bin Salman"), but a capitalised first word is a
    # given name ("Ben Murray-Bruce", "Ben Sasse", "Abu Bakr" stays whole only when lowercase)
    while k > 0 and parts[k - 1] in PARTICLES and (k > 1 or printed[0][:1].islower()):
        k -= 1
    surname = " ".join(parts[k:])
    return (parts[0] if k > 0 else None), surname


def _compatible_first(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a, b = a.rstrip("."), b.rstrip(".")
    a, b = full_given(a), full_given(b)  # "Tim" and "Timothy"
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


class Resolver:
    def __init__(self, doc, mentions: list[Mention]):
        self.doc = doc
        self.lex = get_lexicon()
        self.mentions = mentions
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.assigned: list[tuple[Mention, Cluster]] = []
        self.taken: set[tuple[int, int]] = set()
        self.tok_cluster: dict[int, Cluster] = {}
        self._sents = None
        self._genders: dict[int, str | None] = {}

    # -- helpers
    def _new(self, m: Mention, key: str | None, named: bool = True) -> Cluster:
        c = Cluster(len(self.clusters), m.type, m.name, key, named=named)
        self.clusters.append(c)
        if key:
            self.by_key[key] = c
        return c

    def _assign(self, m: Mention, c: Cluster) -> None:
        if (m.start, m.end) in self.taken:
            return
        self.taken.add((m.start, m.end))
        c.add(m)
        self.assigned.append((m, c))
        self.tok_cluster[m.tok] = c

    def _persons(self) -> list[Cluster]:
        return [c for c in self.clusters if c.type == "person"]

    # -- passes
    def run(self) -> list[Cluster]:
        descs: list[Mention] = []
        for m in self.mentions:
            if m.kind == "person":
                self._person(m)
            elif m.kind in ("country", "org"):
                c = self.by_key.get(m.key) or self._new(m, m.key)
                self._assign(m, c)
            elif m.kind in ("desc", "inst", "group"):
                descs.append(m)
        self._join_given_names()
        self._anaphors(descs)
        later = [m for m in descs if self._generic_det(self.doc[m.tok]) is not None]
        self._descs([m for m in descs if m not in later])
        self._generic_heads()  # after the named institutions ("International Energy Agency") are in
        self._descs(later)
        self._surnames()
        self._pronouns()
        return self.clusters

    def _descs(self, descs: list[Mention]) -> None:
        for m in descs:
            if (m.start, m.end) in self.taken or any(_inside(m, a) for a, _ in self.assigned if a.kind == "anaphor"):
                continue
            if m.kind == "desc":
                self._desc(m)
            elif m.kind == "inst" and self._outlet(m) is not None:
                self._assign(m, self._outlet(m))  # "the official IRNA news agency" is IRNA
            elif m.kind == "inst":
                self._inst(m)
            else:
                key = f"G:{m.country}:{m.extra.get('bare')}"
                self._assign(m, self.by_key.get(key) or self._new(m, key))

    def _person(self, m: Mention) -> None:
        first, last = _name_parts(m.name)
        for c in reversed(self._persons()):
            if c.named and c.surname == last and _compatible_first(c.first, first):
                if first and not c.first:
                    c.first, c.name = first, m.name
                elif len(m.name) > len(c.name) and first:
                    c.name = m.name
                self._assign(m, c)
                return
        parts = fold(m.name).split()
        if len(parts) >= 2:  # "Bagheri Kani" after "Ali Bagheri Kani": a multi-token surname alone
            owners = [c for c in self._persons() if c.named and any(
                mm.kind == "person" and len(fold(mm.name).split()) > len(parts)
                and fold(mm.name).split()[-len(parts):] == parts for mm in c.mentions)]
            if len({id(c) for c in owners}) == 1:
                self._assign(m, owners[0])
                return
        if first is None:  # "Wang" after "Wang Yi": a family name written first, when unambiguous
            owners = [c for c in self._persons() if c.named and c.first == last]
            if len(owners) == 1:
                self._assign(m, owners[0])
                return
        c = self._new(m, None)
        c.first, c.surname = first, last
        self._assign(m, c)

    def _anaphors(self, descs: list[Mention]) -> None:
        """ "the agency", "that organization" -> the organisation named in this article."""
        heads: dict[str, list[tuple[str, Cluster]]] = {}
        for c in self.clusters:
            if c.key and c.key.startswith("O:"):
                entry = self.lex.orgs.get(c.key[2:])
                for a in entry.anaphors if entry else ():
                    heads.setdefault(a.split()[-1], []).append((a, c))
        if not heads:
            return
        doc = self.doc
        for t in doc:
            cands = heads.get(t.lower_)
            if not cands or (t.idx, t.idx + len(t.text)) in self.taken:
                continue
            if any(c.dep_ not in ("det", "case") for c in t.lefts) or t.dep_ in ("compound", "amod"):
                continue  # "news agency", "a UN refugee agency": not an anaphor
            det = next((c for c in t.lefts if c.dep_ == "det"), None)
            if det is not None and det.lower_ not in ("the", "that", "this"):
                continue
            phrase = (det.lower_ + " " if det is not None else "the ") + t.lower_
            matches = [c for a, c in cands if a == phrase or a.split()[-1] == t.lower_ and det is None]
            owners = {id(c): c for c in matches}
            if len(owners) != 1:
                continue
            c = next(iter(owners.values()))
            start = det.idx if det is not None else t.idx
            m = Mention(start, t.idx + len(t.text), "anaphor", c.type, t.text, tok=t.i,
                        extra={"subj": t.dep_ in ("nsubj", "nsubjpass")})
            self._assign(m, c)

    def _generic_heads(self) -> None:
        """ "the insurgent group", "the agency", "this newspaper" -> the one organisation named in the
        last three sentences that fits the noun (its sector, or its own name ends with the noun)."""
        heads = self.lex.generic_heads
        sent_of = self._sent_of()
        for t in self.doc:
            det = self._generic_det(t)
            if det is None:
                continue
            sectors = heads[t.lower_]
            start, end = det.idx, t.idx + len(t.text)
            if any(a.start < end and start < a.end for a, _ in self.assigned):
                continue
            k = sent_of.get(t.i, 0)
            fits = {c.cid: c for mm, c in self.assigned
                    if mm.tok < det.i and k - 3 <= sent_of.get(mm.tok, 0) <= k and self._fits(c, t.lower_, sectors)}
            if len(fits) != 1:
                continue
            c = next(iter(fits.values()))
            self._assign(Mention(start, end, "anaphor", c.type, t.text, tok=t.i,
                                 extra={"subj": t.dep_ in ("nsubj", "nsubjpass")}), c)

    def _generic_det(self, t):
        """The determiner of "the [lowercase modifiers] <generic actor noun>", else None."""
        if t.lower_ not in self.lex.generic_heads or t.dep_ in ("compound", "amod") or t.pos_ not in ("NOUN", "PROPN"):
            return None
        det = next((c for c in t.lefts if c.dep_ == "det"), None)
        if det is None or det.lower_ not in ("the", "this", "that", "these"):
            return None
        mods = [self.doc[k] for k in range(det.i + 1, t.i)]
        if any(w.text[:1].isupper() or w.pos_ == "PROPN" or w.ent_type_ for w in mods):
            return None  # "the Foreign Ministry", "the Iraqi government": a name or an affiliation
        return det

    def _fits(self, c: Cluster, noun: str, sectors: frozenset[str]) -> bool:
        if c.type not in ("org", "group") or not c.key or c.key[:2] not in ("O:", "N:", "I:"):
            return False
        name = c.name[4:] if c.name[:4].lower() == "the " else c.name
        if not name[:1].isupper():
            return False  # an unnamed institution ("the ministry") is no antecedent
        words = fold(name).split()
        if words and words[-1].rstrip("s") == noun.rstrip("s"):
            return True
        entry = self.lex.orgs.get(c.key[2:]) if c.key.startswith("O:") else None
        sector = entry.sector if entry else next((m.sector for m in c.mentions if m.sector), None)
        return sector in sectors and not c.key.startswith("I:")

    def _sent_of(self) -> dict[int, int]:
        return {i: k for k, s in enumerate(self.doc.sents) for i in range(s.start, s.end)}

    def _desc(self, m: Mention) -> None:
        # an apposition to a named person ("his Russian counterpart, Evgeni Lukianev")
        t = self.doc[m.tok]
        for other in list(t.children) + [t.head]:
            if other.dep_ == "appos" or t.dep_ == "appos":
                c = self.tok_cluster.get(other.i)
                if c is not None and c.type == "person" and other.i != t.i:
                    self._assign(m, c)
                    return
        c = self._copula(t)
        if c is not None:
            self._assign(m, c)
            return
        if m.definite:
            c = self._match_person(m)
            if c is not None:
                self._assign(m, c)
                return
            key = f"U:{m.country}:{m.extra.get('bare')}"
            c = self.by_key.get(key) or self._match_unnamed(m)
            if c is None:
                c = self._new(m, key, named=False)
            self._assign(m, c)
            return
        self._assign(m, self._new(m, None, named=False))  # "A US official": a new actor

    def _copula(self, t) -> Cluster | None:
        """ "X, who is his country's top negotiator" / "X is the minister": the description is X."""
        if t.dep_ != "attr" or t.head.lemma_ != "be":
            return None
        subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        if subj.lower_ in ("who", "that") and t.head.dep_ == "relcl":
            subj = t.head.head
        c = self.tok_cluster.get(subj.i)
        return c if c is not None and c.type == "person" else None

    def _compatible(self, m: Mention, c: Cluster) -> bool:
        if m.country and c.countries() and m.country not in c.countries():
            return False
        org = m.extra.get("org")
        if org and org in c.orgs():
            return True
        return bool(m.head) and m.head in c.title_words()

    def _match_person(self, m: Mention) -> Cluster | None:
        before = [(mm, c) for mm, c in self.assigned if c.type == "person" and c.named and mm.start < m.start]
        for _mm, c in reversed(before):
            if self._compatible(m, c):
                return c
        after = sorted((mm for mm in self.mentions if mm.kind == "person" and mm.start > m.start),
                       key=lambda x: x.start)
        for mm in after:
            for c in self._persons():
                if mm in c.mentions and self._compatible(m, c):
                    return c
        return None

    def _match_unnamed(self, m: Mention) -> Cluster | None:
        for mm, c in reversed(self.assigned):
            if not c.named and c.type == "person" and mm.head == m.head and self._compatible_country(m, c):
                return c
        return None

    @staticmethod
    def _compatible_country(m: Mention, c: Cluster) -> bool:
        return not m.country or not c.countries() or m.country in c.countries()

    def _outlet(self, m: Mention) -> Cluster | None:
        """The outlet an institution phrase names ("Interfax news agency", "The RIA news agency")."""
        org = m.extra.get("org")
        entry = self.lex.orgs.get(org) if org else None
        if entry is None or entry.sector != "MED":
            return None
        return self.by_key.get("O:" + org)

    def _inst(self, m: Mention) -> None:
        bare = _strip_country_words(m.extra.get("bare") or fold(m.name), self.lex)
        if m.country is None:
            same = [c for c in self.clusters if c.key and c.key.startswith("I:") and c.key.endswith(":" + bare)]
            if len(same) == 1:
                self._assign(m, same[0])
                return
        key = f"I:{m.country}:{bare}"
        c = self.by_key.get(key) or self._new(m, key)
        if c.name == m.name and m.country:
            c.name = m.name
        self._assign(m, c)

    def _join_given_names(self) -> None:
        """A given name alone ("Matt", "Mike") joins the one full name in the article with that
        given name ("Matt Bevin"), wherever it stands; not when a full name has it as surname."""
        named = [c for c in self._persons() if c.named and c.mentions]
        full = [c for c in named if c.first]
        surnames = {c.surname for c in full}
        for c in named:
            if c.first or not c.surname or c.surname in surnames or " " in c.surname:
                continue
            given = full_given(c.surname)
            owners = [o for o in full if full_given(o.first.rstrip(".")) == given]
            if len(owners) != 1:
                continue
            owner = owners[0]
            for m in c.mentions:
                owner.add(m)
                self.tok_cluster[m.tok] = owner
            self.assigned = [(m, owner if cc is c else cc) for m, cc in self.assigned]
            c.mentions = []

    def _surnames(self) -> None:
        index: dict[str, Cluster] = {}
        firsts: dict[str, list[Cluster]] = {}
        for c in self._persons():
            if c.named and c.surname and len(c.surname) > 2:
                index.setdefault(c.surname, c)
            if c.named and c.first and len(c.first) > 2:
                firsts.setdefault(c.first, []).append(c)
        for name, owners in firsts.items():
            if len(owners) == 1 and name not in index:
                index[name] = owners[0]
        if not index:
            return
        for t in self.doc:
            if not t.text[:1].isupper():
                continue
            text = t.text
            for suf in ("ís", "’s", "'s"):
                if text.endswith(suf) and len(text) > len(suf) + 1:
                    text = text[: -len(suf)]
            c = index.get(fold(text))
            if c is None:
                continue
            span = (t.idx, t.idx + len(text))
            if any(a.start <= span[0] and span[1] <= a.end for a, _ in self.assigned):
                continue
            self._assign(Mention(span[0], span[1], "person", "person", text, tok=t.i,
                                 extra={"subj": t.dep_ in ("nsubj", "nsubjpass")}), c)

    def _pronouns(self) -> None:
        doc = self.doc
        sent_of = {}
        for k, s in enumerate(doc.sents):
            for i in range(s.start, s.end):
                sent_of[i] = k
        events = sorted(((m.tok, m, c) for m, c in self.assigned), key=lambda x: x[0])
        for t in doc:
            low = t.lower_
            want = self.lex.pronouns.get(low)
            if want is None or t.dep_ not in ("nsubj", "nsubjpass"):
                continue
            speech = t.head.lemma_.lower() in self.lex.speech_verbs
            if want != "person" and not speech:
                continue
            k = sent_of.get(t.i, 0)
            window = 3 if want == "person" else 1  # "it"/"they": the previous sentence's subject only
            prior = [(i, m, c) for i, m, c in events if i < t.i and sent_of.get(i, 0) >= k - window]
            types = {"person": ("person",), "org": ("org", "country"), "group": ("group",)}[want]
            prior = [(i, m, c) for i, m, c in prior if c.type in types]
            if want == "person":  # "he" is not the spokeswoman / Mrs. X; "she" is not Mr. Y
                clash = "f" if low == "he" else "m"
                prior = [x for x in prior if self._gender(x[2]) != clash]
            subj = [x for x in prior if x[1].extra.get("subj")]
            if want != "person":
                # the previous sentence's own subject must be that actor ("The Russian remarks came ...
                # They underscored": not the diplomats of two sentences before)
                subj = [x for x in subj if sent_of.get(x[0], 0) == k or self._main_subject(k - 1, sent_of) == x[0]]
            pick = (subj or (prior if want == "person" else []))
            if not pick:
                continue
            c = pick[-1][2]
            m = Mention(t.idx, t.idx + len(t.text), "pronoun", c.type, t.text, tok=t.i, extra={"subj": True})
            self._assign(m, c)
            if want == "person":
                self._genders[c.cid] = "m" if low == "he" else "f"
            events.append((t.i, m, c))
            events.sort(key=lambda x: x[0])


    def _gender(self, c: Cluster) -> str | None:
        """ "m"/"f" when the text marks it (Mr./Mrs., spokesman/spokeswoman, an earlier he/she), else None."""
        if c.cid in self._genders:
            return self._genders[c.cid]
        g = None
        for m in c.mentions:
            words = {w.lower() for t in m.titles for w in t.split()}
            before = self.doc[m.tok].i
            # the token in front of the name ("Mr. Trump") or an honorific inside the name
            prev = {self.doc[k].lower_ for k in range(max(0, before - 3), before + 1)}
            if words & FEMALE or prev & {"mrs.", "ms.", "mrs", "ms", "madame", "dame"}:
                g = "f"
                break
            if words & MALE or prev & {"mr.", "mr", "sir", "monsieur"}:
                g = "m"
                break
        self._genders[c.cid] = g
        return g

    def _main_subject(self, k: int, sent_of: dict) -> int | None:
        if k < 0:
            return None
        if self._sents is None:
            self._sents = list(self.doc.sents)
        sent = self._sents[k]
        for c in sent.root.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c.i
        return None


def _inside(m: Mention, a: Mention) -> bool:
    return a.start <= m.start and m.end <= a.end or m.start <= a.start and a.end <= m.end and m.tok == a.tok


def _strip_country_words(bare: str, lex) -> str:
    """ "russian foreign ministry" -> "foreign ministry": the institution's phrase without nationality."""
    out = []
    for w in bare.split():
        w2 = w
        for suf in POSSESSIVE:
            if w2.endswith(suf) and len(w2) > len(suf):
                w2 = w2[: -len(suf)]
        if w2 in POSSESSIVE or lex.countries.get(w2.title()) or lex.demonyms.get(w2.title()):
            continue
        out.append(w)
    return " ".join(out) or bare
