"""Attaché: who said what, who did what to whom, when and where — structured records from news articles."""

from __future__ import annotations

from .errors import AttacheError
from .ingest import Article
from .pipeline import Options, Pipeline, analyze
from .record import Analysis
from .store import Store, open_store

__version__ = "0.1.0"

__all__ = ["analyze", "Pipeline", "Options", "Analysis", "Article", "Store", "open_store", "AttacheError",
           "__version__"]
