"""How each listing reads in a terminal: its few columns, what each cell shows, and the legend under it.

JSON and CSV output are the rows as the store gives them; only the table view is shaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from ..console import Column, field, lines, plural

Row = dict[str, Any]
UNKNOWN_COUNTRY = "?"
MODALITY_LEGEND = ("modality: asserted (it happened), negated (it did not), planned, hypothetical (if ...), "
                   "reported (others say so)")
COUNTRY_LEGEND = "(XXX) a country, ISO alpha-3; (?) country not known"


def _date(row: Row) -> str:
    return field("date")(row) or field("published")(row) or "no date"


def _speaker(row: Row) -> Text:
    how = " · ".join(p for p in (field("cue")(row), field("kind")(row)) if p)
    return lines(field("speaker_name")(row) or "(unknown)", how, field("person_id")(row))


QUOTES = (Column("date", lambda r: field("published")(r) or "no date"),
          Column("speaker", _speaker),
          Column("quote", field("content"), "text"))


def _actors(people: Sequence[Row]) -> list[str]:
    return [f"{a.get('name') or '?'} ({a.get('country') or UNKNOWN_COUNTRY})" for a in people]


def _who(row: Row) -> Text:
    actors = _actors(row.get("actors") or ()) or ["(no actor)"]
    recipients = [f"→ {name}" for name in _actors(row.get("recipients") or ())]
    place = field("place_name")(row)
    where = f"in {place} ({field('place_country')(row) or UNKNOWN_COUNTRY})" if place else None
    return lines("\n".join(actors), *recipients, where)


def _event(row: Row) -> Text:
    modality = field("modality")(row) or "asserted"
    label = Text(modality, style="bold red" if modality == "negated" else "dim")
    return lines(_date(row), Text(field("type")(row), style="bold"), label)


EVENTS = (Column("date, event", _event),
          Column("who → whom, where", _who),
          Column("sentence", field("sentence"), "text"))


def _reports(row: Row) -> Text:
    said = [plural(row.get("reports") or 0, "report")]
    if row.get("sources"):
        said.append(plural(len(row["sources"]), "source"))
    for d in row.get("disagreements") or ():
        said.append(f"{d['field']} differs: {', '.join(d['values'])}")
    return lines(*said)


STORIES = (Column("date, event", _event),
           Column("who → whom, where", _who),
           Column("reports", _reports),
           Column("first report", field("sentence"), "text"))


def _code(row: Row) -> str:
    return " ".join(field(k)(row) or "-" for k in ("country", "sector")) if row.get("country") or row.get(
        "sector") else ""


PEOPLE = (Column("id", field("id"), "id"),
          Column("name", field("name")),
          Column("also written", lambda r: ", ".join(n for n in r.get("names") or () if n != r.get("name")), "text"),
          Column("type", field("type")),
          Column("actor", _code),
          Column("mentions", field("mentions"), "number"),
          Column("quotes", field("quotes"), "number"),
          Column("articles", field("articles"), "number"))

ARTICLES = (Column("date", lambda r: field("published")(r) or "no date"),
            Column("id", field("id"), "id"),
            Column("title, source", lambda r: lines(field("title")(r) or "(untitled)", field("source")(r)), "text"),
            Column("quotes", field("quotes"), "number"),
            Column("events", field("events"), "number"))


def _what(row: Row) -> Text:
    return lines(field("what")(row), field("kind")(row))


TIMELINE = (Column("date", _date),
            Column("what", _what),
            Column("text, article", lambda r: lines(field("text")(r), field("title")(r)), "text"))

FOUND_ARTICLES = (Column("date", lambda r: field("published")(r) or "no date"),
                  Column("id", field("id"), "id"),
                  Column("title, snippet", lambda r: lines(field("title")(r) or "(untitled)", field("snippet")(r)),
                         "text"))


def sector_legend(rows: Sequence[Row]) -> list[str]:
    """`actor: country and sector; BUS business, GOV government` for the sectors the rows show."""
    from ..lexicons import read_table

    names = {r["sector"]: r["name"] for r in read_table("actor_sector_names.tsv")}
    shown = sorted({row["sector"] for row in rows if row.get("sector")})
    if not shown:
        return []
    return ["sector: " + ", ".join(f"{code} {names.get(code, 'unknown code')}" for code in shown)]


def people_notes(rows: Sequence[Row]) -> list[str]:
    return ["actor: country (ISO alpha-3) and sector; - not known", *sector_legend(rows),
            "copy an id into --person, or give it to `attache timeline`"]


def event_notes(rows: Sequence[Row]) -> list[str]:
    return [COUNTRY_LEGEND, MODALITY_LEGEND] if rows else []


def next_page(rows: Any) -> list[str]:
    """The cursor of the next page, when there is one."""
    cursor = getattr(rows, "next", None)
    return [f"{plural(len(rows), 'row')} shown; more with --after {cursor}"] if cursor else []


def more(count: int, limit: int, offset: int) -> list[str]:
    """A hint when the listing may go on past the page shown."""
    return [f"{plural(count, 'row')} shown from row {offset + 1}; more with --offset {offset + count}"] \
        if count and count >= limit else []
