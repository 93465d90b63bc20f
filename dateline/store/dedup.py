"""Duplicate detection: exact (same normalised body = same id) and near (MinHash LSH).

Near-duplicates are syndicated or lightly edited copies of one story. Each article's
body becomes a set of word ``shingle_size``-shingles (casefolded words), summarised by a
``minhash_perm``-permutation MinHash (datasketch). Canonical articles sit in an LSH index
tuned to ``minhash_threshold``; a new body whose candidates include a canonical article
with estimated Jaccard >= the threshold is a copy of that article's story.

The index is rebuilt from the ``articles.minhash`` blobs when first needed and then kept
current incrementally (rows with a higher rowid than any seen), so another process
writing to the same store is seen too.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from dateline.config import Config

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed: stored signatures must stay comparable across runs
_SCHEME = "affine32"  # datasketch >= 2.0 permutation scheme; signatures are stored as little-endian uint32


def shingles(body: str, k: int) -> list[bytes]:
    """Word k-shingles of the casefolded body (the whole text as one shingle when shorter than k words)."""
    words = _WORD.findall(body.casefold())
    if not words:
        return [body.strip().casefold().encode("utf-8")]
    if len(words) <= k:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def signature(body: str, config: Config) -> LeanMinHash:
    m = MinHash(num_perm=config.minhash_perm, seed=_SEED, scheme=_SCHEME)
    m.update_batch(shingles(body, config.shingle_size))
    return LeanMinHash(m)


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


class NearDuplicateIndex:
    """LSH over the canonical articles of one store; see the module docstring."""

    def __init__(self, config: Config):
        self.config = config
        self.threshold = config.minhash_threshold
        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=config.minhash_perm)
        self.max_rowid = 0
        self.loaded = False
        self.pending: dict[str, LeanMinHash] = {}  # reserved by is_duplicate, not yet written

    # -- keeping the index current ----------------------------------------------------
    def refresh(self, conn: sqlite3.Connection) -> int:
        """Add canonical articles stored since the last refresh (all of them the first time)."""
        n = 0
        rows = conn.execute(
            "SELECT rowid, id, minhash FROM articles WHERE rowid > ? AND is_canonical = 1 ORDER BY rowid",
            (self.max_rowid,),
        ).fetchall()
        with self.lsh.insertion_session() as session:
            for rowid, aid, blob in rows:
                self.max_rowid = max(self.max_rowid, rowid)
                if aid in self.lsh.keys:
                    continue
                sig = from_blob(blob, self.config.minhash_perm) if blob else None
                if sig is None:  # made with another minhash_perm (or missing): recompute from the body
                    body = conn.execute("SELECT body FROM articles WHERE rowid = ?", (rowid,)).fetchone()[0]
                    sig = signature(body, self.config)
                session.insert(aid, sig, check_duplication=False)
                n += 1
        # non-canonical rows only move max_rowid forward
        row = conn.execute("SELECT max(rowid) FROM articles").fetchone()
        if row and row[0]:
            self.max_rowid = max(self.max_rowid, row[0])
        self.loaded = True
        return n

    def add(self, article_id: str, sig: LeanMinHash) -> None:
        """Index a canonical article just written."""
        self.pending.pop(article_id, None)
        if article_id not in self.lsh.keys:
            self.lsh.insert(article_id, sig, check_duplication=False)

    def reserve(self, article_id: str, sig: LeanMinHash) -> None:
        """Index a document that is about to be written as canonical (copies later in the batch find it)."""
        if article_id not in self.lsh.keys:
            self.lsh.insert(article_id, sig, check_duplication=False)
            self.pending[article_id] = sig

    def discard(self, article_id: str) -> None:
        """Forget a reservation whose document was not written (it failed)."""
        if self.pending.pop(article_id, None) is not None:
            self.lsh.remove(article_id)

    # -- lookups -------------------------------------------------------------------------
    def candidates(self, sig: LeanMinHash, exclude: str | None = None) -> list[str]:
        return [k for k in self.lsh.query(sig) if k != exclude]

    def best(
        self, conn: sqlite3.Connection, sig: LeanMinHash, exclude: str | None = None, stored_only: bool = True
    ) -> Match | None:
        """The most similar canonical article at or above the threshold (verified on its stored signature)."""
        best: Match | None = None
        for cid in self.candidates(sig, exclude):
            row = conn.execute("SELECT minhash, body, is_canonical FROM articles WHERE id = ?", (cid,)).fetchone()
            if row is None:
                if stored_only or cid not in self.pending:
                    continue
                other = self.pending[cid]
            else:
                if not row[2]:
                    continue
                other = from_blob(row[0], self.config.minhash_perm) if row[0] else None
                if other is None:
                    other = signature(row[1], self.config)
            sim = float(sig.jaccard(other))
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = Match("near", cid, sim)
        return best
