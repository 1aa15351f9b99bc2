"""`attache ingest`: articles into the store (or Parquet), locally or on Ray, resumable."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..console import coded_errors, err, plural
from ..errors import ArgumentError
from ..ingest import read_paths
from ..store.base import DEFAULT_DB
from .app import app
from .common import (
    Attributions,
    AttributionsOption,
    EmbedderOption,
    EventsCoder,
    EventsCoderOption,
    PublishedOption,
    published_date,
    report_failures,
    warn,
)

if TYPE_CHECKING:
    from ..pipeline import Options


SINGULAR = {"articles": "article", "quotes": "quote", "entities": "entity", "events": "event"}


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
@coded_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    db: Annotated[Optional[str], typer.Option("--db", help="Store: a SQLite file path (local engine default: "
                                              "attache.db; with --engine ray only when given).")] = None,
    published: PublishedOption = None,
    workers: Annotated[Optional[int], typer.Option(help="Processes running the pipeline (default: the "
                                                   "machine's cores).")] = None,
    engine: Annotated[Engine, typer.Option(help="local: processes on this machine; ray: Ray Data.")] = Engine.local,
    output: Annotated[Optional[str], typer.Option(help="Directory for Parquet records, one row per article "
                                                  "(required with --engine ray).")] = None,
    address: Annotated[Optional[str], typer.Option(help="Ray cluster address (e.g. auto); default: a local "
                                                   "Ray instance.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per batch (one store transaction each).")] = 16,
    force: Annotated[bool, typer.Option("--force", help="Analyse again articles already stored.")] = False,
    model: Annotated[Optional[str], typer.Option(help="spaCy model name.")] = None,
    attributions: AttributionsOption = Attributions.statements,
    events_coder: EventsCoderOption = EventsCoder.model,
    embedder: EmbedderOption = None,
) -> None:
    """Analyse articles into the store (or Parquet); goes on past bad ones and lists them at the end."""
    from ..corpus import embedders
    from ..pipeline import Options
    from ..run import default_workers

    embedders.prefer(embedder)

    n_workers = default_workers() if workers is None else workers
    if n_workers < 1:
        raise ArgumentError("E040", option="--workers", value=workers, reason="must be at least 1")
    if batch_size < 1:
        raise ArgumentError("E040", option="--batch-size", value=batch_size, reason="must be at least 1")
    options = Options(model=model, batch_size=batch_size, attributions=attributions.value,
                      events_coder=events_coder.value)
    date = published_date(published)
    if engine is Engine.ray:
        if not output:
            raise ArgumentError("E040", option="--output", value=output, reason="required with --engine ray")
        _ingest_ray(paths, options, date, n_workers, output, address, db)
    else:
        _ingest_local(paths, options, date, n_workers, db or DEFAULT_DB, output, force)


def _vectors_model(store: object) -> str | None:
    """The model the store's quote vectors were made by (None: none, or a store without the table)."""
    from ..corpus.schema import CORPUS_SCHEMA
    from ..corpus.semantic import recorded

    if (store._schema_version() or 0) < CORPUS_SCHEMA:  # type: ignore[attr-defined]  # kept at an older schema
        return None
    return recorded(store)  # type: ignore[arg-type]


def _ingest_local(paths: list[str], options: Options, date: str | None, workers: int, db: str,
                  output: str | None, force: bool) -> None:
    from ..run import LocalRunner
    from ..run.progress import Tally
    from ..store import open_store

    store = open_store(db)
    if _vectors_model(store) is not None or store.count("articles") == 0:
        from ..corpus.semantic import writer as vectors_writer

        try:  # an embedder asked for but not installed, or not the store's own, fails before any analysis
            vectors_writer(store)  # type: ignore[arg-type]
        except Exception:
            store.close()
            raise
    writer = None
    if output:
        from ..run.parquet import RecordWriter

        writer = RecordWriter(output)
    tally = Tally()
    started = time.monotonic()
    try:
        with _progress(paths) as advance, LocalRunner(options, workers=workers) as runner:
            runner.ingest(read_paths(paths, published=date), store, tally, force=force, writer=writer,
                          advance=advance, on_record=warn)
    finally:
        if writer:
            writer.close()
        elapsed = time.monotonic() - started
        counts = {t: store.count(t) for t in ("articles", "quotes", "entities", "events")}
        vectors = _vectors_model(store)
        store.close()
        err.print(tally.summary(elapsed), markup=False, highlight=False)
        err.print(f"store {db}: " + ", ".join(plural(v, SINGULAR[k], k) for k, v in counts.items())
                  + (f"; quote vectors by {vectors}" if vectors else ""), markup=False, highlight=False)
    report_failures(tally.failures)
    raise typer.Exit(1 if tally.failures else 0)


def _ingest_ray(paths: list[str], options: Options, date: str | None, workers: int, output: str,
                address: str | None, db: str | None) -> None:
    try:
        from ..run.ray import RayRunner
    except ImportError as exc:
        raise ArgumentError("E040", option="--engine", value="ray",
                            reason=f"{exc.name or exc} is not installed: pip install 'attache[ray]'") from None
    started = time.monotonic()
    err.print(f"Ray Data: {plural(workers, 'worker')}, records to {output}", markup=False, highlight=False)
    tally = RayRunner(options, workers=workers, address=address).run(paths, output, published=date, store=db)
    err.print(tally.summary(time.monotonic() - started), markup=False, highlight=False)
    err.print(f"Parquet: {output}/records, quotes, entities, events" + (f"; store {db}" if db else ""),
              markup=False, highlight=False)
    report_failures(tally.failures)
    raise typer.Exit(1 if tally.failures else 0)


@contextlib.contextmanager


def _progress(paths: list[str]) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr with articles/s and, once the input size is known, an ETA.

    Yields `advance(n)`. The size is estimated in a background thread so a huge input starts at once.
    """
    from ..run.progress import estimate_total

    progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                        TextColumn("ETA"), TimeRemainingColumn(), console=err, transient=False)
    with progress:
        task = progress.add_task("ingesting", total=None, rate="")
        started = time.monotonic()

        def size() -> None:
            total = estimate_total(paths)
            if total is not None:
                progress.update(task, total=total)

        threading.Thread(target=size, daemon=True).start()

        def advance(n: int = 1) -> None:
            progress.advance(task, n)
            elapsed = time.monotonic() - started
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / elapsed:.1f} articles/s" if elapsed > 0 else "")

        yield advance
