"""Streaming gzip that never raises into the reader above it.

``gzip.GzipFile`` raises ``EOFError`` on a truncated stream, which warcio takes for a
normal end of archive (a cut .warc.gz would lose records silently), and a buffered
read that fails discards the bytes it had already decoded. ``GunzipStream`` instead
returns every byte it could decode, then reports end-of-file and sets ``error``; the
reader checks ``error`` when it reaches the end and reports E104 after the records it
could read. It also hashes and counts the compressed bytes it consumes.
"""

from __future__ import annotations

import hashlib
import io
import zlib

GZIP_MAGIC = b"\x1f\x8b"
_OUT_STEP = 1 << 20  # decompress at most this much per step (bounds memory on gzip bombs)


class GunzipStream(io.RawIOBase):
    """Decompress a (multi-member) gzip stream read from ``raw``."""

    def __init__(self, raw, chunk: int = 65536) -> None:
        self.raw = raw
        self.chunk = chunk
        self.error: str | None = None
        self.sha256 = hashlib.sha256()
        self.compressed_size = 0
        self._d = zlib.decompressobj(31)
        self._pending = b""  # compressed bytes not yet fed
        self._in_member = False  # bytes of the current member were fed but its end not seen
        self._out = b""  # decompressed bytes not yet returned: self._out[self._pos:]
        self._pos = 0
        self._eof = False

    def readable(self) -> bool:
        return True

    def _step(self) -> None:
        if not self._pending:
            chunk = self.raw.read(self.chunk)
            if not chunk:
                self._eof = True
                if self._in_member:
                    self.error = "the gzip stream ends in the middle of a member (truncated file)"
                return
            self.sha256.update(chunk)
            self.compressed_size += len(chunk)
            self._pending = chunk
        if not self._in_member and not self._pending.strip(b"\x00"):
            self._pending = b""  # zero padding after the last member
            return
        try:
            out = self._d.decompress(self._pending, _OUT_STEP)
        except zlib.error as exc:
            self.error = f"corrupt gzip data: {exc}"
            self._eof = True
            return
        self._in_member = True
        if self._d.eof:
            self._pending = self._d.unused_data
            self._d = zlib.decompressobj(31)
            self._in_member = False
        else:
            self._pending = self._d.unconsumed_tail
        self._out, self._pos = out, 0

    def readinto(self, b) -> int:
        while self._pos >= len(self._out):
            if self._eof:
                return 0
            self._step()
        pos = self._pos
        n = min(len(b), len(self._out) - pos)
        with memoryview(self._out) as out:  # one copy, straight into the reader's buffer
            b[:n] = out[pos : pos + n]
        self._pos = pos + n
        return n

    def drain(self) -> None:
        """Read the compressed input to its end (so the hash covers the whole file)."""
        while not self._eof:
            self._out, self._pos = b"", 0
            self._step()


def open_gunzip(raw, buffer_size: int = 65536) -> tuple[io.BufferedReader, GunzipStream]:
    gz = GunzipStream(raw)
    return io.BufferedReader(gz, buffer_size), gz
