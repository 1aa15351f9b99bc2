"""Stores of analysis records: SQLite by default, PostgreSQL for `postgresql://` targets."""

from __future__ import annotations

from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store"]

DEFAULT_DB = "attache.db"


def open_store(target: str | None = None) -> Store:
    """The store at `target`: a PostgreSQL URL (`postgresql://...`), a SQLite file path (default
    `attache.db`) or `:memory:`."""
    target = target or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(target)
    return SQLiteStore(target)
