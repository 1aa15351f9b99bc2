"""Which place a clause names: "told reporters Tuesday in the Oval Office" puts the quote in the Oval Office.

A place belongs to a clause when the dependency path from the place up to the clause's verb passes only
through prepositions and nouns (no other verb), and the place lies outside any quoted content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...record import Place, Quote

LOCATIVE = frozenset({"in", "at", "from", "inside", "outside", "near", "on", "during", "aboard", "to"})
MAX_HOPS = 6


def place_of_clause(doc: Doc, verb: Token, places: list[Place],
                    outside: list[tuple[int, int]] | tuple[()] = ()) -> Place | None:
    """The place a clause headed by `verb` names through a preposition, or None."""
    sent = verb.sent
    best: tuple[int, Place] | None = None
    for place in places:
        if not (sent.start_char <= place.start < sent.end_char):
            continue
        if any(s <= place.start < e for s, e in outside):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        token = span[-1]
        if _governed_by(token, verb):
            distance = abs(token.i - verb.i)
            if best is None or distance < best[0]:
                best = (distance, place)
    return best[1] if best else None


def _governed_by(token: Token, verb: Token) -> bool:
    """Whether `token` hangs from `verb` through a locative preposition and nouns only."""
    through_prep = False
    node = token
    for _ in range(MAX_HOPS):
        head = node.head
        if head is node:
            return False
        if head == verb:
            return through_prep or node.dep_ in ("npadvmod",)
        if head.pos_ in ("VERB", "AUX"):
            return False
        if head.pos_ == "ADP":
            if head.lower_ not in LOCATIVE:
                return False
            through_prep = True
        node = head
    return False


def link_quotes(doc: Doc, quotes: list[Quote], places: list[Place]) -> None:
    """Set `quote.place` for quotes whose cue clause names a place (kept when already set)."""
    if not places:
        return
    for quote in quotes:
        if quote.place or quote.cue is None:
            continue
        span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        outside = [(quote.content.start, quote.content.end)] + [(f.start, f.end) for f in quote.fragments]
        found = place_of_clause(doc, span.root, places, outside)
        if found is not None:
            quote.place = found.id
