"""The quotes component (placeholder until its issue lands): writes an empty `doc._.attache_quotes`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ensure_extensions


@Language.factory("attache_quotes")
def make_quotes(nlp: Language, name: str) -> "QuotesComponent":
    return QuotesComponent()


class QuotesComponent:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_quotes = []
        return doc
