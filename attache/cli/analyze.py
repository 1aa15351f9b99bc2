"""`attache analyze`: records of articles to standard output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Optional

import typer

from ..console import coded_errors, listing, out, plural
from ..errors import AttacheError
from ..ingest import Article, read_paths
from ..record import Analysis
from . import views
from .app import app
from .common import (
    Attributions,
    AttributionsOption,
    EventsCoder,
    EventsCoderOption,
    PublishedOption,
    published_date,
    report_failures,
    warn,
)


class RecordFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@app.command()
@coded_errors
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    published: PublishedOption = None,
    format: Annotated[RecordFormat, typer.Option("--format", "-f", help="Output format.")] = RecordFormat.json,
    model: Annotated[Optional[str], typer.Option(help="spaCy model name.")] = None,
    attributions: AttributionsOption = Attributions.statements,
    events_coder: EventsCoderOption = EventsCoder.model,
) -> None:
    """Analyse articles and print their records."""
    from ..pipeline import Options, Pipeline

    pipeline = Pipeline(Options(model=model, attributions=attributions.value, events_coder=events_coder.value))
    failures: list[AttacheError] = []
    records: list[Analysis] = []
    for item in pipeline.pipe(_articles(paths, published_date(published), failures), on_error="return"):
        if isinstance(item, AttacheError):
            failures.append(item)
        elif format is RecordFormat.jsonl:
            out.file.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        elif format is RecordFormat.table:
            _print_record_table(item)
        else:
            records.append(item)
    if format is RecordFormat.json and records:
        body = records[0].to_dict() if len(records) == 1 else [r.to_dict() for r in records]
        out.file.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    for record in records:
        warn(record)
    report_failures(failures)
    raise typer.Exit(1 if failures else 0)


def _articles(paths: list[str], published: str | None, failures: list[AttacheError]) -> Iterator[Article]:
    for item in read_paths(paths, published=published):
        if isinstance(item, AttacheError):
            failures.append(item)
        else:
            yield item


def _print_record_table(record: Analysis) -> None:
    out.rule(f"{record.title or record.id}  ({record.published or 'no date'}, {record.language})")
    names = {e.id: e.name for e in record.entities}
    rows = [{"speaker_name": (names.get(q.speaker.entity or "", q.speaker.text) if q.speaker else None) or "?",
             "cue": q.cue.text if q.cue else "", "kind": q.kind, "content": q.content.text} for q in record.quotes]
    listing(plural(len(rows), "quote"), views.QUOTES[1:], rows)
    if record.times:
        out.print("times: " + "; ".join(f"{t.text} = {t.value}" for t in record.times), markup=False)
    if record.places:
        out.print("places: " + "; ".join(f"{p.text} ({p.country or '?'})" for p in record.places), markup=False)
    if record.reported_events:
        out.print("events: " + "; ".join(f"{v.type} {v.trigger.text} [{v.modality}]" for v in record.reported_events),
                  markup=False)
