"""What both SQL engines share: writing records, linking entities across articles, and the queries.

SQL here is written once with `?` placeholders; an engine supplies its connection, its placeholder, its
full-text matching (`_match`) and its schema with forward migrations. Every value reaches the database
as a parameter, never inside the SQL text.
"""

from __future__ import annotations

import abc
import datetime as dt
import gc
from collections import Counter, defaultdict
import json
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import lru_cache
from typing import Any

from ..errors import ArgumentError, StoreError
from ..queries import ArticleQuery, EventQuery, PeopleQuery, QuoteQuery, SearchQuery, SourcesQuery, TimelineQuery
from ..record import Analysis, day_of
from ..people.names import NAMES_CACHED, display_name, is_name
from ..people.join import (AMBIGUOUS, SURNAME_CANDIDATES, Directory, EntityRow, Joiner, MemoryDirectory, Person,
                           initials_in)
from .base import SCHEMA_VERSION, WORD, Store, like_pattern, page
from .cursor import Page, decode, encode, filters_of
from .sources import report as who_is_quoted
from .tables import COUNTED, DEFERRED, DERIVED, INDEXES, LATER, STORE, column, count_rows, quoted, store_rows

TABLES = ("articles", "people") + DERIVED
# Migration 2's statements that read the same in every engine (each engine adds its column types and search).
PEOPLE_AND_ACTORS: tuple[str, ...] = (
    "CREATE TABLE people (id TEXT PRIMARY KEY, type TEXT, name TEXT NOT NULL, key TEXT NOT NULL, "
    "surname TEXT, country TEXT, sector TEXT)",
    "CREATE INDEX people_surname ON people(type, surname)",
    "CREATE INDEX people_name ON people(name)",
    "CREATE INDEX entities_person ON entities(person_id)",
    "CREATE TABLE event_actors (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
    "event_id TEXT NOT NULL, role TEXT NOT NULL, entity_id TEXT, name TEXT, country TEXT, sector TEXT)",
    "CREATE INDEX event_actors_event ON event_actors(article_id, event_id)",
    "CREATE INDEX event_actors_country ON event_actors(role, country)",
    "CREATE INDEX events_date ON events(date)",
    "CREATE INDEX articles_published ON articles(published)",
    "CREATE INDEX places_country ON places(country)",
)
# Migration 5 (one person across articles), the same in every engine.
PEOPLE_JOIN: tuple[str, ...] = (
    "ALTER TABLE people ADD COLUMN given TEXT",
    "ALTER TABLE people ADD COLUMN anchor TEXT",
    "CREATE TABLE person_names (type TEXT NOT NULL, key TEXT NOT NULL, person_id TEXT NOT NULL, "
    "PRIMARY KEY (type, key))",
    "CREATE INDEX person_names_person ON person_names(person_id)",
)
PEOPLE_VERSION = 5  # after this migration step the joins are re-derived from the stored entities
# A person as joining makes one (their counts start at 0: the store keeps them).
PERSON_INSERT = ("INSERT INTO people (id, type, name, key, surname, country, sector, given, anchor) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
PERSON_ADD = PERSON_INSERT + " ON CONFLICT (id) DO NOTHING"
NAME_ADD = "INSERT INTO person_names (type, key, person_id) VALUES (?, ?, ?) ON CONFLICT (type, key) DO NOTHING"
PERSON_TOUCH = "UPDATE people SET country = COALESCE(country, ?), sector = COALESCE(sector, ?) WHERE id = ?"
COUNTS_VERSION = 7  # from this version on, people and tables have maintained counts
# A person's counts from their entities (a merged person, a rebuild, the step to schema 7).
RECOUNT = ("UPDATE people SET n_articles = (SELECT COUNT(DISTINCT e.article_id) FROM entities e WHERE e.person_id = "
           "people.id), n_quotes = (SELECT COALESCE(SUM(e.n_quotes), 0) FROM entities e WHERE e.person_id = people.id), "
           "n_mentions = (SELECT COALESCE(SUM(e.n_mentions), 0) FROM entities e WHERE e.person_id = people.id)")
# Migration 7's indexes (an archive's scale: the sort keys of keyset paging).
SCALE_INDEXES = ("event_actors_entity", "articles_key", "articles_source_key", "events_key", "events_type_key",
                 "people_rank", "people_type_rank")
RENAMED_UP_TO = 500  # articles: at ingest a person's shown name is chosen again until they are in this many
RENAME_CHUNK = 500  # people whose names are read at once
NAMES_READ = 2000  # a person's entities read for their names and titles on their page
NAMES_LISTED = 100  # ... and for the names beside them in a listing
# The sort keys of the listings (store/tables.py indexes them): newest first, undated last.
PUBLISHED_OF_ARTICLE = "COALESCE(a.published, '')"
DATE_OF_EVENT = "COALESCE(ev.date, '')"
# A quote's day for a person's timeline: the day its time names, else its article's publication date.
QUOTE_DAY = ("CASE WHEN length(q.time_value) >= 10 AND substr(q.time_value, 5, 1) = '-' AND substr(q.time_value, 8, 1) "
             "= '-' AND substr(q.time_value, 1, 1) BETWEEN '0' AND '9' AND substr(q.time_value, 9, 1) BETWEEN '0' "
             "AND '9' THEN substr(q.time_value, 1, 10) ELSE a.published END")
TIMELINE_VERSION = 8  # from this version on, a person's timeline is a table read in its order
# The timeline rows of the quotes and events of some articles (`{quotes}`, `{events}`: a condition on
# q.article_id and ev.article_id, or TRUE for every article): a quote's day as QUOTE_DAY, an event's its date.
TIMELINE_ROWS = (f"SELECT e.person_id, COALESCE({QUOTE_DAY}, '9999') AS day, q.article_id, 'quote' AS what, "
                 "q.id AS item_id, 'speaker' AS role "
                 "FROM quotes q JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
                 "JOIN articles a ON a.id = q.article_id WHERE e.person_id IS NOT NULL AND {quotes} "
                 "UNION SELECT e.person_id, COALESCE(ev.date, '9999'), ev.article_id, 'event', ev.id, r.role "
                 "FROM events ev JOIN event_actors r ON r.article_id = ev.article_id AND r.event_id = ev.id "
                 "JOIN entities e ON e.article_id = r.article_id AND e.id = r.entity_id "
                 "WHERE e.person_id IS NOT NULL AND {events}")
TIMELINE_FILL = "INSERT INTO timeline (person_id, day, article_id, what, item_id, role) " + TIMELINE_ROWS
TIMELINE_ALL = TIMELINE_FILL.format(quotes="1 = 1", events="1 = 1")
# From this version on, quotes carry their article's sort key (`published_key`) and events their countries
# (`event_countries`): quotes by speaker and events by country are read in their index's order.
KEYS_VERSION = 9
EVENT_COUNTRY_ROWS = ("SELECT DISTINCT r.role, r.country, ev.type, COALESCE(ev.date, '') AS day, ev.article_id, "
                      "ev.id AS event_id FROM event_actors r JOIN events ev ON ev.article_id = r.article_id "
                      "AND ev.id = r.event_id WHERE r.country IS NOT NULL")
SPEAKER_NAMES = 500  # a part of a name matching up to this many speaker names: each one's quotes read in order
NAMES_AT_ONCE = 50  # ... their keys read by one statement for this many names
SNIPPET = 160
NAME_VARIANTS = 8  # names listed with each person in a listing
MAX_ARTICLES = 500  # articles listed on a person's page


VARIANT_TYPES = ("ORG", "PERSON")  # keep in step with the rebuild's query of mention texts
# Where the values the join reads and fills are in an entity row of `store_rows`, and a quote's speaker name.
E_ID, E_NAME, E_TYPE, E_COUNTRY, E_SECTOR, E_MENTIONS, E_QUOTES, E_PERSON = (
    column("entities", c) for c in ("id", "name", "type", "country", "sector", "n_mentions", "n_quotes", "person_id"))
Q_SPEAKER = column("quotes", "speaker_name")


def scale_schema(types: dict[str, str]) -> tuple[str, ...]:
    """Migration 7, the same in every engine (each adds its speaker index): maintained counts of each table
    and person, speaker names, the indexes of keyset paging."""
    return (*(f"ALTER TABLE people ADD COLUMN {c} {types['int']} DEFAULT 0"
              for c in ("n_articles", "n_quotes", "n_mentions")),
            STORE["counts"].ddl(types, ""), STORE["speakers"].ddl(types, ""),
            "INSERT INTO speakers (name) SELECT DISTINCT speaker_name FROM quotes WHERE speaker_name IS NOT NULL",
            RECOUNT, "DROP INDEX events_date", "DROP INDEX articles_published",
            *(f"CREATE INDEX {name} ON {INDEXES[name]}" for name in SCALE_INDEXES), *count_rows())


def timeline_schema(types: dict[str, str]) -> tuple[str, ...]:
    """Migration 8, the same in every engine: a person's timeline as a table in its order, filled."""
    return (STORE["timeline"].ddl(types, ""), TIMELINE_ALL,
            *(f"CREATE INDEX {name} ON {INDEXES[name]}" for name in ("timeline_person", "timeline_article")))


# Migration 10, the same in every engine: a person's entities indexed with their names, so that the names beside
# each person in a listing are read from the index alone (a person of 59,000 entities took 14-400 ms, now < 1 ms).
NAMES_INDEX = ("CREATE INDEX entities_person_name ON entities(person_id, name)", "DROP INDEX entities_person")


def keys_schema(types: dict[str, str]) -> tuple[str, ...]:
    """Migration 9, the same in every engine: each quote's article sort key under the speaker index, and
    events by country as a table in its order, filled."""
    return ("ALTER TABLE quotes ADD COLUMN published_key TEXT",
            "UPDATE quotes SET published_key = (SELECT COALESCE(a.published, '') FROM articles a "
            "WHERE a.id = quotes.article_id)",
            "DROP INDEX quotes_speaker", f"CREATE INDEX quotes_speaker ON {INDEXES['quotes_speaker']}",
            STORE["event_countries"].ddl(types, ""),
            "INSERT INTO event_countries (role, country, type, day, article_id, event_id) " + EVENT_COUNTRY_ROWS,
            *(f"CREATE INDEX {name} ON {INDEXES[name]}"
              for name in ("event_countries_type", "event_countries_key", "event_countries_article")))


def name_variants(record: Analysis) -> dict[str, tuple[str, ...]]:
    """Entity id -> the other names the mentions of an organisation or a person give (for joining:
    people/join.py)."""
    return {e.id: variants_of(e.name, tuple(sorted({m.text for m in e.mentions}))) for e in record.entities
            if e.type in VARIANT_TYPES}


@lru_cache(maxsize=NAMES_CACHED)
def variants_of(name: str, texts: tuple[str, ...]) -> tuple[str, ...]:
    """The mention texts that are names sharing a word with the entity's name, other than the name itself (a
    person is mentioned the same ways in article after article: each way worked out once)."""
    words = _words(name)
    return tuple(t for t in texts if t != name and is_name(t) and not words.isdisjoint(_words(t)))


@lru_cache(maxsize=1 << 17)
def _words(text: str) -> frozenset[str]:
    """The words of a name or mention, in lower case (names recur across an archive: each read once)."""
    return frozenset(WORD.findall(text.casefold()))


@contextmanager
def collected_once_a_batch() -> Iterator[None]:
    """The cyclic garbage collector paused during a bulk load, which collects the young objects after each batch
    instead: a batch's rows live until it is written, and the collector, run every 700 new objects, walked them
    again and again (8% of a load's time)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class SQLDirectory(Directory):
    """The people known so far, looked up and recorded in the store's `people` and `person_names` tables
    (inside the transaction of the records being added). It notes what the store must bring up to date when
    the batch is written: people added and merged away, and each person's new articles, quotes, mentions."""

    def __init__(self, store: SQLStore) -> None:
        super().__init__()
        self.store = store
        self.x = store._execute
        self.many = store._many
        self.maintained = store._maintained()
        self.timeline = store._has_timeline()
        self.added = 0
        self.pending: dict[str, list[int]] = {}  # person id -> [articles, quotes, mentions] not yet counted
        self.known: dict[tuple[str, str], str | None] = {}  # name keys read or written in this batch

    def find(self, type_: str | None, key: str) -> str | None:
        slot = (type_ or "", key)
        if slot not in self.known:
            rows = self.x("SELECT person_id FROM person_names WHERE type = ? AND key = ?", slot)
            self.known[slot] = rows[0]["person_id"] if rows else None
        found = self.known[slot]
        return self.resolved(found) if found else None  # a merge moved the key's person in the table too

    def with_surname(self, type_: str | None, surname: str) -> list[str]:
        return [r["id"] for r in self.x("SELECT id FROM people WHERE type = ? AND surname = ? AND given IS NOT NULL "
                                        "ORDER BY id LIMIT ?", (type_, surname, SURNAME_CANDIDATES))]

    def weights(self, ids: Sequence[str]) -> dict[str, int]:
        marks = ", ".join("?" * len(ids))
        if not self.maintained:  # a store kept at an older schema: counted
            return {r["person_id"]: int(r["n"]) for r in self.x(
                f"SELECT person_id, COUNT(DISTINCT article_id) AS n FROM entities WHERE person_id IN ({marks}) "
                "GROUP BY person_id", list(ids))}
        found = {r["id"]: int(r["n"] or 0) for r in self.x(
            f"SELECT id, n_articles AS n FROM people WHERE id IN ({marks})", list(ids))}
        for pid, (articles, _, _) in self.pending.items():  # this batch's articles, not counted yet
            if self.resolved(pid) in found:
                found[self.resolved(pid)] += articles
        return {pid: n for pid, n in found.items() if n}

    def count(self, pid: str, quotes: int, mentions: int) -> None:
        """One more article of this person (its quotes and mentions), counted when the batch is written."""
        slot = self.pending.setdefault(pid, [0, 0, 0])
        slot[0] += 1
        slot[1] += quotes
        slot[2] += mentions

    def add(self, person: Person) -> None:
        p = person
        self.write(PERSON_ADD, (p.id, p.type, p.name, p.key, p.surname, p.country, p.sector, p.given, p.anchor))
        self.added += 1
        self.register(p.type, p.key, p.id)

    def register(self, type_: str | None, key: str, pid: str) -> None:
        slot = (type_ or "", key)
        self.write(NAME_ADD, (*slot, pid))
        if slot in self.known and self.known[slot] is None:  # known to be free: now taken
            self.known[slot] = pid

    def block(self, type_: str | None, key: str) -> None:
        slot = (type_ or "", key)
        self.x("UPDATE person_names SET person_id = ? WHERE type = ? AND key = ?", (AMBIGUOUS, *slot))
        if self.known.get(slot) is not None:
            self.known[slot] = AMBIGUOUS
        else:
            self.known.pop(slot, None)

    def initials(self, pid: str) -> set[str]:
        rows = self.x("SELECT n.key, p.given, p.surname FROM person_names n JOIN people p ON p.id = n.person_id "
                      "WHERE n.person_id = ? AND n.type = ?", (pid, "PERSON"))
        return {initials_in(r["key"], Person(pid, "PERSON", "", "", r["surname"], r["given"])) for r in rows} - {""}

    def merge(self, old: str, new: str) -> None:
        self.x("UPDATE entities SET person_id = ? WHERE person_id = ?", (new, old))
        self.x("UPDATE person_names SET person_id = ? WHERE person_id = ?", (new, old))
        if self.timeline:  # a row both people hold (one event, two actors now one person) is kept once
            self.x("DELETE FROM timeline WHERE person_id = ? AND EXISTS (SELECT 1 FROM timeline t WHERE "
                   "t.person_id = ? AND t.day = timeline.day AND t.article_id = timeline.article_id AND "
                   "t.what = timeline.what AND t.item_id = timeline.item_id AND t.role = timeline.role)", (old, new))
            self.x("UPDATE timeline SET person_id = ? WHERE person_id = ?", (new, old))
        self.x("DELETE FROM people WHERE id = ?", (old,))
        self.added -= 1
        self.moved[old] = new

    def touch(self, pid: str, country: str | None, sector: str | None) -> None:
        if country or sector:
            self.write(PERSON_TOUCH, (country, sector, pid))

    def write(self, sql: str, params: Sequence[Any]) -> None:
        """One write of the join (MirroredDirectory gathers them)."""
        self.x(sql, params)

    def entities(self, rows: list[tuple[Any, ...]]) -> None:
        """An article's entity rows, written now so that the join of the next one sees them (and merges
        move them)."""
        self.many(STORE["entities"].insert(), rows)

    def flush(self) -> None:
        """The end of a batch's join: every write made."""


class LoadMirror:
    """The people a first bulk load into an empty store has written so far, in memory: the store's tables hold
    nothing else (no other writer), so the join's reads are answered here, without a query each; the writes
    still go to the tables (MirroredDirectory). Only what the reads need is kept (no entity links)."""

    def __init__(self) -> None:
        self.people: dict[str, tuple[str | None, str | None, str | None]] = {}  # id -> (type, surname, given)
        self.keys: dict[tuple[str, str], str] = {}
        self.keys_of: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.surnames: dict[tuple[str | None, str], list[str]] = defaultdict(list)
        self.articles: Counter[str] = Counter()
        self.origin: dict[str, tuple[str | None, str | None]] = {}  # id -> (country, sector)


class MirroredDirectory(SQLDirectory):
    """SQLDirectory whose reads come from a LoadMirror kept in step with its writes (same answers as the
    tables' while nothing else writes to them: a first load into an empty store)."""

    # Writes that only add (people, their names, what they fill in, entities) are gathered and made together,
    # in this order, before any other write (a merge, a blocked name) and at the end of the batch's join.
    GATHERED = (PERSON_ADD, NAME_ADD, PERSON_TOUCH, "entities")

    def __init__(self, store: SQLStore, mirror: LoadMirror) -> None:
        super().__init__(store)
        self.mirror = mirror
        self.gathered: dict[str, list[Any]] = {sql: [] for sql in self.GATHERED}

    def write(self, sql: str, params: Sequence[Any]) -> None:
        if sql in self.gathered:
            self.gathered[sql].append(params)
        else:
            self.flush()
            self.x(sql, params)

    def entities(self, rows: list[tuple[Any, ...]]) -> None:
        self.gathered["entities"] += rows

    def flush(self) -> None:
        for sql, rows in self.gathered.items():
            if rows:
                if sql == "entities":
                    self.store._copy("entities", rows)  # PostgreSQL: COPY, unless in the join's pipeline
                else:
                    self.many(sql, rows)
                rows.clear()

    def merge(self, old: str, new: str) -> None:
        self.flush()
        self._merge(old, new)

    def find(self, type_: str | None, key: str) -> str | None:
        found = self.mirror.keys.get((type_ or "", key))
        return self.resolved(found) if found else None

    def with_surname(self, type_: str | None, surname: str) -> list[str]:
        if type_ is None:  # `type = NULL` matches nothing in the tables
            return []
        return sorted(self.mirror.surnames.get((type_, surname), ()))[:SURNAME_CANDIDATES]

    def weights(self, ids: Sequence[str]) -> dict[str, int]:
        found = {pid: self.mirror.articles[pid] for pid in ids if pid in self.mirror.people}
        return {pid: n for pid, n in found.items() if n}

    def count(self, pid: str, quotes: int, mentions: int) -> None:
        super().count(pid, quotes, mentions)
        self.mirror.articles[pid] += 1

    def add(self, person: Person) -> None:
        if person.id in self.mirror.people:  # the tables' INSERT does nothing either
            super().add(person)
            return
        self.mirror.people[person.id] = (person.type, person.surname, person.given)
        self.mirror.origin[person.id] = (person.country, person.sector)
        if person.given is not None and person.surname:
            self.mirror.surnames[(person.type, person.surname)].append(person.id)
        super().add(person)

    def register(self, type_: str | None, key: str, pid: str) -> None:
        super().register(type_, key, pid)
        slot = (type_ or "", key)
        if slot not in self.mirror.keys:
            self.mirror.keys[slot] = pid
            self.mirror.keys_of[pid].append(slot)

    def block(self, type_: str | None, key: str) -> None:
        self.flush()
        super().block(type_, key)
        slot = (type_ or "", key)
        if slot in self.mirror.keys:  # an UPDATE: only a key already held
            held = self.mirror.keys[slot]
            if slot in self.mirror.keys_of.get(held, ()):
                self.mirror.keys_of[held].remove(slot)
            self.mirror.keys[slot] = AMBIGUOUS

    def initials(self, pid: str) -> set[str]:
        found = self.mirror.people.get(pid)
        if found is None:
            return set()
        p = Person(pid, "PERSON", "", "", found[1], found[2])
        return {initials_in(k, p) for t, k in self.mirror.keys_of.get(pid, ()) if t == "PERSON"} - {""}

    def touch(self, pid: str, country: str | None, sector: str | None) -> None:
        known = self.mirror.origin.get(pid)
        if known is not None and (known[0] or not country) and (known[1] or not sector):
            return  # nothing the tables' COALESCE would fill
        super().touch(pid, country, sector)
        if known is not None:
            self.mirror.origin[pid] = (known[0] or country, known[1] or sector)

    def _merge(self, old: str, new: str) -> None:
        super().merge(old, new)
        m = self.mirror
        m.origin.pop(old, None)
        for slot in m.keys_of.pop(old, []):
            m.keys[slot] = new
            m.keys_of[new].append(slot)
        gone = m.people.pop(old, None)
        if gone is not None and gone[1] and gone[2] is not None and old in m.surnames.get((gone[0], gone[1]), ()):
            m.surnames[(gone[0], gone[1])].remove(old)
        m.articles[new] += m.articles.pop(old, 0)


class SQLStore(Store):
    """A Store over a SQL database; subclasses provide the engine specifics."""

    placeholder = "?"
    like = "LIKE"
    join_people = True  # join entities into people at ingest (off only to measure what joining costs)
    _people_tables = False  # known to have the name tables of the join (a store kept at an older schema has not)
    _counts = False  # known to keep counts (schema 7)
    _timeline = False  # known to keep the timeline table (schema 8)
    _timeline_later = False  # a first bulk load: the timeline is filled once at its end
    _mirror: LoadMirror | None = None  # a first bulk load: the people written so far, in memory
    _text_later = False  # a first bulk load: the full-text index is made once at its end (SQLite)
    MIGRATIONS: dict[int, Sequence[str]] = {}
    REBUILD: frozenset[int] = frozenset()  # versions after which derived rows are re-made from records

    # -- engine hooks ---------------------------------------------------------------------------------
    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one statement (SQL with `?` placeholders); rows as dicts (empty for writes)."""

    @abc.abstractmethod
    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""

    @abc.abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """All statements inside commit together or not at all."""

    @abc.abstractmethod
    def _match(self, table: str, words: str) -> tuple[str, list[Any]]:
        """A subquery `(...)` with columns article_id, item_id and score (higher is better) of the rows of
        `table` (articles or quotes) matching all `words`, and its parameters."""

    @abc.abstractmethod
    def _index_text(self, records: list[Analysis], quotes: list[tuple[Any, ...]]) -> None:
        """Keep the engine's full-text index up to date for records just written (`quotes`: their rows)."""

    @abc.abstractmethod
    def _unindex_text(self, article_id: str) -> None: ...

    def _keys_by_name(self, select: str, names: list[str], params: list[Any]) -> list[Any]:
        """The column `k` of `select` (its `{name}` one speaker name, then `params`) for every name: one
        statement for NAMES_AT_ONCE names (each name's rows a LIMITed subquery)."""
        found: list[Any] = []
        for i in range(0, len(names), NAMES_AT_ONCE):
            part = names[i:i + NAMES_AT_ONCE]
            found += [r["k"] for r in self._execute(
                " UNION ALL ".join(f"SELECT k FROM ({select.replace('{name}', '?')}) s{j}" for j in range(len(part))),
                [v for name in part for v in (name, *params)])]
        return found

    def _speaker_names(self, part: str, most: int) -> list[str]:
        """Up to `most` speaker names holding `part` (any case), through the speakers' trigram index."""
        return [r["name"] for r in self._execute(self._speakers_like() + " ESCAPE '\\' LIMIT ?",
                                                 (like_pattern(part), most))]

    @abc.abstractmethod
    def _speakers_like(self) -> str:
        """A subquery of the speaker names like the pattern given as its one parameter, through an index."""

    @abc.abstractmethod
    def _schema_version(self) -> int | None:
        """The recorded schema version, or None for an empty database."""

    @abc.abstractmethod
    def _base_schema(self) -> Sequence[str]:
        """The statements of the version 1 schema, as first released (migrations bring it forward)."""

    @abc.abstractmethod
    def _current_schema(self) -> Sequence[str]:
        """The statements creating the current schema in an empty database (from store/tables.py)."""

    @abc.abstractmethod
    def _errors(self) -> tuple[type[BaseException], ...]:
        """The engine's exception classes, turned into coded StoreErrors."""

    # -- schema ---------------------------------------------------------------------------------------
    def _migrate(self, target: int = SCHEMA_VERSION, create: bool = True) -> None:
        """Bring the schema forward from its recorded version to `target`, one recorded step at a time;
        an empty database becomes a store only when `create`."""
        found = self._schema_version()
        if found is None and not create:
            self.close()
            raise StoreError("E033", path=self.location)
        if found is None:
            found = SCHEMA_VERSION if target == SCHEMA_VERSION else 1
            with self._transaction():
                for statement in self._current_schema() if found == SCHEMA_VERSION else self._base_schema():
                    self._execute(statement)
                self._execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(found),))
        if found > SCHEMA_VERSION:
            raise StoreError("E031", path=self.location, found=found, supported=SCHEMA_VERSION)
        for version in range(found + 1, target + 1):
            with self._transaction():
                for statement in self.MIGRATIONS[version]:
                    self._execute(statement)
                self._execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        if self.REBUILD & set(range(found + 1, target + 1)):
            self.rebuild()
        elif found < PEOPLE_VERSION <= target:
            self.rebuild_people()

    def rebuild(self, batch: int = 200) -> int:
        """Re-make every derived row (quotes, entities, people, ...) from the stored whole records."""
        ids = [r["id"] for r in self._execute("SELECT id FROM articles ORDER BY id")]
        for i in range(0, len(ids), batch):
            chunk = [a for a in (self.get(x) for x in ids[i:i + batch]) if a is not None]
            self.add_many(chunk)
        if (self._schema_version() or 0) >= PEOPLE_VERSION:
            self.rebuild_people()  # joined again in order of publication, as at ingest
        return len(ids)

    def rebuild_people(self) -> dict[str, int]:
        before = self.count("people")
        d = MemoryDirectory()
        joiner = Joiner(d)
        rows = self._execute(
            "SELECT e.article_id, e.id, e.name, e.type, e.country, e.sector, e.n_mentions AS mentions FROM entities e "
            "JOIN articles a ON a.id = e.article_id WHERE e.type <> 'AGENT' "
            "ORDER BY COALESCE(a.published, ''), a.id, e.id")
        said: dict[tuple[str, str], set[str]] = {}
        for m in self._execute("SELECT m.article_id, m.entity_id, m.text FROM mentions m JOIN entities e ON "
                               "e.article_id = m.article_id AND e.id = m.entity_id WHERE e.type IN ('ORG', 'PERSON')"):
            said.setdefault((m["article_id"], m["entity_id"]), set()).add(m["text"])
        article: list[EntityRow] = []
        for r in rows + [None]:  # type: ignore[list-item]
            if article and (r is None or r["article_id"] != article[0].article_id):
                joiner.join(article)
                article = []
            if r is not None:
                found = said.get((r["article_id"], r["id"]), set())
                article.append(EntityRow(**r, variants=variants_of(r["name"], tuple(sorted(found)))))
        try:
            with self._transaction():
                self._execute("DELETE FROM person_names")
                self._execute("DELETE FROM people")
                self._execute("UPDATE entities SET person_id = NULL WHERE person_id IS NOT NULL")
                self._many(PERSON_INSERT, [(p.id, p.type, p.name, p.key, p.surname, p.country, p.sector, p.given,
                                            p.anchor) for p in d.people.values()])  # counts: RECOUNT below
                self._many(STORE["person_names"].insert(),
                           [(t or "", k, d.resolved(pid)) for (t, k), pid in d.keys.items()])
                self._many("UPDATE entities SET person_id = ? WHERE article_id = ? AND id = ?",
                           [(d.resolved(pid), a, e) for (a, e), pid in d.links.items()])
                if (self._schema_version() or 0) >= COUNTS_VERSION:
                    self._execute(RECOUNT)
                    self._execute("UPDATE counts SET n = ? WHERE name = 'people'", (len(d.people),))
                self._rename_people()
                if self._has_timeline():
                    self._execute("DELETE FROM timeline")
                    self._execute(TIMELINE_ALL)
        except self._errors() as exc:
            raise StoreError("E032", path=self.location, reason=str(exc).strip()) from None
        return {"people_before": before, "people": len(d.people), "entities": len(d.links),
                "merged": len(d.moved)}

    # -- writing --------------------------------------------------------------------------------------
    def add_many(self, records: Iterable[Analysis], *, corpus: bool = True) -> int:
        """Store records in one transaction (replacing any with the same id), each table's rows written in one
        batch; `corpus=False` leaves the corpus-level features (attache/corpus) unfed."""
        from ..corpus import update as update_corpus

        batch = list({r.id: r for r in records}.values())  # the same id twice: the last one is kept
        if not batch:
            return 0
        try:
            with self._transaction():
                self._write(batch)
                if corpus:
                    update_corpus(self, batch)  # quote clusters, story events, vectors (attache/corpus)
        except self._errors() as exc:
            raise StoreError("E032", path=self.location, reason=str(exc).strip()) from None
        return len(batch)

    def bulk_load(self, records: Iterable[Analysis], batch_size: int = 1000, *, corpus: bool = True,
                  progress: Any = None) -> int:
        """Store a stream of records in transactions of `batch_size` articles. Into an empty store the
        indexes the people join does not read are made once at the end, not kept up to date row by row;
        `progress(n)` is called after each batch with the articles stored so far."""
        with self._loading(), collected_once_a_batch():
            n = self._bulk_load(records, batch_size, corpus, progress)
        if progress:
            progress(n)
        return n

    def _bulk_load(self, records: Iterable[Analysis], batch_size: int, corpus: bool, progress: Any) -> int:
        empty = self._maintained() and self.count("articles") == 0
        deferred = self._deferred()
        if empty:
            for name in deferred:
                self._execute(f"DROP INDEX IF EXISTS {name}")
            self._timeline_later = self._has_timeline()
            self._text_later = self._text_deferrable()
            self._mirror = LoadMirror()
        n = 0
        try:
            chunk: list[Analysis] = []
            for record in records:
                chunk.append(record)
                if len(chunk) >= batch_size:
                    n += self.add_many(chunk, corpus=corpus)
                    chunk = []
                    gc.collect(1)  # what the batch left in cycles (collected_once_a_batch)
                    if progress:
                        progress(n)
            n += self.add_many(chunk, corpus=corpus)
        finally:
            self._mirror = None
            if empty and self._timeline_later:
                self._timeline_later = False
                with self._transaction():  # from every article at once, in one statement
                    self._execute("DELETE FROM timeline")
                    self._execute(TIMELINE_ALL)
            if empty:
                with self._transaction():
                    self._rename_people()
            if empty and self._text_later:
                self._text_later = False
                with self._transaction():  # every stored article's and quote's text, in the order stored
                    self._index_all_text()
            if empty:
                for name, on in deferred.items():
                    self._execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")
                self._analyze()
        return n

    def _loading(self) -> AbstractContextManager[Any]:
        """Around a bulk load (SQLite: settings for loading, restored after)."""
        return nullcontext()

    def _text_deferrable(self) -> bool:
        """Whether a first load into an empty store can leave the full-text index to its end
        (`_index_all_text`)."""
        return False

    def _index_all_text(self) -> None:
        """Index the text of every stored article and quote, in the order they were stored (as `_index_text`
        would have, batch after batch)."""
        raise NotImplementedError

    def _deferred(self) -> dict[str, str]:
        """The indexes a first load into an empty store makes at its end: name -> table(columns)."""
        return {name: INDEXES[name] for name in DEFERRED}

    def _analyze(self) -> None:
        """Refresh the planner's statistics after a big load."""
        self._execute("ANALYZE")

    def _write(self, batch: list[Analysis]) -> None:
        """Write a batch of records inside the caller's transaction."""
        directory = SQLDirectory(self) if self._mirror is None else MirroredDirectory(self, self._mirror)
        joiner = Joiner(directory)
        joins = self._joins_people()
        marks = ", ".join("?" * len(batch))
        for row in self._execute(f"SELECT id FROM articles WHERE id IN ({marks})", [r.id for r in batch]):
            self._delete(row["id"])  # replaced: only articles already stored are deleted (no scan for new ones)
        made = [store_rows(record) for record in batch]
        self._copy("articles", [rows["articles"][0] for rows in made])  # before their rows
        buffered: dict[str, list[tuple[Any, ...]]] = {t: [] for t in DERIVED if t != "entities"}
        quotes: list[tuple[Any, ...]] = []
        with self._joining():
            self._join_rows(batch, made, joiner, directory, joins, buffered, quotes)
        directory.flush()  # the join's gathered writes left (after the pipeline: PostgreSQL COPYs the entities)
        n_entities = sum(len(rows["entities"]) for rows in made)
        for table, table_rows in buffered.items():
            if table_rows:
                self._copy(table, table_rows)
        self._after_join(batch, made, quotes, buffered, n_entities, directory)

    def _joining(self) -> AbstractContextManager[Any]:
        """Around the join of a batch's entities (PostgreSQL: pipeline mode, writes sent without waiting)."""
        return nullcontext()

    def _join_rows(self, batch: list[Analysis], made: list[dict[str, list[tuple[Any, ...]]]], joiner: Joiner,
                   directory: SQLDirectory, joins: bool, buffered: dict[str, list[tuple[Any, ...]]],
                   quotes: list[tuple[Any, ...]]) -> None:
        """Join each record's entities into people, one record after another, writing its entities (their
        rows in `made` given their person)."""
        for record, rows in zip(batch, made):
            if joins:
                rows["entities"] = _linked(rows["entities"], directory, joiner.join(_joined_rows(record, rows)))
            directory.entities(rows["entities"])
            for pid, (said, mentioned) in _per_person(rows["entities"]).items():
                directory.count(pid, said, mentioned)
            for table in buffered:
                buffered[table] += rows[table]
            quotes += rows["quotes"]

    def _after_join(self, batch: list[Analysis], made: list[dict[str, list[tuple[Any, ...]]]],
                    quotes: list[tuple[Any, ...]], buffered: dict[str, list[tuple[Any, ...]]], n_entities: int,
                    directory: SQLDirectory) -> None:
        marks = ", ".join("?" * len(batch))
        if not self._text_later:
            self._index_text(batch, quotes)
        if self._keyed():
            self._copy("event_countries", [r for rows in made for r in rows["event_countries"]])
        if self._has_timeline() and not self._timeline_later:
            ids = [r.id for r in batch]
            self._execute(TIMELINE_FILL.format(quotes=f"q.article_id IN ({marks})", events=f"ev.article_id IN ({marks})"),
                          ids + ids)
        if not self._maintained():  # a store kept at an older schema
            return
        self._add_speakers(sorted({q[Q_SPEAKER] for q in quotes if q[Q_SPEAKER]}))
        self._count_people(directory)
        if self._mirror is None:  # a first load into an empty store chooses them all at its end
            self._rename_people(sorted({directory.resolved(pid) for pid in directory.pending}))
        self._bump({**{t: len(r) for t, r in buffered.items()}, "articles": len(batch), "entities": n_entities,
                    "people": directory.added})

    def _copy(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows of one table, values in the order of `STORE[table].inserted` (PostgreSQL: COPY)."""
        columns = self._inserted(table)
        if len(columns) < len(STORE[table].inserted):
            rows = [row[:len(columns)] for row in rows]
        self._many(f"INSERT INTO {table} ({', '.join(quoted(c) for c in columns)}) "
                   f"VALUES ({', '.join('?' * len(columns))})", rows)

    def _inserted(self, table: str) -> tuple[str, ...]:
        """The columns this store's tables have of those an INSERT gives (a store kept at an older schema lacks
        the later ones: tables.LATER, always the last of their table)."""
        if not any(t == table for t, _ in LATER) or self._keyed():
            return STORE[table].inserted
        version = self._schema_version() or 0
        return tuple(c for c in STORE[table].inserted if LATER.get((table, c), 0) <= version)

    def _add_speakers(self, names: list[str]) -> None:
        """Remember speaker names (for finding quotes by part of one)."""
        self._many("INSERT INTO speakers (name) VALUES (?) ON CONFLICT (name) DO NOTHING", [(n,) for n in names])

    def _bump(self, deltas: dict[str, int]) -> None:
        """Add to the maintained row counts."""
        self._many("UPDATE counts SET n = n + ? WHERE name = ?", [(d, t) for t, d in deltas.items() if d])

    def _count_people(self, directory: SQLDirectory) -> None:
        """Bring each person's counts up to date: the batch's articles added, a merged person counted again."""
        merged = {directory.resolved(old) for old in directory.moved}
        deltas: dict[str, list[int]] = {}
        for pid, counts in directory.pending.items():
            pid = directory.resolved(pid)
            if pid not in merged:
                slot = deltas.setdefault(pid, [0, 0, 0])
                for i, c in enumerate(counts):
                    slot[i] += c
        self._add_to_people([(*d, pid) for pid, d in deltas.items()])
        self._many(RECOUNT + " WHERE id = ?", [(pid,) for pid in sorted(merged)])

    def _rename_people(self, pids: Sequence[str] | None = None) -> None:
        """Choose again the name each of these people (None: everyone) is shown under, from the names of their
        entities (`display_name`); at ingest only while a person is in at most RENAMED_UP_TO articles, which
        bounds the work (a rebuild or a first bulk load chooses for everyone)."""
        select = ("SELECT e.person_id, e.name, p.type, p.name AS shown, COUNT(*) AS n FROM entities e "
                  "JOIN people p ON p.id = e.person_id")
        group = " GROUP BY e.person_id, e.name, p.type, p.name"
        if pids is None:
            rows = self._execute(select + " WHERE e.person_id IS NOT NULL" + group)
        else:
            rows = []
            for i in range(0, len(pids), RENAME_CHUNK):
                chunk = list(pids[i:i + RENAME_CHUNK])
                rows += self._execute(f"{select} WHERE e.person_id IN ({', '.join('?' * len(chunk))}) "
                                      f"AND p.n_articles <= ?{group}", [*chunk, RENAMED_UP_TO])
        written: dict[str, dict[str, int]] = defaultdict(dict)
        shown: dict[str, tuple[str, str]] = {}
        for r in rows:
            written[r["person_id"]][r["name"]] = int(r["n"])
            shown[r["person_id"]] = (r["type"], r["shown"])
        renamed = [(name, pid) for pid, counts in written.items()
                   if (name := display_name(counts, shown[pid][0])) and name != shown[pid][1]]
        self._many("UPDATE people SET name = ? WHERE id = ?", renamed)

    def _add_to_people(self, rows: list[tuple[int, int, int, str]]) -> None:
        """Add (articles, quotes, mentions) to the counts of the person with id (the last of each row)."""
        self._many("UPDATE people SET n_articles = n_articles + ?, n_quotes = n_quotes + ?, "
                   "n_mentions = n_mentions + ? WHERE id = ?", rows)

    def _joins_people(self) -> bool:
        if not self._people_tables:
            self._people_tables = (self._schema_version() or 0) >= PEOPLE_VERSION
        return self.join_people and self._people_tables

    def _delete(self, article_id: str) -> None:
        """Delete a stored article and its rows, taking them off the counts."""
        maintained = self._maintained()
        self._many("UPDATE people SET n_articles = n_articles - 1, n_quotes = n_quotes - ?, "
                   "n_mentions = n_mentions - ? WHERE id = ?",
                   [(r["q"], r["m"], r["person_id"]) for r in self._execute(
                       "SELECT person_id, SUM(n_quotes) AS q, SUM(n_mentions) AS m FROM entities "
                       "WHERE article_id = ? AND person_id IS NOT NULL GROUP BY person_id", (article_id,))]
                   if maintained else [])
        gone = {"articles": -1}
        for table in DERIVED:
            if maintained:
                gone[table] = -int(self._execute(f"SELECT count(*) AS n FROM {table} WHERE article_id = ?",
                                                 (article_id,))[0]["n"])
            self._execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._unindex_text(article_id)
        if self._has_timeline():
            self._execute("DELETE FROM timeline WHERE article_id = ?", (article_id,))
        if self._keyed():
            self._execute("DELETE FROM event_countries WHERE article_id = ?", (article_id,))
        self._execute("DELETE FROM articles WHERE id = ?", (article_id,))
        if maintained:
            self._bump(gone)

    # -- reading --------------------------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        return bool(self._execute("SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)))

    def count(self, table: str = "articles") -> int:
        """Rows in a table: the maintained count (schema 7 on), else counted."""
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        if self._maintained() and table in COUNTED:
            return int(self._execute("SELECT n FROM counts WHERE name = ?", (table,))[0]["n"])
        return int(self._execute(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def _maintained(self) -> bool:
        """Whether the store keeps counts, people's counts and speaker names (schema 7 on)."""
        if not self._counts:
            self._counts = (self._schema_version() or 0) >= COUNTS_VERSION
        return self._counts

    def _has_timeline(self) -> bool:
        """Whether the store keeps a person's timeline as a table (schema 8 on)."""
        if not self._timeline:
            self._timeline = (self._schema_version() or 0) >= TIMELINE_VERSION
        return self._timeline

    def _keyed(self) -> bool:
        """Whether quotes carry their sort key and events their countries as a table (schema 9 on)."""
        if not getattr(self, "_keys", False):
            self._keys = (self._schema_version() or 0) >= KEYS_VERSION
        return self._keys

    def get(self, article_id: str) -> Analysis | None:
        rows = self._execute("SELECT record FROM articles WHERE id = ?", (article_id,))
        return Analysis.from_dict(_json(rows[0]["record"])) if rows else None

    def _chunks(self, columns: str, chunk: int = 500) -> Iterator[list[dict[str, Any]]]:
        """Every article (`columns` of `articles a`), oldest first, `chunk` at a time, read by key along the
        articles' sort index: memory stays flat whatever the store's size."""
        keys = ((PUBLISHED_OF_ARTICLE, False), ("a.id", True))
        after: list[Any] | None = None
        while True:
            where, params = keyset(keys, after) if after else ("1 = 1", [])
            rows = self._execute(f"SELECT a.id, {columns}, {PUBLISHED_OF_ARTICLE} AS k FROM articles a WHERE {where} "
                                 f"ORDER BY {PUBLISHED_OF_ARTICLE}, a.id DESC LIMIT ?", [*params, chunk])
            if rows:
                yield rows
            if len(rows) < chunk:
                return
            after = [rows[-1]["k"], rows[-1]["id"]]

    def records(self) -> Iterator[Analysis]:
        """Every stored record, oldest first, streamed (exports read this)."""
        for rows in self._chunks("a.record"):
            for row in rows:
                yield Analysis.from_dict(_json(row["record"]))

    def quote_rows(self) -> Iterator[dict[str, Any]]:
        """The rows of `attache export quotes` (attache/export.py) straight from the quotes table, articles in
        the order of `records()`, each article's quotes in text order: no record is rebuilt."""
        for articles in self._chunks("a.published"):
            marks = ", ".join("?" * len(articles))
            found: dict[str, list[dict[str, Any]]] = {}
            for q in self._execute(
                    "SELECT q.article_id, q.id AS quote_id, a.published, a.source, a.title, a.url, q.kind, q.content, "
                    "q.start, q.\"end\", q.speaker_name AS speaker, q.speaker_text, q.speaker_entity, e.person_id, "
                    "q.cue, q.addressee, q.time_value AS time, q.nested_in FROM quotes q "
                    "JOIN articles a ON a.id = q.article_id LEFT JOIN entities e ON e.article_id = q.article_id "
                    f"AND e.id = q.speaker_entity WHERE q.article_id IN ({marks})", [a["id"] for a in articles]):
                found.setdefault(q["article_id"], []).append(q)
            for a in articles:
                yield from sorted(found.get(a["id"], ()), key=_text_order)

    # -- listings, paged by key ----------------------------------------------------------------------
    def _secret(self) -> bytes:
        """The key cursors are signed with, made once per store and kept in it."""
        if getattr(self, "_cursor_secret", None) is None:
            self._execute("INSERT INTO meta (key, value) VALUES ('cursor_secret', ?) ON CONFLICT (key) DO NOTHING",
                          (secrets.token_hex(32),))
            found = self._execute("SELECT value FROM meta WHERE key = 'cursor_secret'")[0]["value"]
            self._cursor_secret = found.encode()
        return self._cursor_secret  # type: ignore[no-any-return]

    def _after(self, listing: str, query: Any, option: str = "after") -> list[Any] | None:
        """The sort-key values the query's cursor holds (None without one); E040 for an OFFSET, E043 for a
        cursor this store did not hand out for this listing and these filters."""
        if query.offset:
            raise ArgumentError("E040", option="offset", value=query.offset,
                                reason="listings are paged by cursor: pass the `next` cursor of the page before")
        if not query.after:
            return None
        return decode(self._secret(), query.after, listing, filters_of(query), option)

    def _listing(self, listing: str, query: Any, select: str, where: list[str], params: list[Any],
                 keys: Sequence[tuple[str, bool]], limit: int, prefix: Sequence[Any] = ()) -> Page:
        """One page of `select` (SELECT ...{keys} FROM ..., its parameters `prefix` first) in the order of `keys`
        ((expression, descending), unique together), after the query's cursor; with the next cursor."""
        after = self._after(listing, query)
        where = list(where)
        params = list(params)
        if after is not None:
            if len(after) != len(keys):
                raise ArgumentError("E043", option="after", value=query.after[:40], reason="stale cursor")
            condition, values = keyset(keys, after)
            where.append(condition)
            params += values
        columns = "".join(f", {expr} AS k{i}" for i, (expr, _) in enumerate(keys))
        order = " ORDER BY " + ", ".join(f"{expr}{' DESC' if desc else ''}" for expr, desc in keys
                                         if not expr.startswith("'"))  # a constant orders nothing
        sql = select.replace("{keys}", columns, 1) + (" WHERE " + " AND ".join(where) if where else "") + order
        rows = self._execute(sql + " LIMIT ?", [*prefix, *params, limit])
        found = Page(rows)
        if rows and len(rows) == limit:
            found.next = encode(self._secret(), listing, filters_of(query), [rows[-1][f"k{i}"] for i in range(len(keys))])
        for row in rows:
            for i in range(len(keys)):
                row.pop(f"k{i}", None)
        return found

    def quotes(self, query: QuoteQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        q = QuoteQuery.of(query, **filters)
        search, limit = q.search, page(q.limit, 0)[0]
        where: list[str] = []
        params: list[Any] = []
        join, prefix = "", []
        keys: list[tuple[str, bool]] = [(PUBLISHED_OF_ARTICLE, True), ("q.article_id", False), ("q.start", False),
                                        ("q.id", False)]
        if search is not None:
            if not WORD.search(search):
                return Page()
            sub, prefix = self._match("quotes", search)
            join = f" JOIN {sub} f ON f.article_id = q.article_id AND f.item_id = q.id"
            keys.insert(0, ("f.score", True))
        published = PUBLISHED_OF_ARTICLE
        names: list[str] = []
        if q.speaker and self._keyed():  # each quote carries its article's sort key, under the speaker index
            published = "q.published_key"
            keys[0] = (published, True)
            names = self._speaker_names(q.speaker, SPEAKER_NAMES + 1)
            if not names:
                return Page()
        for column, value in (("e.person_id", q.person), ("q.article_id", q.article), ("q.kind", q.kind)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        _dates(where, params, published, q.since, q.until)
        if 0 < len(names) <= SPEAKER_NAMES and search is not None:
            where.append(f"q.speaker_name IN ({', '.join('?' * len(names))})")
            params += names
        elif 0 < len(names) <= SPEAKER_NAMES:
            # Each name's next `limit` sort keys, read in the speaker index's order, give the oldest date the
            # page can reach; the page is then the names' quotes from the cursor down to that date only.
            after = self._after("quotes", q)
            bound, bound_params = keyset(keys, after) if after is not None else ("1 = 1", [])
            marks = ", ".join(f"{e} {'DESC' if d else ''}" for e, d in keys)
            found = self._keys_by_name(
                "SELECT q.published_key AS k FROM quotes q LEFT JOIN entities e ON e.article_id = q.article_id AND "
                f"e.id = q.speaker_entity WHERE q.speaker_name = {{name}} AND {' AND '.join([*where, bound])} "
                f"ORDER BY {marks} LIMIT ?", names, [*params, *bound_params, limit])
            where.append(f"q.speaker_name IN ({', '.join('?' * len(names))})")
            params += names
            if len(found) >= limit:
                where.append("q.published_key >= ?")
                params.append(sorted(found, reverse=True)[limit - 1])
        elif q.speaker:  # many names (or a search): every quote of theirs is read and sorted
            where.append(f"q.speaker_name IN ({self._speakers_like()} ESCAPE '\\')")
            params.append(like_pattern(q.speaker))
        select = ("SELECT q.article_id, q.id, q.kind, q.content, q.speaker_name, q.speaker_entity, e.person_id, "
                  "q.cue, q.addressee, q.time_value, a.published, a.title, a.source{keys} FROM quotes q "
                  "JOIN articles a ON a.id = q.article_id "
                  "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity" + join)
        return self._listing("quotes", q, select, where, params, keys, limit, prefix)

    def sources_report(self, query: SourcesQuery | None = None, /, **filters: Any) -> dict[str, Any]:
        return who_is_quoted(self._execute, SourcesQuery.of(query, **filters))

    PEOPLE = ("SELECT p.id, p.name, p.type, p.country, p.sector, p.n_mentions AS mentions, p.n_quotes AS quotes, "
              "p.n_articles AS articles{keys} FROM people p")
    RANKED = (("p.n_articles", True), ("p.n_quotes", True), ("p.n_mentions", True), ("p.name", False),
              ("p.id", False))

    def people(self, query: PeopleQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        """People by their maintained counts (people.n_articles ...: no COUNT over entities at query time)."""
        q = PeopleQuery.of(query, **filters)
        limit = page(q.limit, 0)[0]
        where: list[str] = ["p.n_articles > 0"]
        params: list[Any] = []
        if q.search:
            where.append(f"p.name {self.like} ? ESCAPE '\\'")
            params.append(like_pattern(" ".join(q.search.split())))
        if q.type:
            where.append("p.type = ?")
            params.append(q.type)
        rows = self._listing("people", q, self.PEOPLE, where, params, self.RANKED, limit)
        for r in rows:
            _ints(r)
        names = self._names([r["id"] for r in rows])
        for r in rows:
            r["names"] = names.get(r["id"], [r["name"]])
        return rows

    def _names(self, ids: list[str], most: int = NAME_VARIANTS) -> dict[str, list[str]]:
        """The names each person is written with across articles, most frequent first (among their first
        NAMES_LISTED entities: bounded work for a person in a million articles)."""
        out: dict[str, list[str]] = {}
        for pid in ids:
            counted: dict[str, int] = {}
            for r in self._execute("SELECT name FROM entities WHERE person_id = ? LIMIT ?", (pid, NAMES_LISTED)):
                counted[r["name"]] = counted.get(r["name"], 0) + 1
            out[pid] = sorted(counted, key=lambda n: (-counted[n], n))[:most]
        return out

    def person(self, person_id: str) -> dict[str, Any] | None:
        rows = self._execute(self.PEOPLE.replace("{keys}", "") + " WHERE p.id = ? AND p.n_articles > 0", (person_id,))
        if not rows:
            return None
        found = _ints(rows[0])
        titles: list[str] = []
        names: list[str] = []
        for r in self._execute("SELECT name, titles FROM entities WHERE person_id = ? LIMIT ?",
                               (person_id, NAMES_READ)):
            names += [r["name"]] if r["name"] not in names else []
            titles += [t for t in _json(r["titles"] or "[]") if t not in titles]
        articles = self._execute(
            "SELECT a.id, a.title, a.published, a.source FROM articles a WHERE a.id IN "
            "(SELECT article_id FROM entities WHERE person_id = ?) ORDER BY " + PUBLISHED_OF_ARTICLE
            + " DESC, a.id LIMIT ?", (person_id, MAX_ARTICLES))
        return {**found, "titles": titles, "names": names, "articles_list": articles}

    def timeline(self, person_id: str, limit: int = 200, offset: int = 0,
                 after: str | None = None) -> list[dict[str, Any]]:
        """A person's quotes and events by date, oldest first (undated last): the `timeline` table read in the
        order of its index from the cursor on (schema 8; an older store sorts the person's rows)."""
        limit = page(limit, 0)[0]
        query = TimelineQuery(person=person_id, limit=limit, offset=offset, after=after)
        keys = [("t.day", False), ("t.article_id", False), ("t.what", False), ("t.item_id", False),
                ("t.role", False)]
        rows = self._listing("timeline", query, (
            "SELECT t.day, t.what, t.role, t.article_id, t.item_id, a.title, a.published, "
            "COALESCE(q.kind, ev.type) AS kind, COALESCE(q.content, ev.sentence) AS text{keys} FROM "
            + ("timeline t" if self._has_timeline() else "(" + TIMELINE_ROWS.format(quotes="1 = 1", events="1 = 1") + ") t")
            + " JOIN articles a ON a.id = t.article_id "
            "LEFT JOIN quotes q ON t.what = 'quote' AND q.article_id = t.article_id AND q.id = t.item_id "
            "LEFT JOIN events ev ON t.what = 'event' AND ev.article_id = t.article_id AND ev.id = t.item_id"),
            ["t.person_id = ?"], [person_id], keys, limit)
        keep = ("date", "what", "role", "kind", "text", "article_id", "id", "title", "published")
        found = Page({k: r.get(k) for k in keep} for r in (
            {**r, "date": None if r["day"] == "9999" else r["day"], "id": r["item_id"]} for r in rows))
        found.next = rows.next  # type: ignore[attr-defined]
        return found

    def events(self, query: EventQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        q = EventQuery.of(query, **filters)
        limit = page(q.limit, 0)[0]
        where: list[str] = []
        params: list[Any] = []
        by_country = [(role, country) for role, country in (("actor", q.actor_country),
                                                              ("recipient", q.recipient_country)) if country]
        keys: tuple[tuple[str, bool], ...] = ((DATE_OF_EVENT, True), ("ev.article_id", False), ("ev.id", False))
        select = ("SELECT ev.article_id, ev.id, ev.date, ev.type, ev.mode, ev.modality, ev.trigger, ev.cameo, "
                  "ev.place_name, ev.place_country, ev.lat, ev.lon, ev.sentence, a.title, a.source, a.url{keys} "
                  "FROM events ev JOIN articles a ON a.id = ev.article_id")
        date = DATE_OF_EVENT
        if by_country and self._keyed():  # the country's events of the type, read in their index's order
            role, country = by_country.pop(0)
            select = select.replace("FROM events ev", "FROM event_countries c JOIN events ev ON ev.article_id = "
                                    "c.article_id AND ev.id = c.event_id")
            keys = (("c.day", True), ("c.article_id", False), ("c.event_id", False))
            date = "c.day"
            where += ["c.role = ?", "c.country = ?"]
            params += [role, country]
        for column, value in (("c.type" if date == "c.day" else "ev.type", q.type), ("ev.article_id", q.article)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        for role, country in by_country:
            if country:
                where.append("EXISTS (SELECT 1 FROM event_actors r WHERE r.article_id = ev.article_id AND "
                             "r.event_id = ev.id AND r.role = ? AND r.country = ?)")
                params += [role, country]
        if q.person:
            where.append("EXISTS (SELECT 1 FROM event_actors r JOIN entities e ON e.article_id = r.article_id "
                         "AND e.id = r.entity_id WHERE r.article_id = ev.article_id AND r.event_id = ev.id "
                         "AND e.person_id = ?)")
            params.append(q.person)
        _dates(where, params, date, q.since, q.until)
        return self._with_actors(self._listing("events", q, select, where, params, keys, limit))

    def _with_actors(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        articles = sorted({e["article_id"] for e in events})
        roles: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
        if articles:
            marks = ", ".join("?" * len(articles))
            for r in self._execute("SELECT r.article_id, r.event_id, r.role, r.entity_id, r.name, r.country, r.sector, "
                             "e.person_id FROM event_actors r LEFT JOIN entities e ON e.article_id = r.article_id "
                             f"AND e.id = r.entity_id WHERE r.article_id IN ({marks})", articles):
                slot = roles.setdefault((r.pop("article_id"), r.pop("event_id")), {"actor": [], "recipient": []})
                slot[r.pop("role")].append(r)
        for e in events:
            slot = roles.get((e["article_id"], e["id"]), {"actor": [], "recipient": []})
            e["actors"], e["recipients"] = slot["actor"], slot["recipient"]
        return events

    def articles(self, query: ArticleQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        q = ArticleQuery.of(query, **filters)
        search, limit = q.search, page(q.limit, 0)[0]
        where: list[str] = []
        params: list[Any] = []
        join, text, prefix = "", "", []
        keys: list[tuple[str, bool]] = [(PUBLISHED_OF_ARTICLE, True), ("a.id", False)]
        if search is not None:
            if not WORD.search(search):
                return Page()
            sub, prefix = self._match("articles", search)
            join = f" JOIN {sub} f ON f.article_id = a.id"
            keys.insert(0, ("f.score", True))
            text = ", a.text"
        if q.source:
            where.append("a.source = ?")
            params.append(q.source)
        if q.country:
            where.append("EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND p.country = ?)")
            params.append(q.country)
        _dates(where, params, PUBLISHED_OF_ARTICLE, q.since, q.until)
        select = ("SELECT a.id, a.title, a.source, a.url, a.published, "
                  "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
                  "(SELECT count(*) FROM events v WHERE v.article_id = a.id) AS events" + text
                  + "{keys} FROM articles a" + join)
        rows = self._listing("articles", q, select, where, params, keys, limit, prefix)
        for row in rows:
            if "text" in row:
                row["snippet"] = snippet(row.pop("text"), search or "")
            _ints(row)
        return rows

    def search(self, words: str, limit: int = 20, offset: int = 0,
               after: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Articles and quotes, each ranked best first; the cursor `after` holds both lists' cursors."""
        query = SearchQuery(search=words, limit=limit, offset=offset, after=after)
        inner = self._after("search", query) or [None, None]
        if len(inner) != 2:
            raise ArgumentError("E043", option="after", value=after, reason="stale cursor")
        found = {"articles": self.articles(search=words, limit=limit, after=inner[0]) if inner[0] != "" else Page(),
                 "quotes": self.quotes(search=words, limit=limit, after=inner[1]) if inner[1] != "" else Page()}
        nexts = [found["articles"].next or "", found["quotes"].next or ""]  # type: ignore[attr-defined]
        result = SearchResult(found)
        if any(nexts):
            result.next = encode(self._secret(), "search", filters_of(query), nexts)
        return result

    def article_people(self, article_id: str) -> dict[str, str]:
        return {r["id"]: r["person_id"] for r in
                self._execute("SELECT id, person_id FROM entities WHERE article_id = ?", (article_id,))}

    def sources(self) -> list[str]:
        """Every source name in the store (for filters)."""
        return [r["source"] for r in self._execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL "
                                             "ORDER BY source LIMIT 1000")]

    def event_types(self) -> list[str]:
        return [r["type"] for r in self._execute("SELECT DISTINCT type FROM events ORDER BY type")]


def keyset(keys: Sequence[tuple[str, bool]], values: Sequence[Any]) -> tuple[str, list[Any]]:
    """The condition "after `values` in the order of `keys`" ((expression, descending) pairs), with a bound on
    the first key alone so that an index on it is read from the cursor on."""
    first, descending = keys[0]
    terms, params = [], [values[0]]
    for i, (expr, desc) in enumerate(keys):
        terms.append("(" + " AND ".join([f"{e} = ?" for e, _ in keys[:i]] + [f"{expr} {'<' if desc else '>'} ?"]) + ")")
        params += [*values[:i], values[i]]
    return f"{first} {'<=' if descending else '>='} ? AND ({' OR '.join(terms)})", params


class SearchResult(dict):  # type: ignore[type-arg]
    """Articles and quotes found, with `next`: the cursor of the next page of both."""

    next: str | None = None


def _text_order(quote: dict[str, Any]) -> tuple[int, int, str]:
    """Quotes in the order their records list them: by position, then by number (q2 before q10)."""
    number = quote["quote_id"][1:]
    return (quote["start"] or 0, int(number) if number.isdigit() else 0, quote["quote_id"])


def _joined_rows(record: Analysis, rows: dict[str, list[tuple[Any, ...]]]) -> Iterator[EntityRow]:
    """What the people join reads of a record's entity rows."""
    variants = name_variants(record)
    for e in rows["entities"]:  # an unnamed agent ("officials") is nobody: the join leaves it out
        yield EntityRow(record.id, e[E_ID], e[E_NAME], e[E_TYPE], e[E_COUNTRY], e[E_SECTOR],
                        variants.get(e[E_ID], ()), e[E_MENTIONS])


def _linked(entities: list[tuple[Any, ...]], directory: Directory,
            joined: dict[str, str]) -> list[tuple[Any, ...]]:
    """An article's entity rows with the person each was joined into (after any merge)."""
    return [(*e[:E_PERSON], directory.resolved(joined[e[E_ID]]), *e[E_PERSON + 1:]) if e[E_ID] in joined else e
            for e in entities]


def _per_person(entities: list[tuple[Any, ...]]) -> dict[str, tuple[int, int]]:
    """Person id -> (quotes, mentions) of one article's entity rows."""
    found: dict[str, tuple[int, int]] = {}
    for e in entities:
        if e[E_PERSON]:
            q, m = found.get(e[E_PERSON], (0, 0))
            found[e[E_PERSON]] = (q + (e[E_QUOTES] or 0), m + (e[E_MENTIONS] or 0))
    return found


def _dates(where: list[str], params: list[Any], column: str, since: dt.date | None, until: dt.date | None) -> None:
    """Date-range conditions on an ISO date column (`until` is the last day of the period asked for)."""
    if since or until:  # an undated row ('' in the sort keys) is in no range
        where.append(f"{column} >= ?")
        params.append(since.isoformat() if since else "0")
    if until:
        where.append(f"{column} <= ?")
        params.append(until.isoformat())


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _ints(row: dict[str, Any]) -> dict[str, Any]:
    """Aggregates come back as Decimal from some engines: make counts plain ints."""
    for key in ("mentions", "quotes", "articles", "events"):
        if key in row and row[key] is not None:
            row[key] = int(row[key])
    return row


def snippet(text: str, words: str, width: int = SNIPPET) -> str:
    """A short piece of `text` around the first of `words` it contains (plain text; pages escape it)."""
    wanted = [w.casefold() for w in WORD.findall(words)]
    folded = text.casefold()
    hits = [i for i in (folded.find(w) for w in wanted) if i >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - width // 3)
    piece = re.sub(r"\s+", " ", text[start:start + width]).strip()
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
