"""The store check of the actor list (issue 14, requirement 7): what an analyst opening
``dateline actors`` must not see.

* a person stored under a surname alone while a person with a full name of that surname is in
  the store (and the two were not kept apart by an analyst): "Trump" beside "Donald Trump";
* a bare title or role noun stored as a person ("President", "Manager");
* a surname alone the actor dictionary resolves on the article's date ("Pence" in 2019: Mike
  Pence) left unlinked to that entry;
* a bare title or role noun stored as a person ("President", "Inspector-General", "Lt Col"), or a
  common English word no dictionary person bears ("Keyboard", "Story": ``screening.common_name``);
* a product, platform or brand stored as a person ("MacBook Pro", "Twitter"), a model name
  ("<Brand> <Model> <number>": "Note 10 Plus") stored as a person or an organisation.

Surname-only covers hyphenated surnames ("Murray-Bruce" beside "Ben Murray-Bruce"). Also listed:
page text glued into a person's name ("Kristi NoemKristi"); an organisation, outlet, team or
competition stored as a person ("Miami Herald", "Davis Cup": ``screening.org_headed``) or a place
with a compass word ("Wichita North"); a given name alone ("Matt") while an article it appears in
has a full name with that given name ("Matt Bevin"); one person stored twice, under one name key
("Tim Morrison" and "Timothy Morrison") or one name under two countries ("Alexander Vindman");
a name of several words with no dictionary entry that opens with no given name but a common
word, a word the articles write in lowercase, or a brand ("Fallen Order", "Night Mode",
"Email Tariq Malik", "Sonos Move": ``screening.unnamed_opening``), unless its article shows a
person (an age or role beside it, its surname alone as a subject): "Greedy Williams, 26" stays;
a role noun glued to a full name ("Superintendent Jennifer McCormick": ``titled_name``).

    python -m dateline.evaluation.actor_store --db store.db [--list]

Build the store as a new user would (``dateline ingest ../shared/eval/extraction/zyte/html/*.html.gz
../shared/samples/000_a48cc020e4ab0942.txt --db store.db``), then run this. Exit status 1 when any
problem is found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter

from dateline.extract.actors import dictionary
from dateline.extract.actors.lexicon import common_words, fold, get_lexicon, given_names
from dateline.extract.actors.names import first_last_key, full_given, is_surname_only, person_surname_key
from dateline.extract.actors.screening import (
    bare_title,
    cited,
    common_name,
    glued,
    is_role,
    org_headed,
    place_part,
    product_model,
    role_noun,
    unnamed_opening,
)
from dateline.store import open_store
from dateline.store.identity import name_key, normalize_name


def _brand_names() -> set[str]:
    lex = get_lexicon()
    names = set(lex.products)
    names |= {fold(n) for n, key in lex.org_names.items() if lex.orgs[key].acts_only}
    return names


def _product(name: str, brands: set[str]) -> bool:
    """A brand or product of the lexicon, a brand's product ("Apple Watch"; not "WeWork
    spokesperson"), or a model name ("Note 10 Plus", "Galaxy S10")."""
    low = [w.lower().strip(".,") for w in name.split()]
    role_named = bool(low) and is_role(low[-1])
    key = fold(name)
    return (key in brands or (not role_named and any(key.startswith(b + " ") for b in brands))
            or product_model(name))


def _surname_apart(rows, conn) -> list[dict]:
    """Surname-only persons ("Trump", "Murray-Bruce") beside a full-name person of that surname."""
    surnames: dict[str, list[tuple]] = {}
    for aid, name, norm, _country, _surname, _ref in rows:
        surname = person_surname_key(name, norm or normalize_name(name))  # as the writer keys it now
        if surname:
            surnames.setdefault(surname, []).append((aid, name))
    apart_pairs = {(a, b) for a, b in conn.execute(
        "SELECT from_id, into_id FROM actor_merges WHERE undone_at IS NOT NULL").fetchall()}
    out = []
    for aid, name, norm, _country, _surname, _ref in rows:
        if not is_surname_only(name, norm or normalize_name(name)):
            continue
        full = [f for f in surnames.get(name_key(normalize_name(name)), [])
                if (aid, f[0]) not in apart_pairs and (f[0], aid) not in apart_pairs]
        if full:
            out.append({"id": aid, "name": name, "full": [{"id": f[0], "name": f[1]} for f in full]})
    return out


def _unlinked_surname(name: str, norm: str, ref: str | None, date: str | None) -> dict | None:
    """A surname-only person the dictionary resolves on its article's date ("Pence" in 2019 is
    Mike Pence) but that was not linked to that entry."""
    if ref or not is_surname_only(name, norm):
        return None
    entry = dictionary.by_surname(norm, date)
    return {"name": name, "dictionary": entry.name} if entry is not None and entry.type == "person" else None


def _store_common(conn):
    """Which words are common in the store's own text: in the word list (``common_name``) and
    written in lowercase (twice or more) at least as often as capitalised mid-sentence in the articles
    ("story", "keyboard" yes; the "Matt" of "Matt Bevin", the "Cline" of "Patsy Cline" no)."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for (body,) in conn.execute("SELECT body FROM articles"):
        for m in re.finditer(r"(?<=[a-z0-9,;:] )([A-Za-z]+)", body):  # mid-sentence words
            w = m.group(1)
            if w.islower():
                lower[w] += 1
            elif w[:1].isupper() and w[1:].islower():
                capital[w.lower()] += 1
    words = common_words()

    def common(w: str) -> bool:
        forms = [w] + ([w[:-1]] if w.endswith("s") else [])
        n = sum(lower[f] for f in forms)
        return any(f in words for f in forms) and n >= 2 and n >= capital[w]
    return common


def _store_lower(conn) -> frozenset[str]:
    """Words the store's articles write in lowercase."""
    out: set[str] = set()
    for (body,) in conn.execute("SELECT body FROM articles"):
        out.update(re.findall(r"\b[a-z]+\b", body))
    return frozenset(out)


_AGE = r",\s*(?:1\d|[2-9]\d)\s*,"
_AFTER = re.compile(r"^,\s*((?:[a-z]+\s+){0,3}[a-z]+)")
_BEFORE = re.compile(r"([a-z]+)\s+$")
_LISTED_BEFORE = re.compile(r"\b([A-Z][a-z]+) [A-Z][a-z]+(?:,| and)(?: [A-Za-z]+){0,2} $")
_LISTED_AFTER = re.compile(r"^(?:,| and) (?:[a-z]+ ){0,2}([A-Z][a-z]+) [A-Z][a-z]+")


def _shows_person(conn, aid: int, name: str) -> bool:
    """An article of the actor shows a person, as ``screening`` reads it: an age or a role beside
    the name ("Greedy Williams, 26,", "Serene Gregg, local president of", "reporter Nisan Ahmado"),
    the name listed with a given-name person ("Russell Westbrook, Lakers great Magic Johnson and
    Jason Kidd"), a cited author ("Ruskin KJ"), its surname alone as the subject of a verb
    ("Williams was flagged", "Braun has worked"), or Mr./Ms. with the surname."""
    if cited(name):
        return True
    last = re.escape(name.split()[-1])
    pats = [re.escape(name) + _AGE, r"(?:Mr|Mrs|Ms|Dr)\.? " + last + r"\b",
            r"(?:^|[.!?\n]\s*|, )" + last + r" (?:was|is|has|had|said|says|told|added|\w+ed)\b"]
    given = given_names()
    for (body,) in conn.execute("SELECT a.body FROM articles a JOIN article_actors x ON x.article_id = a.id "
                                "WHERE x.actor_id = ?", (aid,)):
        if any(re.search(p, body) for p in pats):
            return True
        for m in re.finditer(re.escape(name), body):
            after = _AFTER.match(body[m.end():m.end() + 60])
            before = _BEFORE.search(body[max(0, m.start() - 30):m.start()])
            if after and any(role_noun(w) for w in after.group(1).split()) or before and role_noun(before.group(1)):
                return True
            listed = [x.group(1) for x in (_LISTED_BEFORE.search(body[max(0, m.start() - 60):m.start()]),
                                           _LISTED_AFTER.match(body[m.end():m.end() + 60])) if x]
            if any(fold(g) in given for g in listed):
                return True
    return False


def _unnamed(rows, conn) -> list[dict]:
    """Names of several words with no dictionary entry opening with no given name
    (``screening.unnamed_opening``) whose articles show no person, and role nouns glued to a name."""
    lower = _store_lower(conn)
    out = []
    for aid, name, _norm, _country, _surname, ref in rows:
        if ref or dictionary.known_person(name, None):
            continue
        if titled_name(name) or unnamed_opening(name, lower) and not _shows_person(conn, aid, name):
            out.append({"id": aid, "name": name})
    return out


def titled_name(name: str) -> bool:
    """A title glued to a full name: "Superintendent Jennifer McCormick" (a title word of the
    lexicon before a given name and a surname)."""
    words = name.split()
    return len(words) > 2 and words[0].lower() in get_lexicon().titles and fold(words[1]) in given_names()


def _given_alone(rows, conn) -> list[dict]:
    """A one-word person sharing an article with a full-name person whose given name it is."""
    out = []
    for aid, name, norm, _country, _surname, _ref in rows:
        norm = norm or normalize_name(name)
        if " " in norm or not is_surname_only(name, norm):
            continue
        given = full_given(norm)
        full = conn.execute(
            "SELECT DISTINCT b.name FROM article_actors x JOIN article_actors y ON y.article_id = x.article_id "
            "JOIN actors b ON b.id = y.actor_id WHERE x.actor_id = ? AND b.type = 'person' AND b.id != ?",
            (aid, aid)).fetchall()
        owners = [f for (f,) in full if len(f.split()) > 1 and full_given(normalize_name(f).split()[0]) == given]
        if owners:
            out.append({"id": aid, "name": name, "full": owners})
    return out


def _twice(rows) -> list[dict]:
    """One person stored twice: one name key ("Tim Morrison", "Timothy Morrison") under any
    countries, or one given name and surname with other middle names or initials ("Owen Dempsey",
    "Owen John Dempsey") under compatible countries."""
    groups: dict[str, list[tuple]] = {}
    for aid, name, norm, country, _surname, _ref in rows:
        norm = norm or normalize_name(name)
        key = first_last_key(norm)
        if key:
            groups.setdefault(key, []).append((aid, name, country, name_key(norm)))
    out = []
    for k, v in sorted(groups.items()):
        same_key = len({x[3] for x in v}) < len(v)
        if len(v) > 1 and (same_key or len({x[2] for x in v if x[2]}) <= 1):
            out.append({"name": v[0][1], "key": k, "actors": [{"id": a, "name": n, "country": c} for a, n, c, _k in v]})
    return out


def check(conn) -> dict:
    """{"persons", "surname_apart", "surname_unlinked", "bare_titles", "common_nouns", "products",
    "org_products", "glued", "orgs", "given_alone", "twice", "unnamed"}: the live persons and each problem list."""
    brands = _brand_names()
    common = _store_common(conn)
    rows = conn.execute(
        "SELECT id, name, norm_name, country, surname, ref FROM actors WHERE type = 'person' AND merged_into IS NULL"
    ).fetchall()
    out = {"persons": len(rows), "surname_apart": _surname_apart(rows, conn), "surname_unlinked": [],
           "bare_titles": [], "common_nouns": [], "products": [], "org_products": [], "glued": [],
           "orgs": [], "given_alone": _given_alone(rows, conn), "twice": _twice(rows),
           "unnamed": _unnamed(rows, conn)}
    for aid, name, norm, _country, _surname, ref in rows:
        first = conn.execute("SELECT MIN(published) FROM articles a JOIN article_actors x ON x.article_id = a.id "
                             "WHERE x.actor_id = ?", (aid,)).fetchone()[0]
        hit = _unlinked_surname(name, norm or normalize_name(name), ref, (first or "")[:10] or None)
        if hit:
            out["surname_unlinked"].append({"id": aid, **hit})
        if bare_title(name, common):
            out["bare_titles"].append({"id": aid, "name": name})
        elif common_name(name, common) and not ref:
            out["common_nouns"].append({"id": aid, "name": name})
        if _product(name, brands):
            out["products"].append({"id": aid, "name": name})
        if glued(name):
            out["glued"].append({"id": aid, "name": name})
        known_org = get_lexicon().org_names.get(name) or dictionary.org(name)
        if (org_headed(name) or place_part(name) or known_org) and not dictionary.known_person(name, None):
            out["orgs"].append({"id": aid, "name": name})
    # organisations: a product never acts as one ("Note 10 Plus"); a brand is an org where it acts
    for aid, name in conn.execute("SELECT id, name FROM actors WHERE type = 'org' AND merged_into IS NULL"):
        if fold(name) in get_lexicon().products or product_model(name):
            out["org_products"].append({"id": aid, "name": name})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--list", action="store_true", help="also print every problem found")
    args = ap.parse_args(argv)

    store = open_store(args.db)
    try:
        r = check(store.conn)
    finally:
        store.close()
    n = {k: len(v) for k, v in r.items() if isinstance(v, list)}
    print(f"{r['persons']} persons; surname-only apart from a full name: {n['surname_apart']}; "
          f"surname-only not linked to the dictionary: {n['surname_unlinked']}; bare titles: {n['bare_titles']}; "
          f"common nouns: {n['common_nouns']}; products/platforms: {n['products']}; "
          f"products as organisations: {n['org_products']}; glued page text: {n['glued']}; "
          f"organisations/places as persons: {n['orgs']}; given name alone beside its full name: "
          f"{n['given_alone']}; one person twice: {n['twice']}; no given name and no person shown: {n['unnamed']}")
    if args.list:
        print(json.dumps({k: v for k, v in r.items() if isinstance(v, list)}, indent=1, ensure_ascii=False))
    return 1 if any(n.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
