"""Anchoring: the time and place of a clause, for quotes (the clause of their cue verb) and events (the
clause of their trigger). The one home of clause -> time/place linking; the times and places components
anchor quotes with it as they run, the events component its events.

Quotes are anchored strictly: only what hangs from the cue verb itself, never inside the quoted words
("told reporters Tuesday at the palace"). Events more loosely: the nearest time or place in the trigger's
clause, the noun a "where" clause hangs on, or the sentence's one locative place. The two place tests use
different prepositions (`lexicons/anchor_*_place_preps.txt`): speaking happens "at" a place, events also
move "to", "into", "through" one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..lexicons import read_lines
from ..record import Place, Quote, Time

CUE_PLACE_PREPS = frozenset(read_lines("anchor_cue_place_preps.txt"))
EVENT_PLACE_PREPS = frozenset(read_lines("anchor_event_place_preps.txt"))
VENUE_NOUNS = frozenset(read_lines("anchor_venue_nouns.txt"))  # "at last year's Madrid summit": Madrid is where
# Relations that start a new clause: the clause of a word is the nearest head reached through one of them.
CLAUSE_HEAD_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "ROOT"})
MAX_TIME_DEPTH = 6  # parse steps from a time expression up to the cue verb it modifies
MAX_PLACE_HOPS = 6  # parse steps from a place name up to the cue verb whose preposition governs it
MAX_CLAUSE_CLIMB = 12  # parse steps from a word up to the head of its clause

Ranges = Sequence[tuple[int, int]]


class Anchored(Protocol):
    id: str
    start: int
    end: int


# -- quotes: the cue verb's own time and place ---------------------------------------------------------------


def quote_cue(doc: Doc, quote: Quote) -> tuple[Token, list[tuple[int, int]]] | None:
    """The root token of a quote's cue and the character ranges of its quoted words, or None without a cue."""
    if quote.cue is None:
        return None
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return None
    return cue.root, [(quote.content.start, quote.content.end)] + [(f.start, f.end) for f in quote.fragments]


def anchor_quotes(doc: Doc, quotes: Sequence[Quote], times: Sequence[tuple[Span, Time]] = (),
                  places: Sequence[Place] = ()) -> None:
    """Set `quote.time` / `quote.place` (when not already set) from the time and place the cue verb's clause
    names outside the quoted words. Only resolved places count: an unresolved one is as often a name the
    model mistook for a place."""
    resolved = [p for p in places if p.country]
    by_sentence = _times_by_sentence(doc, times)
    for quote in quotes:
        wants_time, wants_place = bool(times) and quote.time is None, bool(places) and not quote.place
        if not (wants_time or wants_place):
            continue
        found = quote_cue(doc, quote)
        if found is None:
            continue
        cue, quoted = found
        if wants_time:
            near = times if by_sentence is None else by_sentence.get(cue.sent.start, [])
            time = clause_time(cue, near, quoted)
            if time is not None:
                quote.time = time.id
        if wants_place:
            place = place_of_clause(doc, cue, resolved, quoted)
            if place is not None:
                quote.place = place.id


def _times_by_sentence(doc: Doc, times: Sequence[tuple[Span, Time]]) -> dict[int, list[tuple[Span, Time]]] | None:
    """Time spans by the start of their root's sentence: a head path never leaves its sentence, so each quote
    looks only at its own sentence's times (linear time on long articles). None without sentences."""
    if not times or not doc.has_annotation("SENT_START"):
        return None
    grouped: dict[int, list[tuple[Span, Time]]] = {}
    for span, time in times:
        grouped.setdefault(span.root.sent.start, []).append((span, time))
    return grouped


def clause_time(token: Token, spans: Sequence[tuple[Span, Time]], blocked: Ranges = ()) -> Time | None:
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


def _depth_below(token: Token, ancestor: Token, blocked: Ranges) -> int | None:
    """Steps from `token` up to `ancestor`, or None if it is not above it or the path enters a quote."""
    node = token
    for depth in range(MAX_TIME_DEPTH + 1):
        if node.i == ancestor.i:
            return depth
        if node.head.i == node.i or any(s <= node.idx < e for s, e in blocked):
            return None
        node = node.head
    return None


def place_of_clause(doc: Doc, verb: Token, places: Sequence[Place], outside: Ranges = ()) -> Place | None:
    """The place a clause headed by `verb` names through one of its own locative prepositions ("said at a
    rally in Ohio"), on a path through no other verb and outside the `outside` ranges; the nearest wins."""
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
    for _ in range(MAX_PLACE_HOPS):
        head = node.head
        if head.i == node.i:  # the root: spaCy hands out a new Token object on every access
            return False
        if head == verb:
            # The verb's own locative phrase ("said at a rally in Ohio"), not a phrase of its subject or
            # object ("a developer in Virginia said", "declared war on the United States").
            return node.dep_ == "prep" and node.lower_ in CUE_PLACE_PREPS
        if head.pos_ in ("VERB", "AUX"):
            return False
        if head.pos_ == "ADP" and head.lower_ not in CUE_PLACE_PREPS:
            return False
        node = head
    return False


# -- events: the trigger's clause ----------------------------------------------------------------------------


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
    for _ in range(MAX_CLAUSE_CLIMB):
        if token.dep_ in CLAUSE_HEAD_DEPS or token.head.i == token.i:
            return token
        token = token.head
    return token


def _reaches(token: Token, target: Token) -> bool:
    """Whether `target` governs `token` within one clause ("talks [in Geneva]", not the root over everything)."""
    for _ in range(MAX_CLAUSE_CLIMB):
        if token.i == target.i:
            return True
        if token.dep_ in CLAUSE_HEAD_DEPS or token.head.i == token.i:
            return False
        token = token.head
    return False


def locative(token: Token, trigger: Token) -> bool:
    """Whether a place name says where something happened ("in Geneva", "near the border", "visited China",
    "in a part of north Belfast", "on the streets of Berlin"), not whose it is ("Pyongyang's program")."""
    if token.dep_ in ("poss", "compound") and _venue(token.head):
        token = token.head  # "at Havana's Palace of Conventions", "at last year's Madrid summit"
    for _ in range(3):
        if token.dep_ == "appos":  # "in the capital, Abuja"
            token = token.head
        if token.dep_ != "pobj":
            return token.dep_ == "dobj" and token.head.i == trigger.i
        if token.head.lower_ in EVENT_PLACE_PREPS:
            return True
        if token.head.lower_ != "of" or token.head.head.dep_ != "pobj":
            return False
        token = token.head.head  # "part of X": is the part itself somewhere?
    return False


def _qualifies(token: Token, index: SpanIndex, item_id: str) -> bool:
    """Whether a place name is the apposition that says where another place is ("Lagos, Nigeria")."""
    other = index.by_token[token.head.i]
    return token.dep_ == "appos" and other is not None and other != item_id


def _venue(noun: Token) -> bool:
    """Whether a noun names a venue a place name can locate: a proper name ("Garvaghy Road") or a gathering or
    building (`lexicons/anchor_venue_nouns.txt`), not a program or a policy ("in Pyongyang's program")."""
    return noun.pos_ == "PROPN" or noun.lemma_.lower() in VENUE_NOUNS


def _in_other_clause(token: Token, trigger: Token) -> bool:
    """Whether a word sits in a clause that modifies something other than the trigger's own clause ("footage of
    exiles protesting in Miami" while "the government urged ..."): a place there says where that happened."""
    clause = clause_of(token)
    return clause.dep_ in ("acl", "relcl", "advcl") and clause.i != trigger.i and not clause.is_ancestor(trigger)


def _where_clause(trigger: Token) -> Token | None:
    """The noun a relative "where" clause hangs on ("in Newark, where prosecutors warned ...")."""
    clause = clause_of(trigger)
    if clause.dep_ == "relcl" and any(c.lower_ == "where" for c in clause.children):
        return clause.head
    return None


def _describes_other_noun(token: Token, trigger: Token) -> bool:
    """Whether a word sits in a relative clause on some noun other than the trigger ("Kopp, whose last known
    addresses were in Vermont", "relatives who keep the boy in the United States")."""
    clause = clause_of(token)
    return clause.dep_ == "relcl" and clause.head.i != trigger.i


def anchor(doc: Doc, trigger: Token, index: SpanIndex, sent_start: int, sent_end: int,
           where: bool = False, skip: frozenset[str] = frozenset()) -> str | None:
    """The id of the Time (or, with `where`, the Place) in the trigger's clause nearest the trigger; one
    attached to the trigger wins. Places also come from the noun a "where" clause hangs on, or, failing that,
    from the sentence's only locative place. Ids in `skip` are passed over (durations, for an event's date; places
    that are not where it happened)."""
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
        if where and _qualifies(token, index, item_id):
            continue  # "in Cape Town, South Africa": the country says where Cape Town is, one place in all
        if where and not locative(token, trigger):
            continue
        if not (where and (_describes_other_noun(token, trigger) or _in_other_clause(token, trigger))):
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


def under(token: Token, words: frozenset[str]) -> bool:
    """Whether a word hangs, within its clause, on a preposition of `words` ("after the November elections")."""
    for _ in range(MAX_CLAUSE_CLIMB):
        if token.dep_ in CLAUSE_HEAD_DEPS or token.head.i == token.i:
            return False
        token = token.head
        if token.dep_ == "prep" and token.lower_ in words:
            return True
    return False


GOVERNED_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "ccomp"})  # clauses whose head clause lends its time


def governing_time(doc: Doc, trigger: Token, index: SpanIndex, sent_start: int, sent_end: int,
                   skip: frozenset[str] = frozenset(), spoken: bool = False,
                   background: frozenset[str] = frozenset()) -> str | None:
    """When the trigger's own clause names no time: the time of a relative clause on the trigger noun ("a
    meeting he had with Rubio a year ago"), else of the nearest clause governing the trigger's ("Biden on Monday
    hit the trail, accusing Trump", "Late last month, the company wrote a letter calling the reports ..."). A
    reported clause takes its reporting verb's time only for an event done by speaking ("Trump said Sunday that
    the judges are biased": the accusation is the saying; "police said today a man was arrested": not the arrest).
    A time after a word of `background` ("after the November elections") bounds the event, and an adverbial
    clause opened by one ("because ... in November", "since ... on Feb. 20") is another event's: neither counts."""
    found = [(item_id, doc[root_i]) for item_id, root_i in index.in_sentence(sent_start, sent_end)
             if item_id not in skip and not under(doc[root_i], background)]
    if not found:
        return None
    for item_id, token in found:
        head = clause_of(token)
        if head.dep_ in ("relcl", "acl") and head.head.i == trigger.i:
            return item_id
    clause = clause_of(trigger)
    for _ in range(MAX_CLAUSE_CLIMB):
        if clause.dep_ not in GOVERNED_CLAUSE_DEPS or clause.head.i == clause.i:
            return None
        if clause.dep_ == "ccomp" and not spoken:
            return None
        if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in background for c in clause.children):
            return None
        clause = clause_of(clause.head)
        own = [(abs(t.i - clause.i), item_id) for item_id, t in found if clause_of(t).i == clause.i]
        if own:
            return min(own)[1]
    return None
