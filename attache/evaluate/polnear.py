"""Reader for PolNeAR (Newell et al., LREC 2018): BRAT standoff attribution annotations -> gold quotes.

Per article the first annotator's file (sorted names) is read; every attribution (E record) with a Content
becomes one gold quote: content = hull of its Content spans (the spans kept as fragments), speaker = hull of
its Source, cue = hull of its Cue. Publication dates come from metadata.tsv.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

Char = tuple[int, int]


@dataclass
class GoldQuote:
    content: Char
    speaker: Char | None
    cue: Char | None
    fragments: list[Char] = field(default_factory=list)
    gender: str | None = None  # the speaker's gender where the gold gives it: female | male | unknown


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    quotes: list[GoldQuote]


def read_split(root: str | Path, split: str = "dev") -> Iterator[GoldArticle]:
    """The articles of one split (`train` or `dev`) with their gold quotes, in file-name order."""
    root = Path(root)
    dates = _dates(root / "metadata.tsv")
    ann_dir = root / split / "attributions"
    anns = sorted(p.name for p in ann_dir.iterdir())
    for path in sorted((root / split / "text").glob("*.txt")):
        mine = [a for a in anns if re.fullmatch(re.escape(path.stem) + r"_[0-9a-z]+\.ann", a)]
        if not mine:
            continue
        text = path.read_text(encoding="utf-8")
        yield GoldArticle(path.stem, text, dates.get(path.stem), list(_quotes(text, ann_dir / mine[0])))


def _dates(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {r["filename"]: r.get("publication_date") or "" for r in csv.DictReader(f, delimiter="\t")}


def _quotes(text: str, ann: Path) -> Iterator[GoldQuote]:
    spans: dict[str, list[Char]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.read_text(encoding="utf-8").split("\n"):
        parts = line.split("\t")
        if len(parts) < 2:
            continue  # a wrapped line of a T record's text
        if parts[0].startswith("T"):
            offsets = parts[1].partition(" ")[2]
            spans[parts[0]] = [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))]
        elif parts[0].startswith("E"):
            events.append([tuple(a.split(":", 1)) for a in parts[1].split()])  # type: ignore[misc]
    for roles in events:
        by_role: dict[str, list[Char]] = {}
        for role, tid in roles:
            by_role.setdefault(role.rstrip("0123456789"), []).extend(spans.get(tid, []))
        content = sorted(by_role.get("Content", []))
        if not content:
            continue
        yield GoldQuote(_hull(text, content), _hull(text, by_role.get("Source", [])) if "Source" in by_role else None,
                        _hull(text, by_role.get("Cue", [])) if "Cue" in by_role else None,
                        content if len(content) > 1 else [])


def _hull(text: str, spans: list[Char]) -> Char:
    s, e = min(a for a, _ in spans), max(b for _, b in spans)
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
