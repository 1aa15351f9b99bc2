"""`attache load DIR`: fill a store from Parquet records (the Ray engine's output: the cluster analyses, one
load fills the database)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from ..console import coded_errors, err, plural
from ..store import DEFAULT_DB
from .app import app
from .common import DbOption


@app.command()
@coded_errors
def load(
    directory: Annotated[str, typer.Argument(help="A Parquet output directory (`ingest --engine ray --output DIR`).")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(min=1, max=100_000, help="Articles per transaction.")] = 1000,
) -> None:
    """Store the analysed records of a Parquet output directory in batched transactions (failed articles in it
    are counted, not stored); articles already in the store are replaced."""
    from ..run.parquet import read_records
    from ..store import open_store

    failed = 0

    def analysed():  # type: ignore[no-untyped-def]
        nonlocal failed
        for record in read_records(directory):
            if record is None:
                failed += 1
            else:
                yield record

    started = time.perf_counter()
    with open_store(db) as store:
        n = store.bulk_load(analysed(), batch_size=batch_size,
                            progress=lambda k: err.print(f"\r{k:,} articles stored", end="", highlight=False))
    seconds = time.perf_counter() - started
    err.print(f"\nloaded {plural(n, 'article')} into {db} in {seconds:.1f} s ({n / max(seconds, 1e-9):,.0f} "
              f"articles/s)" + (f"; {plural(failed, 'failed article')} in the input not stored" if failed else ""),
              highlight=False)
