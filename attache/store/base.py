"""The one Store interface every engine implements (table shapes: store/tables.py)."""

from __future__ import annotations

import abc
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..queries import ArticleQuery, EventQuery, PeopleQuery, QuoteQuery, SourcesQuery
from ..record import Analysis

SCHEMA_VERSION = 10
WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_DB = "attache.db"  # the store when none is named
MAX_LIMIT = 1000  # no query returns more rows than this, whatever the caller asks
# Full-text search ranks at most this many matches, the most recently stored first (SQLite; PostgreSQL: any
# this many): a word in half a million quotes costs what a rare one does. SQLite reads each ranked match's
# text to rank it (store/sqlite.py), so the pools are what a query costs: 500 quotes, 100 articles (long).
RANK_POOL = 500
ARTICLE_POOL = 100


class Store(abc.ABC):
    """Keeps analysis records and answers queries over them. Never imports spaCy.

    Every listing takes its query object (attache.queries: QuoteQuery, PeopleQuery, EventQuery,
    ArticleQuery) or the same fields as keywords; it is paged by key (`limit` rows after the cursor `after`;
    the page's `next` attribute is the cursor of the page after it), parameterised, and returns plain dicts
    (JSON-ready). Dates (`since`, `until`) are compared with the article's publication date
    (quotes, articles) or the event's own date when it has one.
    """

    location: str

    @abc.abstractmethod
    def add_many(self, records: Iterable[Analysis]) -> int:
        """Store records in one transaction, replacing any with the same id; returns how many."""

    @abc.abstractmethod
    def bulk_load(self, records: Iterable[Analysis], batch_size: int = 1000) -> int:
        """Store a stream of records (any number) in batched transactions; returns how many."""

    def add(self, record: Analysis) -> None:
        self.add_many([record])

    @abc.abstractmethod
    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""

    @abc.abstractmethod
    def count(self, table: str = "articles") -> int:
        """Rows in one of the tables (articles, entities, quotes, times, places, events, people)."""

    @abc.abstractmethod
    def get(self, article_id: str) -> Analysis | None:
        """The stored record of an article."""

    @abc.abstractmethod
    def quotes(self, query: QuoteQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        """Quotes, newest article first (best match first with `search`), filtered by speaker name, words
        in their content, speaker's person id, publication date range, article id and kind."""

    @abc.abstractmethod
    def sources_report(self, query: SourcesQuery | None = None, /, **filters: Any) -> dict[str, Any]:
        """Who gets quoted: statements and distinct speakers by gender, speaker type, actor country and
        sector, overall or by month or outlet (store/sources.py)."""

    @abc.abstractmethod
    def people(self, query: PeopleQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        """People and organisations across articles, with counts of mentions, quotes and articles."""

    @abc.abstractmethod
    def person(self, person_id: str) -> dict[str, Any] | None:
        """One person or organisation with their counts and the titles seen with them."""

    @abc.abstractmethod
    def timeline(self, person_id: str, limit: int = 200, offset: int = 0,
                 after: str | None = None) -> list[dict[str, Any]]:
        """A person's quotes and events by date (oldest first): rows with `date`, `what` (quote|event); the
        page after the cursor `after` (the `next` of the page before)."""

    @abc.abstractmethod
    def events(self, query: EventQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        """Events, newest first, with their actors and recipients (names, countries, sectors)."""

    @abc.abstractmethod
    def articles(self, query: ArticleQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        """Articles (no text), newest first or best match first, by words, source, date and place country."""

    @abc.abstractmethod
    def search(self, words: str, limit: int = 20, offset: int = 0,
               after: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Full-text search over articles and quotes, each ranked best first; `next` is the cursor of both
        lists' next pages."""

    def stats(self) -> dict[str, int]:
        """How many rows each table holds."""
        return {t: self.count(t) for t in ("articles", "people", "quotes", "events", "times", "places")}

    def event_types(self) -> list[str]:
        """The event types present (for filters)."""
        return []

    def sources(self) -> list[str]:
        """The article sources present (for filters)."""
        return []

    def rebuild_people(self) -> dict[str, int]:
        """Re-derive every join of entities into people from the stored entities (no re-analysis), in order of
        publication: a wrong merge made at ingest is undone by a rebuild with better rules."""
        raise NotImplementedError

    @abc.abstractmethod
    def article_people(self, article_id: str) -> dict[str, str]:
        """Entity id in one article -> its person id across the store."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def records(self) -> Iterator[Analysis]:
        """Every stored record (override for streaming)."""
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def page(limit: int, offset: int) -> tuple[int, int]:
    """A bounded page: 1 <= limit <= MAX_LIMIT, offset >= 0."""
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def fts_query(words: str) -> str:
    """A full-text query that matches all the words, whatever syntax characters the user typed."""
    return " ".join(f'"{w}"' for w in WORD.findall(words))


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with `%`, `_` and `\\` taken literally (ESCAPE '\\')."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def canonical(name: str) -> str:
    """The key under which names are the same entity across articles: spacing and case folded."""
    return " ".join(name.split()).casefold()
