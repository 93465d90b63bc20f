"""Bytes to text: byte-order marks, UTF-8, declared charsets, then charset-normalizer.

Order: a BOM wins; then strict UTF-8 (most of the web, and a valid UTF-8 byte string
is almost never another encoding); then a charset the server or the page declared;
then detection with charset-normalizer. Detection on Western pages often hesitates
between the single-byte Latin code pages (cp1250/cp1252/cp1257/...): those disagree
only on a few letters, and windows-1252 is by far the most common legacy encoding on
the web (WHATWG decodes "iso-8859-1" as windows-1252), so when it is a plausible
candidate it is preferred.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from dateline.errors import DatelineError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# file signatures of common non-text formats that may sit in a crawl directory
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"wOFF", "a web font"),
)

# C0 control bytes other than \t \n \v \f \r and ESC: text has (almost) none of them
_CONTROL = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_MAX_CONTROL_SHARE = 0.01

# single-byte Latin code pages that detection confuses with windows-1252
_LATIN = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "cp437", "cp775", "cp850", "cp852", "cp858", "cp1125", "mac_latin2", "mac_iceland", "mac_roman",
    "mac_turkish", "ascii",
}
# never seen on the web without a BOM / declaration: a detector's guess of them is noise
_IMPLAUSIBLE = re.compile(r"^(utf_16|utf_32|cp037|cp273|cp424|cp500|cp875|cp1026|cp1140|cp1006|hz)")
# labels that mean windows-1252 on the web (WHATWG encoding standard)
_AS_CP1252 = {"latin_1", "iso8859_1", "ascii", "cp1252"}


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (a file signature, NUL or control bytes), or None when it may be."""
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"it looks like {what}"
    sample = data[:65536]
    if b"\x00" in sample:
        return "it contains NUL bytes"
    n_control = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and n_control / len(sample) > _MAX_CONTROL_SHARE:
        return "it contains control bytes that text does not have"
    return None


def normalize_label(label: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None when the label is unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return "cp1252" if name in _AS_CP1252 else name


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _ascii_share(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 1.0
    return sum(1 for b in sample if b < 0x80) / len(sample)


def _detect(data: bytes) -> tuple[str, str] | None:
    results = [r for r in from_bytes(data[:262144]) if not _IMPLAUSIBLE.match(r.encoding)]
    cp1252 = _strict(data, "cp1252")
    if results:
        best = results[0]
        close_1252 = any(r.encoding == "cp1252" and r.chaos <= best.chaos + 0.15 for r in results)
        if cp1252 is not None and (best.encoding in _LATIN or (close_1252 and _ascii_share(data) >= 0.9)):
            return cp1252, "cp1252"
        text = _strict(data, best.encoding)
        if text is not None:
            return text, best.encoding
    if cp1252 is not None and _ascii_share(data) >= 0.9:
        return cp1252, "cp1252"
    return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding). Raises DatelineError E103 when nothing fits."""
    bom = bom_encoding(data)
    if bom:
        text = _strict(data, bom)
        if text is not None:
            return text, bom
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    enc = normalize_label(declared)
    if enc:
        text = _strict(data, enc)
        if text is not None:
            return text, enc
    found = _detect(data)
    if found is None:
        raise DatelineError("E103", "the bytes are not UTF-8 and no plausible encoding was detected")
    return found
