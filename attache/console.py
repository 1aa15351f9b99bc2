"""Terminal output shared by every command: the two consoles, the coded-error guard, and how listings,
counts and legends are drawn so they read at 80 columns and when piped."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import AttacheError

P = ParamSpec("P")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
WRAPS = 30  # a cell wider than this may wrap at 80 columns: rows then get a blank line between them
ID_WIDTH_MAX = 40  # ids longer than this fold onto a second line rather than squeeze the text away


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


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 article`, `2 articles`, `1 entity`, `3 entities`, `1 person`, `2 people` (with `plural_form`)."""
    if count == 1:
        return f"{count} {singular}"
    if plural_form is None:
        if singular.endswith("y") and singular[-2:-1] not in tuple("aeiou"):
            plural_form = singular[:-1] + "ies"
        elif singular.endswith(("s", "x", "ch", "sh")):
            plural_form = singular + "es"
        else:
            plural_form = singular + "s"
    return f"{count} {plural_form}"


Cell = str | Text


@dataclass(frozen=True)
class Column:
    """One column of a listing: its header, how a row becomes its cell, and its kind.

    kind: `id` is never cut nor wrapped (it is meant to be copied into --person, --article, ...);
    `text` takes the width the others leave and wraps at words; `number` is right-aligned;
    `short` keeps its width and wraps at words only when it must.
    """

    header: str
    cell: Callable[[dict[str, Any]], Cell]
    kind: str = "short"


def field(key: str) -> Callable[[dict[str, Any]], str]:
    """A cell that is the row's `key`, blank when missing; whitespace runs (newlines too) become one space."""
    return lambda row: " ".join(str(row.get(key) if row.get(key) is not None else "").split())


def lines(*parts: Cell | None) -> Text:
    """A cell of several lines; the second and later are dim (details under the main value)."""
    text = Text()
    for part in (p for p in parts if p):
        if text:
            text.append("\n")
            text.append_text(part if isinstance(part, Text) else Text(part, style="dim"))
        else:
            text.append_text(part if isinstance(part, Text) else Text(part))
    return text


def listing(title: str, columns: Sequence[Column], rows: Sequence[dict[str, Any]],
            notes: Iterable[str] = ()) -> None:
    """Print rows as a table that reads at any width: few columns, full ids, wrapped text, a blank line
    between rows of several lines, and notes (legends, how to see more) dim underneath."""
    _emit(Text(title, style="bold"))
    if rows:
        _emit(_table(columns, rows))
    else:
        _emit(Text("none found", style="dim"))
    if rows and notes:
        out.print()
    for note in notes:
        if "--after " in note:  # a cursor, never wrapped: it is copied whole
            out.print(Text(note, style="dim"), soft_wrap=True)
        else:
            _emit(Text(note, style="dim"))


def _emit(renderable: Text | Table) -> None:
    """Print wrapped to the console's width; piped, without the spaces that pad each line to it."""
    if out.is_terminal:
        out.print(renderable, soft_wrap=False)
        return
    with out.capture() as captured:
        out.print(renderable, soft_wrap=False)
    out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _table(columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> Table:
    cells = [[column.cell(row) for column in columns] for row in rows]
    multiline = any(_width(c) > WRAPS or "\n" in _plain(c) for row in cells for c in row)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, padding=(0, 1, 0, 0),
                  leading=1 if multiline else 0, header_style="bold")
    for i, column in enumerate(columns):
        widest = max((_width(row[i]) for row in cells), default=0)
        if column.kind == "id":
            table.add_column(column.header, no_wrap=True, overflow="fold",
                             min_width=min(max(widest, len(column.header)), ID_WIDTH_MAX))
        elif column.kind == "text":
            table.add_column(column.header, min_width=24, overflow="fold")
        elif column.kind == "number":
            table.add_column(column.header, justify="right", no_wrap=True)
        else:
            table.add_column(column.header, max_width=max(len(column.header), 24), overflow="fold")
    for row in cells:
        table.add_row(*row)
    return table


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _width(cell: Cell) -> int:
    return max((len(line) for line in _plain(cell).splitlines()), default=0)
