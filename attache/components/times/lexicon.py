"""The time lexicons (attache/lexicons/time_*.tsv) loaded once into lookup tables."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...lexicons import read_lines, read_table


@dataclass(frozen=True)
class Unit:
    code: str  # TIMEX3 letter: Y M W D H M S E C L, Q (quarter) or WE (weekend)
    size: int
    clock: bool  # below a day: written after a T in a duration


@dataclass(frozen=True)
class Mod:
    mod: str
    position: str  # pre | post | before (a preposition outside the extent)
    in_span: bool


@dataclass(frozen=True)
class TimeLexicon:
    """Every word list the times component reads, keyed by lower-case word."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    units: dict[str, Unit]
    numbers: dict[str, str]  # word -> value ("3", "X", "0.5")
    ordinals: dict[str, int]
    day_parts: dict[str, str]
    clock_words: dict[str, int]
    seasons: dict[str, str]
    vague: dict[str, tuple[str, str]]  # phrase -> (type, value)
    vague_find: tuple[str, ...]  # phrases to look for in text
    deictic: dict[str, tuple[int, str]]  # word -> (day offset, part of day)
    mods: dict[str, Mod]
    set_adverbs: dict[str, str]
    set_quantifiers: frozenset[str]
    rate_articles: frozenset[str]  # "a" in "$1 billion a year"
    quantity_words: frozenset[str]  # "more" in "two more weeks"
    det_relative: dict[str, int]
    post_relative: dict[str, int]
    tense_words: dict[str, str]
    anaphoric: frozenset[str]
    holidays: dict[str, str]  # phrase -> rule (see time_holidays.tsv)


@lru_cache(maxsize=1)
def load() -> TimeLexicon:
    """Read the time_* lexicons (cached: one read per process)."""
    months = {r["word"]: int(r["month"]) for r in read_table("time_months.tsv")}
    ambiguous = frozenset(r["word"] for r in read_table("time_months.tsv") if r["ambiguous"] == "1")
    numbers: dict[str, str] = {}
    ordinals: dict[str, int] = {}
    for r in read_table("time_numbers.tsv"):
        if r["ordinal"] == "1":
            ordinals[r["word"]] = int(r["value"])
        else:
            numbers[r["word"]] = r["value"]
    parts = read_table("time_parts.tsv")
    vague_rows = read_table("time_vague.tsv")
    sets = read_table("time_sets.tsv")
    relative = read_table("time_relative.tsv")
    return TimeLexicon(
        months=months,
        ambiguous_months=ambiguous,
        weekdays={r["word"]: int(r["weekday"]) for r in read_table("time_weekdays.tsv")},
        units={r["word"]: Unit(r["unit"], int(r["size"]), r["time"] == "1") for r in read_table("time_units.tsv")},
        numbers=numbers,
        ordinals=ordinals,
        day_parts={r["word"]: r["code"] for r in parts if r["kind"] == "day"},
        clock_words={r["word"]: int(r["code"]) for r in parts if r["kind"] == "clock"},
        seasons={r["word"]: r["code"] for r in parts if r["kind"] == "season"},
        vague={r["phrase"]: (r["type"], r["value"]) for r in vague_rows},
        vague_find=tuple(r["phrase"] for r in vague_rows if r["find"] == "1"),
        deictic={r["word"]: (int(r["offset"]), r["part"] or "") for r in read_table("time_deictic.tsv")},
        mods={r["phrase"]: Mod(r["mod"], r["position"], r["in_span"] == "1") for r in read_table("time_mods.tsv")},
        set_adverbs={r["word"]: r["value"] for r in sets if r["kind"] == "adverb"},
        set_quantifiers=frozenset(r["word"] for r in sets if r["kind"] == "quantifier"),
        rate_articles=frozenset(r["word"] for r in sets if r["kind"] == "rate"),
        quantity_words=frozenset(read_lines("time_quantity_words.txt")),
        det_relative={r["word"]: int(r["direction"]) for r in relative if r["kind"] == "det"},
        post_relative={r["word"]: int(r["direction"]) for r in relative if r["kind"] == "post"},
        holidays={r["phrase"]: r["rule"] for r in read_table("time_holidays.tsv")},
        anaphoric=frozenset(r["word"] for r in relative if r["anaphoric"] == "1"),
        tense_words={r["word"]: r["tense"] for r in read_table("time_tense.tsv")},
    )
