"""``dateline load PARQUET_DIR [--db URL]``: the Spark job's output into a store.

Everything goes through the store writer (``dateline.store.writer.Writer``) that
``dateline ingest`` uses, one article per transaction, so the store ends up as an ingest of
the same inputs would leave it: global actors linked (``link_actors``), stories, inputs,
failures; and it works for whatever store ``dateline.store.open_store`` returns.

Order: per publication day (a partition at a time, so memory stays bounded by one day),
first the canonical articles with their extraction (``extractions`` table), then the
near-duplicate copies (the writer links each to its story by its own MinHash check and
notes that its extractors did not run), then the inputs that were exact duplicates, then
the failures. Re-running the load changes nothing: every input the store already holds
(same locator, record and sha256) comes back ``unchanged``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from dateline import SCHEMA
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.scale.schema import PARTITIONED
from dateline.types import Actor, CleanDocument, Dateline, Extraction, FailedInput, InputRef, RawDocument

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


class Output:
    """The tables of one Spark output directory, read with pyarrow datasets."""

    def __init__(self, root: str | Path):
        import pyarrow as pa
        import pyarrow.dataset as ds

        self.root = str(root).rstrip("/")
        if "://" not in self.root and not Path(self.root, "articles").exists():
            raise DatelineError("E501", f"{self.root} holds no Spark output (no articles/ table)",
                                "pass the --out directory of `dateline spark`")
        self._ds = ds
        self._part = ds.partitioning(pa.schema([("published_date", pa.date32())]), flavor="hive")
        self._cache: dict = {}

    def table(self, name: str):
        if name not in self._cache:
            path = f"{self.root}/{name}"
            if "://" not in path and not Path(path).exists():
                self._cache[name] = None
            else:
                self._cache[name] = self._ds.dataset(
                    path, format="parquet", partitioning=self._part if name in PARTITIONED else None,
                    ignore_prefixes=[".", "_"])
        return self._cache[name]

    def days(self) -> list:
        """Publication days present in ``articles`` (None = the null partition), in order."""
        t = self.table("articles").to_table(columns=["published_date"])
        values = set(t.column("published_date").to_pylist())
        return sorted(v for v in values if v is not None) + ([None] if None in values else [])

    def rows(self, name: str, day=None, where=None, columns=None, by_day: bool = True) -> list[dict]:
        import pyarrow.compute as pc

        d = self.table(name)
        if d is None:
            return []
        flt = None
        if by_day:
            flt = pc.field("published_date").is_null() if day is None else pc.field("published_date") == day
        if where is not None:
            flt = where if flt is None else flt & where
        return d.to_table(filter=flt, columns=columns).to_pylist()


def _ref(locator: str, fmt: str | None, record: str | None) -> InputRef:
    if locator.lower().startswith(("http://", "https://")):
        return InputRef(url=locator, format=fmt or "text", record=record or None)
    return InputRef(path=locator or None, format=fmt or "text", record=record or None)


def _clean(a: dict) -> CleanDocument:
    dl = None
    if a.get("dateline_start") is not None:
        dl = Dateline(a["dateline_place"], a["dateline_date"], a["dateline_agency"],
                      (a["dateline_start"], a["dateline_end"]))
    return CleanDocument(
        input=InputRef(path=a["input_path"], url=a["input_url"], format=a["input_format"] or "text",
                       record=a["input_record"]),
        body=a["body"], url=a["url"], site=a["site"], section=a["section"], headline=a["headline"],
        byline=a["byline"], source=a["source"], news_code=a["news_code"], published=a["published"], dateline=dl,
        language=a["language"], notes=tuple(a.get("notes") or ()),
    )


def _record(a: dict, payload: dict | None) -> dict:
    inp = {"path": a["input_path"], "url": a["input_url"], "format": a["input_format"]}
    if a["input_record"] is not None:
        inp["id"] = a["input_record"]
    dl = None
    if a.get("dateline_start") is not None:
        dl = {"place": a["dateline_place"], "date": a["dateline_date"], "agency": a["dateline_agency"],
              "span": [a["dateline_start"], a["dateline_end"]]}
    rec = {"schema": SCHEMA, "id": a["id"], "input": inp, "url": a["url"], "site": a["site"],
           "section": a["section"], "headline": a["headline"], "byline": a["byline"], "source": a["source"],
           "news_code": a["news_code"], "published": a["published"], "dateline": dl, "language": a["language"],
           "body": a["body"],
           "actors": [{k: v for k, v in x.items() if k != "aliases"} for x in (payload or {}).get("actors", [])],
           "quotes": (payload or {}).get("quotes", []), "events": (payload or {}).get("events", [])}
    if a.get("notes"):
        rec["notes"] = list(a["notes"])
    return rec


def _extraction(payload: dict) -> Extraction:
    actors = tuple(
        Actor(id=x["id"], name=x["name"], type=x["type"], titles=tuple(x.get("titles") or ()),
              country=x.get("country"), sector=x.get("sector"),
              mentions=tuple(tuple(m) for m in x.get("mentions") or ()), aliases=tuple(x.get("aliases") or ()))
        for x in payload.get("actors", [])
    )
    return Extraction(actors=actors, notes=tuple(payload.get("notes") or ()))


def _raw(inp: InputRef, row: dict | None) -> RawDocument:
    row = row or {}
    return RawDocument(input=inp, content="", kind="text", sha256=row.get("sha256"), size=row.get("size") or 0,
                       fetched_at=row.get("fetched_at"))


def _first_inputs(out: Output, day) -> dict[str, dict]:
    """The input that gave each article its row (the lowest ``ord`` of the article's inputs)."""
    import pyarrow.compute as pc

    firsts: dict[str, dict] = {}
    for r in out.rows("inputs", day, pc.field("status") != "failed"):
        cur = firsts.get(r["article_id"])
        if cur is None or r["ord"] < cur["ord"]:
            firsts[r["article_id"]] = r
    return firsts


def _articles(out: Output, day, canonical: bool) -> Iterator[tuple[dict, dict | None, dict | None]]:
    """(article, payload, its first input) for one day, in input order."""
    import pyarrow.compute as pc

    arts = out.rows("articles", day, pc.field("is_canonical") == canonical)
    if not arts:
        return
    firsts = _first_inputs(out, day)
    payloads = {}
    if canonical:
        payloads = {r["article_id"]: json.loads(r["payload"])
                    for r in out.rows("extractions", day, columns=["article_id", "payload"])}
    big = 1 << 62
    arts.sort(key=lambda a: (firsts.get(a["id"]) or {}).get("ord", big))
    for a in arts:
        yield a, payloads.get(a["id"]), firsts.get(a["id"])


def load(parquet_dir: str | Path, store, config: Config, progress: Callable[[str], None] | None = None) -> Counter:
    """Load a ``dateline spark`` output into ``store``; returns the writer's statuses counted."""
    import pyarrow.compute as pc

    from dateline.pipeline import Result
    from dateline.store.writer import Writer

    out = Output(parquet_dir)
    writer = Writer(store, config)
    counts: Counter = Counter()
    days = out.days()

    def done(status: str) -> None:
        counts[status] += 1
        if progress:
            progress(status)

    for canonical in (True, False):
        for day in days:
            for a, payload, first in _articles(out, day, canonical):
                clean = _clean(a)
                res = Result(record=_record(a, payload), clean=clean, raw=_raw(clean.input, first))
                ex = _extraction(payload) if payload is not None else None
                done(writer.write(res, extracted=payload is not None, extraction=ex))
    for day in days:
        firsts = {r["ord"] for r in _first_inputs(out, day).values()}
        dups = [r for r in out.rows("inputs", day, pc.field("status") != "failed") if r["ord"] not in firsts]
        if not dups:
            continue
        bodies = {r["id"]: r for r in out.rows("articles", day, pc.field("id").isin(sorted({d["article_id"] for d in dups})))}
        for d in sorted(dups, key=lambda r: r["ord"]):
            a = bodies.get(d["article_id"])
            if a is None:
                continue
            inp = _ref(d["locator"], d["format"], d["record"])
            clean = CleanDocument(input=inp, body=a["body"], url=d["url"], site=d["site"], source=d["source"],
                                  published=d["published"])
            rec = {**_record(a, None), "input": inp.to_json()}
            done(writer.write(Result(record=rec, clean=clean, raw=_raw(inp, d)), extracted=False))
    for f in out.rows("failures", by_day=False):
        inp = _ref(f["locator"], f["format"], f["record"])
        fail = FailedInput(inp, f["code"], f["message"], f["hint"], f["sha256"])
        done(writer.write(Result(record={}, failure=fail)))
    return counts
