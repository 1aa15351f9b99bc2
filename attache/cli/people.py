"""`attache rejoin`: re-derive who is who across the store's articles from the stored entities."""

from __future__ import annotations

from ..console import coded_errors, err
from ..store import DEFAULT_DB
from .app import app
from .common import DbOption


@app.command()
@coded_errors
def rejoin(db: DbOption = DEFAULT_DB) -> None:
    """Join every article's people and organisations across the store again, in order of publication, with the
    current rules (no article is analysed again): undoes a wrong merge made at ingest."""
    from ..store import open_store

    with open_store(db, create=False) as store:
        found = store.rebuild_people()
    err.print(f"{found['people_before']} people before, {found['people']} now ({found['entities']} entities joined, "
              f"{found['merged']} merges)", markup=False, highlight=False)
