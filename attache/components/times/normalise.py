"""Normalisation: the TIMEX3 type, value and mod of a time expression's text.

A span's words are read into typed items (`items`), and a fixed order of readings turns the items into a value relative to the anchor (the
publication date). The tense of the span's clause decides which way a bare weekday or month points.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .calendar import SEASON_MONTH, fmt, holiday, month_year, safe_date, shift, weekday_date
from .items import ItemReader, Items
from .lexicon import TimeLexicon, Unit

_VALUE = re.compile(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?$")
CLOCK_HOURS = frozenset(float(h) for h in range(1, 13))
SLACK = dt.timedelta(days=45)  # a past-tense clause may still name a date a few weeks ahead ("set for Nov. 10")


@dataclass(frozen=True)
class Value:
    type: str  # DATE TIME DURATION SET
    value: str
    mod: str | None = None


@dataclass
class Context:
    """What one document's earlier expressions left behind (the quarter its figures are about)."""

    anchor: dt.date | None
    quarter: tuple[int, int] | None = None  # (year, quarter) last named
    reference: tuple[dt.date, str] | None = None  # the last full date named, and its granularity (Y M D)

    def note(self, value: str) -> None:
        """Remember an absolute date value as the reference for "that year", "the following month"."""
        m = _VALUE.match(value)
        if m and m.group(1) != "XXXX":
            year, month, day = int(m.group(1)), m.group(2), m.group(3)
            date = safe_date(year, int(month or 1), int(day or 1))
            if date:
                self.reference = (date, "D" if day else "M" if month else "Y")


class Normaliser:
    """Turns the text of a time expression into a Value, or None when it is not one we can read."""

    def __init__(self, lexicon: TimeLexicon, date_order: str = "MDY") -> None:
        self.lex = lexicon
        self.reader = ItemReader(lexicon, date_order)
        self.pre_mods = {k: v for k, v in lexicon.mods.items() if v.position == "pre"}
        self.post_mods = {k: v for k, v in lexicon.mods.items() if v.position == "post"}
        self.max_mod = max((len(k.split()) for k in lexicon.mods), default=1)

    def words(self, text: str) -> list[str]:
        return self.reader.words(text)

    def __call__(self, text: str, ctx: Context, tense: str | None = None) -> Value | None:
        try:
            return self._normalise(text, ctx, tense)
        except (ValueError, OverflowError, ArithmeticError, IndexError):
            return None  # a date beyond the calendar ("Christmas" in year 9999 + 1): no tag, never a crash

    def _normalise(self, text: str, ctx: Context, tense: str | None) -> Value | None:
        words = self.words(text)
        if not words:
            return None
        found = self._vague(words)
        if found:
            return found
        mod, words = self._strip_mods(words)
        if not words:
            return None
        found = self._vague(words) or self._holiday(words, ctx, tense)
        if found:
            return Value(found.type, found.value, mod)
        items = self.reader.read(words, ctx.anchor)
        value = self._read(items, ctx, tense)
        if value is None and mod and len(words) == 1 and items.part:  # "mid afternoon", "late evening"
            value = Value("TIME", f"{fmt(ctx.anchor, 'D')}T{items.part}")
        if value is None:
            return None
        if value.type == "DATE" and (items.years or items.months or items.numdate or items.weekday is not None
                                     or items.deictic is not None):
            ctx.note(value.value)
        return Value(value.type, value.value, mod or value.mod)

    # -- reading words ---------------------------------------------------------------------------------

    def _vague(self, words: list[str]) -> Value | None:
        hit = self.lex.vague.get(" ".join(words))
        return Value(hit[0], hit[1]) if hit else None

    def _holiday(self, words: list[str], ctx: Context, tense: str | None) -> Value | None:
        """A named day ("Thanksgiving Day", "last Christmas", "Christmas 1998") in the year it points to."""
        text = " ".join(words).replace(" s ", "'s ").replace(" s", "'s")
        year: int | None = None
        det = 0
        for w in self.lex.det_relative:
            if text.startswith(w + " "):
                det, text = self.lex.det_relative[w], text[len(w) + 1:]
                break
        if text.startswith("the "):
            text = text[4:]
        m = re.match(r"(.*?),? (\d{4})$", text)
        if m:
            text, year = m.group(1), int(m.group(2))
        week = text.endswith(" week") and text[:-5] in self.lex.holidays  # "Easter week": the week of Easter
        rule = self.lex.holidays.get(text[:-5] if week else text)
        if rule is None:
            return None
        anchor = ctx.anchor
        if year is None:
            if anchor is None:
                day = holiday(rule, 2000) if rule.startswith("fixed") else None  # movable feasts need a year
                return Value("DATE", "XXXX-WXX" if week else f"XXXX-{day:%m-%d}" if day else "XXXX-XX-XX")
            year = anchor.year
            this = holiday(rule, year)
            if this is None:
                return None
            direction = "last" if det < 0 else "next" if det > 0 else tense or ""
            if direction in ("last", "past") and this > anchor + (SLACK if direction == "past" else dt.timedelta(0)):
                year -= 1
            elif direction in ("next", "future") and this < anchor:
                year += 1
            elif direction not in ("last", "past", "next", "future"):
                year = month_year(anchor, this.month, "")
        day = holiday(rule, year)
        return Value("DATE", fmt(day, "W") if week else day.isoformat()) if day else None

    def _strip_mods(self, words: list[str]) -> tuple[str | None, list[str]]:
        mod = None
        for n in range(min(self.max_mod, len(words) - 1), 0, -1):
            m = self.pre_mods.get(" ".join(words[:n]))
            if m:
                mod, words = m.mod, words[n:]
                break
        for n in range(min(self.max_mod, len(words) - 1), 0, -1):
            m = self.post_mods.get(" ".join(words[-n:]))
            if m:
                mod, words = mod or m.mod, words[:-n]
                break
        return mod, words

    def _read(self, it: Items, ctx: Context, tense: str | None) -> Value | None:
        anchor = ctx.anchor
        if it.set_adverb:
            return Value("SET", it.set_adverb)
        if it.every or it.weekday is not None and it.plural_part:
            return self._set(it)
        if it.numdate:
            y, mo, d = it.numdate
            if not y:
                y = anchor.year if anchor else 0
            day = safe_date(y, mo, d) if d and y else None
            return Value("DATE", day.isoformat() if day else f"{y:04d}-{mo:02d}" if y else f"XXXX-{mo:02d}")
        if it.clock is not None:
            return self._clock(it, ctx, tense)
        if it.deictic is not None:
            offset, part = it.deictic
            part = part or it.part or ""
            day = shift(anchor, offset, "D") if anchor else None
            base = fmt(day, "D")
            return Value("TIME", f"{base}T{part}") if part else Value("DATE", base)
        if it.decade:
            return Value("DATE", it.decade)
        if it.half:
            year = self._year(it, anchor) or (anchor.year if anchor else None)
            return Value("DATE", f"{year:04d}-H{it.half}" if year else f"XXXX-H{it.half}")
        quarter = [u for u, _ in it.units if u.code == "Q"]
        if quarter:
            return self._quarter(it, ctx, tense)
        if it.months:
            value = self._month(it, anchor, tense)
            if value and len(value.value) == 10 and it.head is not None and it.units[it.head][0].code == "W":
                day = dt.date.fromisoformat(value.value)  # "the week of March 6": that date's week
                return Value("DATE", fmt(day, "W"))
            return value
        if it.season:
            return self._season(it, anchor, tense)
        if it.weekday is not None:
            return self._weekday(it, anchor, tense)
        if it.units:
            return self._unit(it, ctx, tense)
        if it.years:
            return Value("DATE", f"{it.years[0]:04d}")
        if it.part and len(it.nums) == 1 and not it.units and it.nums[0] in CLOCK_HOURS:
            hour = int(it.nums[0])  # "4 in the morning", "11 at night", "6 in the evening"
            it.clock = (hour + 12 if it.part in ("AF", "EV") and hour < 12 or it.part == "NI" and 6 <= hour < 12
                        else hour, 0)
            return self._clock(it, ctx, tense)
        if it.part and (it.has_det or it.the):
            base = ctx.reference[0] if it.anaphoric and ctx.reference and ctx.reference[1] == "D" else anchor
            day = shift(base, it.det or 0, "D") if base else None  # "last night", "the next morning"
            return Value("TIME", f"{fmt(day, 'D')}T{it.part}")
        return None

    def _set(self, it: Items) -> Value | None:
        if it.weekday is not None:
            return Value("SET", f"XXXX-WXX-{it.weekday}" + (f"T{it.part}" if it.part else ""))
        if it.months:
            return Value("SET", f"XXXX-{it.months[0]:02d}")
        if it.season:
            return Value("SET", f"XXXX-{it.season}")
        if it.units:
            unit = it.units[0][0]
            n = it.nums[0] if it.nums else 1.0
            return Value("SET", duration(n, unit))
        if it.part:
            return Value("SET", f"XXXX-XX-XXT{it.part}")
        return None

    def _date_of(self, it: Items, ctx: Context, tense: str | None) -> str:
        """The day an expression with a clock time or part of day falls on."""
        anchor = ctx.anchor
        if it.weekday is not None:
            return self._weekday_date(it, anchor, tense)
        if it.deictic is not None and anchor:
            return shift(anchor, it.deictic[0], "D").isoformat()
        if it.months and (it.nums or it.ords):
            v = self._month(it, anchor, tense)
            if v and len(v.value) == 10:
                return v.value
        if ctx.reference and ctx.reference[1] == "D":
            return ctx.reference[0].isoformat()  # "at 10:35 a.m.": on the day the story is telling
        return fmt(anchor, "D")

    def _clock(self, it: Items, ctx: Context, tense: str | None) -> Value | None:
        assert it.clock is not None
        hour, minute = it.clock
        if not (0 <= hour <= 24 and 0 <= minute <= 59):
            return None
        return Value("TIME", f"{self._date_of(it, ctx, tense)}T{hour:02d}:{minute:02d}")

    def _quarter(self, it: Items, ctx: Context, tense: str | None) -> Value | None:
        """Quarters of financial news: "the third quarter", "the year-ago quarter", "last year's quarter";
        a quarter with no number is the one the article last named (else the last finished one)."""
        anchor = ctx.anchor
        nth = next((o for o in it.ords if 1 <= o <= 4), None)
        plural = any(p for u, p in it.units if u.code == "Q")
        if nth is None and (it.nums or plural) and not it.has_det and it.post is None:
            return Value("DURATION", duration(it.nums[0] if it.nums else "X", Unit("Q", 1, False)))
        if anchor is None and not it.years:
            return Value("DATE", f"XXXX-Q{nth or 'X'}")
        current = (anchor.year, (anchor.month - 1) // 3 + 1) if anchor else (it.years[0], 1)
        if nth is None and it.det == 0 and it.has_det and not it.anaphoric and not it.post \
                and not any(u.code == "Y" for u, _ in it.units):
            return Value("DATE", f"{current[0]:04d}-Q{current[1]}")  # "this quarter", "the current quarter"
        last_named = ctx.quarter or _add_quarters(current, -1)
        if nth is None and it.det in (-1, 1) and not any(u.code == "Y" for u, _ in it.units):
            y, q = _add_quarters(current, it.det)  # "last quarter", "next quarter"
            return Value("DATE", f"{y:04d}-Q{q}")
        q = nth or last_named[1]
        year_shift = 0
        if any(u.code == "Y" for u, _ in it.units):
            year_shift = it.det if it.det else it.post if it.post == -1 else 0
        if it.years:
            y = it.years[0]
        elif nth is not None:
            y = current[0] + year_shift
            if not year_shift and tense == "past" and nth > current[1]:
                y -= 1  # "the fourth quarter" told in the past tense in January: last year's
        else:
            y = last_named[0] + year_shift
        if nth is not None:
            ctx.quarter = (y, q)
        return Value("DATE", f"{y:04d}-Q{q}")

    def _year(self, it: Items, anchor: dt.date | None) -> int | None:
        """An explicit or relative year ("1998", "last year", "this year") inside the expression."""
        if it.years:
            return it.years[0]
        if anchor and any(u.code == "Y" for u, _ in it.units) and it.has_det:
            return anchor.year + (it.det or 0)
        return None

    @staticmethod
    def _this(it: Items) -> bool:
        """"this September", "this summer": the one of the publication year, whichever way it lies."""
        return it.has_det and it.det == 0 and not it.anaphoric

    def _direction(self, it: Items, tense: str | None) -> str:
        if it.det == -1:
            return "last"
        if it.det == 1:
            return "next"
        return tense or ""

    def _month(self, it: Items, anchor: dt.date | None, tense: str | None) -> Value | None:
        month = it.months[0]
        days = [int(n) for n in it.nums if isinstance(n, float) and n == int(n) and 1 <= n <= 31] + \
               [o for o in it.ords if 1 <= o <= 31]
        year = self._year(it, anchor)
        if not days:
            if year is None:
                if anchor is None:
                    return Value("DATE", f"XXXX-{month:02d}")
                year = anchor.year if self._this(it) else month_year(anchor, month, self._direction(it, tense))
            return Value("DATE", f"{year:04d}-{month:02d}")
        day = days[0]
        if year is None:
            if anchor is None:
                valid = safe_date(2000, month, day) is not None  # 2000: a leap year, so February 29 is valid
                return Value("DATE", f"XXXX-{month:02d}-{day:02d}" if valid else f"XXXX-{month:02d}")
            year = anchor.year
            guess = safe_date(year, month, day)
            direction = self._direction(it, tense)
            if guess and (direction == "last" and guess >= anchor or direction == "past" and guess > anchor + SLACK):
                year -= 1
            elif guess and (direction == "next" and guess <= anchor or direction == "future" and guess < anchor - SLACK):
                year += 1
            elif guess and direction not in ("past", "last", "future", "next"):
                year = month_year(anchor, month, direction)
        real = safe_date(year, month, day)
        return Value("DATE", real.isoformat() if real else f"{year:04d}-{month:02d}")

    def _season(self, it: Items, anchor: dt.date | None, tense: str | None) -> Value:
        assert it.season is not None
        year = self._year(it, anchor)
        if year is None:
            if anchor is None:
                return Value("DATE", f"XXXX-{it.season}")
            year = anchor.year if self._this(it) else month_year(
                anchor, SEASON_MONTH[it.season], self._direction(it, tense))
        return Value("DATE", f"{year:04d}-{it.season}")

    def _weekday_date(self, it: Items, anchor: dt.date | None, tense: str | None) -> str:
        assert it.weekday is not None
        if anchor is None:
            return f"XXXX-WXX-{it.weekday}"
        direction = {"last": "last", "next": "next", "past": "past", "future": "future",
                     "present": "near"}.get(self._direction(it, tense), "past")
        return weekday_date(anchor, it.weekday, direction).isoformat()

    def _weekday(self, it: Items, anchor: dt.date | None, tense: str | None) -> Value:
        base = self._weekday_date(it, anchor, tense)
        if it.part:
            return Value("TIME", f"{base}T{it.part}")
        return Value("DATE", base)

    def _unit(self, it: Items, ctx: Context, tense: str | None) -> Value | None:
        anchor = ctx.anchor
        # the head noun: "the year-earlier nine months" is about months, "nine months of the year" too
        unit, plural = it.units[-1 if it.head is None else it.head]
        qty = it.nums[-1] if it.nums else None  # the number nearest the unit ("up from seven a year ago")
        if it.post_before_unit:
            it.post = None  # "year-earlier" only qualifies the head noun that follows
        if it.end and unit.code == "Y" and qty is None and not it.has_det and anchor:
            year = anchor.year - (1 if tense in ("past", "last") else 0)  # "since year-end", "by year-end"
            return Value("DATE", f"{year:04d}", "END")
        if it.post is not None and (qty is not None or not plural):
            n = 1.0 if qty is None else qty
            if n == "X":
                return Value("DATE", "PAST_REF" if it.post < 0 else "FUTURE_REF")
            if unit.clock:
                return Value("DURATION", duration(n, unit))
            if unit.code == "Y" and n == 1 and it.post < 0 and ctx.quarter and (
                    qty is None or anchor and ctx.quarter[0] == anchor.year):
                y, q = ctx.quarter  # "a year earlier" in a quarterly report: the same quarter a year before
                return Value("DATE", f"{y - 1:04d}-Q{q}")
            steps = int(round(float(n) * unit.size)) * it.post
            code = "D" if unit.code == "WE" else unit.code
            day = shift(anchor, steps, code) if anchor else None
            gran = {"E": "Y", "C": "Y", "L": "Y"}.get(code, code)
            return Value("DATE", fmt(day, gran))
        if qty is not None:
            return Value("DURATION", duration(qty, unit))
        if unit.clock:
            return None
        if it.has_det and not plural:
            code = unit.code
            if it.anaphoric and ctx.reference and "YMD".index(ctx.reference[1]) >= "YMD".find(code) >= 0:
                return Value("DATE", fmt(shift(ctx.reference[0], it.det or 0, code), code))
            if it.anaphoric and ctx.reference and code in ("D", "W") and ctx.reference[1] in ("M", "Y"):
                # "Last September, Beck called Palin a clown. He apologized the next day": a day of that month,
                # which is all the story says (the publication date is no anchor for "the next day")
                return Value("DATE", fmt(ctx.reference[0], ctx.reference[1]))
            if code == "WE":
                return Value("DATE", self._weekend(anchor, it.det or 0, tense))
            if anchor is None:
                return Value("DATE", fmt(None, code))
            if code == "L":
                return None
            return Value("DATE", fmt(shift(anchor, it.det or 0, code), code))
        if plural:
            return Value("DURATION", duration("X", unit))
        if unit.code == "WE":
            return Value("DATE", self._weekend(anchor, 0, tense))
        if it.ords and unit.code == "C":
            return Value("DATE", f"{it.ords[0] - 1:02d}")
        if unit.code in ("Y", "M", "W", "D") and (it.the or it.years):
            if it.years:
                return Value("DATE", f"{it.years[0]:04d}")
            return Value("DATE", fmt(anchor, unit.code))
        return Value("DURATION", duration(1.0, unit))

    def _weekend(self, anchor: dt.date | None, det: int, tense: str | None) -> str:
        if anchor is None:
            return "XXXX-WXX-WE"
        direction = "last" if det < 0 else "next" if det > 0 else "future" if tense == "future" else "past"
        return fmt(weekday_date(anchor, 6, direction), "WE")


def _add_quarters(yq: tuple[int, int], n: int) -> tuple[int, int]:
    total = yq[0] * 4 + yq[1] - 1 + n
    return total // 4, total % 4 + 1


def duration(n: float | str, unit: Unit) -> str:
    """A TIMEX3 duration: duration(2, week) -> P2W, duration(X, year) -> PXY, 1.5 years -> P18M."""
    code, size = unit.code, unit.size
    if code == "WE":
        code, size = "D", 2 * size
    prefix = "PT" if unit.clock else "P"
    if code in ("E", "C") and n not in ("X", 1.0):
        code, size = "Y", (10 if code == "E" else 100) * size  # "two decades" -> P20Y, "a decade" -> P1E
    if n == "X":
        return f"{prefix}X{code}"
    assert isinstance(n, float)
    total = n * size
    if total != int(total):
        smaller = ({"H": ("M", 60), "M": ("S", 60)} if unit.clock else
                   {"Y": ("M", 12), "D": ("H", 24), "W": ("D", 7), "M": ("D", 30)}).get(code)
        if smaller and code == "Y":
            return f"P{int(total)}Y{int(round((total - int(total)) * 12))}M" if int(total) else \
                f"P{int(round(total * 12))}M"
        if smaller and unit.clock and int(total):  # "an hour and a half" -> PT1H30M
            return f"PT{int(total)}{code}{round((total - int(total)) * 60)}{smaller[0]}"
        if smaller:  # "a half day" -> PT12H: hours are written after the T
            return f"{'PT' if smaller[0] == 'H' else prefix}{round(total * smaller[1])}{smaller[0]}"
    return f"{prefix}{int(total)}{code}"
