"""A writer process for tests/postgres/test_concurrency.py (run as a script, not collected).

    python writer_proc.py URL GO_FILE ORDER ROUNDS

Writes the fixture store's stories (tests/fixture_store.py) with the real Writer into the
store at URL: every round writes all seven stories (in ORDER: fwd | rev), each from an input
path of its own (the same bodies: exact duplicates after the first), then the syndicated copy.
Waits for GO_FILE first so that both processes start writing together. Prints the statuses.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import fixture_store  # tests/: the test starting this script puts it on PYTHONPATH

from dateline.config import Config
from dateline.store import open_store
from dateline.store.writer import Writer


def main() -> None:
    url, go, order, rounds = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    docs = list(fixture_store.DOCS) if order == "fwd" else list(reversed(fixture_store.DOCS))
    store = open_store(url)
    writer = Writer(store, Config())
    deadline = time.monotonic() + 30
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    counts: Counter = Counter()
    for r in range(rounds):
        for d in docs:
            counts[writer.write(fixture_store.result(d, path=f"{order}/{r}/{d.key}.txt"))] += 1
        counts[writer.write(fixture_store.result(fixture_store.COPY, path=f"{order}/{r}/copy.txt", with_extraction=False),
                            extracted=False)] += 1
    store.close()
    print(dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
