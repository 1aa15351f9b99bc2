"""The sources report's stacked bars (share of statements by gender, by speaker type), as numbers for an SVG
drawn by the template: one bar for the whole selection, or one per month or outlet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH, LABEL, BAR, GAP = 720, 170, 22, 8


@dataclass
class Segment:
    x: float
    width: float
    value: str
    share: float
    quotes: int


@dataclass
class Bar:
    y: float
    label: str
    segments: list[Segment]
    quotes: int


@dataclass
class Stack:
    width: int
    height: int
    label_width: int
    bars: list[Bar]
    values: list[str]


def stacked(rows: list[dict[str, Any]], by: str | None, values: tuple[str, ...]) -> Stack:
    """Bars of each group's quote shares over `values`, in the order the report gives the groups."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault((row.get(by) or "(none)") if by else "all", []).append(row)
    span = WIDTH - LABEL
    bars = []
    for i, (label, members) in enumerate(groups.items()):
        x = float(LABEL)
        segments = []
        for row in members:
            width = span * row["quote_share"]
            segments.append(Segment(x, width, row["value"] or "(none)", row["quote_share"], row["quotes"]))
            x += width
        bars.append(Bar(i * (BAR + GAP), label, segments, sum(r["quotes"] for r in members)))
    return Stack(WIDTH, max(1, len(bars)) * (BAR + GAP), LABEL, bars, list(values))
