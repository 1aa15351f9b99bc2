"""A person's quotes and events laid out on a time axis, as numbers for an SVG drawn by the template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT, MARGIN = 720, 130, 90
STEP = 13  # horizontal spacing of dots on the same day and row
ROWS = {"quote": 50, "event": 90}


@dataclass
class Dot:
    x: float
    y: float
    what: str
    label: str
    href: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    dots: list[Dot]
    ticks: list[Tick]
    rows: dict[str, int]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def chart(items: list[dict[str, Any]], article_url: str = "/articles/") -> Chart:
    """Dots for timeline `items` (rows of Store.timeline) between the first and last date, with ticks."""
    dated = [(d, i) for i in items if (d := _day(i.get("date")))]
    dots: list[Dot] = []
    ticks: list[Tick] = []
    if dated:
        first = min(d for d, _ in dated)
        last = max(d for d, _ in dated)
        span = max((last - first).days, 1)

        def x(day: dt.date) -> float:
            if first == last:
                return WIDTH / 2
            return round(MARGIN + (WIDTH - 2 * MARGIN) * (day - first).days / span, 1)

        same: dict[tuple[float, str], int] = {}
        for day, item in dated:
            same[(x(day), item["what"])] = same.get((x(day), item["what"]), 0) + 1
        placed: dict[tuple[float, str], int] = {}
        for day, item in dated:
            px, row = x(day), item["what"]
            k = placed.get((px, row), 0)
            placed[(px, row)] = k + 1
            text = (item.get("text") or "").strip()
            label = f"{day.isoformat()} {row}: " + (text[:140] + ("…" if len(text) > 140 else ""))
            spread = (k - (same[(px, row)] - 1) / 2) * STEP  # dots of one day side by side, centred on it
            dots.append(Dot(round(px + spread, 1), ROWS[row], row, label,
                            f"{article_url}{item['article_id']}#{item['id']}"))
        labels = [first, last] if first != last else [first]
        if span > 60 and len(labels) == 2:
            labels.insert(1, first + (last - first) / 2)
        ticks = [Tick(x(d), d.isoformat()) for d in labels]
    return Chart(WIDTH, HEIGHT, dots, ticks, ROWS)
