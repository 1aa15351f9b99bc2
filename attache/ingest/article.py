"""The unit every reader yields and the pipeline consumes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import InputError


@dataclass
class Article:
    """One article as read: `text` exactly as found (for HTML, the extracted body)."""

    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "<text>"  # where it came from, for error messages: a path, "path:line", "-"


def parse_published(value: str | dt.date | dt.datetime | None, origin: str = "<argument>") -> str | None:
    """Normalise a publication date to ISO `YYYY-MM-DD`; raise E006 naming `origin` when it is not one."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return (parsed.date() if isinstance(parsed, dt.datetime) else parsed).isoformat()
    raise InputError("E006", value=value, path=origin)
