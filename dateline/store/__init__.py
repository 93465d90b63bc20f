"""Store stage: the SQLite (default) or PostgreSQL store. The schema is a contract.

``open_store(db)`` opens (and migrates) a store. Migrations are the named SQL files in
``dateline/store/migrations/``, applied in order, each in its own transaction, and
recorded in the ``migrations`` table.
"""

from dateline.store.db import Store, open_store

__all__ = ["Store", "open_store"]
