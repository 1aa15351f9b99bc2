"""The one Store interface every engine implements, and the row shapes records are flattened into."""

from __future__ import annotations

import abc
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..record import Analysis

SCHEMA_VERSION = 3
WORD = re.compile(r"\w+", re.UNICODE)
MAX_LIMIT = 1000  # no query returns more rows than this, whatever the caller asks
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

# Columns of each derived table, in the order `rows_of` fills them (INSERT statements are built from these).
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "source", "url", "published", "language", "text", "record", "fingerprint"),
    "entities": ("article_id", "id", "name", "type", "country", "sector", "titles", "n_mentions", "n_quotes"),
    "mentions": ("article_id", "entity_id", "start", '"end"', "text"),
    "quotes": ("article_id", "id", "kind", "start", '"end"', "content", "speaker_entity", "speaker_name",
               "speaker_text", "cue", "addressee", "time_value", "nested_in", "speaker_start", "speaker_end",
               "cue_start", "cue_end"),
    "times": ("article_id", "id", "start", '"end"', "text", "type", "value", "mod"),
    "places": ("article_id", "id", "start", '"end"', "text", "name", "kind", "country", "admin1", "lat", "lon",
               "geonames_id"),
    "events": ("article_id", "id", "type", "mode", "modality", "trigger", "actors", "recipients", "place_id",
               "time_id", "cameo", "sentence", "date", "place_name", "place_country", "lat", "lon"),
    "event_actors": ("article_id", "event_id", "role", "entity_id", "name", "country", "sector"),
}
DERIVED = ("entities", "mentions", "quotes", "times", "places", "events", "event_actors")


class Store(abc.ABC):
    """Keeps analysis records and answers queries over them. Never imports spaCy.

    Every query takes `limit`/`offset` (pages), is parameterised, and returns plain dicts (JSON-ready).
    Dates (`since`, `until`) are ISO `YYYY-MM-DD` strings, compared with the article's publication date
    (quotes, articles) or the event's own date when it has one.
    """

    location: str

    @abc.abstractmethod
    def add_many(self, records: Iterable[Analysis]) -> int:
        """Store records in one transaction, replacing any with the same id; returns how many."""

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
    def quotes(self, speaker: str | None = None, search: str | None = None, limit: int = 50, offset: int = 0,
               *, person: str | None = None, since: str | None = None, until: str | None = None,
               article: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
        """Quotes, newest article first (best match first with `search`), filtered by speaker name, words
        in their content, speaker's person id, publication date range, article id and kind."""

    @abc.abstractmethod
    def people(self, search: str | None = None, type: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        """People and organisations across articles, with counts of mentions, quotes and articles."""

    @abc.abstractmethod
    def person(self, person_id: str) -> dict[str, Any] | None:
        """One person or organisation with their counts and the titles seen with them."""

    @abc.abstractmethod
    def timeline(self, person_id: str, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """A person's quotes and events by date (oldest first): rows with `date`, `what` (quote|event)."""

    @abc.abstractmethod
    def events(self, type: str | None = None, actor_country: str | None = None,
               recipient_country: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 50, offset: int = 0, *, article: str | None = None,
               person: str | None = None) -> list[dict[str, Any]]:
        """Events, newest first, with their actors and recipients (names, countries, sectors)."""

    @abc.abstractmethod
    def articles(self, search: str | None = None, source: str | None = None, since: str | None = None,
                 until: str | None = None, country: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict[str, Any]]:
        """Articles (no text), newest first or best match first, by words, source, date and place country."""

    def search(self, words: str, limit: int = 20, offset: int = 0) -> dict[str, list[dict[str, Any]]]:
        """Full-text search over articles and quotes, each ranked best first."""
        return {"articles": self.articles(search=words, limit=limit, offset=offset),
                "quotes": self.quotes(search=words, limit=limit, offset=offset)}

    def stats(self) -> dict[str, int]:
        """How many rows each table holds."""
        return {t: self.count(t) for t in ("articles", "people", "quotes", "events", "times", "places")}

    def event_types(self) -> list[str]:
        """The event types present (for filters)."""
        return []

    def sources(self) -> list[str]:
        """The article sources present (for filters)."""
        return []

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


def rows_of(record: Analysis) -> dict[str, list[tuple[Any, ...]]]:
    """The record flattened into the rows of each table (article id first in every row); see COLUMNS."""
    a = record.id
    entities = {e.id: e for e in record.entities}
    times = {t.id: t for t in record.times}
    places = {p.id: p for p in record.places}
    said: dict[str, int] = {}
    for q in record.quotes:
        if q.speaker and q.speaker.entity:
            said[q.speaker.entity] = said.get(q.speaker.entity, 0) + 1

    def entity_name(eid: str | None) -> str | None:
        return entities[eid].name if eid in entities else None

    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [(a, record.title, record.source, record.url, record.published, record.language,
                      record.text, json.dumps(record.to_dict(), ensure_ascii=False), record.fingerprint)],
        "entities": [(a, e.id, e.name, e.type, e.actor.country if e.actor else None,
                      e.actor.sector if e.actor else None, json.dumps(e.titles, ensure_ascii=False),
                      len(e.mentions), said.get(e.id, 0)) for e in record.entities],
        "mentions": [(a, e.id, m.start, m.end, m.text) for e in record.entities for m in e.mentions],
        "quotes": [],
        "times": [(a, t.id, t.start, t.end, t.text, t.type, t.value, t.mod) for t in record.times],
        "places": [(a, p.id, p.start, p.end, p.text, p.name, p.kind, p.country, p.admin1, p.lat, p.lon,
                    p.geonames_id) for p in record.places],
        "events": [],
        "event_actors": [],
    }
    for q in record.quotes:
        speaker = q.speaker
        sid = speaker.entity if speaker else None
        rows["quotes"].append((
            a, q.id, q.kind, q.content.start, q.content.end, q.content.text, sid,
            entity_name(sid) or (speaker.text if speaker else None), speaker.text if speaker else None,
            q.cue.text if q.cue else None, q.addressee.text if q.addressee else None,
            times[q.time].value if q.time in times else None, q.nested_in,
            speaker.start if speaker else None, speaker.end if speaker else None,
            q.cue.start if q.cue else None, q.cue.end if q.cue else None))
    for v in record.events:
        when = times[v.time].value if v.time in times else None
        date = when[:10] if when and DATE.match(when) else record.published
        where = places.get(v.place or "")
        rows["events"].append((
            a, v.id, v.type, v.mode, v.modality, v.trigger.text, json.dumps(v.actors), json.dumps(v.recipients),
            v.place, v.time, v.cameo, record.text[v.sentence.start:v.sentence.end], date,
            where.name if where else None, where.country if where else None, where.lat if where else None,
            where.lon if where else None))
        for role, ids in (("actor", v.actors), ("recipient", v.recipients)):
            for eid in ids:
                e = entities.get(eid)
                rows["event_actors"].append((
                    a, v.id, role, eid, e.name if e else eid, e.actor.country if e and e.actor else None,
                    e.actor.sector if e and e.actor else None))
    return rows


def canonical(name: str) -> str:
    """The key under which names are the same entity across articles: spacing and case folded."""
    return " ".join(name.split()).casefold()
