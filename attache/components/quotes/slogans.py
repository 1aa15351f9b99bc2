"""Slogans on signs, shirts, banners and capes: "a sign reading “Jobs now”", "a cape that read “I'm with
Madam President”". What a sign carries is no statement of anyone; with `attributions="statements"` such quoted
stretches and attributions whose source is the sign itself are dropped before quotes are assembled.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lexicons import read_lines
from .marks import Quoted
from .syntax import Attribution

LOOK_BACK = 8  # tokens before a quotation mark searched for the sign


class Slogans:
    def __init__(self) -> None:
        self.nouns = frozenset(read_lines("quote_sign_nouns.txt"))
        self.links = frozenset(read_lines("quote_sign_verbs.txt"))

    def is_sign(self, token: Token) -> bool:
        """A noun naming a thing that carries slogans ("signed" is no sign)."""
        return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in self.nouns

    def links_sign(self, token: Token) -> bool:
        """"reading", "that said", "emblazoned with" (the parser may take "reading" for a noun)."""
        return token.lemma_.lower() in self.links or token.lower_ in self.links

    def carried(self, doc: Doc, q: Quoted) -> bool:
        """Whether the quoted stretch is what a sign carries: a sign noun shortly before the opening mark, in
        the same sentence, linked to it by a word like "reading", "that said", "emblazoned with"."""
        mark = doc.char_span(q.start - 1, q.start, alignment_mode="expand") if q.start > 0 else None
        if mark is None or not len(mark):
            return False
        i = mark.start
        sentence_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
        before = [t for t in doc[max(sentence_start, i - LOOK_BACK):i] if not t.is_punct]
        if not before or not (self.links_sign(before[-1]) or self.is_sign(before[-1])):
            return False
        return any(self.is_sign(t) for t in before)

    def sourced_by_sign(self, doc: Doc, a: Attribution) -> bool:
        """An attribution whose source is a sign ("a banner said ...", "signs demanding ...")."""
        if a.speaker is None:
            return False
        span = doc.char_span(a.speaker[0], a.speaker[1], alignment_mode="expand")
        return span is not None and len(span) > 0 and self.is_sign(span.root)
