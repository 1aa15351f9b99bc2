"""Validation of query filters, shared by the command line and the HTTP API: dates are dates, enums are
enums. A bad value is error E040 naming the option (the API answers it with 422)."""

from __future__ import annotations

import datetime as dt
import re

from .errors import ArgumentError

DATE_FILTER = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QUOTE_KINDS = ("direct", "indirect", "mixed")
# PLOVER 2.0 event types (the events component's vocabulary, attache/lexicons/event_triggers.tsv).
EVENT_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE",
               "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
# spaCy's English entity labels (OntoNotes).
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                "LANGUAGE")


def date_filter(value: str | None, option: str) -> str | None:
    """A date filter that is a real date: YYYY, YYYY-MM or YYYY-MM-DD (2022-02-30 is not)."""
    if value is None:
        return None
    m = DATE_FILTER.match(value)
    if not m:
        raise ArgumentError("E040", option=option, value=value, reason="expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ArgumentError("E040", option=option, value=value, reason=f"not a calendar date: {exc}") from None
    return value


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
