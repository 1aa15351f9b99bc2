"""Texts of the shared real-news corpora, read by their path under `../shared` (never copied into the project).

A document is named by its path relative to the shared folder, e.g. `data/timeml/TimeBank/ABC19980108.1830.0711.tml`.
Plain-text corpora (PolNeAR, MEANTIME) are read as they are; TimeML files as the text of their <TEXT> element,
so that stand-off offsets stay valid for as long as the shared data does not change.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..evaluate.times import read_timeml


@dataclass(frozen=True)
class SharedDocument:
    path: str  # relative to the shared folder
    text: str
    published: str | None


def default_shared() -> Path:
    """`../shared` beside the project checkout (where the development data lives)."""
    return Path(__file__).resolve().parents[3] / "shared"


def read_document(shared: Path, path: str) -> SharedDocument:
    """The text and publication date of one shared document."""
    full = shared / path
    if full.suffix == ".tml":
        doc = read_timeml(full)
        return SharedDocument(path, doc.text, doc.dct)
    text = full.read_text(encoding="utf-8")
    if "/meantime/" in path:
        meta = full.with_name(full.name[: -len(".txt")] + ".meta.json")
        published = json.loads(meta.read_text(encoding="utf-8")).get("published") if meta.exists() else None
        return SharedDocument(path, text, published)
    if "/polnear/" in path:
        return SharedDocument(path, text, _polnear_dates(shared / "data" / "polnear" / "metadata.tsv").get(full.stem))
    return SharedDocument(path, text, None)


@lru_cache(maxsize=4)
def _polnear_dates(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {r["filename"]: r.get("publication_date") or "" for r in csv.DictReader(f, delimiter="\t")}
