"""The one Store interface every engine implements, and the row shapes records are flattened into."""

from __future__ import annotations

import abc
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..record import Analysis

SCHEMA_VERSION = 1
WORD = re.compile(r"\w+", re.UNICODE)


class Store(abc.ABC):
    """Keeps analysis records and answers queries over them. Never imports spaCy."""

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
        """Rows in one of the tables (articles, entities, quotes, times, places, events)."""

    @abc.abstractmethod
    def get(self, article_id: str) -> Analysis | None:
        """The stored record of an article."""

    @abc.abstractmethod
    def quotes(self, speaker: str | None = None, search: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        """Quotes, newest article first, filtered by speaker name and by words in their content."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def records(self) -> Iterator[Analysis]:
        """Every stored record (override for streaming)."""
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def fts_query(words: str) -> str:
    """A full-text query that matches all the words, whatever syntax characters the user typed."""
    return " ".join(f'"{w}"' for w in WORD.findall(words))


def rows_of(record: Analysis) -> dict[str, list[tuple[Any, ...]]]:
    """The record flattened into the rows of each table (article id first in every row)."""
    a = record.id
    entities = {e.id: e for e in record.entities}
    times = {t.id: t for t in record.times}

    def entity_name(eid: str | None) -> str | None:
        return entities[eid].name if eid in entities else None

    rows: dict[str, list[tuple[Any, ...]]] = {
        "articles": [(a, record.title, record.source, record.url, record.published, record.language,
                      record.text, json.dumps(record.to_dict(), ensure_ascii=False))],
        "entities": [(a, e.id, e.name, e.type, e.actor.country if e.actor else None,
                      e.actor.sector if e.actor else None, json.dumps(e.titles, ensure_ascii=False),
                      len(e.mentions)) for e in record.entities],
        "mentions": [(a, e.id, m.start, m.end, m.text) for e in record.entities for m in e.mentions],
        "quotes": [],
        "times": [(a, t.id, t.start, t.end, t.text, t.type, t.value, t.mod) for t in record.times],
        "places": [(a, p.id, p.start, p.end, p.text, p.name, p.kind, p.country, p.admin1, p.lat, p.lon,
                    p.geonames_id) for p in record.places],
        "events": [(a, v.id, v.type, v.mode, v.modality, v.trigger.text, json.dumps(v.actors),
                    json.dumps(v.recipients), v.place, v.time, v.cameo,
                    record.text[v.sentence.start:v.sentence.end]) for v in record.events],
    }
    for q in record.quotes:
        speaker = q.speaker
        sid = speaker.entity if speaker else None
        rows["quotes"].append((
            a, q.id, q.kind, q.content.start, q.content.end, q.content.text, sid,
            entity_name(sid) or (speaker.text if speaker else None), speaker.text if speaker else None,
            q.cue.text if q.cue else None, q.addressee.text if q.addressee else None,
            times[q.time].value if q.time in times else None, q.nested_in))
    return rows
