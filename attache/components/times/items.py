"""Reading the words of a time expression into typed items (numbers, months, weekdays, units, relative
words, clock times ...) from the time lexicons; `normalise` turns the items into a TIMEX3 value."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .lexicon import TimeLexicon, Unit

_WORD = re.compile(r"\d{1,4}(?:[/.:-]\d{1,4}){1,2}|'\d\ds?|\d+(?:st|nd|rd|th|s)?|[a-z](?:\.[a-z])+\.?|[a-z]+")
_DIGITS = re.compile(r"(\d+)(st|nd|rd|th|s)?$")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})$")
_NUMDATE = re.compile(r"(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{1,4}))?$")
AMPM = {"am": 0, "a.m": 0, "a.m.": 0, "pm": 12, "p.m": 12, "p.m.": 12}


@dataclass
class Items:
    """The typed pieces of one expression."""

    nums: list[float | str] = field(default_factory=list)  # quantities; "X" when vague
    ords: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    decade: str | None = None
    months: list[int] = field(default_factory=list)
    weekday: int | None = None
    units: list[tuple[Unit, bool]] = field(default_factory=list)  # (unit, plural)
    part: str | None = None
    season: str | None = None
    deictic: tuple[int, str] | None = None
    det: int | None = None
    has_det: bool = False
    anaphoric: bool = False
    plural_part: bool = False
    end: bool = False  # "year-end", "year's end"
    half: int | None = None  # 1 or 2: "the first half", "the last half of 1989"
    post_before_unit: bool = False  # "the year-earlier nine months": "earlier" qualifies an earlier word
    post: int | None = None
    the: bool = False
    every: bool = False
    set_adverb: str | None = None
    clock: tuple[int, int] | None = None
    numdate: tuple[int, int, int | None] | None = None
    head: int | None = None  # index in `units` of the head noun when "of" follows it ("nine months of the year")


class ItemReader:
    """Splits an expression into words and reads them into Items."""

    def __init__(self, lexicon: TimeLexicon, date_order: str = "MDY") -> None:
        self.lex = lexicon
        self.date_order = date_order

    def words(self, text: str) -> list[str]:
        return _WORD.findall(text.lower())

    def read(self, words: list[str], anchor: dt.date | None) -> Items:
        """The typed items of an expression's words."""
        lex, it = self.lex, Items()
        run: list[str] = []  # consecutive number words

        def flush() -> None:
            if run:
                self._number_run(run, it)
                run.clear()

        skip = 0
        for i, w in enumerate(words):
            if skip:
                skip -= 1
                continue
            if w == "and" and words[i + 1:i + 3] in (["a", "half"], ["one", "half"]):
                flush()  # "a minute and a half", "two and a half years": add to the quantity before
                if it.nums and isinstance(it.nums[-1], float):
                    it.nums[-1] += 0.5
                    skip = 2
                continue
            if w == "of" and it.units and it.head is None:
                flush()
                it.head = len(it.units) - 1
                continue
            if w in ("a", "an"):
                if run == ["half"]:
                    continue  # "half an hour": one quantity
                flush()
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if nxt in lex.units or nxt in lex.numbers:
                    run.append(w)  # "a year ago", "a few days"; not "an Aug. 10 ruling"
                continue
            if w == "half" and i > 0 and (words[i - 1] in lex.ordinals or words[i - 1] in lex.det_relative):
                flush()  # before the number "half": "first half" H1; "second"/"last half" H2
                it.half = 1 if lex.ordinals.get(words[i - 1]) == 1 else 2
                continue
            if w in lex.numbers:
                run.append(w)
                continue
            flush()
            if w.endswith("ies") and lex.numbers.get(w[:-3] + "y", "").isdigit() and i > 0 and words[i - 1] == "the":
                it.decade = f"19{int(lex.numbers[w[:-3] + 'y']) // 10}"  # "the nineties"
                continue
            self._word(words, i, it, anchor)
        flush()
        return it

    def _word(self, words: list[str], i: int, it: Items, anchor: dt.date | None) -> None:
        """Record what one word of an expression is: an ordinal, month, weekday, unit, part of the day ..."""
        lex, w = self.lex, words[i]
        if w in lex.ordinals:
            it.ords.append(lex.ordinals[w])
        elif w in lex.months:
            it.months.append(lex.months[w])
        elif w in lex.weekdays:
            it.weekday = lex.weekdays[w]
        elif w in lex.units and lex.units[w].code == "Q" and words[i + 1:i + 2] and words[i + 1] in lex.units:
            it.nums.append(0.25)  # "a quarter-century", "a quarter century": a quarter of the next unit
        elif w in lex.units:
            if it.post is not None:
                it.post_before_unit = True
            it.units.append((lex.units[w], w.endswith("s") and w not in ("hrs",) or w in ("millennia",)))
        elif w in lex.day_parts:
            it.part = lex.day_parts[w]
            it.plural_part = w.endswith("s")
        elif w in lex.seasons:
            it.season = lex.seasons[w]
        elif w in lex.deictic:
            it.deictic = lex.deictic[w]
        elif w in lex.det_relative:
            it.anaphoric = it.anaphoric or w in lex.anaphoric or (w == "next" and it.the)  # "the next day"
            d = lex.det_relative[w]
            if not it.has_det or d != 0:
                it.det = d
            it.has_det = True
        elif w in lex.post_relative:
            it.post = lex.post_relative[w]
        elif w == "the":
            it.the = True
        elif w == "end":
            it.end = True
        elif w in lex.set_quantifiers:
            it.every = True
        elif w in lex.set_adverbs:
            it.set_adverb = lex.set_adverbs[w]
        elif w in AMPM:
            hour = int(it.nums.pop()) if it.nums and isinstance(it.nums[-1], float) else None
            if it.clock is not None:
                hour, minute = it.clock
            else:
                minute = 0
            if hour is not None and 1 <= hour <= 12:
                it.clock = (hour % 12 + AMPM[w], minute)
        elif w in lex.clock_words:
            it.clock = (lex.clock_words[w], 0)
        elif w[0].isdigit() or w[0] == "'":
            self._digits(w, it, anchor)

    def _number_run(self, run: list[str], it: Items) -> None:
        if len(run) > 1 and run[0] in ("a", "an") and self.lex.numbers[run[1]] != "0.5":
            run = run[1:]  # "a two-day visit", "a couple of years": the article, not a quantity
        values = [self.lex.numbers[w] for w in run]
        if "X" in values:
            it.nums.append("X")
            return
        nums = [float(v) for v in values]
        if len(nums) >= 2 and 11 <= nums[0] <= 99 and nums[1] >= 10 and 100 not in nums and 1000 not in nums:
            it.years.append(int(nums[0] * 100 + sum(nums[1:])))  # "nineteen ninety six"
            return
        total, cur = 0.0, 0.0
        for v in nums:
            if v == 1000:
                total += max(cur, 1) * 1000
                cur = 0
            elif v == 100:
                cur = max(cur, 1) * 100
            elif v == 12 and cur:  # "a dozen"
                cur *= 12
            elif v == 0.5 and cur == 1 and len(nums) == 2:  # "a half"
                cur = 0.5
            else:
                cur += v
        value = total + cur
        if run[0] not in ("a", "an") and 1900 <= value <= 2099 and value % 100 == 0 and total:
            it.years.append(int(value))  # "the year two thousand"
        else:
            it.nums.append(value)

    def _digits(self, w: str, it: Items, anchor: dt.date | None) -> None:
        m = _CLOCK.match(w)
        if m and ":" in w:
            it.clock = (int(m.group(1)), int(m.group(2)))
            return
        m = _NUMDATE.match(w)
        if m:
            self._numdate(m, it)
            return
        if w.startswith("'"):
            yy = int(w[1:3])
            if w.endswith("s"):
                it.decade = f"19{yy // 10}"
            else:
                century = 19 if anchor is None or 1900 + yy <= anchor.year + 10 else 18
                it.years.append(century * 100 + yy if yy >= 30 or anchor is None or anchor.year < 2000 else 2000 + yy)
            return
        m = _DIGITS.match(w)
        if not m:
            return
        n, suffix = int(m.group(1)), m.group(2)
        if suffix == "s":
            if len(m.group(1)) == 4:
                it.decade = m.group(1)[:3]
            elif len(m.group(1)) == 2:
                it.decade = f"19{m.group(1)[0]}"
        elif suffix:
            it.ords.append(n)
        elif len(m.group(1)) == 4 and 1000 <= n <= 2199:
            it.years.append(n)
        else:
            it.nums.append(float(n))

    def _numdate(self, m: re.Match[str], it: Items) -> None:
        a, b, c = m.group(1), m.group(2), m.group(3)
        if c is None and "/" in m.group(0) and int(a) < int(b) <= 4:  # "2 1/2 years": a fraction
            whole = it.nums.pop() if it.nums and isinstance(it.nums[-1], float) else 0.0
            it.nums.append(float(whole) + int(a) / int(b))
            return
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c) if c else None
        elif c is None:
            mo, d, y = (int(a), int(b), 0) if self.date_order == "MDY" else (int(b), int(a), 0)
        else:
            first, second = int(a), int(b)
            mo, d = (first, second) if self.date_order == "MDY" else (second, first)
            y = int(c) + (1900 if len(c) == 2 and int(c) >= 30 else 2000 if len(c) == 2 else 0)
        if 1 <= mo <= 12 and (d is None or 1 <= d <= 31):
            it.numdate = (y, mo, d or 0)

    # -- readings --------------------------------------------------------------------------------------
