"""Terminal output shared by every command: the two consoles and the coded-error guard."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

import typer
from rich.console import Console

from .errors import AttacheError

P = ParamSpec("P")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


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
