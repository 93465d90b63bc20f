"""Exports of the store: ``dateline/1`` JSON Lines, CSV and Parquet tables, GDELT 2.0 events.

``export(store, fmt, out_dir, f)`` writes the files for one format into ``out_dir`` plus a
``manifest.json`` (format, filter, row counts, columns, dateline version, time), and returns
the manifest. Filters are the ``dateline.query.EventFilter`` of ``dateline events``; see
``dateline.export.select`` and docs/export.md for what a filter selects.
"""

from __future__ import annotations

import json
from pathlib import Path

from dateline import SCHEMA, __version__
from dateline.errors import DatelineError
from dateline.export.columns import TABLES, arrow_schema, names
from dateline.export.gdelt import COLUMNS, write_gdelt
from dateline.export.jsonl import write_jsonl
from dateline.export.tabular import write_csv, write_parquet
from dateline.query.filters import EventFilter
from dateline.store.db import utcnow

FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def export(store, fmt: str, out_dir, f: EventFilter | None = None, *, header: bool = False,
           validate: bool = True) -> dict:
    if fmt not in FORMATS:
        raise DatelineError("E501", f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    f = f or EventFilter(copies=True)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatelineError("E501", f"cannot create output directory {out}: {exc}") from exc
    if fmt == "jsonl":
        counts, files = write_jsonl(store, out, f, validate=validate), {"articles": "articles.jsonl"}
        columns = {"articles": SCHEMA}
    elif fmt == "csv":
        counts = write_csv(store, out, f)
        files = {t: f"{t}.csv" for t in TABLES}
        columns = {t: names(t) for t in TABLES}
    elif fmt == "parquet":
        counts = write_parquet(store, out, f)
        files = {t: f"{t}.parquet" for t in TABLES}
        columns = {t: names(t) for t in TABLES}
    else:
        counts, files = write_gdelt(store, out, f, header=header), {"events": "events.export.CSV"}
        columns = {"events": COLUMNS}
    manifest = {
        "format": fmt, "dateline": __version__, "created_at": utcnow(), "filter": f.to_dict(),
        "files": files, "rows": counts, "columns": columns, "header": header if fmt == "gdelt" else None,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return manifest


__all__ = ["FORMATS", "TABLES", "arrow_schema", "export", "names"]
