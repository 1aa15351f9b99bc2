"""Where and when: the Place and Time of an event's clause, from the places and times components."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Token

CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "ROOT"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "along",
                            "off", "within", "to", "into", "through", "over"})


class Anchored(Protocol):
    id: str
    start: int
    end: int


class SpanIndex:
    """Token index -> id of the record span (Time or Place) covering it, built once per Doc."""

    def __init__(self, doc: Doc, spans: Sequence[Anchored]) -> None:
        self.by_token: list[str | None] = [None] * len(doc)
        self.tokens: dict[str, list[int]] = {}
        for item in spans:
            span = doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.by_token[i] = item.id
            self.tokens[item.id] = [span.root.i]

    def in_sentence(self, start: int, end: int) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        for i in range(start, end):
            found = self.by_token[i]
            if found and found not in seen:
                seen[found] = self.tokens.get(found, [i])[0]
        return list(seen.items())


def clause_of(token: Token) -> Token:
    """The head of the clause a token belongs to (a noun's clause is its verb's)."""
    for _ in range(12):
        if token.dep_ in CLAUSE_DEPS or token.head.i == token.i:
            return token
        token = token.head
    return token


def _reaches(token: Token, target: Token) -> bool:
    """Whether `target` governs `token` within one clause ("talks [in Geneva]", not the root over everything)."""
    for _ in range(12):
        if token.i == target.i:
            return True
        if token.dep_ in CLAUSE_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return False


def locative(token: Token, trigger: Token) -> bool:
    """Whether a place name says where something happened ("in Geneva", "near the border", "visited China"),
    not whose it is ("Pyongyang's program", "a North Korean official")."""
    if token.dep_ == "pobj":
        return token.head.lower_ in LOCATIVE_PREPS
    return token.dep_ == "dobj" and token.head.i == trigger.i


def anchor(doc: Doc, trigger: Token, index: SpanIndex, sent_start: int, sent_end: int,
           where: bool = False) -> str | None:
    """The id of the Time (or, with `where`, the Place) in the trigger's clause nearest the trigger; one
    attached to the trigger wins."""
    clause = clause_of(trigger)
    best: tuple[int, str] | None = None
    for item_id, root_i in index.in_sentence(sent_start, sent_end):
        token = doc[root_i]
        if where and not locative(token, trigger):
            continue
        attached = _reaches(token, trigger)
        if not attached and clause_of(token).i != clause.i:
            continue
        rank = (0 if attached else 1000) + abs(root_i - trigger.i)
        if best is None or rank < best[0]:
            best = (rank, item_id)
    return best[1] if best else None
