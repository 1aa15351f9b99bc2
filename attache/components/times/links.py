"""Links from other records to times: a quote's cue verb with a time modifier ("told reporters Tuesday"),
and the time of the clause a token (an event trigger) sits in."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ...record import Quote, Time

MAX_DEPTH = 6


def _depth_below(token: Token, ancestor: Token, blocked: Sequence[tuple[int, int]]) -> int | None:
    """Steps from `token` up to `ancestor`, or None if it is not above it or the path enters a quote."""
    node = token
    for depth in range(MAX_DEPTH + 1):
        if node.i == ancestor.i:
            return depth
        if node.head.i == node.i or any(s <= node.idx < e for s, e in blocked):
            return None
        node = node.head
    return None


def clause_time(token: Token, spans: Sequence[tuple[Span, Time]],
                blocked: Sequence[tuple[int, int]] = ()) -> Time | None:
    """The time expression that modifies `token`'s clause: the nearest in the parse whose head path
    reaches `token` (not through the `blocked` character ranges, e.g. a quote's content)."""
    best: tuple[int, int, Time] | None = None
    for span, time in spans:
        if any(s < time.end and time.start < e for s, e in blocked):
            continue
        depth = _depth_below(span.root, token, blocked)
        if depth is None:
            continue
        key = (depth, abs(span.start - token.i))
        if best is None or key < best[:2]:
            best = (key[0], key[1], time)
    return best[2] if best else None


def link_quotes(doc: Doc, quotes: Sequence[Quote], spans: Sequence[tuple[Span, Time]]) -> None:
    """Set `quote.time` for each quote whose cue verb has a time modifier outside the quoted words."""
    by_sentence = _by_sentence(doc, spans)
    for quote in quotes:
        if quote.time is not None or quote.cue is None:
            continue
        cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        if cue is None or not len(cue):
            continue
        blocked = [(quote.content.start, quote.content.end)] + [(f.start, f.end) for f in quote.fragments]
        near = spans if by_sentence is None else by_sentence.get(cue.root.sent.start, [])
        time = clause_time(cue.root, near, blocked)
        if time is not None:
            quote.time = time.id


def _by_sentence(doc: Doc, spans: Sequence[tuple[Span, Time]]) -> dict[int, list[tuple[Span, Time]]] | None:
    """Time spans by the start of their root's sentence: a head path never leaves its sentence, so each quote
    looks only at its own sentence's times (linear time on long articles). None without sentences."""
    if not doc.has_annotation("SENT_START"):
        return None
    grouped: dict[int, list[tuple[Span, Time]]] = {}
    for span, time in spans:
        grouped.setdefault(span.root.sent.start, []).append((span, time))
    return grouped
