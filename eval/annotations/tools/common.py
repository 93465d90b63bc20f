"""Sample rows (offsets only) joined with their text, re-read from /work/shared."""
import json
from pathlib import Path

from verify import texts

HERE = Path(__file__).parent


def sample(corpus):
    src = texts(corpus)
    rows = [json.loads(x) for x in open(HERE / f"sample-{corpus}.jsonl", encoding="utf-8")]
    for r in rows:
        r["text"] = src[r["doc"]][r["start"]:r["end"]]
    return rows
