"""Ingest: read every input kind into ``RawDocument`` (or ``FailedInput``), lazily.

    from dateline.ingest import iter_inputs
    for item in iter_inputs(["news/", "crawl.warc.gz", "https://example.org/feed.xml"], config):
        ...

Inputs: plain-text pages, HTML (and .html.gz), directories (recursive), globs, JSON Lines,
WARC/WET (warcio), RSS/Atom feeds (feedparser), http(s) URLs (httpx), "-" for stdin.
See docs/ingest.md. A bad input never raises: it gives one FailedInput with its code
(E100-E113, dateline/errors.py) and the run goes on.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator

from dateline.config import Config
from dateline.ingest.common import Ctx, failed
from dateline.ingest.http import make_client
from dateline.ingest.sources import read_spec
from dateline.types import FailedInput, InputRef, RawDocument

__all__ = ["iter_inputs"]


def iter_inputs(
    specs: Iterable[str], config: Config, published: str | None = None
) -> Iterator[RawDocument | FailedInput]:
    """Yield one RawDocument per document (or a FailedInput per bad input) of every spec, in order.

    ``published`` (the CLI's --published) is the fallback date of documents that carry none of their own
    (it replaces a WARC record's crawl date; a date printed in the page still wins when cleaning).
    """
    if isinstance(specs, str | os.PathLike):
        specs = [specs]  # one spec given bare
    ctx = Ctx(config=config, published=published, make_client=make_client)
    try:
        for spec in specs:
            try:
                for item in read_spec(spec, ctx):
                    if published and isinstance(item, RawDocument) and (
                        item.published is None or item.published_is_fallback
                    ):
                        item = dataclasses.replace(item, published=published, published_is_fallback=True)
                    yield item
            except Exception as exc:  # a bug must not end the run: report it against the input
                ref = InputRef(url=spec) if str(spec).lower().startswith(("http://", "https://")) else InputRef(path=str(spec))
                yield failed(ref, "E113", f"could not be read ({type(exc).__name__}: {exc})")
    finally:
        ctx.close()
