"""The Typer application and its root options."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from ..console import out
from ..evaluate import commands as evaluate_commands
from ..train import commands as train_commands

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Attaché: who said what, who did what to whom, when and where, from news articles.")
app.add_typer(evaluate_commands.app, name="evaluate")
app.add_typer(train_commands.app, name="train")


def _version(value: bool) -> None:
    if value:
        out.print(f"attache {__version__}")
        raise typer.Exit()


@app.callback()


def root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """Attaché reads news articles and files who said what, when and where."""
