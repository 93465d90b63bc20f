"""Run every benchmark in bench/ (``make bench``); each writes bench/results/<name>.json.

Usage: python -m bench [NAME ...]
"""

from __future__ import annotations

import pkgutil
import runpy
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = argv or sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    failed = 0
    for name in names:
        print(f"== bench.{name}", flush=True)
        try:
            runpy.run_module(f"bench.{name}", run_name="__main__")
        except SystemExit as exc:
            failed += bool(exc.code)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
