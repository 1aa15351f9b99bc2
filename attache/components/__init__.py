"""spaCy components of Attaché; importing this package registers every `attache_*` factory."""

from . import boilerplate, entities, events, places, quotes, times  # noqa: F401
