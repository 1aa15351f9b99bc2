"""Runners of the pipeline over many articles: `local` (processes on one machine), `ray` (Ray Data)."""

from __future__ import annotations

from .local import LocalRunner, default_workers

__all__ = ["LocalRunner", "default_workers"]
