"""CSV and Parquet: one file per table (``TABLES``), written in streaming batches."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from dateline.export.columns import TABLES, arrow_schema, names
from dateline.export.select import column_batches
from dateline.query.filters import EventFilter

ROW_GROUP = 50_000


def csv_value(v):
    """One CSV cell: empty for None, true/false, ISO dates, lists and mappings as JSON."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list | dict | tuple):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_csv(store, out: Path, f: EventFilter, tables: list[str] | None = None) -> dict[str, int]:
    """``out/<table>.csv`` (UTF-8, header row, RFC 4180 quoting); returns rows per table."""
    counts = {}
    for table in tables or list(TABLES):
        cols = names(table)
        n = 0
        with open(out / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for batch in column_batches(store, table, f, ROW_GROUP):
                columns = [[csv_value(v) for v in batch[c]] for c in cols]
                w.writerows(zip(*columns, strict=True))
                n += len(columns[0])
        counts[table] = n
    return counts


def write_parquet(store, out: Path, f: EventFilter, tables: list[str] | None = None) -> dict[str, int]:
    """``out/<table>.parquet`` with the schema of ``arrow_schema(table)``; returns rows per table."""
    import pyarrow as pa  # deferred: pyarrow takes ~0.4 s to import: Parquet only
    import pyarrow.parquet as pq  # deferred: pyarrow takes ~0.4 s to import: Parquet only

    counts = {}
    for table in tables or list(TABLES):
        schema = arrow_schema(table)
        n = 0
        with pq.ParquetWriter(out / f"{table}.parquet", schema, compression="zstd") as w:
            for batch in column_batches(store, table, f, ROW_GROUP):
                w.write_table(pa.Table.from_pydict(batch, schema=schema))
                n += len(next(iter(batch.values())))
            if n == 0:
                w.write_table(schema.empty_table())
        counts[table] = n
    return counts
