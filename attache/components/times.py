"""The times component (placeholder until its issue lands): writes an empty `doc._.attache_times`."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .base import ensure_extensions


@Language.factory("attache_times")
def make_times(nlp: Language, name: str, date_order: str = "MDY") -> "TimesComponent":
    return TimesComponent()


class TimesComponent:
    def __init__(self) -> None:
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.attache_times = []
        return doc
