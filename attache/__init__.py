"""Attaché: who said what, who did what to whom, when and where — structured records from news articles."""

from __future__ import annotations

import sys


def _thinc_without_torch() -> None:
    """spaCy's thinc imports torch whenever it is installed (the `semantic` extra brings it): ~190 MB of memory
    and a second of start-up in every process, though no pipe of ours runs on torch. Thinc is shown none, so it
    runs on numpy; torch itself still imports later for whoever needs it (the MiniLM embedder)."""
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails while thinc looks for it
    try:
        import thinc.compat  # noqa: F401
    finally:
        del sys.modules["torch"]


_thinc_without_torch()

from .errors import AttacheError  # noqa: E402  (after the torch guard)
from .ingest import Article  # noqa: E402
from .pipeline import Options, Pipeline, analyze  # noqa: E402
from .record import Analysis  # noqa: E402
from .store import Store, open_store  # noqa: E402

__version__ = "0.1.0"

__all__ = ["analyze", "Pipeline", "Options", "Analysis", "Article", "Store", "open_store", "AttacheError",
           "__version__"]
