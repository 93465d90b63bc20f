"""Duplicate detection: exact (same normalised body = same id) and near (MinHash LSH).

Near-duplicates are syndicated or lightly edited copies of one story. Each article's
body becomes a set of word ``shingle_size``-shingles (casefolded words), summarised by a
``minhash_perm``-permutation MinHash (datasketch). Canonical articles sit in an LSH index
tuned to ``minhash_threshold``; a new body whose candidates include a canonical article
with estimated Jaccard >= the threshold is a copy of that article's story.

The index lives in the store (tables ``minhash_lsh`` and ``minhash_bands``, migration 0005),
written in each article's own transaction, so memory does not grow with the store; rows
stored beyond its high-water mark (by another process, another parameter set, an older
store) are indexed from the ``articles.minhash`` blobs on the next lookup.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from dateline.config import Config

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed: stored signatures must stay comparable across runs
_SCHEME = "affine32"  # datasketch >= 2.0 permutation scheme; signatures are stored as little-endian uint32
_HASH = "poly64"  # how shingles are hashed (shingle_hashes); part of the index parameters


def shingles(body: str, k: int) -> list[bytes]:
    """Word k-shingles of the casefolded body (the whole text as one shingle when shorter than k words)."""
    words = _WORD.findall(body.casefold())
    if not words:
        return [body.strip().casefold().encode("utf-8")]
    if len(words) <= k:
        return [" ".join(words).encode("utf-8")]
    # each shingle is a slice of the words joined once: " ".join(words[i : i + k]).encode("utf-8")
    data = " ".join(words).encode("utf-8")
    lens = map(len, words) if len(data) == len(words) - 1 + sum(map(len, words)) else (
        len(w.encode("utf-8")) for w in words)
    starts = list(itertools.accumulate((n + 1 for n in lens), initial=0))  # byte offset of each word
    return [data[starts[i] : starts[i + k] - 1] for i in range(len(words) - k + 1)]


@functools.cache
def _permutations(num_perm: int):
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME).permutations


_P = 0x100000001B3  # an odd multiplier: invertible modulo 2**64
_P_INV = pow(_P, -1, 2**64)


@functools.cache
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**j and P**-j modulo 2**64 for j < n (numpy's uint64 arithmetic wraps modulo 2**64)."""
    pw = np.full(n, _P, dtype=np.uint64)
    pw[0] = 1
    ipw = np.full(n, _P_INV, dtype=np.uint64)
    ipw[0] = 1
    return np.cumprod(pw), np.cumprod(ipw)


CHUNK_WORDS = 1 << 16  # words hashed at a time: memory stays bounded whatever the body's length
CHUNK_SHINGLES = 1 << 13  # shingles min-reduced at a time (x num_perm uint32: 4 MB at 128 permutations)


def _word_chunks(body: str, k: int, size: int = CHUNK_WORDS):
    """The casefolded words of ``body`` in lists of about ``size``, each starting with the last
    ``k - 1`` words of the one before, so that every k-shingle lies in exactly one list."""
    words: list[str] = []
    for m in _WORD.finditer(body.casefold()):
        words.append(m.group())
        if len(words) >= size + k - 1:
            yield words
            words = words[len(words) - (k - 1):] if k > 1 else []
    yield words


def _hash_words(words: list[str], k: int) -> np.ndarray:
    """The polynomial hash (high 32 bits) of each k-shingle of ``words`` (at least k of them)."""
    data = " ".join(words).encode("utf-8")
    spaces = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 32)  # words hold no spaces
    word_starts = np.concatenate(([0], spaces + 1))
    word_ends = np.concatenate((spaces, [len(data)]))
    return _poly_hashes(data, word_starts[: len(words) - k + 1], word_ends[k - 1 :])


_BLOCK = 1 << 20  # bytes: longer data is hashed block by block (power tables and prefix sums stay small)


def _poly_hashes(data: bytes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The hash of each ``data[s:e]``: ``sum((b_j + 1) * P**(j - s))`` modulo 2**64 (the same wherever
    the bytes sit in ``data``), from prefix sums; high 32 bits."""
    if len(data) >= _BLOCK:
        return _poly_hashes_blocks(data, starts, ends)
    size = 1 << max(10, len(data).bit_length())  # cached power tables of a few sizes only
    pw, ipw = _powers(size)
    b = np.frombuffer(data, dtype=np.uint8).astype(np.uint64) + np.uint64(1)
    prefix = np.zeros(len(data) + 1, dtype=np.uint64)
    np.cumsum(b * pw[: len(data)], out=prefix[1:])
    h = (prefix[ends] - prefix[starts]) * ipw[starts]
    return (h >> np.uint64(32)).astype(np.uint32)


def _poly_hashes_blocks(data: bytes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``_poly_hashes`` for long data (a 16 MB record, a megabyte-long "word"): prefix sums one block of
    ``_BLOCK`` bytes at a time, kept only at the positions asked for; P**-s from two small tables."""
    pw, ipw = _powers(_BLOCK)
    starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    need = np.unique(np.concatenate((starts, ends)))
    prefix_at = np.zeros(len(need), dtype=np.uint64)
    carry = 0  # the prefix sum up to the block's first byte (a Python int: numpy warns on scalar overflow)
    for o in range(0, len(data), _BLOCK):
        block = np.frombuffer(data, dtype=np.uint8, count=min(_BLOCK, len(data) - o), offset=o).astype(np.uint64)
        local = np.zeros(len(block) + 1, dtype=np.uint64)
        np.cumsum((block + np.uint64(1)) * pw[: len(block)], out=local[1:])
        scale = pow(_P, o, 2**64)
        lo, hi = np.searchsorted(need, o, "left"), np.searchsorted(need, o + len(block), "right")
        prefix_at[lo:hi] = np.uint64(carry) + np.uint64(scale) * local[need[lo:hi] - o]
        carry = (carry + scale * int(local[-1])) % 2**64
    ps = prefix_at[np.searchsorted(need, starts)]
    pe = prefix_at[np.searchsorted(need, ends)]
    hi_parts = starts >> 20
    inv_hi = {int(x): np.uint64(pow(_P_INV, int(x) << 20, 2**64)) for x in np.unique(hi_parts)}
    inv = ipw[starts & (_BLOCK - 1)] * np.array([inv_hi[int(x)] for x in hi_parts], dtype=np.uint64)
    return (((pe - ps) * inv) >> np.uint64(32)).astype(np.uint32)


def iter_shingle_hashes(body: str, k: int, chunk: int = CHUNK_WORDS):
    """``shingle_hashes(body, k)`` in consecutive arrays of at most ``chunk`` hashes; the words and
    bytes held at once are those of one chunk (a 16 MB body costs a few MB, not gigabytes)."""
    chunks = _word_chunks(body, k, chunk)
    first = next(chunks)
    second = next(chunks, None)
    if second is None and len(first) <= k:  # the whole text is one shingle (without words: the stripped text)
        data = (" ".join(first) if first else body.strip().casefold()).encode("utf-8")
        yield _poly_hashes(data, np.array([0]), np.array([len(data)]))
        return
    for words in itertools.chain((first,), () if second is None else (second,), chunks):
        if len(words) >= k:
            yield _hash_words(words, k)


def shingle_hashes(body: str, k: int) -> np.ndarray:
    """A 32-bit hash of each word k-shingle of ``shingles(body, k)``: a polynomial hash modulo 2**64 of
    the shingle's bytes (prefix sums, so each shingle costs a few array operations instead of a
    Python call), keeping the high 32 bits. Computed chunk by chunk (``iter_shingle_hashes``)."""
    parts = list(iter_shingle_hashes(body, k))
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


# MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies to every input hash
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def minhash_values(hashes: np.ndarray, num_perm: int, out: np.ndarray | None = None) -> np.ndarray:
    """The hash values ``MinHash(num_perm, seed=1, scheme="affine32", hashfunc=int)`` holds after
    ``update_batch(hashes.tolist())``, computed on the array directly (datasketch turns the batch
    into a Python list and back; tests/store check the values are datasketch's own): each 32-bit
    input hash is pre-mixed with the finalizer, then permutation i maps it to ``a_i * h + b_i``
    modulo 2**32, and each value is the minimum over the inputs. The inputs x permutations matrix
    is made ``CHUNK_SHINGLES`` rows at a time; ``out`` (the values so far) is lowered in place."""
    s1, m1, s2, m2, s3 = _FMIX32
    a, b = _permutations(num_perm)
    hashes = np.asarray(hashes, dtype=np.uint32)
    if out is None:
        out = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    for i in range(0, len(hashes), CHUNK_SHINGLES):
        hv = hashes[i : i + CHUNK_SHINGLES].reshape(-1, 1)
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        np.minimum(out, (hv * a + b).min(axis=0), out=out)
    return out


def signature(body: str, config: Config) -> LeanMinHash:
    """datasketch's MinHash (seeded affine32 permutations made once) of the body's word shingles,
    each hashed by ``shingle_hashes``; values by ``minhash_values``, chunk by chunk."""
    values = None
    for hashes in iter_shingle_hashes(body, config.shingle_size):
        values = minhash_values(hashes, config.minhash_perm, out=values)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


def to_blob(m: LeanMinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def from_blob(blob: bytes, num_perm: int) -> LeanMinHash | None:
    """The stored signature, or None when it was made with another ``minhash_perm``."""
    values = np.frombuffer(blob, dtype="<u4")
    if len(values) != num_perm:
        return None
    return LeanMinHash(seed=_SEED, hashvalues=values.astype(np.uint32), scheme=_SCHEME)


@dataclass(frozen=True)
class Match:
    kind: str  # "exact" | "near"
    canonical_id: str
    similarity: float


@functools.cache
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band): datasketch's choice for this threshold (false positives and
    negatives weighted equally)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def candidate_threshold(threshold: float) -> float:
    """The similarity the LSH bands are tuned to: below ``minhash_threshold``, so that copies at
    or just above it are found almost surely (tuned to 0.8 itself, b=9 r=13 finds a pair at
    Jaccard 0.84 only 63% of the time); every candidate is then verified at the threshold."""
    return max(0.3, round(threshold - 0.2, 2))


def band_keys(sig: LeanMinHash, bands: int, rows: int) -> list[tuple[int, int]]:
    """(band, bucket key) of each LSH band: 8 bytes of BLAKE2b over the band's hash values."""
    hv = np.asarray(sig.hashvalues, dtype="<u4")
    return [
        (i, int.from_bytes(hashlib.blake2b(hv[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest(),
                           "little", signed=True))
        for i in range(bands)
    ]


class NearDuplicateIndex:
    """LSH over the canonical articles of one store, kept in the store itself (tables
    ``minhash_lsh`` and ``minhash_bands``, migration 0005), so memory does not grow with the
    number of articles; see the module docstring.

    Candidates are exactly those of a datasketch ``MinHashLSH`` tuned to ``candidate_threshold``
    (same bands and rows; a document is a candidate when one whole band equals), verified on the
    stored signature at ``minhash_threshold``. Band rows are
    written in the writer's transaction, with the article; ``max_rowid`` (per parameter set)
    says up to which ``articles.rowid`` every canonical article has its bands. Rows stored by
    anyone else (another process, another parameter set, an older store) are indexed by
    ``refresh``, idempotently. In memory: only documents reserved in the current batch.
    """

    CHUNK = 1000  # rows read at a time when catching up (a first refresh of a large store)

    def __init__(self, config: Config):
        self.config = config
        self.threshold = config.minhash_threshold
        self.bands, self.rows = lsh_params(candidate_threshold(self.threshold), config.minhash_perm)
        self.params = f"perm={config.minhash_perm} b={self.bands} r={self.rows} seed={_SEED} {_SCHEME} {_HASH}"
        self.key = zlib.crc32(self.params.encode()) & 0x7FFFFFFF
        self.max_rowid: int | None = None  # committed high-water mark (None: read it from the store)
        self._staged: int | None = None  # the mark inside the open transaction
        self.loaded = False
        self._has_row = False  # the minhash_lsh row exists (committed)
        self._row_staged = False  # ... inserted in the open transaction
        self.pending: dict[str, tuple[LeanMinHash, set[tuple[int, int]]]] = {}  # reserved, not yet written

    # -- keeping the index current ----------------------------------------------------
    def _mark(self, conn) -> int:
        if self._staged is not None and conn.in_transaction:
            return self._staged
        if self.max_rowid is None:
            row = conn.execute("SELECT max_rowid FROM minhash_lsh WHERE params = ?", (self.params,)).fetchone()
            self.max_rowid = row[0] if row else 0
            self._has_row = row is not None
        return self.max_rowid

    def _set_mark(self, conn, rowid: int) -> None:
        if not self._has_row:
            conn.execute("INSERT OR IGNORE INTO minhash_lsh(params, lsh, max_rowid) VALUES (?, ?, 0)",
                         (self.params, self.key))
            self._row_staged = True
        conn.execute("UPDATE minhash_lsh SET max_rowid = ? WHERE params = ? AND max_rowid < ?",
                     (rowid, self.params, rowid))

    def _insert_bands(self, conn, article_id: str, keys) -> None:
        conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands(lsh, band, bucket, article_id) VALUES (?, ?, ?, ?)",
            [(self.key, b, k, article_id) for b, k in keys],
        )

    def refresh(self, conn) -> int:
        """Index the canonical articles stored beyond the mark; returns how many. Inside the
        caller's transaction when one is open (the mark then moves only when it commits)."""
        mark = self._mark(conn)
        n = 0
        while True:
            rows = conn.execute(
                "SELECT rowid, id, minhash, is_canonical FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (mark, self.CHUNK),
            ).fetchall()
            if not rows:
                break
            own_tx = not conn.in_transaction
            if own_tx:
                conn.execute("BEGIN IMMEDIATE")
            try:
                for rowid, aid, blob, canonical in rows:
                    if canonical:
                        self._insert_bands(conn, aid, band_keys(self._stored_signature(conn, rowid, blob), self.bands,
                                                                self.rows))
                        n += 1
                mark = rows[-1][0]
                self._set_mark(conn, mark)
            except BaseException:
                if own_tx:
                    conn.execute("ROLLBACK")
                raise
            if own_tx:
                conn.execute("COMMIT")
                self.max_rowid = mark
                self._has_row = True
        if conn.in_transaction:
            self._staged = mark  # every article up to here indexed, as of this transaction
        self.loaded = True
        return n

    def _stored_signature(self, conn, rowid: int, blob) -> LeanMinHash:
        sig = from_blob(blob, self.config.minhash_perm) if blob else None
        if sig is None:  # made with another minhash_perm (or missing): recompute from the body
            body = conn.execute("SELECT body FROM articles WHERE rowid = ?", (rowid,)).fetchone()[0]
            sig = signature(body, self.config)
        return sig

    def store(self, conn, article_id: str, sig: LeanMinHash | None) -> None:
        """In the writer's transaction, right after inserting an article (``sig`` None: not
        canonical): its bands, and the mark moved to its rowid."""
        if sig is not None:
            self._insert_bands(conn, article_id, band_keys(sig, self.bands, self.rows))
        row = conn.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
        # refreshed in this transaction (the writer holds the write lock): nothing unindexed in between
        if row and self._staged is not None and conn.in_transaction:
            self._set_mark(conn, row[0])
            self._staged = row[0]

    def add(self, article_id: str, sig: LeanMinHash | None = None) -> None:
        """The article's transaction committed."""
        self.pending.pop(article_id, None)
        if self._staged is not None:
            self.max_rowid = max(self.max_rowid or 0, self._staged)
        self._has_row = self._has_row or self._row_staged
        self._staged, self._row_staged = None, False

    def reserve(self, article_id: str, sig: LeanMinHash) -> None:
        """Hold a document that is about to be written as canonical (copies later in the batch find it)."""
        self.pending[article_id] = (sig, set(band_keys(sig, self.bands, self.rows)))

    def discard(self, article_id: str) -> None:
        """Forget a reservation whose document was not written; a transaction that rolled back."""
        self.pending.pop(article_id, None)
        if self._staged is not None:
            self.max_rowid = None  # read the mark back from the store
        self._staged, self._row_staged = None, False

    # -- lookups -------------------------------------------------------------------------
    def candidates(self, conn, sig: LeanMinHash, exclude: str | None = None, stored_only: bool = True) -> list[str]:
        keys = band_keys(sig, self.bands, self.rows)
        # one primary-key lookup per band (an OR of the bands would scan every band of the index)
        sql = " UNION ".join(["SELECT article_id FROM minhash_bands WHERE lsh = ? AND band = ? AND bucket = ?"]
                             * len(keys))
        rows = conn.execute(sql + " ORDER BY article_id", [x for b, k in keys for x in (self.key, b, k)]).fetchall()
        out = [r[0] for r in rows if r[0] != exclude]
        if not stored_only:
            ks = set(keys)
            out += [aid for aid, (_, pk) in self.pending.items() if aid != exclude and aid not in out and pk & ks]
        return out

    def best(
        self, conn, sig: LeanMinHash, exclude: str | None = None, stored_only: bool = True
    ) -> Match | None:
        """The most similar canonical article at or above the threshold (verified on its stored signature)."""
        best: Match | None = None
        for cid in self.candidates(conn, sig, exclude, stored_only):
            row = conn.execute("SELECT rowid, minhash, is_canonical FROM articles WHERE id = ?", (cid,)).fetchone()
            if row is None:
                if stored_only or cid not in self.pending:
                    continue
                other = self.pending[cid][0]
            else:
                if not row[2]:
                    continue
                other = self._stored_signature(conn, row[0], row[1])
            sim = float(sig.jaccard(other))
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = Match("near", cid, sim)
        return best
