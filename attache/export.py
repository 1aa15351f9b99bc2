"""Exports of a store: whole records, quotes, entities and events as JSON Lines, CSV or Parquet.

The events table uses the layout event-data users know (ICEWS, Phoenix, POLECAT): one row per event with
date, actor name/country/sector, type, mode, recipient name/country/sector, place, country, lat/lon,
source article and sentence. Several actors of one event are joined with "; " in the same row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import ArgumentError
from .record import Analysis
from .store import Store
from .corpus.story_events import EXPORT_COLUMNS as STORY_COLUMNS
from .store.tables import EXPORTS, arrow_schema

WHAT = ("records", "quotes", "entities", "events", "story-events")
FORMATS = ("jsonl", "csv", "parquet")
BATCH = 2000

# Columns of each table and their types, in order (the one spec: store/tables.py).
COLUMNS = {**EXPORTS, "story-events": STORY_COLUMNS}


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one export table, article by article (oldest first)."""
    if what not in WHAT:
        raise ArgumentError("E040", option="WHAT", value=what, reason="one of " + ", ".join(WHAT))
    if what == "story-events":  # one row per real-world event, with its reports count (attache/corpus)
        from .corpus.story_events import export_rows

        yield from export_rows(store)  # type: ignore[arg-type]
        return
    if what == "quotes" and hasattr(store, "quote_rows"):  # straight from the table: no record rebuilt
        yield from store.quote_rows()
        return
    for record in store.records():
        people = store.article_people(record.id) if what in ("quotes", "entities") else {}
        yield from ROWS[what](record, people)


def _records(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    yield {"id": record.id, "title": record.title, "source": record.source, "url": record.url,
           "published": record.published, "language": record.language, "text": record.text,
           "record": json.dumps(record.to_dict(), ensure_ascii=False)}


def _quotes(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    for q in record.quotes:
        s = q.speaker
        yield {"article_id": record.id, "quote_id": q.id, "published": record.published, "source": record.source,
               "title": record.title, "url": record.url, "kind": q.kind, "content": q.content.text,
               "start": q.content.start, "end": q.content.end, "speaker": record.speaker_name(q),
               "speaker_text": s.text if s else None, "speaker_entity": s.entity if s else None,
               "person_id": people.get(s.entity or "") if s else None,
               "cue": q.cue.text if q.cue else None, "addressee": q.addressee.text if q.addressee else None,
               "time": record.time_value(q.time), "nested_in": q.nested_in}


def _entities(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    for e in record.entities:
        yield {"article_id": record.id, "entity_id": e.id, "person_id": people.get(e.id), "name": e.name,
               "type": e.type, "code": e.actor.code if e.actor else None,
               "country": e.actor.country if e.actor else None,
               "sector": e.actor.sector if e.actor else None, "titles": "; ".join(e.titles),
               "mentions": len(e.mentions), "published": record.published, "source": record.source}


def _side(record: Analysis, ids: list[str], prefix: str) -> dict[str, str | None]:
    """Name, code, country and sector of an event's actors (or recipients), each joined with "; "; a field
    none of them has is None."""
    side: dict[str, str | None] = {}
    for field in ("name", "code", "country", "sector"):
        found = []
        for i in ids:
            e = record.entity(i)
            value = (e.name if e else i) if field == "name" else getattr(e.actor, field) if e and e.actor else None
            found.append(value or "")
        side[f"{prefix}_{field}"] = "; ".join(found) if any(found) else None
    return side


def _events(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    for v in record.reported_events:
        place = record.place(v.place)
        yield {"event_id": f"{record.id}:{v.id}", "date": record.event_date(v), **_side(record, v.actors, "actor"),
               "type": v.type, "mode": v.mode, "cameo": v.cameo, **_side(record, v.recipients, "recipient"),
               "place": place.name if place else None, "country": place.country if place else None,
               "admin1": place.admin1 if place else None, "lat": place.lat if place else None,
               "lon": place.lon if place else None, "modality": v.modality,
               "context": "; ".join(v.context) or None, "trigger": v.trigger.text,
               "sentence": record.sentence_of(v), "article_id": record.id,
               "url": record.url, "source": record.source, "title": record.title, "published": record.published}


ROWS = {"records": _records, "quotes": _quotes, "entities": _entities, "events": _events}


def export(store: Store, what: str, format: str, out: str | Path | IO[str] | None) -> int:
    """Write one table of the store to `out` (a path, a text stream, or None for standard output);
    returns the number of rows. Parquet needs a path and the `export` extra (pyarrow)."""
    if format not in FORMATS:
        raise ArgumentError("E040", option="--format", value=format, reason="one of " + ", ".join(FORMATS))
    items = rows(store, what)
    if format == "parquet":
        if out is None or not isinstance(out, str | Path):
            raise ArgumentError("E040", option="--out", value=out, reason="Parquet needs a file path")
        return _parquet(items, what, Path(out))
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _text(items, what, format, stream)
    import sys

    return _text(items, what, format, out or sys.stdout)


def _text(items: Iterator[dict[str, Any]], what: str, format: str, stream: IO[str]) -> int:
    n = 0
    if format == "jsonl":
        for row in items:
            record = json.loads(row["record"]) if what == "records" else row
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(stream, fieldnames=list(COLUMNS[what]), extrasaction="ignore")
    writer.writeheader()
    for row in items:
        writer.writerow(row)
        n += 1
    return n


def _parquet(items: Iterator[dict[str, Any]], what: str, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ArgumentError("E040", option="--format", value="parquet",
                            reason="pyarrow is not installed: pip install 'attache[export]'") from None
    schema = arrow_schema(COLUMNS[what])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in items:
            batch.append(row)
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n, batch = n + len(batch), []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n

