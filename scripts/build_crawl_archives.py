"""Build the crawl archives of the Spark benchmark and the WET measurement from ../shared (no download).

    .venv/bin/python scripts/build_crawl_archives.py --out DIR [--shared ../shared] [--n 1021]

Writes DIR/zyte.warc.gz, DIR/zyte.wet.gz and DIR/crawl-1000.warc.gz; see bench/_crawl.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._crawl import build_all  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=1021, help="records of crawl-1000.warc.gz")
    args = ap.parse_args(argv)
    print(json.dumps(build_all(Path(args.shared), Path(args.out), args.n), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
