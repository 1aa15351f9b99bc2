"""An article's text cut into pieces for the page: quotes per speaker, speakers, cues, dates, places.

Pure data (no HTML): the template escapes every piece, so untrusted article text never becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..record import Analysis

PALETTE = 8  # speaker colours in the stylesheet: .s0 ... .s7


@dataclass
class Piece:
    """A stretch of text with the same marks; `title` is shown on hover, `href` makes it a link."""

    text: str
    classes: list[str] = field(default_factory=list)
    title: str | None = None
    href: str | None = None
    quote: str | None = None
    colour: int | None = None  # speaker colour of the innermost quote or speaker covering the piece


def speaker_colours(record: Analysis, people: dict[str, str]) -> dict[str, int]:
    """Quote id -> colour index: one colour per speaker (person, else entity, else speaker text)."""
    colours: dict[str, int] = {}
    keys: dict[str, int] = {}
    for q in record.quotes:
        s = q.speaker
        key = (people.get(s.entity or "") or s.entity or (s.text or "").casefold()) if s else ""
        if key not in keys:
            keys[key] = len(keys) % PALETTE
        colours[q.id] = keys[key]
    return colours


def pieces(record: Analysis, people: dict[str, str], person_url: str = "/people/") -> list[Piece]:
    """The text cut at every mark boundary, each piece carrying the marks that cover it."""
    text = record.text
    n = len(text)
    marks: list[tuple[int, int, dict[str, Any]]] = []
    colours = speaker_colours(record, people)
    for q in record.quotes:
        c = colours[q.id]
        for part in q.fragments or [q.content]:
            marks.append((part.start, part.end, {"cls": "quote", "colour": c, "quote": q.id}))
        s = q.speaker
        if s and s.start is not None and s.end is not None:
            pid = people.get(s.entity or "")
            marks.append((s.start, s.end, {"cls": "speaker", "colour": c, "href": person_url + pid if pid else None,
                                           "title": f"speaker of {q.id}"}))
        if q.cue:
            marks.append((q.cue.start, q.cue.end, {"cls": "cue"}))
    for t in record.times:
        marks.append((t.start, t.end, {"cls": "time", "title": f"{t.type} {t.value}" + (f" ({t.mod})" if t.mod
                                                                                        else "")}))
    for p in record.places:
        where = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
        marks.append((p.start, p.end, {"cls": "place", "title": where}))
    for b in record.boilerplate:
        marks.append((b.start, b.end, {"cls": f"boilerplate bp-{b.kind}"}))
    marks = [(max(0, a), min(n, b), m) for a, b, m in marks if 0 <= a < b <= n]
    cuts = sorted({0, n, *(a for a, _, _ in marks), *(b for _, b, _ in marks)})
    starts: dict[int, list[tuple[int, int, dict[str, Any]]]] = {}
    for mark in marks:
        starts.setdefault(mark[0], []).append(mark)
    out: list[Piece] = []
    open_marks: list[tuple[int, int, dict[str, Any]]] = []
    for a, b in zip(cuts, cuts[1:]):
        open_marks = [m for m in open_marks if m[1] > a] + starts.get(a, [])
        piece = Piece(text[a:b])
        titles = []
        for _, _, m in open_marks:
            piece.classes += m["cls"].split()
            piece.href = piece.href or m.get("href")
            piece.quote = m.get("quote") or piece.quote
            piece.colour = m["colour"] if "colour" in m else piece.colour
            if m.get("title"):
                titles.append(m["title"])
        piece.classes = list(dict.fromkeys(piece.classes)) + ([f"s{piece.colour}"] if piece.colour is not None
                                                              else [])
        piece.title = "; ".join(titles) or None
        out.append(piece)
    return out
