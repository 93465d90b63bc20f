"""Run every benchmark in bench/ (``make bench``); each writes bench/results/<name>.json.

Usage: python -m bench [NAME ...]
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = argv or sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    failed = 0
    for name in names:
        print(f"== bench.{name}", flush=True)
        mod = importlib.import_module(f"bench.{name}")
        rc = mod.main([]) if hasattr(mod, "main") else 0
        failed += bool(rc)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
