"""Use every core: ``dateline ingest --jobs N`` and ``dateline extract --jobs N``.

* ``work``: what runs on a batch (clean, extract), with a time limit a document; the same code
  in the single process, in the worker processes and in the Spark job's partitions.
* ``pool``: the worker processes (spawned, the model loaded once each, replaced when they die).
* ``stream``: batches in, results out in input order, a bounded number of batches in flight;
  the main process keeps the store (one writer) and decides which documents need extraction.

See docs/parallel.md.
"""

from dateline.parallel.stream import Processed, Stream

__all__ = ["Processed", "Stream"]
