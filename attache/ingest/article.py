"""The unit every reader yields and the pipeline consumes."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field

from ..errors import InputError, warning
from ..record import article_id

EARLIEST = dt.date(1800, 1, 1)
# Unambiguous spellings of a date found in an article's own metadata (not in its text).
FORMATS = ("%Y/%m/%d", "%Y%m%d", "%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y",
           "%Y.%m.%d")
NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


@dataclass
class Article:
    """One article as read: `text` exactly as found (for HTML, the extracted body)."""

    text: str
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "<text>"  # where it came from, for error messages: a path, "path:line", "-"
    id: str | None = None  # an id the input gives (JSON Lines `id`); else the record id is the text's hash
    warnings: list[dict[str, str]] = field(default_factory=list)  # reader warnings for the record
    title_derived: bool = False  # the title was made from the text or file name, not given: not in the id

    def record_id(self) -> str:
        """The id its record will have (see attache.record.article_id)."""
        title = None if self.title_derived else self.title
        return article_id(self.text, self.id, (self.published, title, self.source, self.url))


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


def metadata_date(value: str, origin: str) -> tuple[str | None, dict[str, str] | None]:
    """A date from an article's own metadata: ISO or another unambiguous spelling; otherwise no date and
    warning W005 (the article is analysed undated rather than lost)."""
    try:
        return parse_published(value, origin), None
    except InputError:
        pass
    text = " ".join(value.split())
    for fmt in FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat(), None
        except ValueError:
            continue
    found = _numeric(text) or _rfc2822(text)
    if found:
        return found, None
    return None, warning("W005", value=value, path=origin)


def _numeric(text: str) -> str | None:
    """`25-12-2009` or `12/25/2009`: only when one number cannot be a month (`03-02-2009` stays unread)."""
    m = NUMERIC.match(text)
    if not m:
        return None
    a, b, year = int(m[1]), int(m[2]), int(m[3])
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def implausible(published: str | None, origin: str) -> dict[str, str] | None:
    """Warning W006 for a publication date in the future or before 1800 (such dates are not used)."""
    if not published:
        return None
    date = dt.date.fromisoformat(published)
    if date < EARLIEST or date > dt.date.today() + dt.timedelta(days=1):
        return warning("W006", value=published, path=origin)
    return None
