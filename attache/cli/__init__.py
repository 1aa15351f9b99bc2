"""The `attache` command line: analyze, ingest, queries (quotes, people, timeline, events, articles, search),
export, serve, evaluate. Each command lives in the module of its concern; importing them registers them."""

from __future__ import annotations

from . import analyze, ingest, load, query, people, corpus, vectors, sources, export, serve  # noqa: F401  (register the commands, in help order)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `attache` script."""
    app()
