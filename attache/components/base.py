"""What every Attaché component shares: its Doc extensions and the boilerplate mask."""

from __future__ import annotations

from spacy.tokens import Doc

# Each component writes one of these; None until it has run. Lists of record parts (attache.record).
EXTENSIONS = ("attache_published", "attache_language", "attache_warnings", "attache_boilerplate",
              "attache_quotes", "attache_entities", "attache_times", "attache_places", "attache_events")


def ensure_extensions() -> None:
    """Register the `Doc._.attache_*` attributes once per process."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def add_warning(doc: Doc, warning: dict[str, str]) -> None:
    """Append a record warning (attache.errors.warning) to the Doc."""
    if doc._.attache_warnings is None:
        doc._.attache_warnings = []
    doc._.attache_warnings.append(warning)


def in_boilerplate(doc: Doc, start: int, end: int) -> bool:
    """Whether the character span [start, end) overlaps a boilerplate span of the Doc."""
    return any(b.start < end and start < b.end for b in doc._.attache_boilerplate or ())


ensure_extensions()
