"""Corpus-level features beside the store: quote provenance (where a statement first appeared and who changed
it), story events (one real-world event from many reports) and search by meaning.

They are fed incrementally when records are stored (`update`, called by the SQL store inside the same
transaction) and read through their own query functions; they never reach into the components, and never
import spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..record import Analysis

if TYPE_CHECKING:
    from ..store.sql import SQLStore


def update(store: SQLStore, records: Sequence[Analysis]) -> None:
    """File the quotes and events of records just written into clusters, story events and vectors."""
    from . import provenance, semantic, story_events
    from .schema import CORPUS_SCHEMA

    if not getattr(store, "_corpus_tables", False):  # a store kept at an older schema has no corpus tables
        version = store._schema_version()
        if version is None or version < CORPUS_SCHEMA:
            return
        store._corpus_tables = True  # type: ignore[attr-defined]
    provenance.index(store, records)
    story_events.index(store, records)
    semantic.index(store, records)
