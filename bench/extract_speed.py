"""Whole-extraction speed (actors, quotes, events) against the bare spaCy pipeline (issue 5, req. 10).

Bodies: the cleaned sample plus the 84 news articles of ../shared/eval/quotes/polnear/dev/text,
cut to ``Config.nlp_max_chars`` as the pipeline does. In one process, on the same bodies:
  bare    ``nlp.pipe(bodies)`` alone (best of 2 passes);
  whole   ``nlp.pipe(bodies)`` followed by ``dateline.extract.extract_document`` on every doc
          (best of 2 passes), i.e. what ``dateline ingest`` does per batch after cleaning;
  stages  actors / quotes / events timed separately over the parsed docs (best of 2), for diagnosis.
Target: whole-extraction throughput >= 75% of bare spaCy throughput, judged on the lower of the
end-to-end ratio and the ratio from stage times (bare / (bare + actors + quotes + events)); on a
shared machine the end-to-end figure is noisy. Lexicons, matchers and the gazetteer are built
once per process (a warm-up document runs first, untimed).

    .venv/bin/python -m bench.extract_speed [--shared ../shared] [--limit N] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

from bench._corpus import best_of, polnear_bodies

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "extract_speed.json"
TARGET = 0.75


def run(shared: Path, limit: int | None = None) -> dict:
    from dateline.config import Config
    from dateline.extract import extract_document
    from dateline.extract.actors import extract_actors
    from dateline.extract.events import extract_events
    from dateline.extract.quotes import extract_quotes
    from dateline.nlp.pipeline import get_nlp

    config = Config()
    nlp = get_nlp(config.model)
    cleans = polnear_bodies(shared, limit)
    texts = [c.body[: config.nlp_max_chars] for c in cleans]
    extract_document(nlp(texts[0]), cleans[0])  # warm-up: model, lexicons, matchers, gazetteer

    t_bare, docs = best_of(lambda: list(nlp.pipe(texts, batch_size=config.batch_size)))

    def whole():
        return [extract_document(d, c) for d, c in
                zip(nlp.pipe(texts, batch_size=config.batch_size), cleans, strict=True)]

    t_whole, extractions = best_of(whole)
    t_act, actors = best_of(lambda: [tuple(extract_actors(d, c)) for d, c in zip(docs, cleans, strict=True)])
    t_quo, quotes = best_of(lambda: [tuple(extract_quotes(d, c, a)) for d, c, a in
                                   zip(docs, cleans, actors, strict=True)])
    t_ev, events = best_of(lambda: [tuple(extract_events(d, c, a, q)) for d, c, a, q in
                                  zip(docs, cleans, actors, quotes, strict=True)])
    n = len(texts)
    sents = sum(len(list(d.sents)) for d in docs)
    n_events = sum(len(e) for e in events)
    return {
        "articles": n,
        "chars": sum(len(t) for t in texts),
        "sentences": sents,
        "events": n_events,
        "events_per_sentence": round(n_events / max(1, sents), 3),
        "bare_spacy_s": round(t_bare, 3),
        "whole_extraction_s": round(t_whole, 3),
        "actors_s": round(t_act, 3),
        "quotes_s": round(t_quo, 3),
        "events_s": round(t_ev, 3),
        "bare_articles_per_s": round(n / t_bare, 2),
        "whole_articles_per_s": round(n / t_whole, 2),
        "throughput_ratio": round(t_bare / t_whole, 4),
        # the same ratio from the separately timed stages: steadier on a machine shared with other jobs
        "throughput_ratio_from_stages": round(t_bare / (t_bare + t_act + t_quo + t_ev), 4),
        "target_ratio_min": TARGET,
        "extractions_checked": sum(1 for x in extractions if x is not None),
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, 2 cores shared with other jobs",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="whole extraction speed vs bare spaCy")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    r = run(Path(args.shared), args.limit)
    print(f"{r['articles']} articles, {r['chars']} chars, {r['sentences']} sentences, {r['events']} events "
          f"({r['events_per_sentence']} per sentence); model {r['model']}")
    print(f"{'step':40} {'seconds':>8} {'articles/s':>11}")
    print(f"{'bare spaCy nlp.pipe':40} {r['bare_spacy_s']:>8} {r['bare_articles_per_s']:>11}")
    print(f"{'nlp.pipe + extract_document (whole)':40} {r['whole_extraction_s']:>8} {r['whole_articles_per_s']:>11}")
    for k in ("actors", "quotes", "events"):
        print(f"{'  of which ' + k + ' (separately)':40} {r[k + '_s']:>8}")
    worst = min(r["throughput_ratio"], r["throughput_ratio_from_stages"])
    verdict = "ok" if worst >= TARGET else "BELOW TARGET"
    print(f"whole / bare throughput: {r['throughput_ratio']:.1%} measured end to end, "
          f"{r['throughput_ratio_from_stages']:.1%} from stage times (target >= {TARGET:.0%}): {verdict}")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(r, indent=2) + "\n", "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
