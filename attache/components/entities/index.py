"""Fast lookups over one Doc for the entity component: token strings in plain lists, mentions by
character span, direct-quote regions, the sentence number of each token."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc

if TYPE_CHECKING:
    from .mentions import Mention


@dataclass
class Words:
    """Token strings of a Doc in plain lists: cheaper than spaCy Token objects for passes that look at
    every token."""

    texts: list[str]
    lowers: list[str]
    lemmas: list[str]

    @classmethod
    def of(cls, doc: Doc) -> Words:
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LOWER, LEMMA]).tolist() if len(doc) else []
        return cls([strings[r[0]] for r in rows], [strings[r[1]] for r in rows],
                   [strings[r[2]].lower() for r in rows])


class Overlaps:
    """Mentions overlapping a character span, found by bisection (mentions sorted by start)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.order = sorted(range(len(mentions)), key=lambda k: mentions[k].start)
        self.starts = [mentions[k].start for k in self.order]
        self.mentions = mentions
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def __call__(self, start: int, end: int) -> list[int]:
        """Indices of the mentions sharing at least one character with [start, end)."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [k for k in self.order[lo:hi] if self.mentions[k].end > start]


class QuoteRegions:
    """Character spans of direct-quote text; a mention inside one belongs to that quote's speaker's side."""

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]

    def at(self, start: int, end: int) -> int | None:
        """Index (into the quotes list) of the region containing [start, end), or None."""
        k = bisect_right(self.starts, start) - 1
        for j in range(k, max(-1, k - 4), -1):  # regions barely nest: the few that start before suffice
            s, e, q = self.spans[j]
            if s <= start and end <= e:
                return q
        return None


def sentence_index(doc: Doc) -> list[int]:
    """The sentence number of every token (one pass over the sentences)."""
    out = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return out
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out
