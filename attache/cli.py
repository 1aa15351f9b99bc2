"""The `attache` command line: analyze, ingest, queries (quotes, people, timeline, events, articles, search),
export, serve, evaluate."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table

from . import __version__
from .evaluate import commands as evaluate_commands
from .console import coded_errors, err, out
from .errors import AttacheError, ArgumentError
from .ingest import Article, parse_published, read_paths
from .record import Analysis, text_id

if TYPE_CHECKING:
    from .pipeline import Options

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Attaché: who said what, who did what to whom, when and where, from news articles.")
app.add_typer(evaluate_commands.app, name="evaluate")



class RecordFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


DbOption = Annotated[str, typer.Option("--db", help="Store: a SQLite file path or a postgresql:// URL.")]
SinceOption = Annotated[Optional[str], typer.Option(help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")]
UntilOption = Annotated[Optional[str], typer.Option(help="Up to and including this date.")]
DATE_FILTER = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PublishedOption = Annotated[Optional[str], typer.Option("--published", help="Publication date YYYY-MM-DD; "
                                                        "overrides any date found in the input.")]


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
) -> None:
    """Analyse articles into the store (or Parquet); goes on past bad ones and lists them at the end."""
    from .pipeline import Options
    from .run import default_workers

    n_workers = default_workers() if workers is None else workers
    if n_workers < 1:
        raise ArgumentError("E040", option="--workers", value=workers, reason="must be at least 1")
    if batch_size < 1:
        raise ArgumentError("E040", option="--batch-size", value=batch_size, reason="must be at least 1")
    options = Options(model=model, batch_size=batch_size)
    date = _published(published)
    if engine is Engine.ray:
        if not output:
            raise ArgumentError("E040", option="--output", value=output, reason="required with --engine ray")
        _ingest_ray(paths, options, date, n_workers, output, address, db)
    else:
        _ingest_local(paths, options, date, n_workers, db or "attache.db", output, force)


def _ingest_local(paths: list[str], options: Options, date: str | None, workers: int, db: str,
                  output: str | None, force: bool) -> None:
    from .run import LocalRunner
    from .run.progress import Tally
    from .store import open_store

    store = open_store(db)
    writer = None
    if output:
        from .run.parquet import RecordWriter

        writer = RecordWriter(output)
    tally = Tally()
    started = time.monotonic()
    try:
        with _progress(paths) as advance:
            def fresh() -> Iterator[Article | AttacheError]:
                for item in read_paths(paths, published=date):
                    if isinstance(item, Article) and not force and store.has(text_id(item.text)):
                        tally.skipped += 1
                        advance(1)
                        continue
                    yield item

            with LocalRunner(options, workers=workers) as runner:
                for batch in runner.run(fresh()):
                    records = [item for item in batch if isinstance(item, Analysis)]
                    store.add_many(records)
                    if writer:
                        writer.write(batch)
                    for item in batch:
                        tally.add(item)
                    for record in records:
                        _warn(record)
                    advance(len(batch))
    finally:
        if writer:
            writer.close()
        elapsed = time.monotonic() - started
        counts = {t: store.count(t) for t in ("articles", "quotes", "entities", "events")}
        store.close()
        err.print(tally.summary(elapsed), markup=False, highlight=False)
        err.print(f"store {db}: " + ", ".join(f"{v} {k}" for k, v in counts.items()), markup=False,
                  highlight=False)
    _report_failures(tally.failures)
    raise typer.Exit(1 if tally.failures else 0)


def _ingest_ray(paths: list[str], options: Options, date: str | None, workers: int, output: str,
                address: str | None, db: str | None) -> None:
    try:
        from .run.ray import RayRunner
    except ImportError as exc:
        raise ArgumentError("E040", option="--engine", value="ray",
                            reason=f"{exc.name or exc} is not installed: pip install 'attache[ray]'") from None
    started = time.monotonic()
    err.print(f"Ray Data: {workers} worker(s), records to {output}", markup=False, highlight=False)
    tally = RayRunner(options, workers=workers, address=address).run(paths, output, published=date, store=db)
    err.print(tally.summary(time.monotonic() - started), markup=False, highlight=False)
    err.print(f"Parquet: {output}/records, quotes, entities, events" + (f"; store {db}" if db else ""),
              markup=False, highlight=False)
    _report_failures(tally.failures)
    raise typer.Exit(1 if tally.failures else 0)


@contextlib.contextmanager
def _progress(paths: list[str]) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr with articles/s and, once the input size is known, an ETA.

    Yields `advance(n)`. The size is estimated in a background thread so a huge input starts at once.
    """
    from .run.progress import estimate_total

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


@app.command()
@coded_errors
def quotes(
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Words the quote contains.")] = None,
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    since: SinceOption = None,
    until: UntilOption = None,
    article: Annotated[Optional[str], typer.Option(help="Article id.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct, indirect or mixed.")] = None,
    person: Annotated[Optional[str], typer.Option(help="Person id (see `attache people`).")] = None,
) -> None:
    """Quotes in the store, by speaker, words, dates, article, kind and person."""
    from .store import open_store

    with open_store(db) as store:
        rows = store.quotes(speaker=speaker, search=search, limit=limit, offset=offset, since=_date(since, "--since"),
                            until=_date(until, "--until"), article=article, kind=kind, person=person)
    _print_rows(rows, format, title="quotes", columns=("published", "speaker_name", "cue", "kind", "content"))


@app.command()
@coded_errors
def people(
    search: Annotated[Optional[str], typer.Option(help="Part of the name.")] = None,
    type: Annotated[Optional[str], typer.Option(help="Entity type: PERSON, ORG, GPE, ...")] = None,
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """People and organisations across articles, with counts of mentions, quotes and articles."""
    from .store import open_store

    with open_store(db) as store:
        rows = store.people(search=search, type=type, limit=limit, offset=offset)
    _print_rows(rows, format, title="people",
                columns=("id", "name", "type", "country", "sector", "mentions", "quotes", "articles"))


@app.command()
@coded_errors
def timeline(
    who: Annotated[str, typer.Argument(help="A person id, or a name (the best-known match is taken).")],
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 200,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """A person's quotes and events by date."""
    from .store import open_store

    with open_store(db) as store:
        found = store.person(who) or next(iter(store.people(search=who, limit=1)), None)
        if found is None:
            raise ArgumentError("E040", option="WHO", value=who, reason="no such person in the store")
        rows = store.timeline(found["id"], limit=limit, offset=offset)
    err.print(f"{found['name']} ({found['id']})", markup=False, highlight=False)
    _print_rows(rows, format, title="timeline", columns=("date", "what", "kind", "text", "title"))


@app.command()
@coded_errors
def events(
    type: Annotated[Optional[str], typer.Option(help="PLOVER type: CONSULT, ACCUSE, ...")] = None,
    actor_country: Annotated[Optional[str], typer.Option(help="Actor country, ISO alpha-3.")] = None,
    recipient_country: Annotated[Optional[str], typer.Option(help="Recipient country, ISO alpha-3.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    article: Annotated[Optional[str], typer.Option(help="Article id.")] = None,
    person: Annotated[Optional[str], typer.Option(help="Person id taking part.")] = None,
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Events by type, actor and recipient country, dates, article and person."""
    from .store import open_store

    with open_store(db) as store:
        rows = store.events(type=type, actor_country=actor_country, recipient_country=recipient_country,
                            since=_date(since, "--since"), until=_date(until, "--until"), article=article,
                            person=person, limit=limit, offset=offset)
    for row in rows:
        for role in ("actors", "recipients"):
            row[role] = "; ".join(f"{a['name']} ({a['country'] or '?'})" for a in row[role]) \
                if format is not QueryFormat.json else row[role]
    _print_rows(rows, format, title="events",
                columns=("date", "type", "actors", "recipients", "place_name", "place_country", "sentence"))


@app.command()
@coded_errors
def articles(
    search: Annotated[Optional[str], typer.Option(help="Words the article contains.")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source name, exactly.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    country: Annotated[Optional[str], typer.Option(help="Country (ISO alpha-3) of a place in the article.")] = None,
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Articles by words, source, dates and country."""
    from .store import open_store

    with open_store(db) as store:
        rows = store.articles(search=search, source=source, since=_date(since, "--since"),
                              until=_date(until, "--until"), country=country, limit=limit, offset=offset)
    _print_rows(rows, format, title="articles", columns=("published", "id", "source", "title", "quotes", "events"))


@app.command()
@coded_errors
def search(
    words: Annotated[str, typer.Argument(help="Words to find (all of them), in articles and quotes.")],
    db: DbOption = "attache.db",
    format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Full-text search over articles and quotes, best match first."""
    from .store import open_store

    with open_store(db) as store:
        found = store.search(words, limit=limit, offset=offset)
    if format is QueryFormat.json:
        out.file.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    if format is QueryFormat.csv:
        rows = [{"what": "article", "article_id": a["id"], "title": a["title"], "published": a["published"],
                 "speaker": None, "text": a.get("snippet")} for a in found["articles"]]
        rows += [{"what": "quote", "article_id": q["article_id"], "title": q["title"], "published": q["published"],
                  "speaker": q["speaker_name"], "text": q["content"]} for q in found["quotes"]]
        _print_rows(rows, format, title="search", columns=("what", "article_id", "title", "published", "speaker",
                                                             "text"))
        return
    _print_rows(found["articles"], format, title="articles", columns=("published", "title", "snippet"))
    _print_rows(found["quotes"], format, title="quotes", columns=("published", "speaker_name", "content"))


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
    from .export import export as run_export
    from .store import open_store

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

        from .web import Settings, create_app
    except ImportError as exc:
        raise ArgumentError("E040", option="serve", value=str(exc), reason="pip install 'attache[web]'") from None
    settings = Settings(db=db, host=host, port=port, allow_analyze=analyze, allow_ingest=ingest,
                        max_body_bytes=max_body, max_page_size=max_page_size, model=model)
    app_ = create_app(settings)
    err.print(f"serving {db} on http://{host}:{port}/ (API description at /docs)")
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _date(value: str | None, option: str) -> str | None:
    """A date filter: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    if not DATE_FILTER.match(value):
        raise ArgumentError("E040", option=option, value=value, reason="expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


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
