"""``format=csv`` on the API's lists: the same filters, a header row, every match, streamed.

A CSV answer is what "Download CSV" on a web page fetches, so it is not a page: it holds every
row the filters select (from ``offset``; at most ``limit`` rows only when ``limit`` is given in
the request). Rows are read in batches of ``CSV_BATCH`` through the same ``dateline.query``
functions as the JSON answer, on the request's own store connection (FastAPI gives a
``yield`` dependency back only after the response is sent, so the connection stays the
request's while it streams), so a large download costs no more memory than one batch.

Values are written as ``dateline export --format csv`` writes them: booleans ``true``/``false``,
lists and objects as JSON, nulls as empty fields. The columns are the query layer's column list
(``EVENT_COLUMNS``...) followed by any key the rows carry beyond it (a field added later shows up
without a change here).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from fastapi import Query, Request
from fastapi.responses import StreamingResponse

from dateline.export.tabular import csv_value

CSV_BATCH = 1000
FORMAT = Query("json", pattern="^(json|csv)$", description="json (a page) or csv (every match, streamed)")
# documents the CSV answer in OpenAPI (route ``responses``)
CSV_RESPONSE = {200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                      "description": "JSON, or CSV with a header row when format=csv"}}
_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def columns_for(base: Sequence[str], rows: Iterable[dict], drop: Iterable[str] = ()) -> list[str]:
    """``base`` first, then keys the rows carry beyond it, in their order of appearance."""
    dropped = set(drop)
    cols = [c for c in base if c not in dropped]
    seen = set(cols) | dropped
    for r in rows:
        for k in r:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    return cols


def encode(rows: Iterable[dict], cols: Sequence[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        w.writerow([csv_value(r.get(c)) for c in cols])
    return buf.getvalue()


def row_cap(request: Request, limit: int) -> int | None:
    """How many rows a CSV answer may hold: ``limit`` when the request names it, else all."""
    return limit if "limit" in request.query_params else None


def stream(store, name: str, base: Sequence[str], fetch: Callable, offset: int = 0,
           cap: int | None = None, drop: Iterable[str] = (), shape: Callable[[dict], dict] | None = None,
           batch: int | None = None, pool=None) -> StreamingResponse:
    """A streamed CSV of ``fetch(store, limit, offset) -> list[dict]``, batch after batch (Starlette
    runs the generator in a worker thread). A route without a store of its own (search) passes the
    ``pool``: the generator then borrows a connection for as long as it streams."""
    batch = batch or CSV_BATCH

    def rows() -> Iterator[str]:
        if pool is None:
            yield from batches(store)
            return
        borrowed = pool.acquire()
        try:
            yield from batches(borrowed)
        finally:
            pool.release(borrowed)

    def batches(store) -> Iterator[str]:
        off, left, cols = offset, cap, None
        while left is None or left > 0:
            n = batch if left is None else min(batch, left)
            items = fetch(store, n, off)
            if shape is not None:
                items = [shape(r) for r in items]
            if cols is None:
                cols = columns_for(base, items, drop)
                yield encode([dict(zip(cols, cols, strict=True))], cols)
            if not items:
                break
            yield encode(items, cols)
            off += len(items)
            left = None if left is None else left - len(items)
            if len(items) < n:
                break

    filename = _NAME.sub("-", name) + ".csv"
    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def once(name: str, base: Sequence[str], items: list[dict], drop: Iterable[str] = ()):
    """A CSV of rows already computed (a timeline, a network's edges)."""
    return stream(None, name, base, lambda _s, n, off: items[off:off + n], drop=drop)
