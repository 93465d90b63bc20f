"""The sample watch ``make run`` leaves on the sample store, and how to get its digest.

``python -m dateline.watch.sample --db dateline.db`` (re)creates the watch ``sample`` (events
involving Russia, quotes by Ryabkov; no recipients), so its first digest covers the whole
sample, and prints the command that writes that digest to a file, no mail server needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dateline.config import load_config
from dateline.errors import DatelineError
from dateline.store import open_store
from dateline.watch.digest import build_digest
from dateline.watch.storage import add_watch, marks

NAME = "sample"
FILTERS = {"events": {"actor": "Russia"}, "quotes": {"speaker": "Ryabkov"}}


def make_sample(store, config) -> tuple[object, tuple[int, int, int]]:
    """(Re)create the sample watch; returns it and what its first digest would hold."""
    w = add_watch(store, NAME, FILTERS, start="all", replace=True)
    d = build_digest(store, w, config, marks(store, w, "email"))
    return w, d.counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.watch.sample", description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=None, help="the store (default: the config's db, ./dateline.db)")
    args = ap.parse_args(argv)
    config = load_config(db=args.db)

    if "://" not in config.db and not Path(config.db).exists():
        print(f"error E400: no store at {config.db} (hint: run `make run` or `dateline ingest` first)", file=sys.stderr)
        return 1
    try:
        with open_store(config.db) as store:
            w, (n_events, n_quotes, _) = make_sample(store, config)
    except DatelineError as exc:
        print(f"error {exc.code}: {exc.message} (hint: {exc.hint})", file=sys.stderr)
        return 1
    db = "" if args.db in (None, "dateline.db") else f"--db {args.db} "
    print(f"watch '{w.name}': {w.describe()} -> {n_events} events and {n_quotes} quotes for its first digest")
    print("  write the digest to a file (no mail server needed):")
    print(f"    .venv/bin/dateline {db}digest {w.name} --to-file digest.eml")
    print(f"  or read it here first: .venv/bin/dateline {db}digest {w.name} --preview")
    print(f"  its Atom feed, with `dateline {db}serve`: {config.base_url.rstrip('/')}/watch/{w.name}.atom")
    return 0


if __name__ == "__main__":
    sys.exit(main())
