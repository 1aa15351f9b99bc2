"""Which place a clause names: "told reporters Tuesday in the Oval Office" puts the quote in the Oval Office.

A place belongs to a clause when the dependency path from the place up to the clause's verb passes through
no other verb and reaches it by a locative preposition of the verb itself ("said at a rally in Ohio"), and the
place lies outside any quoted content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...record import Place, Quote

LOCATIVE = frozenset({"in", "at", "from", "inside", "outside", "near", "during", "aboard"})
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
    node = token
    for _ in range(MAX_HOPS):
        head = node.head
        if head.i == node.i:  # the root: spaCy hands out a new Token object on every access
            return False
        if head == verb:
            # The verb's own locative phrase ("said at a rally in Ohio"), not a phrase of its subject or
            # object ("a developer in Virginia said", "declared war on the United States").
            return node.dep_ == "prep" and node.lower_ in LOCATIVE
        if head.pos_ in ("VERB", "AUX"):
            return False
        if head.pos_ == "ADP" and head.lower_ not in LOCATIVE:
            return False
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
        # Only resolved places: an unresolved one is as often a name the model mistook for a place.
        found = place_of_clause(doc, span.root, [p for p in places if p.country], outside)
        if found is not None:
            quote.place = found.id
