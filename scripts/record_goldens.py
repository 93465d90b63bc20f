"""Re-record the golden outputs of tests/house/goldens/ (see its README).

    .venv/bin/python scripts/record_goldens.py [--shared ../shared]

Runs tests/house/golden.py's ``produce`` on the fixed inputs from ../shared and overwrites the
goldens. Re-record only when an extractor changes what it finds on purpose, in a commit of its own
whose message says which change moved them; a refactoring must leave them byte-identical.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data (../shared)")
    args = ap.parse_args(argv)
    spec = importlib.util.spec_from_file_location("dateline_house_golden", ROOT / "tests/house/golden.py")
    golden = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = golden
    spec.loader.exec_module(golden)
    dest = ROOT / "tests/house/goldens"
    with tempfile.TemporaryDirectory(prefix="dateline-goldens-") as tmp:
        outputs = golden.produce(args.shared.resolve(), Path(tmp))
    golden.write(outputs, dest)
    for name, text in outputs.items():
        print(f"{dest / name}: {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
