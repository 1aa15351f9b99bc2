"""The Typer application and its root options."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.core

from .. import __version__
from ..console import out
from ..evaluate import commands as evaluate_commands
from ..train import commands as train_commands


def _shown_type(param: typer.core.TyperOption | typer.core.TyperArgument, ctx: typer.Context) -> str | None:
    """In --help, only choices (`local|ray`) beside an option; Typer's `<bool>`, `<str>`, `<int>` say less
    than the help text does, and a flag takes no value at all."""
    if getattr(param, "is_flag", False) or not param.type_descriptor.is_choice:
        return param.metavar
    return param.display_type(ctx).strip("<>")


for _param_class in (typer.core.TyperOption, typer.core.TyperArgument):
    if hasattr(_param_class, "display_type_rich"):  # Typer >= 0.20 draws a type beside every parameter
        _param_class.display_type_rich = _shown_type  # type: ignore[method-assign]

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
