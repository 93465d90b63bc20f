"""Data migrations: steps a SQL script cannot take because they need dateline's own rules.

A file ``NAME.data`` in ``migrations/`` names one function here (``module:function``); the runner
(``base.migrate``) calls it with the open connection inside the migration's transaction, in name
order with the SQL migrations, and records it in ``migrations`` like them — once per store, on
SQLite and PostgreSQL alike.

* ``rekey_actor_names`` (0011): the actor keys a store holds were computed by the rules of the
  version that wrote them. Issue 14 changed two of them — a full name keys its given name in full
  form ("Tim Morrison" keys as "timothy morrison", ``actor_hypocorisms.tsv``) and a person's surname
  key is the surname as printed, a hyphenated one whole ("Ben Murray-Bruce" -> "murray bruce") — so
  a store written before would look its own actors up under keys it never wrote, and store the next
  mention of a known person twice. This step recomputes ``name_key`` and ``surname`` of every actor
  from its stored name with today's rules. It merges nothing: actors kept apart stay apart.
"""

from __future__ import annotations

from dateline.store.base import Connection
from dateline.store.identity import name_key, person_surname_key


def actor_keys(name: str, norm: str | None, actor_type: str) -> tuple[str | None, str | None]:
    """(name_key, surname) of an actor as ``identity.link_actors`` writes them today."""
    if not norm:
        return None, None
    return name_key(norm), (person_surname_key(name, norm) if actor_type == "person" else None)


def rekey_actor_names(conn: Connection) -> int:
    """Recompute every actor's ``name_key`` and ``surname``; returns how many rows changed."""
    rows = conn.execute("SELECT id, name, norm_name, type, name_key, surname FROM actors").fetchall()
    changed = []
    for aid, name, norm, actor_type, key, surname in rows:
        new = actor_keys(name or "", norm, actor_type)
        if new != (key, surname):
            changed.append((*new, aid))
    if changed:
        conn.executemany("UPDATE actors SET name_key = ?, surname = ? WHERE id = ?", changed)
    return len(changed)
