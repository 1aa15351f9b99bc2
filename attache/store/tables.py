"""The one home of every table's shape: a `{column: type}` spec per table (as sqlite-utils builds DDL from
one mapping), from which the SQL DDL of both engines, the row builders and the export schemas derive.

Column types are words of our own, mapped once per engine:
`text`; `int` (SQL INTEGER, 32-bit in PostgreSQL); `int64` (SQL BIGINT, Arrow int64); `int32` (Arrow int32);
`float` (SQLite REAL, PostgreSQL DOUBLE PRECISION, Arrow float64).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any

from ..record import Analysis, day_of, shown_speaker

SQLITE_TYPES = {"text": "TEXT", "int": "INTEGER", "int32": "INTEGER", "int64": "INTEGER", "float": "REAL"}
POSTGRES_TYPES = {"text": "TEXT", "int": "INTEGER", "int32": "INTEGER", "int64": "BIGINT",
                  "float": "DOUBLE PRECISION"}


@dataclass(frozen=True)
class Table:
    """One table: its columns and types in order, its key and its NOT NULL columns. The row builders fill
    every column but two: `entities.person_id` (the store links it across articles) and
    `articles.ingested_at` (the database's own clock)."""

    name: str
    columns: Mapping[str, str]
    key: tuple[str, ...] = ()
    not_null: frozenset[str] = frozenset()
    in_article: bool = True  # rows belong to one article (article_id, deleted with it)
    extra: Mapping[str, str] = field(default_factory=dict)  # column -> SQL clause beyond its type

    def ddl(self, types: Mapping[str, str], ingested_at: str) -> str:
        """CREATE TABLE for one engine (`types` maps our column types to its SQL types)."""
        parts = []
        for column, kind in self.columns.items():
            clause = f"{quoted(column)} {types[kind]}"
            if column in self.not_null:
                clause += " NOT NULL"
            if column == "article_id" and self.in_article:
                clause += " REFERENCES articles(id) ON DELETE CASCADE"
            if column == "ingested_at":
                clause = f"ingested_at {ingested_at}"
            parts.append(clause + self.extra.get(column, ""))
        if self.key:
            parts.append(f"PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE {self.name} ({', '.join(parts)})"

    @property
    def inserted(self) -> tuple[str, ...]:
        """The columns an INSERT gives: all but those the database fills itself."""
        return tuple(c for c in self.columns if c != "ingested_at")

    def insert(self) -> str:
        """INSERT of `inserted` with `?` placeholders (values in that order: the rows of `store_rows`)."""
        return (f"INSERT INTO {self.name} ({', '.join(quoted(c) for c in self.inserted)}) "
                f"VALUES ({', '.join('?' * len(self.inserted))})")


def quoted(column: str) -> str:
    """`end` is an SQL keyword: quote it."""
    return '"end"' if column == "end" else column


def _text(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, "text")


IN_ARTICLE = frozenset({"article_id", "id"})
STORE: dict[str, Table] = {t.name: t for t in (
    Table("articles", {**_text("id", "title", "source", "url", "published", "language", "text", "record"),
                       "ingested_at": "text", "fingerprint": "text"},
          key=(), not_null=frozenset({"text", "record"}), in_article=False,
          extra={"id": " PRIMARY KEY"}),
    Table("entities", {**_text("article_id", "id", "name", "type", "country", "sector", "titles"),
                       "n_mentions": "int", "n_quotes": "int", "person_id": "text", "gender": "text"},
          key=("article_id", "id"), not_null=IN_ARTICLE | {"name"},
          extra={"n_quotes": " DEFAULT 0"}),
    Table("mentions", {"article_id": "text", "entity_id": "text", "start": "int", "end": "int", "text": "text"},
          not_null=frozenset({"article_id", "entity_id"})),
    Table("quotes", {**_text("article_id", "id", "kind"), "start": "int", "end": "int",
                     **_text("content", "speaker_entity", "speaker_name", "speaker_text", "cue", "addressee",
                             "time_value", "nested_in"),
                     "speaker_start": "int", "speaker_end": "int", "cue_start": "int", "cue_end": "int",
                     "cue_class": "text", "published_key": "text"},
          key=("article_id", "id"), not_null=IN_ARTICLE),
    Table("times", {**_text("article_id", "id"), "start": "int", "end": "int",
                    **_text("text", "type", "value", "mod")},
          key=("article_id", "id"), not_null=IN_ARTICLE),
    Table("places", {**_text("article_id", "id"), "start": "int", "end": "int",
                     **_text("text", "name", "kind", "country", "admin1"), "lat": "float", "lon": "float",
                     "geonames_id": "int64"},
          key=("article_id", "id"), not_null=IN_ARTICLE),
    Table("events", {**_text("article_id", "id", "type", "mode", "modality", "trigger", "actors", "recipients",
                             "place_id", "time_id", "cameo", "sentence", "date", "place_name", "place_country"),
                     "lat": "float", "lon": "float"},
          key=("article_id", "id"), not_null=IN_ARTICLE),
    Table("event_actors", _text("article_id", "event_id", "role", "entity_id", "name", "country", "sector"),
          not_null=frozenset({"article_id", "event_id", "role"})),
    Table("people", {**_text("id", "type", "name", "key", "surname", "country", "sector", "given", "anchor"),
                     "n_articles": "int", "n_quotes": "int", "n_mentions": "int"},
          not_null=frozenset({"name", "key"}), in_article=False,
          extra={"id": " PRIMARY KEY", **dict.fromkeys(("n_articles", "n_quotes", "n_mentions"), " DEFAULT 0")}),
    Table("person_names", _text("type", "key", "person_id"), key=("type", "key"),
          not_null=frozenset({"type", "key", "person_id"}), in_article=False),
    # rows per table, kept up to date by every write (the home page's counts without COUNT(*))
    Table("counts", {"name": "text", "n": "int64"}, not_null=frozenset({"n"}), in_article=False,
          extra={"name": " PRIMARY KEY"}),
    # every speaker name ever stored, for finding quotes by part of a speaker's name through an index
    Table("speakers", {"name": "text"}, in_article=False, extra={"name": " PRIMARY KEY"}),
    # a person's timeline in its order: one row per quote they said and per event they are an actor or
    # recipient of, keyed by its day ('9999' undated); derived from quotes, events and entities.person_id
    # (store/sql.py keeps it up to date when people are joined, merged or rebuilt)
    Table("timeline", _text("person_id", "day", "article_id", "what", "item_id", "role"),
          not_null=frozenset({"person_id", "day", "article_id", "what", "item_id", "role"})),
    # the events by each country of their actors (role 'actor') and recipients, one row per event, role and
    # country, keyed by the event's day ('' undated): events by type and country read in their index's order
    Table("event_countries", _text("role", "country", "type", "day", "article_id", "event_id"),
          not_null=frozenset({"role", "country", "day", "article_id", "event_id"})),
)}
# Columns added after a table was first made: (table, column) -> the schema version that added it. A store
# kept at an older version (tests, `schema_version=`) is written without them.
LATER = {("quotes", "published_key"): 9}
# The sort keys of the listings (newest first, undated last): one expression each, the same in the ORDER BY,
# the cursor conditions and the indexes, so that every page is read in index order.
PUBLISHED = "(COALESCE(published, ''))"
EVENT_DATE = "(COALESCE(date, ''))"
RANK = "n_articles DESC, n_quotes DESC, n_mentions DESC, name, id"
# The indexes of the current schema: name -> table(columns). Those the people join reads while loading stay
# during a bulk load; the others (DEFERRED) are dropped for a first load into an empty store and made after.
INDEXES = {"quotes_speaker": "quotes(speaker_name, published_key DESC, article_id, start, id)", "entities_name": "entities(name)",
           "mentions_article": "mentions(article_id)", "people_surname": "people(type, surname)",
           "people_name": "people(name)", "entities_person_name": "entities(person_id, name)",
           "event_actors_event": "event_actors(article_id, event_id)",
           "event_actors_country": "event_actors(role, country)",
           "event_actors_entity": "event_actors(article_id, entity_id)", "places_country": "places(country)",
           "articles_fingerprint": "articles(fingerprint)", "person_names_person": "person_names(person_id)",
           "articles_key": f"articles({PUBLISHED} DESC, id)",
           "articles_source_key": f"articles(source, {PUBLISHED} DESC, id)",
           "events_key": f"events({EVENT_DATE} DESC, article_id, id)",
           "events_type_key": f"events(type, {EVENT_DATE} DESC, article_id, id)",
           "people_rank": f"people({RANK})", "people_type_rank": f"people(type, {RANK})",
           "timeline_person": "timeline(person_id, day, article_id, what, item_id, role)",
           "timeline_article": "timeline(article_id)",
           "event_countries_type": "event_countries(role, country, type, day DESC, article_id, event_id)",
           "event_countries_key": "event_countries(role, country, day DESC, article_id, event_id)",
           "event_countries_article": "event_countries(article_id)"}
KEPT = frozenset({"people_surname", "entities_person_name", "person_names_person", "articles_fingerprint"})
DEFERRED = tuple(name for name in INDEXES if name not in KEPT)
# The tables whose rows are counted in `counts`.
COUNTED = ("articles", "entities", "mentions", "quotes", "times", "places", "events", "event_actors", "people")


def schema(types: Mapping[str, str], ingested_at: str) -> list[str]:
    """The statements creating the current schema in an empty database (an engine adds its full-text
    search); stores of older versions come forward through the engine's recorded migrations instead."""
    return (["CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"]
            + [table.ddl(types, ingested_at) for table in STORE.values()]
            + [f"CREATE INDEX {name} ON {on}" for name, on in INDEXES.items()] + count_rows())


def count_rows() -> list[str]:
    """The statements filling `counts` with the rows each counted table holds now."""
    return [f"INSERT INTO counts (name, n) SELECT '{t}', count(*) FROM {t}" for t in COUNTED]


# The tables re-made from a record when it is stored (every one but articles and the people tables).
DERIVED = ("entities", "mentions", "quotes", "times", "places", "events", "event_actors")


def store_rows(record: Analysis) -> dict[str, list[tuple[Any, ...]]]:
    """The record flattened into the rows of each store table, each row a tuple of the values of
    `STORE[table].inserted` in that order (what the INSERTs take; `row_dict` reads one by column). An entity's
    `person_id` is None: the store joins it."""
    said: dict[str, int] = {}
    for q in record.quotes:
        if q.speaker and q.speaker.entity:
            said[q.speaker.entity] = said.get(q.speaker.entity, 0) + 1
    a = record.id
    known = _Lookup(record)
    return {
        "articles": [(a, record.title, record.source, record.url, record.published, record.language, record.text,
                      record.to_json(), record.fingerprint)],
        "entities": [(a, e.id, e.name, "AGENT" if e.agent and e.type == "PERSON" else e.type,
                      e.actor.country if e.actor else None, e.actor.sector if e.actor else None,
                      _strings(e.titles, False), len(e.mentions), said.get(e.id, 0), None, e.gender)
                     for e in record.entities],
        "mentions": [(a, e.id, m.start, m.end, m.text) for e in record.entities for m in e.mentions],
        "quotes": list(_quote_rows(record, known)),
        "times": [(a, t.id, t.start, t.end, t.text, t.type, t.value, t.mod) for t in record.times],
        "places": [(a, p.id, p.start, p.end, p.text, p.name, p.kind, p.country, p.admin1, p.lat, p.lon,
                    p.geonames_id) for p in record.places],
        "events": list(_event_rows(record, known)),
        "event_actors": list(_event_actor_rows(record, known)),
        "event_countries": list(_event_country_rows(record, known)),
    }


class _Lookup:
    """A record's entities, times and places by id, looked up as `Analysis.entity`, `.time_value` and `.place`
    do (the first with the id; none for an empty id), without a scan of the list for each row."""

    def __init__(self, record: Analysis) -> None:
        self.entities: dict[str, Any] = {}
        self.times: dict[str, str | None] = {}
        self.places: dict[str, Any] = {}
        for e in record.entities:
            self.entities.setdefault(e.id, e)
        for t in record.times:
            self.times.setdefault(t.id, t.value)
        for p in record.places:
            self.places.setdefault(p.id, p)
        self.published = record.published

    def entity(self, entity_id: str | None) -> Any:
        return self.entities.get(entity_id) if entity_id else None

    def time_value(self, time_id: str | None) -> str | None:
        return self.times.get(time_id) if time_id else None

    def speaker_name(self, quote: Any) -> str | None:
        return shown_speaker(quote, self.entity(quote.speaker.entity) if quote.speaker else None)

    def event_date(self, event: Any) -> str | None:
        return day_of(self.time_value(event.time), self.published)


def _quote_rows(record: Analysis, known: _Lookup) -> Iterator[tuple[Any, ...]]:
    for q in record.quotes:
        s, cue = q.speaker, q.cue
        yield (record.id, q.id, q.kind, q.content.start, q.content.end, q.content.text, s.entity if s else None,
               known.speaker_name(q), s.text if s else None, cue.text if cue else None,
               q.addressee.text if q.addressee else None, known.time_value(q.time), q.nested_in,
               s.start if s else None, s.end if s else None, cue.start if cue else None, cue.end if cue else None,
               q.cue_class, record.published or "")


def _event_rows(record: Analysis, known: _Lookup) -> Iterator[tuple[Any, ...]]:
    for v in record.reported_events:
        where = known.places.get(v.place) if v.place else None
        yield (record.id, v.id, v.type, v.mode, v.modality, v.trigger.text, _strings(v.actors),
               _strings(v.recipients), v.place, v.time, v.cameo, record.sentence_of(v), known.event_date(v),
               where.name if where else None, where.country if where else None, where.lat if where else None,
               where.lon if where else None)


def _event_actor_rows(record: Analysis, known: _Lookup) -> Iterator[tuple[Any, ...]]:
    for v in record.reported_events:
        for role, ids in (("actor", v.actors), ("recipient", v.recipients)):
            for eid in ids:
                e = known.entity(eid)
                actor = e.actor if e else None
                yield (record.id, v.id, role, eid, e.name if e else eid, actor.country if actor else None,
                       actor.sector if actor else None)


def _event_country_rows(record: Analysis, known: _Lookup) -> Iterator[tuple[Any, ...]]:
    """One row per event, role and country of its actors (or recipients) with a country."""
    for v in record.reported_events:
        day = known.event_date(v) or ""
        for role, ids in (("actor", v.actors), ("recipient", v.recipients)):
            countries = {c for c in (_country(known, eid) for eid in ids) if c}
            for country in sorted(countries):
                yield (role, country, v.type, day, record.id, v.id)


def _country(known: _Lookup, entity_id: str) -> str | None:
    e = known.entity(entity_id)
    return e.actor.country if e and e.actor else None


def _strings(items: list[str], ascii_only: bool = True) -> str:
    """`json.dumps(items, ensure_ascii=ascii_only)` of a list of strings, without the encoder's set-up (a
    row's titles and an event's actors: several per article); anything else goes to json.dumps."""
    if type(items) is not list or not all(type(x) is str for x in items):
        return json.dumps(items, ensure_ascii=ascii_only)
    encode = encode_basestring_ascii if ascii_only else encode_basestring
    return "[" + ", ".join(map(encode, items)) + "]"


INSERTED = {name: table.inserted for name, table in STORE.items()}


def row_dict(table: str, row: tuple[Any, ...]) -> dict[str, Any]:
    """A row of `store_rows` keyed by column."""
    return dict(zip(INSERTED[table], row))


def column(table: str, name: str) -> int:
    """Where a column's value is in a row of `store_rows`."""
    return INSERTED[table].index(name)


# -- exports ------------------------------------------------------------------------------------------------
# The columns of `attache export` tables and of the Parquet datasets, in order.
EXPORTS: dict[str, dict[str, str]] = {
    "records": _text("id", "title", "source", "url", "published", "language", "text", "record"),
    "quotes": {**_text("article_id", "quote_id", "published", "source", "title", "url", "kind", "content"),
               "start": "int64", "end": "int64",
               **_text("speaker", "speaker_text", "speaker_entity", "person_id", "cue", "addressee", "time",
                       "nested_in")},
    "entities": {**_text("article_id", "entity_id", "person_id", "name", "type", "code", "country", "sector",
                         "titles"), "mentions": "int64", **_text("published", "source", "gender")},
    "events": {**_text("event_id", "date", "actor_name", "actor_code", "actor_country", "actor_sector", "type",
                       "mode", "cameo", "recipient_name", "recipient_code", "recipient_country",
                       "recipient_sector", "place", "country", "admin1"), "lat": "float", "lon": "float",
               **_text("modality", "context", "trigger", "sentence", "article_id", "url", "source", "title",
                       "published")},
}
# One row per article in the Parquet datasets: the record plus counts to filter on; failures keep their error.
PARQUET_RECORDS: dict[str, str] = {
    **_text("id", "title", "source", "url", "published", "language", "text"),
    **dict.fromkeys(("n_quotes", "n_entities", "n_times", "n_places", "n_events"), "int32"),
    **_text("record", "error_code", "error", "error_fields", "input", "year"),
}


def arrow_schema(columns: Mapping[str, str]) -> Any:
    """The pyarrow schema of a spec (pyarrow is imported only here, and only when asked)."""
    import pyarrow as pa

    types = {"text": pa.string(), "int": pa.int64(), "int64": pa.int64(), "int32": pa.int32(),
             "float": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in columns.items()])
