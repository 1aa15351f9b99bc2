"""Across articles: `attache provenance` (where a quote first appeared, who changed it)."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Optional

import typer
from rich.text import Text

from ..console import Column, coded_errors, field, lines, listing, out, plural
from ..errors import ArgumentError
from ..store import DEFAULT_DB
from .app import app
from .common import DbOption, FormatOption, LimitOption, QueryFormat

CHANGE_STYLE = {"delete": "bold red strike", "insert": "bold green", "replace": "bold yellow",
                "outside": "dim", "equal": ""}


def diff_text(changes: list[dict[str, Any]]) -> Text:
    """A report's words against the first appearance: [-dropped-] {+added+} [-old-]{+new+}, (unquoted)."""
    text = Text()
    for c in changes:
        if text:
            text.append(" ")
        op = c["op"]
        if op == "equal":
            text.append(c["this"])
        elif op == "outside":
            text.append(f"({c['first'] or c['this']})", style="dim")
        elif op == "delete":
            text.append(f"[-{c['first']}-]", style=CHANGE_STYLE[op])
        elif op == "insert":
            text.append(f"{{+{c['this']}+}}", style=CHANGE_STYLE[op])
        else:
            text.append(f"[-{c['first']}-]", style=CHANGE_STYLE["delete"])
            text.append(f"{{+{c['this']}+}}", style=CHANGE_STYLE["insert"])
    return text


def _report(row: dict[str, Any]) -> Text:
    shown = diff_text(row["changes"]) if row["changes"] else Text(" ".join((row["content"] or "").split()))
    notes = "; ".join(row["callouts"])
    flag = Text("possible misquote: " + notes, style="bold red") if row["possible_misquote"] else None
    return lines(shown, flag)


MEMBERS = (Column("date, source, quote id", lambda r: lines(field("published")(r) or "no date",
                                                            field("source")(r), f"{r['article_id']}:{r['id']}")),
           Column("relation", lambda r: lines(r["relation"], field("speaker_name")(r))),
           Column("report (against the first)", _report, "text"))

CLUSTERS = (Column("first appeared", lambda r: lines(field("published")(r["first"]) or "no date",
                                                     field("source")(r["first"]),
                                                     f"{r['first']['article_id']}:{r['first']['id']}")),
            Column("speaker", lambda r: lines(field("speaker_name")(r["first"]) or "(unknown)",
                                              field("person_id")(r["first"]))),
            Column("reports", lambda r: lines(plural(r["reports"], "report"), plural(len(r["sources"]), "source") if r["sources"] else None,
                                              plural(r["variants"], "variant") if r["variants"] else None)),
            Column("statement (first appearance)", lambda r: field("content")(r["first"]), "text"))


@app.command()
@coded_errors
def provenance(
    quote: Annotated[Optional[str], typer.Argument(help="A quote id, ARTICLE_ID:QUOTE_ID (from `attache quotes "
                                                        "--format json` or this listing).")] = None,
    search: Annotated[Optional[str], typer.Option(help="Words the statement contains.")] = None,
    speaker: Annotated[Optional[str], typer.Option(help="Part of the speaker's name.")] = None,
    person: Annotated[Optional[str], typer.Option(help="Person id (see `attache people`).")] = None,
    db: DbOption = DEFAULT_DB,
    format: FormatOption = QueryFormat.table,
    limit: LimitOption = 20,
) -> None:
    """Where a statement first appeared, how many reports ran it, and which changed its words.

    With a QUOTE id: that quote's statement, every report of it with a word-level diff against the first
    appearance ([-dropped-] {+added+}; a dropped "not" is called out). With --search/--speaker/--person:
    the statements matching, most reported first."""
    from ..corpus import provenance as prov
    from ..store import open_store

    if quote is None and not (search or speaker or person):
        raise ArgumentError("E040", option="QUOTE_ID", value="(none)",
                            reason="give a quote id, --search WORDS, --speaker NAME or --person ID")
    with open_store(db, create=False) as store:
        if quote is not None:
            article, quote_id = prov.parse_quote_key(quote)
            found = prov.of_quote(store, article, quote_id)  # type: ignore[arg-type]
            if found is None:
                raise ArgumentError("E040", option="QUOTE_ID", value=quote, reason="no such quote in the store")
            clusters = [found]
        else:
            clusters = prov.clusters(store, search=search, speaker=speaker, person=person,  # type: ignore[arg-type]
                                     limit=limit)
    if format is QueryFormat.json:
        out.file.write(json.dumps(clusters if quote is None else clusters[0], ensure_ascii=False, indent=2) + "\n")
        return
    if format is QueryFormat.csv:
        buffer = io.StringIO()
        columns = ["cluster_id", "relation", "possible_misquote", "negation_changed", "callouts", "published",
                   "source", "speaker_name", "person_id", "article_id", "id", "content"]
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for c in clusters:
            for m in c["members"]:
                writer.writerow({**m, "callouts": "; ".join(m["callouts"])})
        out.file.write(buffer.getvalue())
        return
    if quote is not None:
        c = clusters[0]
        listing(f"statement {c['cluster_id']}: {plural(c['reports'], 'report')} in "
                f"{plural(len(c['sources']), 'source')}, {plural(c['variants'], 'variant')}, "
                f"{plural(c['fragments'], 'fragment')}", MEMBERS, c["members"],
                ["first: the earliest publication (then source); [-word-] dropped or replaced, {+word+} added "
                 "or replacing, (words) of a longer report the other does not quote"])
        return
    listing(f"statements ({len(clusters)})", CLUSTERS, clusters,
            ["give a quote id to `attache provenance` for every report and its differences"])
