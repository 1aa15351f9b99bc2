"""The bridge to the quotes component: where direct quotes are (their pronouns are the speaker's side),
which spans are speakers and addressees, and their `entity` ids once entities exist."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc

from ...record import Entity
from ..base import entity_at

# A quotation opened by a curly or straight double mark and closed by the next one; used only where the
# quotes component found no direct quote, so pronouns inside quotation marks still stay on their side.
QUOTED = re.compile(r"“[^“”]{1,3000}”|\"[^\"]{1,3000}\"")


def quote_regions(text: str, quotes: list[Any]) -> list[tuple[int, int, int]]:
    """(start, end, quote index) of quoted text: the fragments of direct and mixed quotes (a direct quote split by
    its cue, '"I love them," he said, "..."', holds narration between them), the content of a direct one in one piece;
    quotation marks that no quote covers get negative indices (a region without a known speaker), unless what
    they hold is a quote's own speaker or cue: between a closing mark and the next opening one ('...policy," he
    said. "Our ...' with straight marks) lies narration, not a quotation."""
    regions: list[tuple[int, int, int]] = []
    narration = sorted((part.start, part.end) for q in quotes
                       for part in (getattr(q, "speaker", None), getattr(q, "cue", None))
                       if part is not None and part.start is not None and part.end is not None)
    narration_starts = [a for a, _ in narration]
    for qi, q in enumerate(quotes):
        kind = getattr(q, "kind", None)
        fragments = getattr(q, "fragments", None) or []
        if kind == "direct" and q.content is not None and not fragments:
            regions.append((q.content.start, q.content.end, qi))
        elif kind in ("direct", "mixed"):
            regions += [(f.start, f.end, qi) for f in fragments]
    n = -1
    for m in QUOTED.finditer(text):
        s, e = m.start() + 1, m.end() - 1
        inside = narration[bisect_left(narration_starts, s):bisect_left(narration_starts, e)]
        if not any(a < e and s < b for a, b, _ in regions) and not any(b <= e for _, b in inside):
            regions.append((s, e, n))
            n -= 1
    return regions


def speaker_spans(quotes: list[Any]) -> list[tuple[tuple[int, int], str]]:
    """Character spans of the quotes' speakers and addressees (they must become mentions)."""
    out = []
    for q in quotes:
        for role in ("speaker", "addressee"):
            part = getattr(q, role, None)
            if part is not None and part.start is not None and part.end is not None and part.end > part.start:
                out.append(((part.start, part.end), role))
    return out


def link_speakers(doc: Doc, quotes: list[Any], entities: list[Entity]) -> None:
    """Set `speaker.entity` and `addressee.entity` from the entity whose mention covers their span."""
    for q in quotes:
        for role in ("speaker", "addressee"):
            part = getattr(q, role, None)
            if part is None or part.start is None or part.end is None:
                continue
            found = entity_at(doc, part.start, part.end)
            if found is not None:
                part.entity = found
