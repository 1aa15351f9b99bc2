"""What every Attaché component shares: its Doc extensions and the boilerplate mask."""

from __future__ import annotations

import datetime as dt

from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc

from ..errors import warning

# Each component writes one of these; None until it has run. Lists of record parts (attache.record).
EXTENSIONS = ("attache_published", "attache_language", "attache_warnings", "attache_boilerplate",
              "attache_quotes", "attache_entities", "attache_times", "attache_places", "attache_events")


TEXT_KEY = "attache_text"


def ensure_extensions() -> None:
    """Register the `Doc._.attache_*` attributes once per process."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text again on each `doc.text` access."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def published_day(doc: Doc) -> dt.date | None:
    """The article's publication date (`doc._.attache_published`): a `date` as the pipeline sets it once, at
    the edge; an ISO string set by hand in another pipeline is read too."""
    value = doc._.attache_published
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def add_warning(doc: Doc, warning: dict[str, str]) -> None:
    """Append a record warning (attache.errors.warning) to the Doc."""
    if doc._.attache_warnings is None:
        doc._.attache_warnings = []
    doc._.attache_warnings.append(warning)


# What a component's reading of an odd parse or date may raise. The component's part of the record is left
# out with warning W008 and the rest of the record stands; anything else fails the article (E023,
# `Pipeline.pipe`). One policy for every component, never a silent drop.
RECOVERABLE = (ValueError, IndexError, KeyError, OverflowError)


def left_out(doc: Doc, component: str, part: str, exc: Exception) -> None:
    """Record on the Doc that `component` gave up on the article (W008): its `part` are missing, not none."""
    add_warning(doc, warning("W008", component=component, part=part, reason=f"{type(exc).__name__}: {exc}"))


def in_boilerplate(doc: Doc, start: int, end: int, besides: frozenset[str] = frozenset()) -> bool:
    """Whether the character span [start, end) overlaps a boilerplate span of the Doc (of a kind not in
    `besides`: places read datelines, which are no article text but do say where it was written)."""
    return any(b.start < end and start < b.end and b.kind not in besides for b in doc._.attache_boilerplate or ())


_ENTITY_INDEX: list[Any] = [None]


def entity_at(doc: Doc, start: int, end: int) -> str | None:
    """The id of the entity with a mention overlapping the character span [start, end), or None.

    Among several, the mention sharing the most characters wins, then the shorter one (the closest fit).
    An index of the mentions is kept for the last entities list asked about (not in `doc.user_data`,
    which must stay serialisable for multiprocessing), so repeated calls on one Doc are cheap.
    """
    entities = doc._.attache_entities
    if not entities:
        return None
    cached = _ENTITY_INDEX[0]
    if cached is None or cached[0] is not entities or cached[1] != len(entities):
        items = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        longest = max((b - a for a, b, _ in items), default=0)
        cached = (entities, len(entities), [a for a, _, _ in items], items, longest)
        _ENTITY_INDEX[0] = cached
    _, _, starts, items, longest = cached
    best: tuple[int, int] | None = None
    found: str | None = None
    for i in range(bisect_left(starts, start - longest), bisect_left(starts, end)):
        a, b, entity_id = items[i]
        shared = min(b, end) - max(a, start)
        if shared > 0 and (best is None or (shared, a - b) > best):
            best, found = (shared, a - b), entity_id
    return found


ensure_extensions()
