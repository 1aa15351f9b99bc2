"""Stores of analysis records: SQLite by default; the engine is chosen by the target's form."""

from __future__ import annotations

from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store"]

DEFAULT_DB = "attache.db"


def open_store(target: str | None = None) -> Store:
    """The store at `target`: a SQLite file path (default `attache.db`) or `:memory:`."""
    return SQLiteStore(target or DEFAULT_DB)
