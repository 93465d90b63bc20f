"""Merging store actors, recorded and reversible; and the automatic surname merge.

``merge_actors(conn, from_id, into_id, reason)`` re-points everything of ``from_id`` (its article
actors, mentions, quotes and events) to ``into_id``, moves its aliases, recomputes both actors'
counts and titles from the articles, marks ``from_id`` as ``merged_into`` and records what moved
in ``actor_merges``. ``undo_merge(conn, merge_id)`` moves exactly those rows and aliases back.

``reconcile_surname(conn, actor_id)`` is the automatic merge, run for every person the writer
links: a person stored under a surname alone ("Noem") joins the person with a full name of that
surname ("Kristi Noem") when that person is the only one of that surname in the store with a
compatible country, and no analyst split the two; it runs again whenever an article brings a new
full name, so a surname stored before its full name was ever seen joins it later. Two people of
the same surname in the store ("Lavrov", "Anna Lavrov") keep a surname-only actor apart.

All functions run inside the caller's transaction and use SQL both stores accept.
"""

from __future__ import annotations

import json

from dateline.store.db import utcnow


def final_id(conn, actor_id: int | None) -> int | None:
    """The actor ``actor_id`` stands for now: itself, or the actor it was merged into (followed)."""
    seen = set()
    while actor_id is not None and actor_id not in seen:
        seen.add(actor_id)
        row = conn.execute("SELECT merged_into FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None or row[0] is None:
            return actor_id
        actor_id = row[0]
    return actor_id


def _repoint(conn, pairs: list[tuple[str, str]], new_id: int) -> None:
    """Point the article actors ``pairs`` ((article_id, local_id)) and everything naming them at ``new_id``."""
    for article_id, local in pairs:
        conn.execute("UPDATE article_actors SET actor_id = ? WHERE article_id = ? AND local_id = ?",
                     (new_id, article_id, local))
        conn.execute("UPDATE mentions SET actor_id = ? WHERE article_id = ? AND local_id = ?",
                     (new_id, article_id, local))
        conn.execute("UPDATE quotes SET speaker_actor = ? WHERE article_id = ? AND speaker_local = ?",
                     (new_id, article_id, local))
        conn.execute("UPDATE quotes SET via_actor = ? WHERE article_id = ? AND via_local = ?",
                     (new_id, article_id, local))
        conn.execute("UPDATE events SET source_actor = ? WHERE article_id = ? AND source_local = ?",
                     (new_id, article_id, local))
        conn.execute("UPDATE events SET target_actor = ? WHERE article_id = ? AND target_local = ?",
                     (new_id, article_id, local))


def _move_aliases(conn, aliases: list[str], src: int, dst: int) -> None:
    for a in aliases:
        conn.execute("INSERT OR IGNORE INTO actor_aliases(alias, actor_id) VALUES (?, ?)", (a, dst))
        conn.execute("DELETE FROM actor_aliases WHERE alias = ? AND actor_id = ?", (a, src))


def merge_actors(conn, from_id: int, into_id: int, reason: str) -> int:
    """Merge actor ``from_id`` into ``into_id``; returns the ``actor_merges`` id."""
    pairs = [(r[0], r[1]) for r in conn.execute(
        "SELECT article_id, local_id FROM article_actors WHERE actor_id = ? ORDER BY article_id, local_id",
        (from_id,)).fetchall()]
    aliases = [r[0] for r in conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (from_id,)).fetchall()]
    _repoint(conn, pairs, into_id)
    _move_aliases(conn, aliases, from_id, into_id)
    src = conn.execute("SELECT aliases, country, sector, ref FROM actors WHERE id = ?", (from_id,)).fetchone()
    dst = conn.execute("SELECT aliases FROM actors WHERE id = ?", (into_id,)).fetchone()
    surface = json.loads(dst[0] or "[]")
    surface += [s for s in json.loads(src[0] or "[]") if s not in surface]
    conn.execute("UPDATE actors SET aliases = ?, country = COALESCE(country, ?), sector = COALESCE(sector, ?), "
                 "ref = COALESCE(ref, ?) WHERE id = ?",
                 (json.dumps(surface, ensure_ascii=False), src[1], src[2], src[3], into_id))
    conn.execute("UPDATE actors SET merged_into = ? WHERE id = ?", (into_id, from_id))
    conn.execute("UPDATE actors SET merged_into = ? WHERE merged_into = ?", (into_id, from_id))
    refresh_actor(conn, from_id)
    refresh_actor(conn, into_id)
    row = conn.execute(
        "INSERT INTO actor_merges(from_id, into_id, reason, moved, aliases, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        "RETURNING id", (from_id, into_id, reason, json.dumps(pairs), json.dumps(aliases, ensure_ascii=False),
                         utcnow()),
    ).fetchone()
    return row[0]


def undo_merge(conn, merge_id: int) -> tuple[int, int] | None:
    """Undo a merge: its article actors and aliases go back; returns (from_id, into_id), or None
    when there is no such merge or it was undone already."""
    row = conn.execute("SELECT from_id, into_id, moved, aliases, undone_at FROM actor_merges WHERE id = ?",
                       (merge_id,)).fetchone()
    if row is None or row[4] is not None:
        return None
    from_id, into_id = row[0], row[1]
    pairs = [tuple(p) for p in json.loads(row[2] or "[]")]
    _repoint(conn, pairs, from_id)
    _move_aliases(conn, json.loads(row[3] or "[]"), into_id, from_id)
    conn.execute("UPDATE actors SET merged_into = NULL WHERE id = ?", (from_id,))
    conn.execute("UPDATE actor_merges SET undone_at = ? WHERE id = ?", (utcnow(), merge_id))
    refresh_actor(conn, from_id)
    refresh_actor(conn, into_id)
    return from_id, into_id


def kept_apart(conn, a: int, b: int) -> bool:
    """An analyst undid a merge of these two actors (either way round): never merge them again."""
    row = conn.execute(
        "SELECT 1 FROM actor_merges WHERE undone_at IS NOT NULL AND "
        "((from_id = ? AND into_id = ?) OR (from_id = ? AND into_id = ?)) LIMIT 1", (a, b, b, a)).fetchone()
    return row is not None


def refresh_actor(conn, actor_id: int) -> None:
    """Recompute an actor's mention and article counts, first/last seen and titles from its articles."""
    rows = conn.execute(
        "SELECT x.article_id, x.local_id, x.titles, substr(a.published, 1, 10) FROM article_actors x "
        "JOIN articles a ON a.id = x.article_id WHERE x.actor_id = ?", (actor_id,)).fetchall()
    n_mentions = 0
    titles: dict[str, dict] = {}
    dates = [r[3] for r in rows if r[3]]
    for article_id, local, raw, day in rows:
        n = conn.execute("SELECT count(*) FROM mentions WHERE article_id = ? AND local_id = ?",
                         (article_id, local)).fetchone()[0]
        n_mentions += max(1, n)
        seen: dict[str, str] = {}
        for t in json.loads(raw or "[]"):
            seen.setdefault(t.casefold(), t)
        for key, t in seen.items():
            d = titles.setdefault(key, {"forms": {}, "first": None, "last": None, "n": 0})
            d["forms"][t] = d["forms"].get(t, 0) + 1
            d["n"] += 1
            if day:
                d["first"] = min(d["first"] or day, day)
                d["last"] = max(d["last"] or day, day)
    conn.execute(
        "UPDATE actors SET n_mentions = ?, n_articles = ?, first_seen = ?, last_seen = ? WHERE id = ?",
        (n_mentions, len({r[0] for r in rows}), min(dates, default=None), max(dates, default=None), actor_id),
    )
    conn.execute("DELETE FROM actor_titles WHERE actor_id = ?", (actor_id,))
    for d in titles.values():
        title = max(d["forms"].items(), key=lambda kv: kv[1])[0]
        conn.execute("INSERT INTO actor_titles(actor_id, title, first_seen, last_seen, n) VALUES (?, ?, ?, ?, ?)",
                     (actor_id, title, d["first"], d["last"], d["n"]))


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def reconcile_surname(conn, actor_id: int) -> list[int]:
    """Merge surname-only persons into the one full-name person of that surname (see the module's
    docstring). ``actor_id`` is a person just linked, either kind. Returns the merge ids made."""
    row = conn.execute("SELECT type, name_key, surname, country, merged_into FROM actors WHERE id = ?",
                       (actor_id,)).fetchone()
    if row is None or row[0] != "person" or row[4] is not None or not row[1]:
        return []
    surname = row[2] or row[1]  # a full name's surname key, or a surname-only person's own key
    if not surname or len(surname) < 3:
        return []
    full = conn.execute(
        "SELECT id, country FROM actors WHERE type = 'person' AND surname = ? AND merged_into IS NULL",
        (surname,)).fetchall()
    lone = conn.execute(
        "SELECT id, country, locked FROM actors WHERE type = 'person' AND name_key = ? AND surname IS NULL "
        "AND merged_into IS NULL", (surname,)).fetchall()
    made = []
    for lone_id, country, locked in lone:
        fits = [f for f in full if _compatible(f[1], country)]
        if len(fits) != 1 or "name" in (locked or "") or kept_apart(conn, lone_id, fits[0][0]):
            continue
        made.append(merge_actors(conn, lone_id, fits[0][0], "surname"))
    return made
