"""Span finding: where the time expressions of a Doc are.

Candidates come from the model's DATE/TIME entities, from a phrase matcher over the lexicons (vague
references such as "now" or "recently", weekdays, frequency adverbs) that the model does not tag, and from
patterns read around unit and month words the model misses or buries in other entities (quantities such as
"5 1/2 hours" or "four decades ago", "the Aug. 7 bombings", rates such as "$1 billion a year"). They are
cut to TimeML extents: split at verbs ("the quarter ended Sept. 30" is two expressions), stripped of
words outside the expression ("just", "its", a leading preposition, a trailing possessive), widened by a
modifier the model left out ("earlier yesterday"), and adjacent pieces joined ("noon Thursday").
Overlaps keep the longest; ages ("72 years old") and "as soon as" are dropped.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .lexicon import TimeLexicon

NER_LABELS = frozenset({"DATE", "TIME"})
LEAD_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PUNCT", "SPACE", "ADV", "PART", "DET", "PRON", "VERB", "AUX",
                      "INTJ", "ADJ", "NOUN", "PROPN"})
TRAIL_POS = frozenset({"PUNCT", "PART", "SPACE", "CCONJ", "ADP", "DET", "PRON"})
SPLIT_POS = frozenset({"VERB", "AUX"})
AGE_WORDS = frozenset({"old", "aged"})
NAME_ENTS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "GPE", "NORP"})
EXTRA_WORDS = frozenset({"the", "a", "an", "fiscal", "of", "and", "or", "to"})
RANGE_WORDS = frozenset({"to", "through", "and", "until", "till", "-", "–"})  # "Aug. 26 to Oct. 20": two
CONJ_AFTER = frozenset({"after", "before", "as"})  # "soon after", "soon before", "now as"
NOT_IN_NAMES = frozenset({"PERSON", "WORK_OF_ART", "LAW", "PRODUCT"})  # a date may sit in an EVENT's name
NOT_A_QUANTITY = frozenset({"MONEY", "PERCENT"})  # "$5 million two years ago": the quantity is "two"
HYPHENS = frozenset({"-", "–"})  # joining words ("day-long", "10-day"); no em dash, which sets off a clause
TRAIL_CUT = frozenset({"later"})  # "three days later": TimeML marks the duration "three days"


class SpanFinder:
    """Finds candidate time spans (token spans) in a parsed Doc."""

    def __init__(self, nlp: Language, lexicon: TimeLexicon) -> None:
        self.lex = lexicon
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = list(lexicon.vague_find) + list(lexicon.deictic) + list(lexicon.set_adverbs)
        phrases += [w for w in lexicon.weekdays if len(w) > 4]  # full names: "Sun" is also a newspaper
        phrases += list(lexicon.clock_words) + list(lexicon.holidays)
        phrases += [f"{q} {w}" for q in lexicon.set_quantifiers for w in  # "every day", "each Thursday"
                    [u for u in lexicon.units if not u.endswith("s")] + [d for d in lexicon.weekdays if len(d) > 4]]
        self.matcher.add("TIME", [nlp.make_doc(p) for p in phrases])
        self.anchors = self._anchor_matcher(nlp, lexicon)
        self.unit_id = nlp.vocab.strings["UNIT"]
        self.post_words = frozenset(set(lexicon.post_relative) - TRAIL_CUT - CONJ_AFTER)  # "ago", "earlier"
        days = [str(d) for d in range(1, 32)] + [f"0{d}" for d in range(1, 10)]
        self.day_numbers = frozenset(days + [d + suffix for d in days for suffix in ("st", "nd", "rd", "th")])
        self.set_adverbs = frozenset(lexicon.set_adverbs)
        self.widen = frozenset(k for k, m in lexicon.mods.items() if m.position == "pre" and m.in_span and " " not in k)
        self.quantifiers = lexicon.set_quantifiers
        self.points = frozenset(set(lexicon.months) | set(lexicon.weekdays) | set(lexicon.deictic))
        words: set[str] = set(EXTRA_WORDS)
        for table in (lexicon.months, lexicon.weekdays, lexicon.units, lexicon.numbers, lexicon.ordinals,
                      lexicon.day_parts, lexicon.seasons, lexicon.deictic, lexicon.det_relative,
                      lexicon.post_relative, lexicon.set_adverbs, lexicon.set_quantifiers):
            words.update(table)
        lead = set(words) | {m.split()[0] for m in lexicon.mods} | set(lexicon.clock_words)
        lead |= {h.split()[0] for h in lexicon.holidays}
        for phrase in list(lexicon.vague) + list(lexicon.mods):
            words.update(phrase.split())
        self.time_words = frozenset(words)
        # words an expression may start with; not "just" or "recently" ("just a decade ago" is "a decade ago")
        self.lead_words = frozenset(lead - {"of", "and", "or", "to"} - set(lexicon.post_relative))
        self.vague = frozenset(lexicon.vague)
        self.holidays = frozenset(lexicon.holidays)
        # words a "last"/"this"/"next" before them belongs to: "last Thanksgiving", "this year's"
        self.nameable = frozenset(set(lexicon.units) | self.points | set(lexicon.seasons)
                                  | {h.split()[0] for h in lexicon.holidays})
        # multi-word modifiers an expression takes in: "more than four decades ago", "at least two weeks"
        self.widen_phrases = sorted((tuple(k.split()) for k, m in lexicon.mods.items()
                                     if m.position == "pre" and m.in_span and " " in k), key=len, reverse=True)

    def __call__(self, doc: Doc) -> list[Span]:
        candidates = [s for s in self._candidates(doc) if len(s)]
        candidates.sort(key=lambda s: (s.start, -(s.end - s.start)))
        chosen: list[Span] = []
        for span in candidates:
            if chosen and span.start < chosen[-1].end:
                if span.end - span.start > chosen[-1].end - chosen[-1].start:
                    chosen[-1] = span
                continue
            chosen.append(span)
        joined = self._join(chosen)
        starts = {s.start for s in joined}
        return [s for s in joined if not self._is_age(s) and not self._is_attribute(s)
                and not self._is_part_of_date(s, starts) and not self._is_title(s) and not self._is_fraction(s)]

    def _candidates(self, doc: Doc) -> Iterator[Span]:
        yield from self._patterned(doc)
        for ent in doc.ents:
            if ent.label_ in NER_LABELS:
                yield from self._pieces(ent)
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            holiday = span.text.lower() in self.holidays
            if any(t.ent_type_ in NAME_ENTS and not (holiday and t.ent_type_ == "EVENT") for t in span):
                continue  # a name, but the model often calls a holiday an EVENT ("on Thanksgiving Day")
            if span.text.lower() in self.vague and (
                    start > 0 and doc[start - 1].lower_ == "as" or end < len(doc) and doc[end].lower_ in CONJ_AFTER):
                continue  # "as soon as", "soon after": conjunctions
            if holiday and end < len(doc) and doc[end].lower_ == "week":
                end += 1  # "Easter week"
            elif holiday and end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN"):
                continue  # "a Christmas tree", "the Easter Rising"
            yield self._widen(doc, start, end)

    @staticmethod
    def _anchor_matcher(nlp: Language, lex: TimeLexicon) -> PhraseMatcher:
        """Units and months: the words a quantity, a rate or a day-and-month is built around."""
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        matcher.add("UNIT", [nlp.make_doc(u) for u in lex.units])
        months = set(lex.months) | {f"{m}." for m in lex.months if len(m) <= 4}
        matcher.add("MONTH", [Doc(nlp.vocab, words=[m]) for m in sorted(months)])  # "Aug." is one token
        return matcher

    def _patterned(self, doc: Doc) -> Iterator[Span]:
        """Expressions the model often leaves untagged or buries in another entity: a quantity of units
        ("5 1/2 hours", "two more weeks", "four decades ago"), a day and month ("the Aug. 7 bombings",
        "7 August 2017") and a rate ("$1 billion a year", labelled SET)."""
        for match_id, i, _ in self.anchors(doc):
            if doc[i].ent_type_ in NOT_IN_NAMES:
                continue
            if match_id == self.unit_id:
                span = self._rate(doc, i) or self._quantity(doc, i)
            elif doc[i].is_title:
                span = self._day_and_month(doc, i)
            else:
                span = None
            if span is not None and not any(t.ent_type_ in NOT_IN_NAMES for t in span):
                yield span

    def _is_number(self, token: Token) -> bool:
        return token.like_num and token.lower_ not in self.lex.ordinals  # not "the third day"

    def _rate(self, doc: Doc, i: int) -> Span | None:
        """"a year" after a quantity: "$1 billion a year", "300 patients a day"; not "a year ago"."""
        if i < 2 or doc[i - 1].lower_ not in self.lex.rate_articles or doc[i].lower_.endswith("s"):
            return None
        if i + 1 < len(doc) and (doc[i + 1].lower_ in self.lex.post_relative or doc[i + 1].text in HYPHENS):
            return None  # "a year ago", "a day-long meeting"
        before = doc[i - 2]
        if before.like_num or before.ent_type_ == "MONEY" or before.tag_ == "NNS":
            return Span(doc, i - 1, i + 1, label="SET")
        return None

    def _quantity(self, doc: Doc, i: int) -> Span | None:
        """number(s) [more] [-] unit [ago]."""
        k = i - 1
        if k >= 0 and doc[k].text in HYPHENS:
            k -= 1
        if k >= 0 and doc[k].lower_ in self.lex.quantity_words:
            k -= 1
        if k < 0 or not self._is_number(doc[k]) or doc[k].ent_type_ in NOT_A_QUANTITY:
            return None
        while k > 0 and (self._is_number(doc[k - 1]) or doc[k - 1].text in HYPHENS and k > 1
                         and self._is_number(doc[k - 2])) and doc[k - 1].ent_type_ not in NOT_A_QUANTITY:
            k -= 1  # "5 1/2 hours", "twenty-four hours"; not the "$5 million" before "two years ago"
        end = i + 1
        if end < len(doc) and doc[end].lower_ in self.post_words:
            end += 1
        return self._trim(doc, k, end)

    def _day_and_month(self, doc: Doc, i: int) -> Span | None:
        """"Aug. 7", "7 August", "the 7th of August", each with an optional year."""
        start = end = None
        if i + 1 < len(doc) and doc[i + 1].lower_ in self.day_numbers:
            start, end = i, i + 2
        elif i > 0 and doc[i - 1].lower_ in self.day_numbers:
            start, end = i - 1, i + 1
        elif i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in self.day_numbers:
            start, end = i - 2, i + 1
        if start is None or end is None:
            return None
        if end + 1 < len(doc) and doc[end].text == "," and _is_year(doc[end + 1]):
            end += 2
        elif end < len(doc) and _is_year(doc[end]):
            end += 1
        return doc[start:end]

    def _pieces(self, ent: Span) -> Iterator[Span]:
        """The entity split at verbs, each piece trimmed to its time words."""
        doc, start = ent.doc, ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or doc[i].pos_ in SPLIT_POS and doc[i].lower_ not in self.time_words or (
                    doc[i].lower_ in RANGE_WORDS and self._is_point(doc[start:i]) and not self._is_compound_number(doc, i)
            ) or self._is_year_list(doc, i):
                piece = self._trim(doc, start, i)
                if piece is not None:
                    yield piece
                start = i + 1

    @staticmethod
    def _is_compound_number(doc: Doc, i: int) -> bool:
        """A hyphen inside a number written in words: "nineteen ninety-seven" is one year, not a range."""
        return doc[i].text == "-" and 0 < i < len(doc) - 1 and all(
            t.is_alpha and t.like_num for t in (doc[i - 1], doc[i + 1]))

    @staticmethod
    def _is_year_list(doc: Doc, i: int) -> bool:
        """A comma between two years: "in 1994, 1995 and 1997" names three years."""
        return doc[i].text == "," and 0 < i < len(doc) - 1 and all(
            _is_year(t) for t in (doc[i - 1], doc[i + 1]))

    def _is_quantity(self, span: Span) -> bool:
        """A number of units ("more than four hours"): a duration, not part of a date next to it."""
        return span[-1].lower_ in self.lex.units and any(t.like_num for t in span)

    def _is_point(self, span: Span) -> bool:
        """Whether a span names a point in time by itself (a month, weekday, year or "today")."""
        return any(t.lower_.rstrip(".") in self.points or _is_year(t) for t in span)

    def _is_time_token(self, token: Token) -> bool:
        low = token.lower_.rstrip(".")
        return low in self.lead_words or token.like_num or token.is_digit or low[:1].isdigit() or low[:1] == "'"

    def _trim(self, doc: Doc, start: int, end: int) -> Span | None:
        while start < end - 1 and doc[start].pos_ in LEAD_POS and not self._is_time_token(doc[start]):
            start += 1
        while end > start and (doc[end - 1].pos_ in TRAIL_POS or doc[end - 1].lower_ in ("'s", "’s")) \
                and doc[end - 1].lower_ not in self.lex.post_relative and not (
                    doc[end - 1].lower_ in self.time_words and doc[end - 1].pos_ not in ("PUNCT", "CCONJ", "ADP")):
            end -= 1
        if end - start > 1 and doc[end - 1].lower_ in TRAIL_CUT:
            end -= 1
        if end <= start:
            return None
        return self._widen(doc, start, end)

    def _widen(self, doc: Doc, start: int, end: int) -> Span:
        """Take in a modifier or quantifier just before: "earlier yesterday", "about two weeks", "each Thursday"."""
        if start > 0 and (doc[start - 1].lower_ in self.widen and doc[start - 1].pos_ in ("ADV", "ADJ")
                          or doc[start - 1].lower_ in self.quantifiers
                          or doc[start - 1].lower_ in self.lex.det_relative and doc[start - 1].pos_ in ("DET", "ADJ")
                          and doc[start].lower_.rstrip(".") in self.nameable):
            start -= 1  # also "This year's results", "last Thanksgiving" when only the noun was found
        for phrase in self.widen_phrases:
            n = len(phrase)
            if start >= n and tuple(t.lower_ for t in doc[start - n:start]) == phrase:
                start -= n
                break
        return doc[start:end]

    def _join(self, spans: list[Span]) -> list[Span]:
        """Adjacent expressions are one ("noon Thursday"; "Saturday, April 25")."""
        out: list[Span] = []
        for span in spans:
            if out:
                prev = out[-1]
                gap = span.doc[prev.end:span.start]
                if prev.text.lower() in self.vague or span.text.lower() in self.vague \
                        or self._is_quantity(prev) or self._is_quantity(span):
                    pass  # "recently last October", "more than four hours Friday": two expressions
                elif not len(gap) or (len(gap) == 1 and gap[0].text == "," and
                                    prev[-1].lower_.rstrip(".") in self.lex.weekdays):
                    out[-1] = span.doc[prev.start:span.end]
                    continue
            out.append(span)
        return out

    def _is_attribute(self, span: Span) -> bool:
        """A frequency adjective before a noun ("a quarterly dividend", "the daily newspaper")."""
        doc = span.doc
        return len(span) == 1 and span[0].lower_ in self.set_adverbs and span[0].pos_ != "ADV" and (
            span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM"))

    def _is_fraction(self, span: Span) -> bool:
        """"three-quarters of its food", "more than a quarter of the market": a share, not a quarter year;
        but "the first quarter of 1990" and "a quarter of a century" are times."""
        doc, unit = span.doc, self.lex.units.get(span[-1].lower_)
        if unit is None or unit.code != "Q" or span.end + 1 >= len(doc) or doc[span.end].lower_ != "of":
            return False
        after = doc[span.end + 1:span.end + 4]
        return not any(t.lower_ in self.lex.ordinals or t.lower_ == "the" for t in span) and not any(
            t.lower_ in self.lex.units or _is_year(t) for t in after)

    def _is_title(self, span: Span) -> bool:
        """A quoted title in capitals names something: CBS's "60 Minutes", "Three Days of the Condor"."""
        doc = span.doc
        if not any(t.lower_ in self.lex.units and t.is_title for t in span) or \
                not all(t.is_title or t.like_num for t in span):
            return False
        return span.start > 0 and doc[span.start - 1].is_quote and not doc[span.start - 1].is_sent_start

    def _is_part_of_date(self, span: Span, starts: set[int]) -> bool:
        """"the night of Oct. 23", "the morning of Friday, Oct. 23": TimeML marks only the date after "of"."""
        doc = span.doc
        last = span[-1].lower_
        return (last == "day" or last in self.lex.day_parts) and all(
            t.pos_ == "DET" for t in span[:-1]) and span.end + 1 < len(doc) and doc[span.end].lower_ == "of" \
            and span.end + 1 in starts

    def _is_age(self, span: Span) -> bool:
        """"72 years old", "a 5-year-old", "in his 30s", "in her early forties"."""
        doc = span.doc
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in self.widen:  # "in her early forties"
            i -= 1
        low = span[-1].lower_
        if i >= 0 and doc[i].tag_ == "PRP$" and (len(low) == 3 and low[0].isdigit() and low.endswith("0s")
                                                  or low.endswith("ties")):
            return True  # not "their 1990s heyday"
        if span[-1].lower_ in AGE_WORDS or span.end < len(doc) and doc[span.end].lower_ in AGE_WORDS:
            return True
        return span.end + 1 < len(doc) and doc[span.end].text in ("-",) and doc[span.end + 1].lower_ == "old"


def _is_year(token: Token) -> bool:
    return token.is_digit and len(token) == 4
