"""The times component: finds time expressions, normalises them to TIMEX3 values against the publication
date (`doc._.attache_published`) and anchors quotes whose cue verb has a time modifier (`..anchoring`).

Modules: `finder` (where), `normalise` (what value), `tense` (which way a weekday points), `calendar`
(date arithmetic), `lexicon` (the time_* word lists).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...record import Time
from ..anchoring import anchor_quotes
from ..base import RECOVERABLE, ensure_extensions, in_boilerplate, left_out, published_day, text_of
from .calendar import safe_date
from .finder import RANGE_WORDS, SpanFinder
from .lexicon import load
from .normalise import Context, Normaliser, Value
from .tense import clause_tense, is_past_perfect

__all__ = ["TimesComponent", "make_times", "time_spans"]


@Language.factory("attache_times", assigns=["doc._.attache_times"],
                  requires=["doc._.attache_boilerplate", "doc._.attache_quotes", "token.dep", "token.tag", "doc.ents"])
def make_times(nlp: Language, name: str, date_order: str = "MDY") -> TimesComponent:
    return TimesComponent(nlp, date_order=date_order)


class TimesComponent:
    """Writes `doc._.attache_times` (ids t1, t2, ...) and sets `time` on quotes of `doc._.attache_quotes`."""

    def __init__(self, nlp: Language, date_order: str = "MDY") -> None:
        ensure_extensions()
        self.lexicon = load()
        self.finder = SpanFinder(nlp, self.lexicon)
        self.normalise = Normaliser(self.lexicon, "DMY" if str(date_order).upper() == "DMY" else "MDY")
        self.before_mods = {k: v.mod for k, v in self.lexicon.mods.items() if v.position == "before"}

    def __call__(self, doc: Doc) -> Doc:
        try:
            found = self._times(doc)
        except RECOVERABLE as exc:  # never fail an article over a date
            left_out(doc, "times", "times", exc)
            found = []
        doc._.attache_times = [time for _, time in found]
        if doc._.attache_quotes:
            anchor_quotes(doc, doc._.attache_quotes, times=found)
        return doc

    def _times(self, doc: Doc) -> list[tuple[Span, Time]]:
        ctx = Context(published_day(doc))
        out: list[tuple[Span, Time]] = []
        text = text_of(doc)
        for span in self.finder(doc):
            start, end = span.start_char, span.end_char
            if in_boilerplate(doc, start, end):
                continue
            value = self.normalise(span.text, ctx, self._tense(span))
            if value is None:
                value = _range_end(span, out)
            if value is None:
                continue
            if span.label_ == "SET" and value.type == "DURATION":  # "$1 billion a year"
                value = Value("SET", value.value)
            value = self._period(span, self._outer_mod(span, value))
            out.append((span, Time(f"t{len(out) + 1}", start, end, text[start:end], value.type,
                                   value.value, value.mod)))
        return out

    def _tense(self, span: Span) -> str | None:
        """The direction a span points: a preposition before it ("since", "until"), a possessive after
        it ("Wednesday's ruling" happened), else the tense of its clause."""
        doc = span.doc
        i = span.start - 1
        while i > 0 and i > span.start - 3 and doc[i].pos_ == "DET":
            i -= 1
        if i >= 0:
            prep = self.lexicon.tense_words.get(doc[i].lower_, "")
            if prep.startswith("prep:"):  # but "until Thursday, they had described him" lies behind
                return "past" if prep == "prep:future" and is_past_perfect(span.root) else prep[5:]
        if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
            return "past"
        return clause_tense(span.root, self.lexicon.tense_words)

    def _period(self, span: Span, value: Value) -> Value:
        """"the year ended March 31", "the fiscal year ending June 30": a year-long period, not a year."""
        doc = span.doc
        if span.end < len(doc) and doc[span.end].lemma_ == "end" and value.type == "DATE" \
                and len(value.value) == 4 and span[-1].lower_ == "year":
            return Value("DURATION", "P1Y", value.mod)
        return value

    def _outer_mod(self, span: Span, value: Value) -> Value:
        """A preposition just before the span that bounds it ("after November" -> mod AFTER)."""
        if value.mod or span.start == 0 or value.type not in ("DATE", "TIME") or value.value.endswith("_REF"):
            return value
        i = span.start - 1
        while i > 0 and i > span.start - 3 and span.doc[i].pos_ == "DET":  # "after the November elections"
            i -= 1
        mod = self.before_mods.get(span.doc[i].lower_)
        return Value(value.type, value.value, mod) if mod else value


def _range_end(span: Span, found: list[tuple[Span, Time]]) -> Value | None:
    """A bare day closing a range takes the month of the date that opens it ("April 24 and 25")."""
    if not found or len(span) != 1 or not span[0].is_digit or not 1 <= int(span[0].text) <= 31:
        return None
    prev_span, prev = found[-1]
    if span.start - prev_span.end != 1 or span.doc[prev_span.end].lower_ not in RANGE_WORDS \
            or prev.type != "DATE" or len(prev.value) != 10 or not prev.value[:4].isdigit():
        return None
    day = safe_date(int(prev.value[:4]), int(prev.value[5:7]), int(span[0].text))
    return Value("DATE", day.isoformat()) if day and day.day > int(prev.value[8:]) else None


def time_spans(doc: Doc) -> list[tuple[Span, Time]]:
    """The Doc's times with their token spans (for components that link to times, e.g. events)."""
    out = []
    for time in doc._.attache_times or ():
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None:
            out.append((span, time))
    return out
