"""Guard the tokenizer against pathological input: long runs of punctuation without spaces.

spaCy's tokenizer strips prefixes and suffixes one character at a time, copying the rest of the token
each time, so a run of n punctuation marks costs n² (14,000 `"` take half a minute). Runs longer than
`LIMIT` are blanked with spaces in the copy the pipeline analyses; the copy has the same length, so every
offset still indexes the article's own text, and spans touching a blanked run are dropped from the record.
"""

from __future__ import annotations

import re

from .errors import warning
from .record import Analysis

LIMIT = 64
RUN = re.compile(r"[^\w\s]{%d,}" % (LIMIT + 1))

Region = tuple[int, int]


def guard_text(text: str) -> tuple[str, list[Region]]:
    """The text to analyse (same length as `text`) and the blanked regions (start, end)."""
    regions = [(m.start(), m.end()) for m in RUN.finditer(text)]
    if not regions:
        return text, []
    parts: list[str] = []
    at = 0
    for start, end in regions:
        parts += [text[at:start], " " * (end - start)]
        at = end
    parts.append(text[at:])
    return "".join(parts), regions


def guard_warning(regions: list[Region]) -> dict[str, str]:
    """Warning W003 for the blanked regions."""
    longest = max(regions, key=lambda r: r[1] - r[0])
    return warning("W003", count=len(regions), chars=sum(e - s for s, e in regions), start=longest[0],
                   limit=LIMIT)


def drop_guarded(record: Analysis, regions: list[Region]) -> None:
    """Remove from `record` every span that touches a blanked region (its text there was not analysed)."""
    def clear(start: int | None, end: int | None) -> bool:
        return start is None or end is None or not any(start < e and s < end for s, e in regions)

    record.boilerplate = [b for b in record.boilerplate if clear(b.start, b.end)]
    record.quotes = [q for q in record.quotes if all(clear(s.start, s.end) for s in (
        q.content, *q.fragments, *(x for x in (q.speaker, q.cue, q.addressee) if x is not None)))]
    for entity in record.entities:
        entity.mentions = [m for m in entity.mentions if clear(m.start, m.end)]
    record.times = [t for t in record.times if clear(t.start, t.end)]
    record.places = [p for p in record.places if clear(p.start, p.end)]
    record.events = [v for v in record.events if clear(v.trigger.start, v.trigger.end)]
