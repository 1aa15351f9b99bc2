"""Who is who across the archive: names normalised (names.py) and entities of every article joined into one
person per real person or organisation (join.py), incrementally at ingest and re-derivable from the stored
entities without re-analysing. Never imports spaCy, the store or the web."""

from .join import Directory, EntityRow, Joiner, MemoryDirectory
from .names import Name, is_name, parse

__all__ = ["Directory", "EntityRow", "Joiner", "MemoryDirectory", "Name", "is_name", "parse"]
