"""MinHash signatures and the LSH index; reading back what was written (search, actors, id prefixes)."""

from __future__ import annotations

import pytest

from dateline import query
from dateline.errors import DatelineError
from dateline.store import open_store
from dateline.store.dedup import NearDuplicateIndex, from_blob, shingles, signature, to_blob
from dateline.store.writer import Writer


def test_shingles_and_signature_round_trip(config, sample_body):
    sh = shingles("The cat sat on the mat today", 5)
    assert sh[0] == b"the cat sat on the" and len(sh) == 3
    assert shingles("Short text", 5) == [b"short text"]
    sig = signature(sample_body, config)
    back = from_blob(to_blob(sig), config.minhash_perm)
    assert back.jaccard(sig) == 1.0
    assert from_blob(to_blob(sig), 64) is None  # another minhash_perm: recomputed, never misread


def test_shingle_hashes_hash_exactly_the_shingles():
    """The vectorised hashes are the polynomial hash of each shingle that ``shingles`` lists."""
    from dateline.store.dedup import _P, shingle_hashes

    def poly(data: bytes) -> int:
        return sum((c + 1) * pow(_P, j, 2**64) for j, c in enumerate(data)) % 2**64 >> 32

    for text in ["The cat sat on the mat today", "Short text", "", "Iran’s envoy met Lavrov in Moscow, é ü 中文 ok",
                 "one two three four five six seven eight nine ten eleven"]:
        assert list(shingle_hashes(text, 5)) == [poly(s) for s in shingles(text, 5)]
        assert len(set(shingle_hashes(text, 5))) == len(set(shingles(text, 5)))


def test_index_rebuilds_from_the_store_with_other_perm(store_path, config, sample_body, polnear_texts, h):
    with open_store(str(store_path)) as store:
        w = Writer(store, config)
        for i, t in enumerate([sample_body, *polnear_texts[:5]]):
            w.write(h.make_result(t, path=f"{i}.txt"))
    small = config.replace(minhash_perm=64)
    with open_store(str(store_path)) as store:
        idx = NearDuplicateIndex(small)
        assert idx.refresh(store.conn) == 6
        assert idx.refresh(store.conn) == 0  # incremental: nothing new
        sig = signature(sample_body.replace("Wednesday", "Tuesday", 1), small)
        m = idx.best(store.conn, sig)
        assert m is not None and m.similarity > 0.8


def test_search_ranks_and_tolerates_odd_queries(writer, sample_body, polnear_texts, h):
    for i, t in enumerate([sample_body, *polnear_texts[:10]]):
        writer.write(h.make_result(t, path=f"{i}.txt"))
    sample_id = h.make_result(sample_body).record["id"]
    hits = query.search(writer.conn, "Baqeri Moscow")
    assert hits and hits[0]["article_id"] == sample_id and hits[0]["highlights"]
    for odd in ('Baqeri" (*', "Baqeri)", "(Baqeri:", '"Baqeri'):  # quotes and operators are never FTS5 syntax
        assert query.search(writer.conn, odd)[0]["article_id"] == sample_id
    assert len(query.search(writer.conn, "   ")) == 11  # no words: every article (the search page's browse)
    assert query.search(writer.conn, "zanzibar") == []


def test_id_prefixes(writer, sample_body, h):
    res = h.make_result(sample_body)
    writer.write(res)
    aid = res.record["id"]
    assert query.resolve_article_id(writer.conn, aid[:4].upper()) == aid
    for bad in ("zz", "0" * 17, "ffff" if not aid.startswith("ffff") else "0000"):
        with pytest.raises(DatelineError):
            query.resolve_article_id(writer.conn, bad)


def test_list_actors_query_matches_aliases(writer):
    from dateline.store.identity import link_actors
    from dateline.types import Actor

    with writer.store.transaction() as conn:
        link_actors(conn, [Actor("a1", "Alain Juppé", "person", ("Foreign Minister",), "FRA", "GOV", ((0, 5),))],
                    "2011-11-10")
    assert [a["name"] for a in query.actors(writer.conn, "juppe")] == ["Alain Juppé"]
    assert query.actors(writer.conn, "nobody") == []


def test_light_edits_at_the_threshold_are_found_almost_surely(config):
    """Copies whose estimated Jaccard is at or above the threshold share an LSH band (are candidates)."""
    import random

    from dateline.store.dedup import band_keys, candidate_threshold, lsh_params, signature

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(3000)]
    bands, rows = lsh_params(candidate_threshold(config.minhash_threshold), config.minhash_perm)
    pairs = found = 0
    for _ in range(60):
        words = [rng.choice(vocab) for _ in range(400)]
        edited = list(words)
        for _ in range(rng.randint(2, 6)):  # a few light edits, as syndicated copies carry
            edited[rng.randrange(len(edited))] = rng.choice(vocab)
        a, b = signature(" ".join(words), config), signature(" ".join(edited), config)
        if a.jaccard(b) < config.minhash_threshold:
            continue
        pairs += 1
        found += bool(set(band_keys(a, bands, rows)) & set(band_keys(b, bands, rows)))
    assert pairs >= 30 and found == pairs


def test_minhash_values_are_datasketchs_own():
    """``signature`` computes the MinHash on the hash array; the values are those datasketch's own
    ``MinHash.update_batch`` gives for the same hashes, seed and permutations."""
    import numpy as np
    from datasketch import MinHash

    from dateline.store.dedup import _SCHEME, _SEED, _permutations, minhash_values, shingle_hashes

    rng = np.random.default_rng(5)
    batches = [rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32) for n in (1, 2, 7, 300, 4000)]
    batches.append(shingle_hashes("Iran's envoy met Lavrov in Moscow on Monday, officials said.", 5))
    for num_perm in (16, 128):
        for hashes in batches:
            m = MinHash(num_perm=num_perm, seed=_SEED, scheme=_SCHEME, hashfunc=int, permutations=_permutations(num_perm))
            m.update_batch(hashes.tolist())
            assert np.array_equal(minhash_values(hashes, num_perm), m.hashvalues)
