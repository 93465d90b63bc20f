"""PySpark's Python worker daemon, with dateline's language model loaded before it forks workers.

Spark starts one Python daemon per executor (``python -m <spark.python.daemon.module>``) and
forks a worker from it for each concurrent task. ``build_session`` points that setting here, so
the spaCy pipeline and the event patterns are loaded once per executor, in the daemon, and every
worker forked from it shares them (copy-on-write) instead of loading its own. BLAS runs on one
thread (Spark gives each task one core), which also keeps the fork safe. When loading fails
(no model installed), the workers load it themselves and report E300 as usual.

``DATELINE_MODEL`` (``spark.executorEnv.DATELINE_MODEL``) names the model, as the ``model``
setting does; ``DATELINE_SPARK_PRELOAD=0`` turns the preloading off.
"""

from __future__ import annotations

import os

from dateline.config import Config
from dateline.parallel import work


def preload() -> bool:
    if os.environ.get("DATELINE_SPARK_PRELOAD", "1") == "0":
        return False
    threads = os.environ.get("OMP_NUM_THREADS", "1")
    for var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, threads)
    try:
        work.load_model(Config(model=os.environ.get("DATELINE_MODEL") or "auto"))
    except Exception:  # the workers will load (and report) it themselves
        return False
    return True


if __name__ == "__main__":
    preload()
    from pyspark import daemon  # deferred: pyspark, the [spark] extra

    daemon.manager()
