"""Finding place mentions: GPE/LOC/FAC entities, landmarks the model misses or mislabels, and "X soil" phrases.

A mention is a character span plus what we know about it before resolution (its NER label, whether a
landmark table named it). Demonyms ("North Korean") and person names mislabelled as places are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import ADP, CCONJ, DET, PROPN, PUNCT
from spacy.tokens import Doc, Span

from ...lexicons import read_lines, read_table
from ...people.things import is_state_code
from ..anchoring import EVENT_PLACE_PREPS
from ..base import in_boilerplate, text_of
from ..entities.dictionary import actor_dictionary

DATELINE = frozenset({"dateline"})  # a dateline is no article text, but its place is where the story was filed

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_LABELS = frozenset({"ORG"})  # the small model often tags capitals and landmarks as ORG
MAX_NAME_TOKENS = 4
MAX_PREFIX_TOKENS = 3  # words before a known name that may make a longer one ("Democratic People's")
NAME_POS = frozenset({PROPN, ADP, CCONJ, DET, PUNCT})  # "Bosnia and Herzegovina", "Republic of the Congo"
POSSESSIVES = frozenset({"their", "its", "our", "his", "her", "your", "my"})
PARTY_STATE = re.compile(r"(?<![\w-])[RDI]-([A-Z][A-Za-z]*\.?(?:[A-Z]\.)?)")  # "(R-Tex.)", "D-Ohio": a member's state
DATELINE_NAME = re.compile(r"[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}")  # "MIAMI", "DES MOINES", "ST. LOUIS"


@dataclass
class Mention:
    """A place mention before resolution."""

    start: int
    end: int
    text: str
    label: str  # NER label, "LANDMARK" (table match), "NAME" (well-known name, unlabelled), "SOIL" or "STATE_CODE"
    landmark: int | None = None  # row of the landmark table when a landmark matched
    country_hint: str | None = None  # ISO3 from a demonym ("American soil")
    sure: bool = True  # False for ORG-labelled spans: kept only if they resolve to a well-known place
    token: int = 0  # index of the mention's last token (its syntactic head in most English place names)
    line_start: bool = False  # first words of a line: a dateline ("WASHINGTON —") may be in capitals
    placed: bool = False  # the words around it say a place is meant ("in X", "X province", "the city of X")


class MentionFinder:
    """Finds place mentions on a parsed Doc; lexicons compiled once."""

    def __init__(self, nlp: Language) -> None:
        self.landmarks = read_table("place_landmarks.tsv")
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for row, entry in enumerate(self.landmarks):
            names = [n for n in entry["names"].split("|") if n]
            self.matcher.add(str(row), [nlp.make_doc(n) for n in names])
        self.institutions = frozenset(read_lines("place_institution_landmarks.txt"))
        self.movement_verbs = frozenset(read_lines("place_movement_verbs.txt"))
        self.demonyms = {row["demonym"]: row["country"] or None for row in read_table("place_demonyms.tsv")}
        self.territory = numpy.array([nlp.vocab.strings.add(w) for w in read_lines("place_territory_nouns.txt")],
                                     dtype=numpy.uint64)
        self.honorifics = frozenset(read_lines("titles_honorifics.txt"))
        self.context: dict[str, set[str]] = {"before": set(), "after": set(), "of": set()}
        for row in read_table("place_context_words.tsv"):
            self.context[row["where"]].add(row["word"].lower())

    def __call__(self, doc: Doc, known: Callable[[str], bool] = lambda text: False,
                 in_context: Callable[[str, bool], bool] | None = None) -> list[Mention]:
        """The place mentions of `doc` in text order; `known(name)` says whether a name is surely a place,
        `in_context(name)` whether it is a place where the words around it say a place is meant."""
        found: list[Mention] = []
        taken = [False] * len(doc)
        spans = _joined([s for ent in doc.ents if ent.label_ in PLACE_LABELS or ent.label_ in MAYBE_LABELS
                         for s in _parts(ent)], known)
        # A landmark inside a longer name is part of that name: a known place ("Africa" in "South Africa") or
        # another kind of name ("Wall Street" in "The Wall Street Journal").
        containers = [s for s in spans if known(s.text)]
        containers += [t for ent in doc.ents if ent.label_ not in PLACE_LABELS and (t := _trim(ent)) is not None]
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
            if any(taken[start:end]):
                continue
            if any(c.start <= start and end <= c.end and c.end - c.start > end - start for c in containers):
                continue
            span = doc[start:end]
            if in_boilerplate(doc, span.start_char, span.end_char, DATELINE):
                continue
            if span.text in self.institutions and not _locative(span, self.movement_verbs):
                continue  # "the White House said": the institution, not the building
            row = int(doc.vocab.strings[match_id])
            found.append(Mention(span.start_char, span.end_char, span.text, "LANDMARK", landmark=row, token=end - 1))
            taken[start:end] = [True] * (end - start)
        person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                        for t in ent if t.is_title}
        if in_context is not None:  # before the model's labels: it reads "MIAMI (AP)" as ORG, "ST. LOUIS" as two names
            found.extend(_dateline_places(doc, taken, in_context))
        for span in spans:
            label = span.label_
            if any(taken[span.start:span.end]):
                continue
            if in_boilerplate(doc, span.start_char, span.end_char, DATELINE):
                continue
            if self.is_demonym(span.text) and not known(span.text):  # "Philippines" is both
                continue
            if _after_honorific(span, self.honorifics):
                continue  # "Mr. Jordan"
            owner = _possessor_place(span, known) if label in MAYBE_LABELS else None
            if owner is not None:  # "Delaware’s Democratic Primary" read as one name in a headline
                found.append(Mention(owner.start_char, owner.end_char, owner.text, "GPE", token=owner.end - 1))
                taken[span.start:span.end] = [True] * len(span)
                continue
            sure = label in PLACE_LABELS and not (len(span) == 1 and span.text in person_words)
            found.append(Mention(span.start_char, span.end_char, span.text, label, sure=sure, token=span.end - 1,
                                 line_start=_line_start(span), placed=self._context(doc, span.start, span.end) != ""))
            taken[span.start:span.end] = [True] * len(span)
        found.extend(_party_states(doc, taken, known))
        found.extend(self._scan(doc, taken, known, person_words))
        if in_context is not None:
            found.extend(self._in_context(doc, taken, in_context, person_words))
        found.extend(self._soil(doc, taken))
        found.sort(key=lambda m: m.start)
        return found

    def _scan(self, doc: Doc, taken: list[bool], known: Callable[[str], bool],
              person_words: set[str]) -> list[Mention]:
        """Well-known place names the model did not label as places ("Riyadh", "Jordan" taken for a person)."""
        blocked = list(taken)
        ents_at = {ent.start: ent for ent in doc.ents}
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG") and len(ent) == 1 and ent.text not in person_words \
                    and not (ent.label_ == "PERSON" and actor_dictionary().is_surname(ent.text)
                             and not known(ent.text)):
                continue  # a lone capitalised word the model guessed a person or body: may still be a place
                #           ("Jordan"), unless it is an office-holder's surname and no well-known place ("Obama")
            if ent.label_ in ("PERSON", "ORG") and _before_its_region(doc, ent, ents_at, known):
                continue  # "San Pedro Sula, Honduras" taken for a person
            if ent.label_ not in PLACE_LABELS:
                blocked[ent.start:ent.end] = [True] * len(ent)
        out: list[Mention] = []
        n = len(doc)
        if not n:
            return out
        pos = doc.to_array(POS).tolist()
        i = 0
        while i < n:
            if blocked[i] or pos[i] != PROPN or not doc[i].text[:1].isupper():
                i += 1
                continue
            size = 1  # the longest run of name-like tokens from i, at most MAX_NAME_TOKENS
            while size < MAX_NAME_TOKENS and i + size < n and not blocked[i + size] and pos[i + size] in NAME_POS:
                size += 1
            for size in range(size, 0, -1):
                if pos[i + size - 1] != PROPN:
                    continue
                span = doc[i:i + size]
                if self.is_demonym(span.text) or not known(span.text) or _after_honorific(span, self.honorifics):
                    continue
                span = _longer_known(doc, span, taken, known)  # "[Democratic People's] Republic of Korea"
                if not in_boilerplate(doc, span.start_char, span.end_char, DATELINE):
                    out.append(Mention(span.start_char, span.end_char, span.text, "NAME", token=span.end - 1))
                    taken[span.start:span.end] = [True] * len(span)
                i += size - 1
                break
            i += 1
        return out

    def _in_context(self, doc: Doc, taken: list[bool], in_context: Callable[[str, bool], bool],
                    person_words: set[str]) -> list[Mention]:
        """Gazetteer names the words around them mark as places, whatever label (or none) the model gave them:
        "in Aleppo province", "the border city of Nuevo Laredo", "clashes in the vicinity of Kobane"."""
        out: list[Mention] = []
        people = [False] * len(doc)
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                people[ent.start:ent.end] = [True] * len(ent)
        for start, end, where in self._context_spans(doc):
            if any(taken[start:end]):
                continue
            span = doc[start:end]
            # A name the model read as a person is a place only where the words say so plainly ("the city of
            # Nuevo Laredo", "Aleppo province"), never after a bare preposition ("met Paris Hilton in ...").
            if where == "before" and (any(people[start:end]) or span.text in person_words):
                continue
            if self.is_demonym(span.text) or not in_context(span.text, where != "before") \
                    or _after_honorific(span, self.honorifics):
                continue
            if in_boilerplate(doc, span.start_char, span.end_char, DATELINE):
                continue
            out.append(Mention(span.start_char, span.end_char, span.text, "NAME", token=end - 1, placed=True))
            taken[start:end] = [True] * (end - start)
        return out

    def _context(self, doc: Doc, start: int, end: int) -> str:
        """Which place context surrounds tokens [start, end): "after", "of", "before" or ""."""
        n = len(doc)
        before = doc[start - 1].lower_ if start > 0 else ""
        if end < n and doc[end].lower_ in self.context["after"]:
            return "after"
        if before in ("of", "on") and start > 1 and doc[start - 2].lower_ in self.context["of"]:
            return "of"
        return "before" if before in self.context["before"] else ""

    def _context_spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Runs of capitalised proper-name tokens (at most MAX_NAME_TOKENS) in a place context, with the context."""
        spans = []
        n = len(doc)
        i = 0
        while i < n:
            if not (doc[i].text[:1].isupper() and doc[i].pos == PROPN):
                i += 1
                continue
            j = i
            while j < n and j - i < MAX_NAME_TOKENS and doc[j].text[:1].isupper() and doc[j].pos == PROPN:
                j += 1
            where = self._context(doc, i, j)
            if where:
                spans.append((i, j, where))
            i = j
        return spans

    def is_demonym(self, text: str) -> bool:
        """Whether `text` is a nationality adjective or plural ("North Korean", "Americans")."""
        return text in self.demonyms or (text.endswith("s") and text[:-1] in self.demonyms)

    def _soil(self, doc: Doc, taken: list[bool]) -> list[Mention]:
        """'their soil', 'American soil': a country's territory named by a possessive or an adjective."""
        out: list[Mention] = []
        if not len(doc):
            return out
        lower = doc.to_array(LOWER)
        for i in numpy.flatnonzero(numpy.isin(lower, self.territory)).tolist():
            token = doc[i]
            if token.i == 0 or taken[token.i]:
                continue
            prev = doc[token.i - 1]
            start = prev.i
            hint = None
            if prev.lower_ in POSSESSIVES:
                pass
            elif prev.text in self.demonyms and self.demonyms[prev.text]:
                hint = self.demonyms[prev.text]
                if start > 0 and f"{doc[start - 1].text} {prev.text}" in self.demonyms:
                    start -= 1
                    hint = self.demonyms[f"{doc[start].text} {prev.text}"]
            else:
                continue  # "U.S. soil": the place is the country mention itself, already found
            if taken[start] or in_boilerplate(doc, doc[start].idx, token.idx + len(token), DATELINE):
                continue
            span = doc[start:token.i + 1]
            out.append(Mention(span.start_char, span.end_char, span.text, "SOIL", country_hint=hint,
                               token=token.i))
        return out


def _joined(spans: list[Span], known: Callable[[str], bool]) -> list[Span]:
    """Place spans with a neighbour that the model split off one name joined back ("the Democratic Republic of the"
    + "Congo"), when the whole is a known place."""
    out: list[Span] = []
    for span in spans:
        whole = span.doc[out[-1].start:span.end] if out and out[-1].end == span.start else None
        if whole is not None and whole[0].lower_ == "the":
            whole = whole[1:]
        if whole is not None and known(whole.text):
            out[-1] = Span(span.doc, whole.start, whole.end, label=span.label_)
        else:
            out.append(span)
    return out


def _longer_known(doc: Doc, span: Span, taken: list[bool], known: Callable[[str], bool]) -> Span:
    """A known name with the capitalised words before it that make a longer known name, which the model may have
    labelled otherwise ("Democratic" as NORP in "Democratic People's Republic of Korea"); else the name itself."""
    for k in range(MAX_PREFIX_TOKENS, 0, -1):
        start = span.start - k
        if start < 0 or any(taken[start:span.start]) or not doc[start].text[:1].isupper():
            continue
        longer = doc[start:span.end]
        if known(longer.text):
            return longer
    return span


def _party_states(doc: Doc, taken: list[bool], known: Callable[[str], bool]) -> list[Mention]:
    """The state of a legislator's party label ("Sen. Ted Cruz (R-Tex.)", "Sherrod Brown, D-Ohio"), however the
    tokenizer split it, when it is a known place name."""
    out = []
    for m in PARTY_STATE.finditer(text_of(doc)):
        name = next((n for n in (m[1].removesuffix("."), m[1]) if known(n)), None)  # "D-Ohio." ends a sentence
        label = "GPE"
        if name is None and is_state_code(m[1]):
            name, label = m[1], "STATE_CODE"  # "(R-AZ)": a postal code, a place only here
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand") if name else None
        if span is None or any(taken[span.start:span.end]):
            continue
        out.append(Mention(span.start_char, span.end_char, span.text, label, token=span.end - 1, placed=True))
        taken[span.start:span.end] = [True] * len(span)
    return out


def _before_its_region(doc: Doc, ent: Span, ents_at: dict[int, Span], known: Callable[[str], bool]) -> bool:
    """Whether a name is followed by a comma and a well-known country or state ("San Pedro Sula, Honduras")."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    after = ents_at.get(ent.end + 1)
    return after is not None and after.label_ in PLACE_LABELS and known(after.text)


def _possessor_place(span: Span, known: Callable[[str], bool]) -> Span | None:
    """A well-known place owning the rest of a name the model read as one ("Delaware’s Democratic Primary"): a
    possessive ends a name, so the place is a mention of its own."""
    cut = next((t.i for t in span[1:] if t.tag_ == "POS" or t.text in ("'s", "’s")), None)
    if cut is None or cut + 1 >= span.end or not known(span.doc[span.start:cut].text):
        return None
    return span.doc[span.start:cut]


def _dateline_places(doc: Doc, taken: list[bool], in_context: Callable[[str, bool], bool]) -> list[Mention]:
    """The capitalised name opening a dateline ("MIAMI (AP) --", "DES MOINES, Iowa, Aug. 10 (UPI) —"): a dateline
    names where the story was filed, so a gazetteer town of any size will do."""
    out = []
    for line in doc._.attache_boilerplate or ():
        name = DATELINE_NAME.match(text_of(doc), line.start, line.end) if line.kind == "dateline" else None
        if name is None or not in_context(name.group().title(), True):
            continue
        span = doc.char_span(name.start(), name.end(), alignment_mode="expand")
        if span is None or any(taken[span.start:span.end]):
            continue
        out.append(Mention(span.start_char, span.end_char, span.text, "NAME", token=span.end - 1, line_start=True,
                           placed=True))
        taken[span.start:span.end] = [True] * len(span)
    return out


def _locative(span: Span, movement_verbs: frozenset[str]) -> bool:
    """Whether a preposition of place or a verb of going governs a name ("at the White House", "outside the
    Kremlin", "left Downing Street")."""
    head = span.root
    return head.dep_ == "pobj" and head.head.lower_ in EVENT_PLACE_PREPS or \
        head.dep_ == "dobj" and head.head.lemma_ in movement_verbs


def _after_honorific(span: Span, honorifics: frozenset[str]) -> bool:
    """Whether a courtesy title comes right before the span ("Mr. Jordan", "Mrs. Georgia Smith")."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in honorifics


def _line_start(span: Span) -> bool:
    """Whether a span opens its line (a dateline: "WASHINGTON —")."""
    if span.start == 0:
        return True
    prev = span.doc[span.start - 1]
    return prev.is_space and "\n" in prev.text


def _parts(ent: Span) -> list[Span]:
    """The entity trimmed, split at commas ("Santa Rosa, California" -> "Santa Rosa", "California")."""
    parts, start = [], ent.start
    for token in list(ent) + [None]:  # type: ignore[list-item]
        if token is None or token.text == ",":
            end = token.i if token is not None else ent.end
            if end > start:
                span = _trim(Span(ent.doc, start, end, label=ent.label_))
                if span is not None:
                    parts.append(span)
            start = end + 1
    return parts


def _trim(ent: Span) -> Span | None:
    """The entity without a leading article or trailing possessive ("the Oval Office" -> "Oval Office")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return Span(doc, start, end, label=ent.label_) if end > start else None
