"""`attache sources`: who gets quoted, by gender, speaker type, actor country and sector."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Optional

import typer

from ..console import Column, coded_errors, field, listing, out
from ..queries import SOURCE_GROUPS, SourcesQuery
from ..store import DEFAULT_DB
from .app import app
from .common import DbOption, FormatOption, QueryFormat, SinceOption, UntilOption

TABLES = (("gender", "speaker gender (people and unnamed agents)"), ("speaker_type", "speaker type"),
          ("country", "speaker's actor country"), ("sector", "speaker's actor sector"))
NOTE = ("statements only (speech and writing); speakers are distinct people across articles, an unnamed "
        "agent (\"officials\") counts once per article; gender from each article's own evidence (pronouns, "
        "honorifics, role nouns), never from a first name: unknown when the article gives none")


@app.command()
@coded_errors
def sources(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    source: Annotated[Optional[str], typer.Option(help="Outlet (the articles' source), exactly.")] = None,
    by: Annotated[Optional[str], typer.Option(help="Break down by " + " or ".join(SOURCE_GROUPS) + ".")] = None,
    format: FormatOption = QueryFormat.table,
) -> None:
    """Who gets quoted: shares of statements and of distinct speakers by gender, speaker type, country, sector."""
    from ..store import open_store

    query = SourcesQuery.parse(since=since, until=until, source=source, by=by)
    with open_store(db, create=False) as store:
        found = store.sources_report(query)
    if format is QueryFormat.json:
        out.file.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    elif format is QueryFormat.csv:
        out.file.write(_csv(found))
    else:
        _tables(found)


def _csv(found: dict[str, Any]) -> str:
    """One CSV of every table: a `table` column says which breakdown a row belongs to."""
    rows = [{"table": name, **row} for name, _ in TABLES for row in found[name]]
    buffer = io.StringIO()
    group = [found["by"]] if found["by"] else []
    writer = csv.DictWriter(buffer, fieldnames=["table", *group, "value", "quotes", "speakers", "quote_share",
                                                "speaker_share"])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _tables(found: dict[str, Any]) -> None:
    by = found["by"]
    columns = [*([Column(by, field(by))] if by else []),
               Column("value", lambda r: r["value"] or "(none)"),
               Column("quotes", lambda r: f"{r['quotes']:,}", "number"),
               Column("share", lambda r: f"{100 * r['quote_share']:.1f}%", "number"),
               Column("speakers", lambda r: f"{r['speakers']:,}", "number"),
               Column("share", lambda r: f"{100 * r['speaker_share']:.1f}%", "number")]
    totals = found.get("totals")
    if totals:
        out.print(f"{totals['quotes']:,} statements by {totals['speakers']:,} distinct speakers")
    for name, title in TABLES:
        listing(title, columns, found[name])
        out.print()
    out.print(f"[dim]{NOTE}[/dim]")
