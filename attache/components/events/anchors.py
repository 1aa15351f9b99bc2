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
    """Whether a place name says where something happened ("in Geneva", "near the border", "visited China",
    "in a part of north Belfast", "on the streets of Berlin"), not whose it is ("Pyongyang's program")."""
    for _ in range(3):
        if token.dep_ == "appos":  # "in the capital, Abuja"
            token = token.head
        if token.dep_ != "pobj":
            return token.dep_ == "dobj" and token.head.i == trigger.i
        if token.head.lower_ in LOCATIVE_PREPS:
            return True
        if token.head.lower_ != "of" or token.head.head.dep_ != "pobj":
            return False
        token = token.head.head  # "part of X": is the part itself somewhere?
    return False


def _where_clause(trigger: Token) -> Token | None:
    """The noun a relative "where" clause hangs on ("in Newark, where prosecutors warned ...")."""
    clause = clause_of(trigger)
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        return clause.head
    return None


def anchor(doc: Doc, trigger: Token, index: SpanIndex, sent_start: int, sent_end: int,
           where: bool = False, skip: frozenset[str] = frozenset()) -> str | None:
    """The id of the Time (or, with `where`, the Place) in the trigger's clause nearest the trigger; one
    attached to the trigger wins. Places also come from the noun a "where" clause hangs on, or, failing that,
    from the sentence's only locative place. Ids in `skip` (durations, for an event's date) are passed over."""
    clause = clause_of(trigger)
    host = _where_clause(trigger) if where else None
    best: tuple[int, str] | None = None
    locatives: set[str] = set()
    for item_id, root_i in index.in_sentence(sent_start, sent_end):
        if item_id in skip:
            continue
        token = doc[root_i]
        if host is not None and (token.i == host.i or token.head.i == host.i):
            return item_id
        if where and not locative(token, trigger):
            continue
        locatives.add(item_id)
        attached = _reaches(token, trigger)
        if not attached and clause_of(token).i != clause.i:
            continue
        rank = (0 if attached else 1000) + abs(root_i - trigger.i)
        if best is None or rank < best[0]:
            best = (rank, item_id)
    if best is None and where and len(locatives) == 1:
        return locatives.pop()  # "gathering in the capital Abuja ... for the rally": the sentence's one place
    return best[1] if best else None
