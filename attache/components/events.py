"""The events component (placeholder until its issue lands): writes an empty `doc._.attache_events`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ensure_extensions


@Language.factory("attache_events")
def make_events(nlp: Language, name: str) -> "EventsComponent":
    return EventsComponent()


class EventsComponent:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_events = []
        return doc
