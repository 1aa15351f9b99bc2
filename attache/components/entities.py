"""The entities component (placeholder until its issue lands): writes an empty `doc._.attache_entities`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ensure_extensions


@Language.factory("attache_entities")
def make_entities(nlp: Language, name: str) -> "EntitiesComponent":
    return EntitiesComponent()


class EntitiesComponent:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_entities = []
        return doc
