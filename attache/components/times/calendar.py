"""Calendar arithmetic for TIMEX3 values: shifting an anchor date by units and writing it at a granularity.

Every function takes the anchor (the publication date) or None; with None it returns the unanchored
TIMEX3 form at the same granularity (XXXX, XXXX-XX, XXXX-WXX, XXXX-XX-XX), never a guess from the clock.
"""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter

MIN_YEAR, MAX_YEAR = 1, 9998  # what datetime can hold, with room for a shift of a year
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}  # a month inside each season, for ordering
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 1}  # the first month of each season a year names
UNANCHORED = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "E": "XXX", "C": "XX",
              "Q": "XXXX-QX", "WE": "XXXX-WXX-WE"}


def add_months(day: dt.date, n: int) -> dt.date:
    """`day` moved by n months (clamped to the month's last day and to datetime's range)."""
    total = day.year * 12 + day.month - 1 + n
    year, month = divmod(total, 12)
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    last = 31
    while True:
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            last -= 1


def shift(day: dt.date, n: int, unit: str) -> dt.date:
    """`day` moved by n units (Y M W D E C Q); out-of-range results are clamped."""
    if unit in ("Y", "E", "C"):
        return add_months(day, 12 * n * {"Y": 1, "E": 10, "C": 100}[unit])
    if unit in ("M", "Q"):
        return add_months(day, n * (3 if unit == "Q" else 1))
    days = n * (7 if unit in ("W", "WE") else 1)
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return day


def fmt(day: dt.date | None, unit: str) -> str:
    """`day` written at the granularity of `unit` (Y -> 2018, M -> 2018-10, W -> 2018-W41, ...)."""
    if day is None:
        return UNANCHORED.get(unit, "XXXX-XX-XX")
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit in ("W", "WE"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "E":
        return f"{day.year // 10:03d}"
    if unit == "C":
        return f"{day.year // 100:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return day.isoformat()


def first_day(value: str) -> dt.date | None:
    """The first day a TIMEX3 date value covers ("1998-W49" its Monday, "1998-W49-WE" its Saturday, "1998-SU"
    the season's first month, "1998-Q2" April 1, "1998-12" December 1); None for what is no date."""
    try:
        if len(value) < 4 or not value[:4].isdigit():
            return None
        year = int(value[:4])
        rest = value[5:]
        if not rest:
            return dt.date(year, 1, 1)
        if rest[:1] == "W" and rest[1:3].isdigit():
            return dt.date.fromisocalendar(year, int(rest[1:3]), 6 if rest.endswith("-WE") else 1)
        if rest[:2] in SEASON_START:
            return dt.date(year, SEASON_START[rest[:2]], 1)
        if rest[:1] == "Q" and rest[1:2].isdigit():
            return dt.date(year, 3 * int(rest[1]) - 2, 1)
        if rest[:2].isdigit():
            return dt.date(year, int(rest[:2]), int(rest[3:5]) if rest[3:5].isdigit() else 1)
    except ValueError:
        return None
    return None


def last_day(value: str) -> dt.date | None:
    """The last day a TIMEX3 date value covers ("1998" December 31, "1998-W49" its Sunday, "1998-FA" the season's
    third month's end, "1998-12" December 31, "1998-12-04" that day); None for what is no date."""
    first = first_day(value)
    if first is None:
        return None
    rest = value[5:]
    if not rest:
        return dt.date(first.year, 12, 31)
    if rest[:1] == "W":
        return first + dt.timedelta(days=1 if rest.endswith("-WE") else 6)
    if rest[:2] in SEASON_START or rest[:1] == "Q":
        return add_months(first, 3) - dt.timedelta(days=1)
    if rest[:2].isdigit() and not rest[3:5].isdigit():
        return add_months(first, 1) - dt.timedelta(days=1)
    return first


def weekday_date(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of ISO `weekday` near `anchor`: `past` = on or before it, `future` = on or after it,
    `next`/`last` = strictly after/before, `near` = the closest one (ties go back)."""
    delta = weekday - anchor.isoweekday()
    if direction == "past":
        delta = delta - 7 if delta > 0 else delta
    elif direction == "last":
        delta = delta - 7 if delta >= 0 else delta
    elif direction == "future":
        delta = delta + 7 if delta < 0 else delta
    elif direction == "next":
        delta = delta + 7 if delta <= 0 else delta
    else:
        delta = delta - 7 if delta > 3 else delta + 7 if delta < -3 else delta
    return shift(anchor, delta, "D")


def month_year(anchor: dt.date, month: int, direction: str) -> int:
    """The year of `month` near `anchor`: past/last = the latest not after (last: before) the anchor's
    month, future/next = the earliest not before (next: after) it, otherwise the anchor's year."""
    year, cur = anchor.year, anchor.month
    if direction == "past" and month > cur + 1 or direction == "last" and month >= cur:
        return year - 1
    if direction == "future" and month < cur - 1 or direction == "next" and month <= cur:
        return year + 1
    if direction not in ("past", "last", "future", "next"):  # no tense: the nearest, leaning back
        return year - 1 if month - cur > 5 else year + 1 if cur - month > 7 else year
    return year


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A real calendar date, or None (February 30, year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The nth ISO weekday of a month (nth = -1: the last one)."""
    if nth > 0:
        first = safe_date(year, month, 1)
        if first is None:
            return None
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday(rule: str, year: int) -> dt.date | None:
    """The date of a holiday rule (time_holidays.tsv) in `year`."""
    kind, _, arg = rule.partition(":")
    try:
        if kind == "fixed":
            month, day = arg.split("-")
            return safe_date(year, int(month), int(day))
        if kind == "nth":
            nth, weekday, month = (int(x) for x in arg.split(":"))
            return nth_weekday(year, month, weekday, nth)
        if kind == "easter":
            return easter(year) + dt.timedelta(days=int(arg or 0))
        if kind == "election":  # the Tuesday after the first Monday of November
            monday = nth_weekday(year, 11, 1, 1)
            return monday + dt.timedelta(days=1) if monday else None
    except (ValueError, OverflowError):
        return None
    return None
