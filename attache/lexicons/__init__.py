"""Data, not code: word lists and tables, each file headed by `#` lines saying where its entries came from."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_text(name: str) -> str:
    """The raw text of a lexicon file shipped in this package."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a one-entry-per-line lexicon."""
    return [line.strip() for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV (or TSV, by extension) lexicon as dicts; `#` lines before the header are provenance."""
    body = "\n".join(line for line in read_text(name).splitlines() if not line.startswith("#"))
    delimiter = "\t" if name.endswith(".tsv") else ","
    return tuple(dict(row) for row in csv.DictReader(io.StringIO(body), delimiter=delimiter))
