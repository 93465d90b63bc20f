"""``dateline load PARQUET_DIR [--db URL]``: the Spark job's output into a store.

Everything goes through the store writer (``dateline.store.writer.Writer``) that
``dateline ingest`` uses, one article per transaction, so the store ends up as an ingest of
the same inputs would leave it: global actors linked (``link_actors``), stories, inputs,
failures; and it works for whatever store ``dateline.store.open_store`` returns.

Order: the input order of the job (``inputs.ord``), as ``dateline ingest`` would have
written them, so that the writer makes the same choices (which copy is canonical, which
global actor a name links to). The ``(ord, article_id, day)`` index of the inputs is read
whole (a few columns: ~30 bytes an input); the articles, extractions and inputs themselves
are read ``CHUNK`` inputs at a time, pruned to the days of that chunk. Each article is
written with its extraction (``extractions`` table) by the input that gave it its row;
near-duplicate copies go through the writer without extraction (it links them to their
story by its own MinHash check and notes that their extractors did not run); later inputs
of the same article are exact duplicates; failures come last. Re-running the load changes nothing: every input the store already holds
(same locator, record and sha256) comes back ``unchanged``.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from dateline import SCHEMA
from dateline.config import Config
from dateline.errors import DatelineError
from dateline.pipeline import Result
from dateline.scale.schema import PARTITIONED
from dateline.types import Actor, CleanDocument, Dateline, Extraction, FailedInput, InputRef, RawDocument

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"
CHUNK = 2000  # inputs loaded per read of the tables


class Output:
    """The tables of one Spark output directory, read with pyarrow datasets."""

    def __init__(self, root: str | Path):
        import pyarrow as pa  # deferred: pyarrow takes ~0.4 s to import: Parquet only
        import pyarrow.dataset as ds  # deferred: pyarrow takes ~0.4 s to import: Parquet only

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
        import pyarrow.compute as pc  # deferred: pyarrow takes ~0.4 s to import: Parquet only

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


def _day_filter(days: list):
    import pyarrow.compute as pc  # deferred: pyarrow takes ~0.4 s to import: Parquet only

    f = pc.field("published_date")
    dated = [d for d in days if d is not None]
    flt = f.isin(dated) if dated else None
    if None in days:
        flt = f.is_null() if flt is None else flt | f.is_null()
    return flt


def _order(out: Output):
    """The non-failed inputs as ``(ord, article_id, published_date)`` in input order."""
    import pyarrow.compute as pc  # deferred: pyarrow takes ~0.4 s to import: Parquet only

    t = out.table("inputs").to_table(columns=["ord", "article_id", "published_date"],
                                     filter=pc.field("status") != "failed")
    return t.sort_by("ord").to_pylist()


def load(parquet_dir: str | Path, store, config: Config, progress: Callable[[str], None] | None = None,
         chunk: int = CHUNK) -> Counter:
    """Load a ``dateline spark`` output into ``store``; returns the writer's statuses counted."""
    import pyarrow.compute as pc  # deferred: pyarrow takes ~0.4 s to import: Parquet only

    from dateline.store.writer import Writer  # deferred: loads datasketch

    out = Output(parquet_dir)
    writer = Writer(store, config)
    counts: Counter = Counter()
    seen: set[str] = set()

    def done(status: str) -> None:
        counts[status] += 1
        if progress:
            progress(status)

    order = _order(out)
    for i in range(0, len(order), chunk):
        part = order[i : i + chunk]
        days = sorted({r["published_date"] for r in part}, key=lambda d: (d is None, d))
        by_day = _day_filter(days)
        ids = sorted({r["article_id"] for r in part})
        ords = [r["ord"] for r in part]
        arts = {a["id"]: a for a in out.rows("articles", where=pc.field("id").isin(ids) & by_day, by_day=False)}
        new = [x for x in ids if x not in seen]
        payloads = {r["article_id"]: json.loads(r["payload"]) for r in out.rows(
            "extractions", where=pc.field("article_id").isin(new) & by_day, columns=["article_id", "payload"],
            by_day=False)} if new else {}
        inputs = sorted(out.rows("inputs", where=pc.field("ord").isin(ords) & by_day, by_day=False),
                        key=lambda r: r["ord"])
        for r in inputs:
            a = arts.get(r["article_id"])
            if a is None:
                continue
            if a["id"] not in seen:  # the input that gave the article its row
                seen.add(a["id"])
                payload = payloads.get(a["id"])
                # keyed by the input's identity (the job's locator), as `dateline ingest` keys the same file
                clean = dataclasses.replace(_clean(a), input=_ref(r["locator"], r["format"], r["record"]))
                res = Result(record=_record(a, payload), clean=clean, raw=_raw(clean.input, r))
                ex = _extraction(payload) if payload is not None else None
                done(writer.write(res, extracted=payload is not None, extraction=ex))
                continue
            inp = _ref(r["locator"], r["format"], r["record"])
            clean = CleanDocument(input=inp, body=a["body"], url=r["url"], site=r["site"], source=r["source"],
                                  published=r["published"])
            rec = {**_record(a, None), "input": inp.to_json()}
            done(writer.write(Result(record=rec, clean=clean, raw=_raw(inp, r)), extracted=False))
    for f in out.rows("failures", by_day=False):
        inp = _ref(f["locator"], f["format"], f["record"])
        fail = FailedInput(inp, f["code"], f["message"], f["hint"], f["sha256"])
        done(writer.write(Result(record={}, failure=fail)))
    return counts
