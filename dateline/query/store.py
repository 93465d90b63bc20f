"""Accept a ``Store`` (``.conn``) or a bare ``sqlite3.Connection`` wherever a query takes ``store``."""

from __future__ import annotations

import sqlite3

from dateline.store.base import Connection


def conn_of(store) -> Connection:
    conn = getattr(store, "conn", store)
    if conn.row_factory is None:
        conn.row_factory = sqlite3.Row
    return conn
