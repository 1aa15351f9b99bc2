"""Turn quoted stretches (marks.py) and parse attributions (syntax.py) into Quote records.

An attribution whose content holds quoted stretches becomes a direct quote (only quoted words reported) or
a mixed one (with `fragments`); one without becomes an indirect quote. A quoted stretch no attribution
claims takes a cue of its sentence ("Pompeo said: ..."), a dash-introduced name ("... — Geoffrey Starks"),
or the speaker of the quote just before it (a follow-on quote); short ones with none of these are scare
quotes and dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ...record import Addressee, Quote, TextSpan, Speaker
from ..base import text_of
from .marks import CLOSE_DOUBLE, EITHER_DOUBLE, OPEN_DOUBLE, Quoted
from .syntax import Attribution, Char, _np

MIN_UNATTRIBUTED_WORDS = 8   # an unattributed quoted stretch shorter than this is a scare quote or a title
MIN_SCARE_WORDS = 4          # with a cue in its sentence, a quoted stretch of fewer words must be its content
FOLLOW_ON_SENTENCES = 2      # a follow-on quote lies at most this many sentences after the previous quote
NOT_NAMES = frozenset({"i", "we", "you", "me", "us", "he", "she", "they", "it", "people", "some", "others",
                       "many", "the", "a", "an", "this", "that", "those", "these"})
WORD = re.compile(r"\w+")
DASH_SPEAKER = re.compile(r"[ \t]*(?:—|–|--|-)[ \t]*([^\n]{2,80})")

DOUBLE_MARKS = OPEN_DOUBLE | CLOSE_DOUBLE | EITHER_DOUBLE


@dataclass
class Draft:
    """A quote under construction; character spans."""

    content: Char
    kind: str
    cue: Char | None
    speaker: Char | None
    addressee: Char | None = None
    fragments: list[Char] = field(default_factory=list)
    nested_in: int | None = None  # index of the outer draft


class Assembler:
    """Builds the quotes of one Doc."""

    def __init__(self, doc: Doc, quoted: list[Quoted], found: list[Attribution],
                 merge_follow_on: bool = False) -> None:
        self.doc = doc
        self.merge_follow_on = merge_follow_on
        self.text = text_of(doc)
        self.quoted = quoted
        self.q_starts = [q.start for q in quoted]
        self.found = found
        sents = list(doc.sents) if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else [doc[:]]
        self.sent_starts = [s.start_char for s in sents]
        self.sent_ends = [s.end_char for s in sents]

    # ------------------------------------------------------------------ helpers
    def sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def overlapping(self, span: Char) -> list[int]:
        """Indices of quoted stretches overlapping span (marks count as part of a stretch)."""
        s, e = span
        hi = bisect_left(self.q_starts, e + 1)
        return [i for i in range(max(0, hi - 50), hi) if self.quoted[i].start - 1 < e and s < self.quoted[i].end + 1]

    def containing(self, char: int) -> int | None:
        hi = bisect_right(self.q_starts, char)
        for i in range(hi - 1, max(-1, hi - 50), -1):
            q = self.quoted[i]
            if q.start <= char < q.end:
                return i
        return None

    def words(self, s: int, e: int) -> int:
        return len(WORD.findall(self.text, s, e))

    # ------------------------------------------------------------------ main
    def run(self) -> list[Draft]:
        drafts: list[Draft] = []
        claimed: dict[int, int] = {}   # quoted index -> draft index
        nested: list[tuple[Attribution, int]] = []
        for a in self.found:
            if a.content is None:
                continue
            inside = self.containing(a.cue[0])
            if inside is not None:
                nested.append((a, inside))
                continue
            hits = [i for i in self.overlapping(a.content) if not self.quoted[i].single or self._covers(a, i)]
            hits = [i for i in hits if i not in claimed or not self._within(a.content, i)]
            unclosed = [i for i in hits if not self.quoted[i].closed]  # a mark that never closes quotes nothing:
            hits = [i for i in hits if self.quoted[i].closed]  # the clause is reported, without the stray mark
            d = self._draft(a, hits)
            if d is None:
                continue
            for i in hits + unclosed:
                claimed.setdefault(i, len(drafts))
            drafts.append(d)
        for i, q in enumerate(self.quoted):
            if i in claimed:
                continue
            d = self._lone(i, q, drafts)
            if d is not None:
                claimed[i] = len(drafts)
                drafts.append(d)
        for a, i in nested:
            outer = claimed.get(i)
            if outer is None or a.speaker is None:
                continue
            # Only a clause reported by a named third party counts as a quote within the quote
            # ("Chairman Kim said he's ready"); "I think", "they say" inside a quote are its wording.
            name = self.text[a.speaker[0]:a.speaker[1]]
            if a.how != "clause" or not name[:1].isupper() or name.split()[0].lower() in NOT_NAMES:
                continue
            q = self.quoted[i]
            s, e = max(a.content[0], q.start), min(a.content[1], q.end)
            e = _rstrip_punct(self.text, s, e)
            if e - s < 2:
                continue
            drafts.append(Draft((s, e), "indirect", a.cue, a.speaker, a.addressee, nested_in=outer))
        return self._follow_on(self._drop_inner(drafts))

    def _drop_inner(self, drafts: list[Draft]) -> list[Draft]:
        """Drop an indirect or mixed quote whose cue sits inside another quote's reported words: "Trump said
        Clinton believes X" is Trump's statement; its inner attribution is part of the content."""
        spans = sorted((d.content[0], d.content[1], k) for k, d in enumerate(drafts) if d.nested_in is None)
        starts = [x[0] for x in spans]
        drop = set()
        for k, d in enumerate(drafts):
            if d.nested_in is not None or d.cue is None or d.kind == "direct":
                continue
            c = d.cue[0]
            for j in range(bisect_right(starts, c) - 1, max(-1, bisect_right(starts, c) - 40), -1):
                s, e, o = spans[j]
                if o != k and s <= c < e and o not in drop:
                    outer = drafts[o]
                    if outer.cue is None or not (d.content[0] <= outer.cue[0] < d.content[1]):
                        drop.add(k)
                        break
        if not drop:
            return drafts
        # nested_in holds indices: keep them valid by marking dropped drafts instead of deleting
        for k in drop:
            drafts[k].kind = "dropped"
        return drafts

    def _covers(self, a: Attribution, i: int) -> bool:
        q = self.quoted[i]
        return a.content is not None and a.content[0] - 2 <= q.start and q.end <= a.content[1] + 2

    def _within(self, span: Char, i: int) -> bool:
        q = self.quoted[i]
        return q.start - 1 <= span[0] and span[1] <= q.end + 1

    def _draft(self, a: Attribution, hits: list[int]) -> Draft | None:
        assert a.content is not None
        s, e = a.content
        if not hits:
            s, e = _without_stray_marks(self.text, s, e)
            if self.words(s, e) < (2 if a.how in ("clause", "parenthetical", "phrase") else 1):
                return None
            return Draft((s, e), "indirect", a.cue, a.speaker, a.addressee, self._around_cue(s, e, a))
        pieces = [p for i in hits for p in self.quoted[i].pieces]
        qs, qe = min(p[0] for p in pieces), max(p[1] for p in pieces)
        if s < qs and a.cue[0] > qs and _opened_by_a_break(self.text, qs):
            s = qs  # "He railed against the plan - ''I love them,'' he said, ''...''": the words before the dash
            #         are the writer's, the cue reports only the quotation after it
        hs, he = min(s, qs), max(e, qe)
        # words reported outside the marks (the cue, source and hearer are not reported words)
        own = [a.cue] + [x for x in (a.speaker, a.addressee) if x is not None]
        outside = 0
        pos = hs
        for ps, pe in sorted(pieces) + [(he, he)]:
            outside += self._unreported_words(pos, max(pos, ps - 1), own)
            pos = max(pos, pe + 1)
        if outside == 0:
            frags = pieces if len(pieces) > 1 else []
            return Draft((qs, qe), "direct", a.cue, a.speaker, a.addressee, frags)
        start = min(s, qs)
        end = max(e, qe)
        end = _rstrip_punct(self.text, start, end)
        for ps, pe in pieces:  # the marks of each quoted piece are in or out together: never one alone
            if ps > 0 and self.text[ps - 1] in DOUBLE_MARKS:
                start = min(start, ps - 1)
            if pe < len(self.text) and self.text[pe] in DOUBLE_MARKS:
                end = max(end, pe + 1)
        return Draft((start, end), "mixed", a.cue, a.speaker, a.addressee, sorted(pieces))

    def _around_cue(self, s: int, e: int, a: Attribution) -> list[Char]:
        """The two pieces of reported words around a cue inside them ("The plan would add 12,000 homes, she said,
        and most would be affordable"): the source and cue are not what was said. None when the cue is outside."""
        own = [a.cue] + ([a.speaker] if a.speaker is not None else [])
        cs, ce = min(x[0] for x in own), max(x[1] for x in own)
        if not s < cs or not ce < e:
            return []
        left_end = len(self.text[s:cs].rstrip(" ,;—–-")) + s
        right = self.text[ce:e]
        stripped = right.lstrip(" ,;—–-")
        stripped = stripped[4:] if stripped.startswith("and ") else stripped
        right_start = e - len(stripped)
        if self.words(s, left_end) < 2 or self.words(right_start, e) < 2:
            return []
        return [(s, left_end), (right_start, e)]

    def _unreported_words(self, s: int, e: int, own: list[Char]) -> int:
        n = 0
        for m in WORD.finditer(self.text, s, e):
            if not any(o[0] <= m.start() < o[1] for o in own):
                n += 1
        return n

    def _lone(self, i: int, q: Quoted, drafts: list[Draft]) -> Draft | None:
        """A quoted stretch no attribution claimed: a cue of its sentence, a dash name, or nothing yet."""
        n_words = self.words(q.start, q.end)
        if n_words == 0:
            return None
        frags = q.pieces if len(q.pieces) > 1 else []
        bare = self._sentence_cue(q)
        if bare is not None and n_words >= MIN_SCARE_WORDS:
            return Draft((q.start, q.end), "direct", bare.cue, bare.speaker, bare.addressee, frags)
        dash = self._dash_speaker(q)
        if dash is not None:
            return Draft((q.start, q.end), "direct", None, dash, None, frags)
        intro = self._colon_subject(q) if n_words >= MIN_SCARE_WORDS else None
        if intro is not None:
            return Draft((q.start, q.end), "direct", None, intro, None, frags)
        if n_words < MIN_SCARE_WORDS or q.single or not q.closed:
            return None
        return Draft((q.start, q.end), "direct", None, None, None, frags)

    def _sentence_cue(self, q: Quoted) -> Attribution | None:
        """The nearest cue with a source in the sentences where the quote starts or ends, outside it."""
        first, last = self.sentence_of(q.start), self.sentence_of(max(q.start, q.end - 1))
        # a quote ending its sentence may take the cue of a short following sentence ("..." he said.)
        lo, hi = self.sent_starts[first], self.sent_ends[min(last, len(self.sent_ends) - 1)]
        if first > 0 and self.text[:self.sent_starts[first]].rstrip().endswith(":"):
            lo = self.sent_starts[first - 1]  # 'Breitbart News responded:' then the quote in its own paragraph
        bare_hi = hi  # a capitalised following sentence lends only a bare cue ("“...!” Ms. Ortiz wrote on Twitter.")
        if last + 1 < len(self.sent_starts) and self.text[q.end:self.sent_starts[last + 1]].strip(" \"”’'") == "":
            if self.text[self.sent_starts[last + 1]:self.sent_starts[last + 1] + 1].islower():
                hi = max(hi, self.sent_ends[last + 1])
            else:
                bare_hi = max(hi, self.sent_ends[last + 1])
        best, dist = None, 10 ** 9
        for a in self.found:
            c = a.cue[0]
            if c < lo or c >= max(hi, bare_hi) or a.speaker is None or q.start - 1 <= c < q.end + 1:
                continue
            if c >= hi and a.content is not None:
                continue
            if a.content is not None and a.how not in ("parenthetical",) and not (
                    a.content[0] < q.end and q.start < a.content[1]):
                continue
            d = q.start - c if c < q.start else c - q.end
            if d < dist:
                best, dist = a, d
        return best

    def _colon_subject(self, q: Quoted) -> Char | None:
        """"Senator Reyes released the following statement: “...”": a quote right after a colon whose
        sentence has no cue takes that sentence's named or pronoun subject."""
        k = q.start - 1
        while k > 0 and (self.text[k - 1].isspace() or self.text[k - 1] in "\"“'‘"):
            k -= 1
        if k <= 0 or self.text[k - 1] != ":":
            return None
        colon = self.doc.char_span(k - 1, k, alignment_mode="expand")
        if colon is None or len(colon) == 0:
            return None
        c = colon[0]
        if c.i == 0 or c.sent.start == c.i:
            return None
        root = self.doc[c.i - 1]  # the clause before the colon: climb from its last word, never past it
        while root.head.i != root.i and root.head.i < c.i:
            root = root.head
        if root.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((ch for ch in root.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i > c.i or not (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP")
                                or subj.lower_ in ("he", "she", "they", "we")):
            return None
        return _np(subj)

    def _dash_speaker(self, q: Quoted) -> Char | None:
        end = q.end
        while end < len(self.text) and self.text[end] in "\"”’'»":
            end += 1
        m = DASH_SPEAKER.match(self.text, end)
        if m is None:
            return None
        s, e = m.span(1)
        e = _rstrip_punct(self.text, s, e)
        name = self.text[s:e]
        if not name or not name[0].isupper() or len(name.split()) > 8:
            return None
        return s, e

    def _follow_on(self, drafts: list[Draft]) -> list[Draft]:
        """Give speakerless direct quotes the speaker of the quote just before, when no other cue intervenes."""
        order = sorted(range(len(drafts)), key=lambda k: drafts[k].content[0])
        # cues inside quotation marks are the quoted speaker's words, never the source of a later quote
        sourced = sorted((a.cue[0], a.speaker) for a in self.found
                         if a.speaker is not None and self.containing(a.cue[0]) is None)
        cue_starts = [c for c, _ in sourced]
        prev: Draft | None = None
        keep: list[Draft] = []
        for k in order:
            d = drafts[k]
            if d.kind == "dropped":
                continue
            if d.speaker is None and d.kind == "direct" and d.nested_in is None:
                if prev is not None and prev.speaker is not None and self._close(prev, d, cue_starts):
                    if self.merge_follow_on and prev.kind != "indirect" and prev.nested_in is None \
                            and "\n" not in self.text[prev.content[1]:d.content[0]]:
                        # one attribution with several quoted pieces, as attribution corpora annotate it
                        prev.fragments = (prev.fragments or [prev.content]) + (d.fragments or [d.content])
                        prev.content = (prev.content[0], d.content[1])
                        continue
                    d.speaker = prev.speaker
                elif self.words(*d.content) < MIN_UNATTRIBUTED_WORDS:
                    continue
                else:
                    d.speaker = self._recent_source(d, sourced)
            if d.nested_in is None:
                prev = d
            keep.append(d)
        # nested_in refers to indices of the input list; remap to the kept list
        index = {id(d): n for n, d in enumerate(keep)}
        out = []
        for d in keep:
            if d.nested_in is not None:
                outer = drafts[d.nested_in]
                if id(outer) not in index:
                    continue
                d.nested_in = index[id(outer)]
            out.append(d)
        return out

    def _recent_source(self, d: Draft, sourced: list[tuple[int, Char]]) -> Char | None:
        """The source of the last cue before an unattributed quote, in its sentence or the one before."""
        k = bisect_left(sourced, (d.content[0], (-1, -1))) - 1
        if k < 0:
            return None
        cue, speaker = sourced[k]
        if self.sentence_of(d.content[0]) - self.sentence_of(cue) > 1:
            return None
        return speaker

    def _close(self, prev: Draft, d: Draft, cue_starts: list[int]) -> bool:
        gap_s, gap_e = prev.content[1], d.content[0]
        if gap_e < gap_s:
            return False
        if self.sentence_of(gap_e) - self.sentence_of(gap_s) > FOLLOW_ON_SENTENCES:
            return False
        own = prev.cue[0] if prev.cue else -1
        lo = bisect_right(cue_starts, gap_s + 1)
        while lo < len(cue_starts) and cue_starts[lo] < gap_e:
            if cue_starts[lo] != own:
                return False
            lo += 1
        return True


def _without_stray_marks(text: str, s: int, e: int) -> Char:
    """A reported clause that no quoted stretch overlaps holds no quotation mark: a stray one (a quote that
    never closes, a mark the parser took into the clause) is cut off with the shorter side of the clause."""
    while True:
        stray = next((i for i in range(s, e) if text[i] in DOUBLE_MARKS), None)
        if stray is None:
            return s, e
        if stray - s < e - stray:
            s = stray + 1
        else:
            e = stray
        while s < e and text[s].isspace():
            s += 1
        e = _rstrip_punct(text, s, e)


def _rstrip_punct(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-“‘\"'"):
        e -= 1
    return e


def to_quotes(text: str, drafts: list[Draft], classes: list[str] | None = None) -> list[Quote]:
    """Records with ids q1, q2, ... in text order; nested_in as an id; `classes` the cue class of each draft."""
    order = sorted((k for k in range(len(drafts)) if drafts[k].content[1] > drafts[k].content[0]),
                   key=lambda k: (drafts[k].content[0], drafts[k].content[1]))
    ids = {k: f"q{n + 1}" for n, k in enumerate(order)}

    def span(c: Char) -> TextSpan:
        return TextSpan(c[0], c[1], text[c[0]:c[1]])

    out = []
    for k in order:
        d = drafts[k]
        out.append(Quote(
            id=ids[k], kind=d.kind, content=span(d.content),
            speaker=Speaker(None, d.speaker[0], d.speaker[1], text[d.speaker[0]:d.speaker[1]]) if d.speaker else None,
            cue=span(d.cue) if d.cue else None, cue_class=classes[k] if classes else None,
            addressee=Addressee(d.addressee[0], d.addressee[1], text[d.addressee[0]:d.addressee[1]])
            if d.addressee else None,
            fragments=[span(f) for f in d.fragments],
            nested_in=ids.get(d.nested_in) if d.nested_in is not None else None,
        ))
    return out


def _opened_by_a_break(text: str, start: int) -> bool:
    """Whether the quotation whose words start at `start` follows a dash or a colon ("... to Ohio - ''I love ...")."""
    before = text[max(0, start - 6):start].rstrip("\"“'`‘ ").rstrip()
    return before.endswith(("-", "—", "–", ":"))
