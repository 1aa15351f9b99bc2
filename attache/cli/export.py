"""`attache export`: a store's records, quotes, entities or events as JSON Lines, CSV or Parquet files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import coded_errors, err, plural
from ..errors import ArgumentError, OutputError
from ..store.base import DEFAULT_DB
from .app import app
from .common import DbOption


class ExportWhat(str, Enum):
    records = "records"
    quotes = "quotes"
    entities = "entities"
    events = "events"
    story_events = "story-events"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
@coded_errors
def export(
    what: Annotated[ExportWhat, typer.Argument(help="Which table to export.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Output file (standard output if omitted; "
                                                                   "Parquet needs a file).")] = None,
    db: DbOption = DEFAULT_DB,
    merged: Annotated[bool, typer.Option("--merged", help="With events: one row per real-world event (story "
                                                          "event) with its `reports` count (= story-events).")]
    = False,
) -> None:
    """Export records, quotes, entities or events (one row per event, event-data layout; story-events or events
    --merged: one row per real-world event with its reports count)."""
    if merged and what is ExportWhat.events:
        what = ExportWhat.story_events
    from ..export import export as run_export
    from ..store import open_store

    target = None if out is None or out == "-" else out
    if target is not None:
        writable(target)
    elif format is ExportFormat.parquet:
        raise ArgumentError("E040", option="--out", value="(none)", reason="Parquet needs an output file: -o FILE")
    with open_store(db, create=False) as store:
        try:
            n = run_export(store, what.value, format.value, target)
        except OSError as exc:
            raise OutputError("E041", path=target, reason=exc.strerror or type(exc).__name__) from None
        except Exception as exc:  # noqa: BLE001 — pyarrow's own errors; no internals in the message
            if type(exc).__module__.split(".")[0] != "pyarrow":
                raise
            raise OutputError("E041", path=target, reason="the Parquet writer failed") from None
    singular = {"entities": "entity", "story-events": "story event"}.get(what.value, what.value.removesuffix("s"))
    err.print(f"exported {plural(n, singular, what.value.replace('-', ' '))}" + (f" to {out}" if target else ""))


def writable(target: str) -> None:
    """E041 unless `target` can be written as a file: its directory exists and it is not a directory."""
    path = Path(target)
    if path.is_dir():
        raise OutputError("E041", path=target, reason="it is a directory")
    if not path.parent.is_dir():
        raise OutputError("E041", path=target, reason=f"directory {path.parent} does not exist")
