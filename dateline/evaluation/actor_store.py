"""The store check of the actor list (issue 14, requirement 7): what an analyst opening
``dateline actors`` must not see.

* a person stored under a surname alone while a person with a full name of that surname is in
  the store (and the two were not kept apart by an analyst): "Trump" beside "Donald Trump";
* a bare title or role noun stored as a person ("President", "Manager");
* a product, platform or brand stored as a person ("MacBook Pro", "Twitter").

    python -m dateline.evaluation.actor_store --db store.db [--list]

Build the store as a new user would (``dateline ingest ../shared/eval/extraction/zyte/html/*.html.gz
../shared/samples/000_a48cc020e4ab0942.txt --db store.db``), then run this. Exit status 1 when any
problem is found.
"""

from __future__ import annotations

import argparse
import json
import sys

from dateline.extract.actors.lexicon import agent_nouns, fold, get_lexicon
from dateline.store import open_store
from dateline.store.identity import name_key, normalize_name


def _brand_names() -> set[str]:
    lex = get_lexicon()
    names = set(lex.products)
    names |= {fold(n) for n, key in lex.org_names.items() if lex.orgs[key].acts_only}
    return names


def check(conn) -> dict:
    """{"persons", "surname_apart", "bare_titles", "products"}: the live persons and each problem list."""
    lex = get_lexicon()
    roles = agent_nouns() | set(lex.titles) | set(lex.groups) | lex.mods
    brands = _brand_names()
    rows = conn.execute(
        "SELECT id, name, norm_name, country, surname FROM actors WHERE type = 'person' AND merged_into IS NULL"
    ).fetchall()
    surnames: dict[str, list[tuple]] = {}
    for r in rows:
        if r[4]:
            surnames.setdefault(r[4], []).append((r[0], r[1]))
    apart_pairs = {(a, b) for a, b in conn.execute(
        "SELECT from_id, into_id FROM actor_merges WHERE undone_at IS NOT NULL").fetchall()}
    out = {"persons": len(rows), "surname_apart": [], "bare_titles": [], "products": []}
    for aid, name, _norm, _country, _surname in rows:
        words = normalize_name(name).split()
        if len(words) == 1:
            full = [f for f in surnames.get(name_key(words[0]), [])
                    if (aid, f[0]) not in apart_pairs and (f[0], aid) not in apart_pairs]
            if full:
                out["surname_apart"].append({"id": aid, "name": name, "full": [{"id": f[0], "name": f[1]} for f in full]})
        low = [w.lower().strip(".,") for w in name.split()]
        if low and all(w in roles or w.rstrip("s") in roles or w in ("the", "a", "an", "our", "their")
                       for w in low):
            out["bare_titles"].append({"id": aid, "name": name})
        role_named = bool(low) and (low[-1] in roles or low[-1].rstrip("s") in roles)  # "WeWork spokesperson"
        if fold(name) in brands or (not role_named and any(fold(name).startswith(b + " ") for b in brands)):
            out["products"].append({"id": aid, "name": name})
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
          f"bare titles: {n['bare_titles']}; products/platforms: {n['products']}")
    if args.list:
        print(json.dumps({k: v for k, v in r.items() if isinstance(v, list)}, indent=1, ensure_ascii=False))
    return 1 if any(n.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
