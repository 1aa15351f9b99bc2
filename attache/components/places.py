"""The places component (placeholder until its issue lands): writes an empty `doc._.attache_places`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ensure_extensions


@Language.factory("attache_places")
def make_places(nlp: Language, name: str) -> "PlacesComponent":
    return PlacesComponent()


class PlacesComponent:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_places = []
        return doc
