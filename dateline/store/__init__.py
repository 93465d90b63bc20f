"""Store stage: the SQLite (default) or PostgreSQL store. The schema is a contract.

``open_store(db)`` opens (and migrates) a store: a ``SQLiteStore`` or a ``PostgresStore``, both
implementing the ``Store`` protocol (``dateline.store.base``). Migrations are the named SQL files in
``dateline/store/migrations/`` (and ``NAME.data`` files naming a data step in ``rekey.py``), applied in
order by one runner, each in its own transaction, and recorded in the ``migrations`` table.
"""

from dateline.store.base import Store
from dateline.store.db import SQLiteStore, open_store

__all__ = ["SQLiteStore", "Store", "open_store"]
