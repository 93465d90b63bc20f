"""One identity per input, whichever way its path was written and whichever path read it.

``locator(inp)`` is what the store's ``inputs`` and ``failures`` tables key an input by, with its
record id (a JSON Lines id, a WARC-Record-ID, a feed item id):

* a local file: its resolved absolute path (``os.path.realpath``: ``news/a.txt``, ``./news/a.txt``,
  ``/home/me/news/a.txt`` and a path through a symbolic link are one file); ``file:`` URIs too;
* an http(s) URL, or a URI of another file system (``hdfs://``, ``s3a://``): the URI as given;
* standard input: ``-``.

``dateline ingest`` and the Spark job (``dateline.scale.inputs``) both use it, so ``dateline load``
of a Spark output into a store that the CLI filled counts each input once. The path as typed is
kept beside it for display only (``inputs.given``, ``articles.input_path``, ``input.path`` of
``dateline/1``).
"""

from __future__ import annotations

import os
import re

from dateline.types import InputRef

_FILE_URI = re.compile(r"^file:(?://(?:localhost)?)?(?=/)", re.I)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def canonical_path(path: str) -> str:
    """The identity of a path or URI (see the module docstring)."""
    if path == "-" or not path:
        return path
    m = _FILE_URI.match(path)
    if m:
        path = path[m.end():]
    elif _SCHEME.match(path):
        return path
    return os.path.realpath(os.path.expanduser(path))


def locator(inp: InputRef) -> str:
    """The canonical locator of an input: its resolved path, else its URL."""
    if inp.path:
        return canonical_path(inp.path)
    return inp.url or ""


def given(inp: InputRef) -> str:
    """The input as the user named it (for display)."""
    return inp.path or inp.url or ""
