"""The executors' Python daemon loads the language model once; the workers it forks share it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.spark


def _probe(_):
    import os

    from dateline.nlp.pipeline import load_model  # get_nlp's cache (one entry per model name)

    daemon = os.getppid()
    cmdline = open(f"/proc/{daemon}/cmdline", "rb").read().replace(b"\0", b" ").decode()
    maps = open(f"/proc/{daemon}/maps").read()
    return cmdline, "spacy" in maps, load_model.cache_info().currsize, load_model.cache_info().misses


def test_workers_are_forked_from_a_daemon_that_holds_the_model(spark):
    got = spark.sparkContext.parallelize(range(2), 2).map(_probe).collect()
    for cmdline, daemon_has_spacy, cached, misses in got:
        assert "dateline.scale.daemon" in cmdline
        assert daemon_has_spacy  # spaCy's compiled modules are mapped in the daemon itself
        assert cached == 1 and misses <= 1  # the worker has the pipeline without loading it again
