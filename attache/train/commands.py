"""`attache train ...`: rebuild the trained models shipped in the package from the annotated corpora."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import coded_errors
from ..errors import InputError

app = typer.Typer(no_args_is_help=True, help="Rebuild Attaché's trained models (needs the ../shared corpora).")


@app.command()
@coded_errors
def events(shared: Annotated[Optional[Path], typer.Option(help="The shared data folder (default: ../shared).")]
           = None,
           out: Annotated[Optional[Path], typer.Option(help="Where to write the model (default: the packaged one).")]
           = None) -> None:
    """Train the PLOVER events coder on the annotated corpus (fixed seed: the same data gives the same model)."""
    from ..components.events.model import DEFAULT_PATH
    from .events import train
    from .sources import default_shared

    shared = shared or default_shared()
    if not (shared / "data").is_dir():
        raise InputError("E001", path=f"{shared}/data (--shared)")
    train(shared, out or DEFAULT_PATH)
