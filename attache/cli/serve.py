"""`attache export` and `attache serve`: the store as files and as an HTTP API with pages."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from ..console import coded_errors, err
from ..errors import ArgumentError
from .app import app
from .common import DbOption


class ExportWhat(str, Enum):
    records = "records"
    quotes = "quotes"
    entities = "entities"
    events = "events"


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
    db: DbOption = "attache.db",
) -> None:
    """Export records, quotes, entities or events (one row per event, event-data layout)."""
    from ..export import export as run_export
    from ..store import open_store

    with open_store(db) as store:
        n = run_export(store, what.value, format.value, out if out not in (None, "-") else None)
    err.print(f"exported {n} {what.value}" + (f" to {out}" if out and out != "-" else ""))


@app.command()
@coded_errors
def serve(
    db: DbOption = "attache.db",
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Allow POST /api/analyze.")] = True,
    ingest: Annotated[bool, typer.Option("--ingest/--no-ingest",
                                         help="Allow POST /api/analyze to store records.")] = False,
    max_body: Annotated[int, typer.Option(min=1024, help="Largest request body, bytes.")] = 2_000_000,
    max_page_size: Annotated[int, typer.Option(min=1, max=1000, help="Largest page of any list.")] = 200,
    model: Annotated[Optional[str], typer.Option(help="spaCy model for analyze.")] = None,
) -> None:
    """Serve the HTTP API and web pages over the store."""
    try:
        import uvicorn

        from ..web import Settings, create_app
    except ImportError as exc:
        raise ArgumentError("E040", option="serve", value=str(exc), reason="pip install 'attache[web]'") from None
    settings = Settings(db=db, host=host, port=port, allow_analyze=analyze, allow_ingest=ingest,
                        max_body_bytes=max_body, max_page_size=max_page_size, model=model)
    app_ = create_app(settings)
    err.print(f"serving {db} on http://{host}:{port}/ (API description at /docs)")
    uvicorn.run(app_, host=host, port=port, log_level="warning")
