"""Evaluation on the public gold sets in ``../shared/eval`` (``make eval``).

Each scorer module (extraction, metadata, actors, quotes, events) exposes
``evaluate(shared: Path, config: Config) -> dict`` with ``name``, ``title``, ``markdown``,
``metrics`` and ``floors``. ``python -m dateline.evaluation`` runs them all, writes
docs/evaluation.md, and checks the metrics against the floors pinned in
``eval/baseline.json`` (with a hash of each corpus) so quality cannot silently drop.
"""

SCORERS = ("extraction", "metadata", "actors", "quotes", "events")
