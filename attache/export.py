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
from .store.base import DATE

WHAT = ("records", "quotes", "entities", "events")
FORMATS = ("jsonl", "csv", "parquet")
BATCH = 2000

# Columns of each table and their types (str, int, float), in order.
COLUMNS: dict[str, dict[str, type]] = {
    "records": {"id": str, "title": str, "source": str, "url": str, "published": str, "language": str,
                "text": str, "record": str},
    "quotes": {"article_id": str, "quote_id": str, "published": str, "source": str, "title": str, "url": str,
               "kind": str, "content": str, "start": int, "end": int, "speaker": str, "speaker_text": str,
               "speaker_entity": str, "person_id": str, "cue": str, "addressee": str, "time": str,
               "nested_in": str},
    "entities": {"article_id": str, "entity_id": str, "person_id": str, "name": str, "type": str,
                 "code": str, "country": str, "sector": str, "titles": str, "mentions": int, "published": str,
                 "source": str},
    "events": {"event_id": str, "date": str, "actor_name": str, "actor_code": str, "actor_country": str,
               "actor_sector": str, "type": str, "mode": str, "cameo": str, "recipient_name": str,
               "recipient_code": str, "recipient_country": str, "recipient_sector": str, "place": str,
               "country": str, "admin1": str, "lat": float, "lon": float, "modality": str, "context": str,
               "trigger": str, "sentence": str, "article_id": str, "url": str, "source": str, "title": str,
               "published": str},
}


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one export table, article by article (oldest first)."""
    if what not in WHAT:
        raise ArgumentError("E040", option="WHAT", value=what, reason="one of " + ", ".join(WHAT))
    for record in store.records():
        people = store.article_people(record.id) if what in ("quotes", "entities") else {}
        yield from ROWS[what](record, people)


def _records(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    yield {"id": record.id, "title": record.title, "source": record.source, "url": record.url,
           "published": record.published, "language": record.language, "text": record.text,
           "record": json.dumps(record.to_dict(), ensure_ascii=False)}


def _quotes(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    names = {e.id: e.name for e in record.entities}
    times = {t.id: t.value for t in record.times}
    for q in record.quotes:
        s = q.speaker
        yield {"article_id": record.id, "quote_id": q.id, "published": record.published, "source": record.source,
               "title": record.title, "url": record.url, "kind": q.kind, "content": q.content.text,
               "start": q.content.start, "end": q.content.end,
               "speaker": (names.get(s.entity or "") or s.text) if s else None, "speaker_text": s.text if s else None,
               "speaker_entity": s.entity if s else None, "person_id": people.get(s.entity or "") if s else None,
               "cue": q.cue.text if q.cue else None, "addressee": q.addressee.text if q.addressee else None,
               "time": times.get(q.time or ""), "nested_in": q.nested_in}


def _entities(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    for e in record.entities:
        yield {"article_id": record.id, "entity_id": e.id, "person_id": people.get(e.id), "name": e.name,
               "type": e.type, "code": e.actor.code if e.actor else None,
               "country": e.actor.country if e.actor else None,
               "sector": e.actor.sector if e.actor else None, "titles": "; ".join(e.titles),
               "mentions": len(e.mentions), "published": record.published, "source": record.source}


def _events(record: Analysis, people: dict[str, str]) -> Iterator[dict[str, Any]]:
    entities = {e.id: e for e in record.entities}
    places = {p.id: p for p in record.places}
    times = {t.id: t.value for t in record.times}

    def side(ids: list[str], field: str) -> str | None:
        values = []
        for i in ids:
            e = entities.get(i)
            value = (e.name if e else i) if field == "name" else getattr(e.actor, field) if e and e.actor else None
            values.append(value or "")
        return "; ".join(values) if any(values) else None

    for v in record.events:
        when = times.get(v.time or "")
        place = places.get(v.place or "")
        yield {"event_id": f"{record.id}:{v.id}", "date": when[:10] if when and DATE.match(when) else record.published,
               "actor_name": side(v.actors, "name"), "actor_code": side(v.actors, "code"),
               "actor_country": side(v.actors, "country"), "actor_sector": side(v.actors, "sector"),
               "type": v.type, "mode": v.mode, "cameo": v.cameo,
               "recipient_name": side(v.recipients, "name"), "recipient_code": side(v.recipients, "code"),
               "recipient_country": side(v.recipients, "country"),
               "recipient_sector": side(v.recipients, "sector"), "place": place.name if place else None,
               "country": place.country if place else None, "admin1": place.admin1 if place else None,
               "lat": place.lat if place else None, "lon": place.lon if place else None,
               "modality": v.modality, "context": "; ".join(v.context) or None, "trigger": v.trigger.text,
               "sentence": record.text[v.sentence.start:v.sentence.end], "article_id": record.id,
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
    types = {str: pa.string(), int: pa.int64(), float: pa.float64()}
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS[what].items()])
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

