"""Ingest one document posted to the API: text, HTML or a URL -> pipeline -> store writer.

Runs the same stages as ``dateline ingest``: ``dateline.pipeline.process`` (clean, NLP,
extract, each under ``doc_time_limit``) and ``dateline.store.writer.Writer``. Writes are
serialised by a lock and go through their own store connection (the read pool is read-only).

What the CLI refuses is refused here too: a lone surrogate in any field or an impossible
``published`` (E501, 400), a URL serving JSON, images or scripts (E102), an empty body (E101).
URLs are fetched for the caller, so the fetch refuses private addresses on every hop
(``dateline.ingest.guard``, E114) unless the config allows them.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from dateline.config import Config
from dateline.errors import DatelineError
from dateline.ingest.common import Origin, check_published, is_http_url, lone_surrogate
from dateline.ingest.guard import FetchPolicy, check_url
from dateline.ingest.http import fetch, make_client
from dateline.ingest.page import make_page
from dateline.ingest.sources import not_a_document
from dateline.pipeline import process
from dateline.store import open_store
from dateline.types import FailedInput, RawDocument


class Ingester:
    def __init__(self, config: Config):
        self.config = config
        self._lock = threading.Lock()
        self._store = None
        self._writer = None

    def _open(self):
        if self._writer is None:
            from dateline.store.writer import Writer  # deferred: loads datasketch

            self._store = open_store(self.config.db)
            self._writer = Writer(self._store, self.config)
        return self._writer

    @contextmanager
    def writing(self):
        """The write store, for one writer at a time (watches created or removed over the API)."""
        with self._lock:
            self._open()
            yield self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = self._writer = None

    def raw_from_request(self, *, text=None, html=None, url=None, source_url=None, published=None):
        """The RawDocument (or FailedInput) for what was posted."""
        given = [x for x in (text, html, url) if x is not None]
        if len(given) != 1:
            raise DatelineError("E501", "send exactly one of text, html or url")
        fields = {"text": text, "html": html, "url": url, "source_url": source_url, "published": published}
        for name, value in fields.items():
            bad = lone_surrogate(value) if isinstance(value, str) else None
            if bad:
                raise DatelineError("E501", f"{name} holds a lone surrogate ({bad}), which is not Unicode text: fix "
                                    "the \\u escape in the request")
        if published is not None:
            published = check_published(published)
        if url is not None:
            return self._fetch(url, published)
        kind = "text" if text is not None else "html"
        data = (text if text is not None else html).encode("utf-8")
        origin = Origin(path=source_url or "api", name="api", doc_url=source_url)
        return make_page(data, origin, kind=kind, url=source_url, published=published)

    def _fetch(self, url: str, published: str | None):
        if not is_http_url(url):
            raise DatelineError("E112", f"{url!r} is not an http(s) URL")
        check_url(url, FetchPolicy.from_config(self.config))  # a clear E114 before any connection
        with make_client(self.config, guarded=True) as client:
            got = fetch(url, client, self.config)
        origin = Origin(url=url, name=url.rsplit("/", 1)[-1], content_type=got.content_type, doc_url=got.url,
                        fetched_at=got.fetched_at)
        if not_a_document(got.content_type):
            raise DatelineError("E102", f"the URL serves {got.content_type}, not a page")
        if not got.body:
            raise DatelineError("E101", "the response body is empty")
        return make_page(got.body, origin, content_type=got.content_type, url=got.url, published=published)

    def ingest(self, raw: RawDocument | FailedInput) -> dict:
        """Process and store one document; returns ``{"status", "id", "error"}``."""
        with self._lock:
            writer = self._open()
            result = next(iter(process([raw], self.config)))
            status = writer.write(result)
        if not result.ok:
            f = result.failure
            return {"status": "failed", "id": None, "error": {"code": f.code, "message": f.message, "hint": f.hint}}
        return {"status": status, "id": result.record.get("id"), "error": None}
