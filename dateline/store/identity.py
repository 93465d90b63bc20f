"""Cross-article actor identity: one ``actors`` row per real-world entity.

Each article actor (``dateline.types.Actor``) is linked to a global actor by, in order:

1. countries: ``type = country`` and the same ISO alpha-3 code;
2. the same normalised name or alias (``actor_aliases``), same type, compatible country
   (equal, or unknown on either side; the most-mentioned candidate wins); an actor of
   unknown country also matches the one actor of that type with the same ``name_key``;
3. persons and orgs with a known country: the same transliteration key
   (``name_key``: Baqeri/Bagheri, Sergei/Sergey, Nicolai/Nikolai), or a rapidfuzz
   ratio >= ``FUZZY_MIN`` on the keys within the same country and type (persons must
   also agree on the surname key; groups match exactly only);
   A person whose key is another's key plus more surname tokens ("Ali Bagheri Kani" and the
   stored "Ali Baqeri", either way round) joins it when it is the only such person of the same
   country and type (the first names must agree: the keys share their first word);
4. persons named by surname alone: the one person with that surname key (and a
   compatible country) when it is unambiguous;
5. otherwise a new actor.

Organisations are also looked up without an outlet's long form ("the official IRNA news
agency" -> "irna"). Unnamed groups and officials without a country ("reporters", "diplomats",
"a Western diplomat") are per-article only: they get no global actor (``link_actors`` maps
them to None), since nothing says two articles' "reporters" are the same people.
Titles are matched case-insensitively: "Foreign Minister" and "foreign minister" are one
``actor_titles`` row, stored in the casing seen in most of the actor's articles.

Normalised names (``normalize_name``) are casefolded, accents stripped, punctuation
dropped and leading honorifics (``honorifics.txt``) removed. The titles seen are kept
in ``actor_titles`` with the first and last article dates they were seen on.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from dateline.extract.actors.lexicon import agent_nouns, get_lexicon
from dateline.extract.actors.names import (  # noqa: F401 - re-exported: the store's name keys
    first_last_key,
    fold_word,
    honorifics,
    is_surname_only,
    name_key,
    normalize_name,
    normalize_plain,
    person_surname_key,
    strip_accents,
    surname_key,
)
from dateline.extract.actors.screening import bare_title
from dateline.store.base import Connection
from dateline.store.corrections import apply_countries
from dateline.store.merges import reconcile_surname
from dateline.types import Actor

FUZZY_MIN = 88.0  # rapidfuzz ratio on transliteration keys
NATIONAL = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}  # sectors of a country's own institutions


_LONG_FORM = re.compile(
    r"^(?:the )?(?:(?:official|state|state run|state owned|semi official|government|private|independent)\s+)*"
    r"(?P<name>.+?)\s+(?:news agency|press agency|news service|agency|news)$"
)


def outlet_short(norm: str) -> str | None:
    """ "the official irna news agency" -> "irna"; None when the name has no long-form ending."""
    m = _LONG_FORM.match(norm)
    return m.group("name") if m and m.group("name") != norm else None


def is_unnamed_group(actor: Actor) -> bool:
    """A generic collective ("reporters", "Western diplomats") or common-noun organisation
    ("company", "the agency") with no country, a person known only by a description ("A US
    official", "Former U.S. ambassador"), or any actor named by a bare title or actor noun alone ("President", "University",
    "Officers"; not a country's national institution, "Foreign Ministry" of Russia): per-article
    only, since nothing says two articles' "company" is one company."""
    if actor.type == "country":
        return False
    words = actor.name.split()
    if not words:
        return True
    if _generic_words(words) and not _national_institution(actor, words):
        return True
    if actor.type == "person" and any(w.islower() and w not in _PARTICLES for w in words):
        return True  # a description ("A US official", "our new President"), not a name: whoever it is
    if actor.type == "person" and not actor.ref and bare_title(actor.name):
        return True  # titles, places and common words: "Inspector-General", "Chief Strategy Officer"
    if actor.country or actor.type not in ("group", "person", "org"):
        return False
    return not words[-1][:1].isupper()


# a country has one of each: "the army" of Israel is one actor; "the agency" of the US is not
UNIQUE_INSTITUTIONS = {"army", "navy", "police", "military", "parliament", "government", "cabinet", "presidency",
                       "congress", "senate", "judiciary", "junta", "legislature", "regime", "forces", "coast guard",
                       "air force", "armed forces", "security forces", "national guard", "supreme court"}


def _national_institution(actor: Actor, words: list[str]) -> bool:
    """A country's own institution, named ("Foreign Ministry", "Interior Ministry") or unique to it
    ("army", "parliament"), with that country: one actor across articles."""
    if not (actor.type == "org" and actor.country and actor.sector in NATIONAL):
        return False
    low = " ".join(w.lower() for w in words if w.lower() not in ("the", "a", "an"))
    return any(w[:1].isupper() for w in words if w.lower() not in ("the", "a", "an")) or low in UNIQUE_INSTITUTIONS


_PARTICLES = {"de", "da", "di", "del", "della", "der", "van", "von", "le", "la", "du", "al", "el", "bin", "ben",
              "abu", "ibn", "dos", "das", "bint", "ould", "ter", "ten", "y", "e"}


def _generic_words(words: list[str]) -> bool:
    """Every word an actor noun, title word, agent noun (``actor_agents.tsv``) or determiner
    ("President", "the Judge", "Officers", "Manager")."""
    vocab = _role_vocabulary()
    return all(w.lower().strip(".,") in vocab or w.lower().rstrip("s") in vocab for w in words)


@functools.lru_cache(maxsize=1)
def _role_vocabulary() -> frozenset[str]:
    lex = get_lexicon()
    return frozenset(lex.titles.keys() | lex.groups.keys() | lex.insts.keys() | lex.mods
                     | {"the", "a", "an", "our", "their", "his", "her"} | agent_nouns())


def _extended(conn: Connection, actor: Actor, key: str) -> int | None:
    """ "ali bageri kani" vs a stored "ali bageri" (or the reverse): same country, type and first
    name; one key is the other plus trailing surname tokens; only when exactly one person fits."""
    words = key.split()
    if len(words) < 2:
        return None
    rows = conn.execute(
        "SELECT id, name_key FROM actors WHERE type = ? AND country = ? AND name_key LIKE ?",
        (actor.type, actor.country, words[0] + " %"),
    ).fetchall()
    hits = []
    for aid, other in rows:
        ow = (other or "").split()
        short, long_ = (ow, words) if len(ow) < len(words) else (words, ow)
        if len(short) >= 2 and len(long_) > len(short) and long_[: len(short)] == short:
            hits.append(aid)
    return hits[0] if len(hits) == 1 else None


# -- lookup ---------------------------------------------------------------------------------
def _compatible(country_a: str | None, country_b: str | None) -> bool:
    return country_a is None or country_b is None or country_a == country_b


def find_actor(conn: Connection, actor: Actor) -> int | None:
    """The global actor id this article actor is, or None when it is new. Actors merged into
    another are never returned (their aliases moved); an actor with another dictionary ``ref`` is
    another real actor; an actor whose country an analyst set accepts any country."""
    if actor.type == "country" and actor.country:
        row = conn.execute(
            "SELECT id FROM actors WHERE type = 'country' AND country = ? AND merged_into IS NULL "
            "ORDER BY n_mentions DESC LIMIT 1", (actor.country,),
        ).fetchone()
        return row[0] if row else None
    ref = getattr(actor, "ref", None)
    if ref:
        row = conn.execute("SELECT id FROM actors WHERE ref = ? AND merged_into IS NULL ORDER BY id LIMIT 1",
                           (ref,)).fetchone()
        if row:
            return row[0]
    norm = normalize_name(actor.name, actor.titles if actor.type == "person" else ())
    if not norm:
        return None
    names = {norm} | {normalize_name(a, actor.titles) for a in actor.aliases if a}
    names.discard("")
    if actor.type == "org":
        names |= {short for n in names if (short := outlet_short(n))}
    # 2. exact name or alias
    q = ",".join("?" * len(names))
    rows = conn.execute(
        f"SELECT a.id, a.country, a.locked, a.ref FROM actor_aliases x JOIN actors a ON a.id = x.actor_id "
        f"WHERE x.alias IN ({q}) AND a.type = ? AND a.merged_into IS NULL ORDER BY a.n_mentions DESC, a.id",
        (*names, actor.type),
    ).fetchall()
    rows = [r for r in rows if not (ref and r[3] and r[3] != ref)]
    same = [r[0] for r in rows if r[1] == actor.country]
    if same:
        return same[0]
    loose = [r[0] for r in rows if _compatible(r[1], actor.country) or "country" in (r[2] or "")]
    if loose:
        return loose[0]
    if actor.type == "group":
        return None
    return _by_key(conn, actor, norm, ref)


def _live(rows, ref: str | None) -> list:
    """Rows (id, ..., ref last) of actors not known as another dictionary actor."""
    return [r for r in rows if not (ref and r[-1] and r[-1] != ref)]


def _by_key(conn: Connection, actor: Actor, norm: str, ref: str | None) -> int | None:
    """Steps 3-4: transliteration key, fuzzy key within the country, surname alone."""
    key = name_key(norm)
    if not actor.country:  # unknown country: the same transliteration key, when only one actor has it
        rows = _live(conn.execute(
            "SELECT id, ref FROM actors WHERE type = ? AND name_key = ? AND merged_into IS NULL LIMIT 3",
            (actor.type, key)).fetchall(), ref)
        if len(rows) == 1:
            return rows[0][0]
        if actor.type != "person":
            return None
        return _middle_names(conn, actor, norm, ref) or _by_surname(conn, actor, norm, ref)
    row = _live(conn.execute(
        "SELECT id, ref FROM actors WHERE type = ? AND country = ? AND name_key = ? AND merged_into IS NULL "
        "ORDER BY n_mentions DESC", (actor.type, actor.country, key)).fetchall(), ref)
    if row:
        return row[0][0]
    if actor.type == "person":
        hit = _extended(conn, actor, key)
        if hit is not None:
            return hit
    words = norm.split()
    if actor.type != "person" or len(words) > 1:
        cands = _live(conn.execute(
            "SELECT id, name_key, surname, ref FROM actors WHERE type = ? AND country = ? AND name_key IS NOT NULL "
            "AND merged_into IS NULL", (actor.type, actor.country)).fetchall(), ref)
        if cands:
            choices = {r[0]: r[1] for r in cands}
            sur = surname_key(norm)
            surnames = {r[0]: r[2] for r in cands}
            for _choice, score, aid in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=5):
                if actor.type != "person":
                    return aid
                if surnames[aid] and sur and fuzz.ratio(surnames[aid], sur) >= FUZZY_MIN and score >= FUZZY_MIN:
                    return aid
    if actor.type == "person":
        return _middle_names(conn, actor, norm, ref) or _by_surname(conn, actor, norm, ref)
    return None


def _middle_names(conn: Connection, actor: Actor, norm: str, ref: str | None) -> int | None:
    """ "Owen John Dempsey" and a stored "Owen Dempsey", "Sonya A. Zoghlin" and "Sonya Zoghlin": the
    same given name and surname, one with middle names or initials; only when exactly one live
    person of a compatible country fits."""
    key = first_last_key(norm)
    surname = person_surname_key(actor.name, norm)
    if key is None or surname is None:
        return None
    rows = _live(conn.execute(
        "SELECT id, norm_name, country, locked, ref FROM actors WHERE surname = ? AND type = 'person' "
        "AND merged_into IS NULL", (surname,)).fetchall(), ref)
    hits = [r[0] for r in rows if first_last_key(r[1] or "") == key
            and (_compatible(r[2], actor.country) or "country" in (r[3] or ""))]
    return hits[0] if len(hits) == 1 else None


def _by_surname(conn: Connection, actor: Actor, norm: str, ref: str | None = None) -> int | None:
    """A surname-only person mention ("Baqeri"): the unique person with that surname key."""
    if not is_surname_only(actor.name, norm):
        return None  # "Murray-Bruce" is a surname alone too: one written word
    rows = _live(conn.execute(
        "SELECT id, country, locked, ref FROM actors WHERE surname = ? AND type = 'person' AND merged_into IS NULL",
        (name_key(norm),)).fetchall(), ref)
    rows = [r for r in rows if _compatible(r[1], actor.country) or "country" in (r[2] or "")]
    return rows[0][0] if len(rows) == 1 else None


# -- writing ---------------------------------------------------------------------------------
def _dedup_titles(titles: Iterable[str]) -> list[str]:
    out: dict[str, str] = {}
    for t in titles:
        out.setdefault(t.casefold(), t)
    return list(out.values())


def _title_casing(conn: Connection, gid: int, title: str) -> str:
    """The stored row for ``title`` regardless of case, renamed to the casing seen in most of
    the actor's articles (this one included; ties keep the stored casing). Returns that casing."""
    rows = conn.execute("SELECT title FROM actor_titles WHERE actor_id = ?", (gid,)).fetchall()
    stored = next((r[0] for r in rows if r[0].casefold() == title.casefold()), None)
    if stored is None or stored == title:
        return title
    counts = {stored: 0, title: 1}
    for (raw,) in conn.execute(
        "SELECT titles FROM article_actors WHERE actor_id = ? ORDER BY article_id LIMIT 1000", (gid,)
    ).fetchall():
        for t in set(json.loads(raw or "[]")):
            if t in counts:
                counts[t] += 1
    best = title if counts[title] > counts[stored] else stored
    if best != stored:
        conn.execute("UPDATE actor_titles SET title = ? WHERE actor_id = ? AND title = ?", (best, gid, stored))
    return best



def _add_aliases(conn: Connection, actor_id: int, names: Iterable[str]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO actor_aliases(alias, actor_id) VALUES (?, ?)",
        [(n, actor_id) for n in names if n],
    )


def after_article(conn: Connection, actor_ids: Iterable[int]) -> list[int]:
    """Run once the article's actors, mentions, quotes and events are stored: the automatic surname
    merges its persons make possible (``merges.reconcile_surname``), and the countries analysts set
    applied to its events. Returns the merge ids made."""
    made = []
    for gid in dict.fromkeys(actor_ids):
        if gid is not None:
            made += reconcile_surname(conn, gid)
    apply_countries(conn, [g for g in actor_ids if g is not None])
    return made


def link_actors(conn: Connection, actors: Iterable[Actor], date: str | None) -> dict[str, int]:
    """Link every article actor to its global actor (creating new ones); update counts and titles.

    ``date`` is the article's published date (``YYYY-MM-DD``; None when unknown). Call once per
    article, inside the article's transaction. Returns ``{local id: global actor id}``.
    """
    mapping: dict[str, int] = {}
    per_actor_mentions: dict[int, int] = {}
    for a in actors:
        if is_unnamed_group(a):
            continue
        gid = find_actor(conn, a)
        norm = normalize_name(a.name, a.titles if a.type == "person" else ())
        surface = [a.name, *a.aliases]
        if gid is None:
            cur = conn.execute(
                "INSERT INTO actors(name, norm_name, type, country, sector, aliases, name_key, surname, ref) "
                "VALUES (?, ?, ?, ?, ?, '[]', ?, ?, ?) RETURNING id",
                (
                    a.name, norm or normalize_plain(a.name), a.type, a.country, a.sector,
                    name_key(norm) if norm else None,
                    person_surname_key(a.name, norm) if a.type == "person" else None,
                    a.ref,
                ),
            )
            gid = cur.fetchone()[0]
        else:
            conn.execute(
                "UPDATE actors SET country = COALESCE(country, ?), sector = COALESCE(sector, ?), "
                "ref = COALESCE(ref, ?) WHERE id = ?",
                (a.country, a.sector, a.ref, gid),
            )
        row = conn.execute("SELECT aliases FROM actors WHERE id = ?", (gid,)).fetchone()
        seen = json.loads(row[0] or "[]")
        new = [s for s in surface if s and s not in seen]
        if new:
            conn.execute("UPDATE actors SET aliases = ? WHERE id = ?", (json.dumps(seen + new, ensure_ascii=False), gid))
        names = {norm, *(normalize_name(s, a.titles) for s in a.aliases)}
        if a.type == "person":  # a bare surname is not an alias: it is matched only while unambiguous
            names = {n for n in names if len(n.split()) > 1}
        _add_aliases(conn, gid, names)
        for t in _dedup_titles(a.titles):
            t = _title_casing(conn, gid, t)
            conn.execute(
                "INSERT INTO actor_titles AS t (actor_id, title, first_seen, last_seen, n) VALUES (?, ?, ?, ?, 1) "
                "ON CONFLICT(actor_id, title) DO UPDATE SET n = t.n + 1, "
                "first_seen = CASE WHEN excluded.first_seen IS NULL THEN t.first_seen "
                "  WHEN t.first_seen IS NULL OR excluded.first_seen < t.first_seen THEN excluded.first_seen "
                "  ELSE t.first_seen END, "
                "last_seen = CASE WHEN excluded.last_seen IS NULL THEN t.last_seen "
                "  WHEN t.last_seen IS NULL OR excluded.last_seen > t.last_seen THEN excluded.last_seen "
                "  ELSE t.last_seen END",
                (gid, t, date, date),
            )
        mapping[a.id] = gid
        per_actor_mentions[gid] = per_actor_mentions.get(gid, 0) + max(1, len(a.mentions))
    for gid, n in per_actor_mentions.items():
        conn.execute(
            "UPDATE actors SET n_mentions = n_mentions + ?, n_articles = n_articles + 1, "
            "first_seen = CASE WHEN ? IS NULL THEN first_seen WHEN first_seen IS NULL OR ? < first_seen "
            "  THEN ? ELSE first_seen END, "
            "last_seen = CASE WHEN ? IS NULL THEN last_seen WHEN last_seen IS NULL OR ? > last_seen "
            "  THEN ? ELSE last_seen END WHERE id = ?",
            (n, date, date, date, date, date, date, gid),
        )
    return mapping
