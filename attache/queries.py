"""One query object per listing of the store (quotes, people, events, articles), parsed and validated once
from command-line options or HTTP parameters (dates are dates, enums are enums), executed by the store and
used alike by the CLI, the API and the pages. A bad value is error E040 naming the option (the API answers
it with 422).

`Query(...)` takes values as they are (the store's Python API: any text gives results or nothing);
`Query.parse(...)` checks them first, naming each bad one as `style` spells options ("cli": `--since`).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from .errors import ArgumentError

DATE_FILTER = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QUOTE_KINDS = ("direct", "indirect", "mixed")
SOURCE_GROUPS = ("month", "outlet")
# PLOVER 2.0 event types (the events component's vocabulary, attache/lexicons/event_triggers.tsv).
EVENT_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
               "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
# spaCy's English entity labels (OntoNotes).
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                "LANGUAGE")

Q = TypeVar("Q", bound="Query")


def period(value: str | None, option: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of YYYY, YYYY-MM or YYYY-MM-DD; E040 unless it is a real date."""
    if value is None:
        return None
    m = DATE_FILTER.match(value)
    if not m:
        raise ArgumentError("E040", option=option, value=value, reason="expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        first = dt.date(year, month, day)
    except ValueError as exc:
        raise ArgumentError("E040", option=option, value=value, reason=f"not a calendar date: {exc}") from None
    if m[3]:
        return first, first
    if m[2]:
        return first, first.replace(day=calendar.monthrange(year, month)[1])
    return first, first.replace(month=12, day=31)


def choice(value: str | None, option: str, valid: tuple[str, ...], upper: bool = False) -> str | None:
    """`value` if it is one of `valid` (case folded as `valid` is written); E040 listing them if not."""
    if value is None or value == "":
        return None
    folded = value.strip().upper() if upper else value.strip().lower()
    if folded not in valid:
        raise ArgumentError("E040", option=option, value=value, reason="one of " + ", ".join(valid))
    return folded


def name(value: str, option: str) -> str:
    """A non-empty name or id."""
    if not value.strip():
        raise ArgumentError("E040", option=option, value=value, reason="must not be empty")
    return value.strip()


def _day(value: dt.date | str | None, option: str, last: bool) -> dt.date | None:
    """A date bound: a date as it is, text as the first (`since`) or last (`until`) day it names."""
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    found = period(str(value), option)
    return found[1] if last and found else found[0] if found else None


@dataclass(frozen=True)
class Query:
    """What every listing shares: a page (`limit` rows after the cursor `after`, the `next` of the page before;
    `offset` only for the corpus listings ranked in memory) and, for most, a date range."""

    limit: int = 50
    offset: int = 0
    after: str | None = None
    CHOICES: ClassVar[dict[str, tuple[tuple[str, ...], bool]]] = {}  # field -> (valid values, upper-case)
    UPPER: ClassVar[tuple[str, ...]] = ()  # fields compared in upper case (codes, types)

    def __post_init__(self) -> None:
        for f in self.UPPER:
            value = getattr(self, f)
            if value:
                object.__setattr__(self, f, value.upper())
        for f, last in (("since", False), ("until", True)):
            if hasattr(self, f):
                object.__setattr__(self, f, _day(getattr(self, f), f, last))

    @classmethod
    def of(cls: type[Q], query: Q | None = None, **values: Any) -> Q:
        """`query` itself, or one made of keyword values (the store's Python API)."""
        if query is not None:
            return dataclasses.replace(query, **values) if values else query
        return cls(**values)

    @classmethod
    def parse(cls: type[Q], style: str = "cli", **values: Any) -> Q:
        """A query from options as typed: enums checked against their vocabulary, dates against the calendar,
        each bad value E040 naming the option as `style` ("cli" or "http") spells it."""
        def option(field: str) -> str:
            return "--" + field.replace("_", "-") if style == "cli" else field

        for field, (valid, upper) in cls.CHOICES.items():
            values[field] = choice(values.get(field), option(field), valid, upper)
        for field, last in (("since", False), ("until", True)):
            if field in values:
                values[field] = _day(values[field], option(field), last)
        return cls(**values)


@dataclass(frozen=True)
class QuoteQuery(Query):
    """Quotes by speaker name, words in their content, speaker's person id, publication dates, article, kind."""

    speaker: str | None = None
    search: str | None = None
    person: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None
    kind: str | None = None
    CHOICES: ClassVar[dict[str, tuple[tuple[str, ...], bool]]] = {"kind": (QUOTE_KINDS, False)}


@dataclass(frozen=True)
class PeopleQuery(Query):
    """People and organisations by part of the name and entity type."""

    search: str | None = None
    type: str | None = None
    CHOICES: ClassVar[dict[str, tuple[tuple[str, ...], bool]]] = {"type": (ENTITY_TYPES, True)}
    UPPER: ClassVar[tuple[str, ...]] = ("type",)


@dataclass(frozen=True)
class EventQuery(Query):
    """Events by type, actor and recipient country, the event's date, article and person taking part."""

    type: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None
    person: str | None = None
    CHOICES: ClassVar[dict[str, tuple[tuple[str, ...], bool]]] = {"type": (EVENT_TYPES, True)}
    UPPER: ClassVar[tuple[str, ...]] = ("type", "actor_country", "recipient_country")


@dataclass(frozen=True)
class ArticleQuery(Query):
    """Articles by words, source, publication dates and the country of a place they name."""

    search: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    UPPER: ClassVar[tuple[str, ...]] = ("country",)


@dataclass(frozen=True)
class SourcesQuery(Query):
    """Who gets quoted: statements by publication dates and outlet, optionally broken down by month or outlet."""

    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    by: str | None = None
    CHOICES: ClassVar[dict[str, tuple[tuple[str, ...], bool]]] = {"by": (SOURCE_GROUPS, False)}


@dataclass(frozen=True)
class TimelineQuery(Query):
    """A person's quotes and events by date."""

    person: str = ""


@dataclass(frozen=True)
class SearchQuery(Query):
    """Full-text search over articles and quotes at once."""

    search: str = ""
