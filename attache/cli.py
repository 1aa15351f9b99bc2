"""The `attache` command line: analyze, ingest, quotes, evaluate."""

from __future__ import annotations

import csv
import functools
import io
import json
import time
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Annotated, Any, Optional, ParamSpec

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .errors import AttacheError, ArgumentError
from .ingest import Article, parse_published, read_paths
from .record import Analysis, text_id

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Attaché: who said what, who did what to whom, when and where, from news articles.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Score Attaché on gold data.")
app.add_typer(evaluate_app, name="evaluate")

P = ParamSpec("P")
out = Console(soft_wrap=True)
err = Console(stderr=True)


class RecordFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = Annotated[str, typer.Option("--db", help="Store: a SQLite file path.")]
PublishedOption = Annotated[Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD; "
                                                        "overrides any date found in the input.")]


def coded_errors(command: Callable[P, None]) -> Callable[P, None]:
    """Coded errors become one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except AttacheError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            err.print("interrupted: run the same command again to resume")
            raise typer.Exit(130) from None

    return run


def _version(value: bool) -> None:
    if value:
        out.print(f"attache {__version__}")
        raise typer.Exit()


@app.callback()
def root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """Attaché reads news articles and files who said what, when and where."""


def _published(value: str | None) -> str | None:
    return parse_published(value, "--published") if value else None


def _report_failures(failures: list[AttacheError]) -> None:
    if failures:
        err.print(f"[bold red]{len(failures)} input(s) failed:[/]")
        for failure in failures:
            err.print(f"  {failure}", markup=False, highlight=False)


@app.command()
@coded_errors
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    published: PublishedOption = None,
    format: Annotated[RecordFormat, typer.Option("--format", "-f", help="Output format.")] = RecordFormat.json,
    model: Annotated[Optional[str], typer.Option(help="spaCy model name.")] = None,
) -> None:
    """Analyse articles and print their records."""
    from .pipeline import Pipeline

    pipeline = Pipeline(model=model)
    failures: list[AttacheError] = []
    records: list[Analysis] = []
    for item in pipeline.pipe(_articles(paths, _published(published), failures), on_error="return"):
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
        _warn(record)
    _report_failures(failures)
    raise typer.Exit(1 if failures else 0)


def _articles(paths: list[str], published: str | None, failures: list[AttacheError]) -> Iterator[Article]:
    for item in read_paths(paths, published=published):
        if isinstance(item, AttacheError):
            failures.append(item)
        else:
            yield item


def _warn(record: Analysis) -> None:
    for warning in record.warnings:
        err.print(f"{record.id}: {warning.code}: {warning.message}", markup=False, highlight=False)


def _print_record_table(record: Analysis) -> None:
    out.rule(f"{record.title or record.id}  ({record.published or 'no date'}, {record.language})")
    quotes = Table("speaker", "cue", "kind", "content", title="quotes", expand=True)
    names = {e.id: e.name for e in record.entities}
    for q in record.quotes:
        speaker = names.get(q.speaker.entity or "", q.speaker.text) if q.speaker else None
        quotes.add_row(speaker or "?", q.cue.text if q.cue else "", q.kind, q.content.text)
    out.print(quotes)
    if record.times:
        out.print("times: " + "; ".join(f"{t.text} = {t.value}" for t in record.times), markup=False)
    if record.places:
        out.print("places: " + "; ".join(f"{p.text} ({p.country or '?'})" for p in record.places), markup=False)
    if record.events:
        out.print("events: " + "; ".join(f"{v.type} {v.trigger.text} [{v.modality}]" for v in record.events),
                  markup=False)


@app.command()
@coded_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    db: DbOption = "attache.db",
    published: PublishedOption = None,
    workers: Annotated[int, typer.Option(help="Processes running the pipeline.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Analyse again articles already stored.")] = False,
    model: Annotated[Optional[str], typer.Option(help="spaCy model name.")] = None,
) -> None:
    """Analyse articles into the store; goes on past bad ones and lists them at the end."""
    from .pipeline import Pipeline
    from .store import open_store

    if workers < 1:
        raise ArgumentError("E040", option="--workers", value=workers, reason="must be at least 1")
    store = open_store(db)
    date = _published(published)
    pipeline = Pipeline(model=model)
    failures: list[AttacheError] = []
    stored = skipped = 0
    started = time.monotonic()
    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                  TextColumn("{task.completed} articles"), TextColumn("{task.fields[rate]}"),
                  TimeElapsedColumn(), console=err, transient=False) as progress:
        task = progress.add_task("ingesting", total=None, rate="")

        def fresh() -> Iterator[Article]:
            nonlocal skipped
            for article in _articles(paths, date, failures):
                if not force and store.has(text_id(article.text)):
                    skipped += 1
                    progress.advance(task)
                    continue
                yield article

        batch: list[Analysis] = []
        for item in pipeline.pipe(fresh(), n_process=workers, on_error="return"):
            if isinstance(item, AttacheError):
                failures.append(item)
            else:
                batch.append(item)
                _warn(item)
            progress.advance(task)
            elapsed = time.monotonic() - started
            progress.update(task, rate=f"{progress.tasks[0].completed / elapsed:.1f}/s" if elapsed else "")
            if len(batch) >= pipeline.options.batch_size:
                stored += store.add_many(batch)
                batch = []
        stored += store.add_many(batch)
    elapsed = time.monotonic() - started
    counts = {t: store.count(t) for t in ("articles", "entities", "quotes", "times", "places", "events")}
    store.close()
    err.print(f"stored {stored}, skipped {skipped} already stored, failed {len(failures)} in {elapsed:.1f}s; "
              f"store {db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    _report_failures(failures)
    raise typer.Exit(1 if failures else 0)


@app.command()
@coded_errors
def quotes(
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Words the quote contains.")] = None,
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Quotes in the store, by speaker and words."""
    from .store import open_store

    with open_store(db) as store:
        rows = store.quotes(speaker=speaker, search=search, limit=limit, offset=offset)
    _print_rows(rows, format, title="quotes", columns=("published", "speaker_name", "cue", "kind", "content"))


def _print_rows(rows: list[dict[str, Any]], format: QueryFormat, title: str, columns: tuple[str, ...]) -> None:
    if format is QueryFormat.json:
        out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format is QueryFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(columns))
        writer.writeheader()
        writer.writerows(rows)
        out.file.write(buffer.getvalue())
    else:
        table = Table(*columns, title=f"{title} ({len(rows)})", expand=True)
        for row in rows:
            table.add_row(*(str(row.get(c) or "") for c in columns))
        out.print(table)


def main() -> None:
    """Entry point of the `attache` script."""
    app()


if __name__ == "__main__":
    main()
