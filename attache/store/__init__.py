"""Stores of analysis records: SQLite by default, PostgreSQL for `postgresql://` targets."""

from __future__ import annotations

from .base import DEFAULT_DB, Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store"]


def open_store(target: str | None = None, create: bool = True) -> Store:
    """The store at `target`: a PostgreSQL URL (`postgresql://...`), a SQLite file path (default
    `attache.db`) or `:memory:`. With `create=False` (every reader of a store) a store that does not exist
    yet is error E033, so a mistyped path never leaves an empty store behind."""
    target = target or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(target, create=create)
    return SQLiteStore(target, create=create)
