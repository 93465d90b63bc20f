"""Actor extraction speed against the bare spaCy pipeline, on the same bodies in the same run.

Bodies: the 84 news articles of ../shared/eval/quotes/polnear/dev/text plus the cleaned sample.
Steps, timed separately on one process:
  1. bare spaCy: ``nlp.pipe(bodies, batch_size=config.batch_size)`` (best of 2 passes);
  2. actors: ``extract_actors(doc, clean)`` over the parsed docs (best of 3 passes);
  3. with ``--all``: the whole extraction (actors, quotes, events: ``extract_document``) over the same
     docs, for reference (the quotes and events benches own those figures).
Reported: articles/second for spaCy alone, spaCy + actors, spaCy + all extractors, and the actor
overhead = actor time / spaCy time (target: at most 0.15).

    .venv/bin/python -m bench.actors_speed [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from bench._corpus import best_of, polnear_bodies

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "actors_speed.json"


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(shared: Path, limit: int | None = None, with_all: bool = False) -> dict:
    from dateline.config import Config
    from dateline.extract import extract_document
    from dateline.extract.actors import extract_actors
    from dateline.nlp.pipeline import get_nlp

    config = Config()
    nlp = get_nlp(config.model)
    cleans = polnear_bodies(shared, limit)
    _say(f"{len(cleans)} bodies cleaned")
    texts = [c.body[: config.nlp_max_chars] for c in cleans]
    list(nlp.pipe(texts[:3]))  # warm-up
    list(extract_actors(nlp(texts[0]), cleans[0]))  # lexicons and matchers, built once per process
    t_nlp, docs = best_of(lambda: list(nlp.pipe(texts, batch_size=config.batch_size)), 2)
    _say(f"spaCy: best pass {t_nlp:.1f} s")
    t_act, n_actors = best_of(
        lambda: sum(len(list(extract_actors(d, c))) for d, c in zip(docs, cleans, strict=True)), 3)
    _say(f"actors: best pass {t_act:.2f} s")
    t_all = None
    if with_all:
        t0 = time.perf_counter()
        for d, c in zip(docs, cleans, strict=True):
            extract_document(d, c)
        t_all = time.perf_counter() - t0
    n = len(texts)
    chars = sum(len(t) for t in texts)
    return {
        "articles": n,
        "chars": chars,
        "actors_found": n_actors,
        "spacy_s": round(t_nlp, 3),
        "actors_s": round(t_act, 3),
        "all_extractors_s": round(t_all, 3) if t_all is not None else None,
        "spacy_articles_per_s": round(n / t_nlp, 2),
        "spacy_plus_actors_articles_per_s": round(n / (t_nlp + t_act), 2),
        "whole_extraction_articles_per_s": round(n / (t_nlp + t_all), 2) if t_all is not None else None,
        "actor_overhead": round(t_act / t_nlp, 4),
        "target_actor_overhead_max": 0.15,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "python": platform.python_version(),
        "machine": f"{platform.machine()} ({platform.processor() or 'cpu'}), shared with other jobs",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="actor extraction speed vs bare spaCy")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--all", action="store_true", help="also time quotes and events (extract_document)")
    args = ap.parse_args(argv)
    r = run(Path(args.shared), args.limit, args.all)
    rows = [
        ("spaCy nlp.pipe alone", r["spacy_s"], r["spacy_articles_per_s"], "1.00"),
        ("spaCy + actors", round(r["spacy_s"] + r["actors_s"], 3), r["spacy_plus_actors_articles_per_s"],
         f"{r['spacy_articles_per_s'] / r['spacy_plus_actors_articles_per_s']:.2f}"),
    ]
    if r["all_extractors_s"] is not None:
        rows.append(("spaCy + actors + quotes + events", round(r["spacy_s"] + r["all_extractors_s"], 3),
                     r["whole_extraction_articles_per_s"],
                     f"{r['spacy_articles_per_s'] / r['whole_extraction_articles_per_s']:.2f}"))
    print(f"{r['articles']} articles, {r['chars']} chars, {r['actors_found']} actors; model {r['model']}")
    print(f"{'step':36} {'seconds':>8} {'articles/s':>11} {'time x':>7}")
    for name, s, aps, x in rows:
        print(f"{name:36} {s:>8} {aps:>11} {x:>7}")
    verdict = "ok" if r["actor_overhead"] <= r["target_actor_overhead_max"] else "OVER TARGET"
    print(f"actor overhead: {r['actor_overhead']:.1%} of spaCy time (target <= 15%): {verdict}")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(r, indent=2) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
