"""`attache export` and `attache serve`: the store as files and as an HTTP API with pages."""

from __future__ import annotations

import socket
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import coded_errors, err, plural
from ..errors import ArgumentError, OutputError
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
    singular = {"entities": "entity"}.get(what.value, what.value.removesuffix("s"))
    err.print(f"exported {plural(n, singular, what.value)}" + (f" to {out}" if target else ""))


def writable(target: str) -> None:
    """E041 unless `target` can be written as a file: its directory exists and it is not a directory."""
    path = Path(target)
    if path.is_dir():
        raise OutputError("E041", path=target, reason="it is a directory")
    if not path.parent.is_dir():
        raise OutputError("E041", path=target, reason=f"directory {path.parent} does not exist")


@app.command()
@coded_errors
def serve(
    db: DbOption = "attache.db",
    host: Annotated[str, typer.Option(help="Address to bind; loopback unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    analyze: Annotated[bool, typer.Option("--analyze/--no-analyze", help="Allow POST /api/analyze "
                                          "(off by default).")] = False,
    ingest: Annotated[bool, typer.Option("--ingest/--no-ingest",
                                         help="Allow POST /api/analyze to store records.")] = False,
    allow_host: Annotated[Optional[list[str]], typer.Option(
        "--allow-host", help="A Host header name to accept besides loopback names and --host (repeatable; "
                             "* accepts any).")] = None,
    analyze_seconds: Annotated[float, typer.Option(min=0.1, help="Time budget of one analysis (503 over it).")] = 20.0,
    max_body: Annotated[int, typer.Option(min=1024, help="Largest request body, bytes.")] = 2_000_000,
    max_page_size: Annotated[int, typer.Option(min=1, max=1000, help="Largest page of any list.")] = 200,
    model: Annotated[Optional[str], typer.Option(help="spaCy model for analyze.")] = None,
) -> None:
    """Serve the HTTP API and web pages over the store (which must exist: `attache ingest` makes it)."""
    try:
        import uvicorn

        from ..web import Settings, create_app
    except ImportError as exc:
        raise ArgumentError("E040", option="serve", value=str(exc), reason="pip install 'attache[web]'") from None
    settings = Settings(db=db, host=host, port=port, allow_analyze=analyze, allow_ingest=ingest,
                        max_body_bytes=max_body, max_page_size=max_page_size, model=model,
                        analyze_seconds=analyze_seconds, allowed_hosts=tuple(allow_host or ()))
    app_ = create_app(settings)
    sock = bind(host, port)
    err.print(f"serving {db} on http://{host}:{port}/ (API description at /docs)")
    uvicorn.Server(uvicorn.Config(app_, log_level="warning")).run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or E042 before anything claims to be serving."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise ArgumentError("E042", host=host, port=port, reason=exc.strerror or str(exc)) from None
    return sock
