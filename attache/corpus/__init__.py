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

    provenance.index(store, records)
    story_events.index(store, records)
    semantic.index(store, records)
