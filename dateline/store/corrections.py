"""An analyst's corrections of the actor list: merge, rename, set-country, undo a merge.

Corrections are data in the store (``actor_corrections``, with ``actor_merges`` for what a merge
moved), so they survive re-ingest and apply to later articles:

* ``merge(conn, a, b)``: actor ``a`` is merged into ``b`` (``merges.merge_actors``); ``a``'s names
  now point to ``b``, so later articles naming ``a`` link to ``b``;
* ``rename(conn, a, name)``: ``a`` shows ``name``; the name becomes one of its aliases (later
  articles using it link here) and is locked (the writer never changes it);
* ``set_country(conn, a, "UKR")``: the actor's country, locked: identity accepts the actor
  whatever country a later article gives it, and its events (stored and later) carry it;
* ``undo(conn, merge_id)``: a merge (automatic or not) is undone and the pair is kept apart.

Each returns the correction as a dict; ``for_actor(conn, a)`` lists an actor's corrections and
merges (``dateline actor ID`` shows them). The same functions serve the CLI and the API.
"""

from __future__ import annotations

import json

import pycountry

from dateline.errors import DatelineError
from dateline.extract.actors.names import normalize_name
from dateline.store.db import utcnow
from dateline.store.merges import final_id, merge_actors, refresh_actor, undo_merge


def _actor(conn, actor_id: int) -> dict:
    row = conn.execute("SELECT id, name, type, country, merged_into, locked FROM actors WHERE id = ?",
                       (actor_id,)).fetchone()
    if row is None:
        raise DatelineError("E402", f"no actor {actor_id}", "`dateline actors QUERY` lists actors and their ids")
    return {"id": row[0], "name": row[1], "type": row[2], "country": row[3], "merged_into": row[4],
            "locked": row[5] or ""}


def _record(conn, kind: str, actor_id: int, other_id=None, old=None, value=None, merge_id=None,
            note=None) -> dict:
    at = utcnow()
    row = conn.execute(
        "INSERT INTO actor_corrections(kind, actor_id, other_id, old_value, value, merge_id, note, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (kind, actor_id, other_id, old, value, merge_id, note, at),
    ).fetchone()
    return {"id": row[0], "kind": kind, "actor_id": actor_id, "other_id": other_id, "old_value": old,
            "value": value, "merge_id": merge_id, "note": note, "created_at": at}


def _lock(conn, actor_id: int, field: str) -> None:
    locked = {x for x in (_actor(conn, actor_id)["locked"]).split(",") if x}
    locked.add(field)
    conn.execute("UPDATE actors SET locked = ? WHERE id = ?", (",".join(sorted(locked)), actor_id))


def merge(conn, from_id: int, into_id: int, note: str | None = None) -> dict:
    """Merge actor ``from_id`` into ``into_id`` (which keeps its id, name and country)."""
    a, b = _actor(conn, final_id(conn, from_id)), _actor(conn, final_id(conn, into_id))
    if a["id"] == b["id"]:
        raise DatelineError("E501", f"actors {from_id} and {into_id} are already one actor (#{a['id']})")
    if a["type"] != b["type"] and "country" in (a["type"], b["type"]):
        raise DatelineError("E501", f"cannot merge a {a['type']} into a {b['type']}",
                            "merge persons, organisations and groups; countries stay countries")
    merge_id = merge_actors(conn, a["id"], b["id"], "user")
    return _record(conn, "merge", b["id"], a["id"], a["name"], b["name"], merge_id, note)


def rename(conn, actor_id: int, name: str, note: str | None = None) -> dict:
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise DatelineError("E501", "a new name of 1 to 200 characters is needed")
    a = _actor(conn, final_id(conn, actor_id))
    norm = normalize_name(name)
    conn.execute("UPDATE actors SET name = ?, norm_name = ? WHERE id = ?", (name, norm or name.lower(), a["id"]))
    if norm:
        conn.execute("INSERT OR IGNORE INTO actor_aliases(alias, actor_id) VALUES (?, ?)", (norm, a["id"]))
    raw = conn.execute("SELECT aliases FROM actors WHERE id = ?", (a["id"],)).fetchone()[0]
    surface = json.loads(raw or "[]")
    if a["name"] not in surface:
        conn.execute("UPDATE actors SET aliases = ? WHERE id = ?",
                     (json.dumps([*surface, a["name"]], ensure_ascii=False), a["id"]))
    _lock(conn, a["id"], "name")
    return _record(conn, "rename", a["id"], old=a["name"], value=name, note=note)


def valid_country(code: str) -> str:
    code = (code or "").strip().upper()
    if code == "XKX" or (len(code) == 3 and pycountry.countries.get(alpha_3=code)):
        return code
    raise DatelineError("E501", f"{code!r} is not an ISO 3166-1 alpha-3 country code", "e.g. USA, RUS, IRN, XKX")


def set_country(conn, actor_id: int, country: str, note: str | None = None) -> dict:
    code = valid_country(country)
    a = _actor(conn, final_id(conn, actor_id))
    if a["type"] == "country":
        raise DatelineError("E501", f"#{a['id']} is a country; its code does not change")
    conn.execute("UPDATE actors SET country = ? WHERE id = ?", (code, a["id"]))
    _lock(conn, a["id"], "country")
    apply_countries(conn, [a["id"]])
    return _record(conn, "set-country", a["id"], old=a["country"], value=code, note=note)


def undo(conn, merge_id: int, note: str | None = None) -> dict:
    done = undo_merge(conn, merge_id)
    if done is None:
        raise DatelineError("E402", f"no merge {merge_id} to undo", "`dateline actor ID` lists an actor's merges")
    from_id, into_id = done
    refresh_actor(conn, into_id)
    return _record(conn, "undo", into_id, from_id, merge_id=merge_id, note=note)


def apply_countries(conn, actor_ids) -> None:
    """Events of these actors carry the countries analysts set (``locked`` country)."""
    for gid in dict.fromkeys(actor_ids):
        row = conn.execute("SELECT country, locked FROM actors WHERE id = ?", (gid,)).fetchone()
        if row is None or "country" not in (row[1] or ""):
            continue
        conn.execute("UPDATE events SET source_country = ? WHERE source_actor = ? AND source_country IS NOT ?",
                     (row[0], gid, row[0]))
        conn.execute("UPDATE events SET target_country = ? WHERE target_actor = ? AND target_country IS NOT ?",
                     (row[0], gid, row[0]))
        conn.execute("UPDATE article_actors SET country = ? WHERE actor_id = ?", (row[0], gid))


def for_actor(conn, actor_id: int) -> dict:
    """The corrections and merges that touch an actor: ``corrections`` (newest last) and ``merges``
    ([{id, from_id, from_name, into_id, into_name, reason, created_at, undone_at}])."""
    corr = [dict(zip(("id", "kind", "actor_id", "other_id", "old_value", "value", "merge_id", "note",
                      "created_at"), r, strict=True))
            for r in conn.execute(
                "SELECT id, kind, actor_id, other_id, old_value, value, merge_id, note, created_at "
                "FROM actor_corrections WHERE actor_id = ? OR other_id = ? ORDER BY id", (actor_id, actor_id))]
    merges = [dict(zip(("id", "from_id", "from_name", "into_id", "into_name", "reason", "created_at", "undone_at"),
                       r, strict=True))
              for r in conn.execute(
                  "SELECT m.id, m.from_id, f.name, m.into_id, t.name, m.reason, m.created_at, m.undone_at "
                  "FROM actor_merges m JOIN actors f ON f.id = m.from_id JOIN actors t ON t.id = m.into_id "
                  "WHERE m.from_id = ? OR m.into_id = ? ORDER BY m.id", (actor_id, actor_id))]
    return {"corrections": corr, "merges": merges}
