"""Ingest one document posted to the API: text, HTML or a URL -> pipeline -> store writer.

Runs the same stages as ``dateline ingest``: ``dateline.pipeline.process`` (clean, NLP,
extract) and ``dateline.store.writer.Writer``. Writes are serialised by a lock and go
through their own store connection.
"""

from __future__ import annotations

import threading

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.types import FailedInput, RawDocument

_DATE = r"^\d{4}-\d{2}-\d{2}"


class Ingester:
    def __init__(self, config: Config):
        self.config = config
        self._lock = threading.Lock()
        self._store = None
        self._writer = None

    def _open(self):
        if self._writer is None:
            from dateline.store import open_store
            from dateline.store.writer import Writer

            self._store = open_store(self.config.db)
            self._writer = Writer(self._store, self.config)
        return self._writer

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = self._writer = None

    def raw_from_request(self, *, text=None, html=None, url=None, source_url=None, published=None):
        """The RawDocument (or FailedInput) for what was posted."""
        from dateline.ingest.common import Origin
        from dateline.ingest.page import make_page

        given = [x for x in (text, html, url) if x is not None]
        if len(given) != 1:
            raise DatelineError("E501", "send exactly one of text, html or url")
        if url is not None:
            return self._fetch(url, published)
        kind = "text" if text is not None else "html"
        data = (text if text is not None else html).encode("utf-8")
        origin = Origin(path=source_url or "api", name="api", doc_url=source_url)
        return make_page(data, origin, kind=kind, url=source_url, published=published)

    def _fetch(self, url: str, published: str | None):
        from dateline.ingest.common import Origin, is_http_url
        from dateline.ingest.http import fetch, make_client
        from dateline.ingest.page import make_page

        if not is_http_url(url):
            raise DatelineError("E112", f"{url!r} is not an http(s) URL")
        with make_client(self.config) as client:
            got = fetch(url, client, self.config)
        origin = Origin(url=url, name=url.rsplit("/", 1)[-1], content_type=got.content_type, doc_url=got.url,
                        fetched_at=got.fetched_at)
        return make_page(got.body, origin, content_type=got.content_type, url=got.url, published=published)

    def ingest(self, raw: RawDocument | FailedInput) -> dict:
        """Process and store one document; returns ``{"status", "id", "error"}``."""
        from dateline.pipeline import process

        with self._lock:
            writer = self._open()
            result = next(iter(process([raw], self.config)))
            status = writer.write(result)
        if not result.ok:
            f = result.failure
            return {"status": "failed", "id": None, "error": {"code": f.code, "message": f.message, "hint": f.hint}}
        return {"status": status, "id": result.record.get("id"), "error": None}
