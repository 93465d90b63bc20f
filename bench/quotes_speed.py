"""Quote extraction speed against the bare spaCy pipeline, on the same bodies in the same run.

Bodies: the cleaned sample plus the 84 articles of ../shared/eval/quotes/polnear/dev/text (as bodies).
Steps, timed separately in one process:
  1. bare spaCy: ``nlp.pipe(bodies, batch_size=config.batch_size)`` (best of 2 passes);
  2. actors, once (quotes take them as input; not timed here — see bench.actors_speed);
  3. quotes: ``extract_quotes(doc, clean, actors)`` over the parsed docs (best of 3 passes).
Reported: articles/second, quotes found, and the quote overhead = quote time / spaCy time
(target: at most 0.10).

    .venv/bin/python -m bench.quotes_speed [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from bench._corpus import best_of, polnear_bodies

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "quotes_speed.json"
TARGET = 0.10


def run(shared: Path, limit: int | None = None) -> dict:
    import spacy

    from dateline.config import Config
    from dateline.extract.actors import extract_actors
    from dateline.extract.quotes import extract_quotes
    from dateline.nlp.pipeline import get_nlp, resolve_model_name

    config = Config()
    nlp = get_nlp(config.model)
    cleans = polnear_bodies(shared, limit)
    texts = [c.body[: config.nlp_max_chars] for c in cleans]
    list(nlp.pipe(texts[:3]))  # warm-up
    t_nlp, docs = best_of(lambda: list(nlp.pipe(texts, batch_size=config.batch_size)), 2)
    actors = [tuple(extract_actors(d, c)) for d, c in zip(docs, cleans, strict=True)]
    list(extract_quotes(docs[0], cleans[0], actors[0]))  # lexicons load once per process
    t_q, n_quotes = best_of(
        lambda: sum(len(list(extract_quotes(d, c, a))) for d, c, a in zip(docs, cleans, actors, strict=True)), 3)
    n = len(docs)
    chars = sum(len(t) for t in texts)
    return {
        "name": "quotes_speed",
        "articles": n,
        "characters": chars,
        "quotes": n_quotes,
        "spacy_seconds": round(t_nlp, 3),
        "quotes_seconds": round(t_q, 3),
        "spacy_articles_per_second": round(n / t_nlp, 2),
        "spacy_plus_quotes_articles_per_second": round(n / (t_nlp + t_q), 2),
        "quotes_overhead": round(t_q / t_nlp, 4),
        "target_overhead": TARGET,
        "ok": t_q / t_nlp <= TARGET,
        "model": resolve_model_name(config.model),
        "spacy": spacy.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="quote extraction speed vs bare spaCy")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    res = run(Path(args.shared), args.limit)
    rows = [
        ("articles", res["articles"]),
        ("quotes found", res["quotes"]),
        ("spaCy seconds", res["spacy_seconds"]),
        ("quotes seconds", res["quotes_seconds"]),
        ("spaCy articles/s", res["spacy_articles_per_second"]),
        ("spaCy + quotes articles/s", res["spacy_plus_quotes_articles_per_second"]),
        ("quote overhead (target <= 0.10)", res["quotes_overhead"]),
    ]
    w = max(len(k) for k, _ in rows)
    for k, v in rows:
        print(f"{k:<{w}}  {v}")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(res, indent=2) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0 if res["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
