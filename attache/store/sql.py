"""What both SQL engines share: writing records, linking entities across articles, and the queries.

SQL here is written once with `?` placeholders; an engine supplies its connection, its placeholder, its
full-text matching (`_match`) and its schema with forward migrations. Every value reaches the database
as a parameter, never inside the SQL text.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from ..errors import StoreError
from ..queries import ArticleQuery, EventQuery, PeopleQuery, QuoteQuery, SourcesQuery
from ..record import Analysis, day_of
from ..people.names import is_name
from ..people.join import (AMBIGUOUS, SURNAME_CANDIDATES, Directory, EntityRow, Joiner, MemoryDirectory, Person,
                           initials_in)
from .base import SCHEMA_VERSION, WORD, Store, like_pattern, page
from .sources import report as who_is_quoted
from .tables import DERIVED, STORE, store_rows, values

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
SNIPPET = 160
NAME_VARIANTS = 8  # names listed with each person in a listing
MAX_ARTICLES = 500  # articles listed on a person's page


VARIANT_TYPES = ("ORG", "PERSON")  # keep in step with the rebuild's query of mention texts


def name_variants(record: Analysis) -> dict[str, tuple[str, ...]]:
    """Entity id -> the other names the mentions of an organisation or a person give (for joining:
    people/join.py)."""
    return {e.id: variants_of(e.name, sorted({m.text for m in e.mentions})) for e in record.entities
            if e.type in VARIANT_TYPES}


def variants_of(name: str, texts: Iterable[str]) -> tuple[str, ...]:
    """The mention texts that are names sharing a word with the entity's name, other than the name itself."""
    words = set(WORD.findall(name.casefold()))
    return tuple(t for t in texts if t != name and is_name(t) and words & set(WORD.findall(t.casefold())))


class SQLDirectory(Directory):
    """The people known so far, looked up and recorded in the store's `people` and `person_names` tables
    (inside the transaction of the records being added)."""

    def __init__(self, store: SQLStore) -> None:
        super().__init__()
        self.x = store._execute

    def find(self, type_: str | None, key: str) -> str | None:
        rows = self.x("SELECT person_id FROM person_names WHERE type = ? AND key = ?", (type_ or "", key))
        return rows[0]["person_id"] if rows else None

    def with_surname(self, type_: str | None, surname: str) -> list[str]:
        return [r["id"] for r in self.x("SELECT id FROM people WHERE type = ? AND surname = ? AND given IS NOT NULL "
                                        "ORDER BY id LIMIT ?", (type_, surname, SURNAME_CANDIDATES))]

    def weights(self, ids: Sequence[str]) -> dict[str, int]:
        marks = ", ".join("?" * len(ids))
        return {r["person_id"]: int(r["n"]) for r in self.x(
            f"SELECT person_id, COUNT(DISTINCT article_id) AS n FROM entities WHERE person_id IN ({marks}) "
            "GROUP BY person_id", list(ids))}

    def add(self, person: Person) -> None:
        p = person
        self.x("INSERT INTO people (id, type, name, key, surname, country, sector, given, anchor) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
               (p.id, p.type, p.name, p.key, p.surname, p.country, p.sector, p.given, p.anchor))
        self.register(p.type, p.key, p.id)

    def register(self, type_: str | None, key: str, pid: str) -> None:
        self.x("INSERT INTO person_names (type, key, person_id) VALUES (?, ?, ?) ON CONFLICT (type, key) DO NOTHING",
               (type_ or "", key, pid))

    def block(self, type_: str | None, key: str) -> None:
        self.x("UPDATE person_names SET person_id = ? WHERE type = ? AND key = ?", (AMBIGUOUS, type_ or "", key))

    def initials(self, pid: str) -> set[str]:
        rows = self.x("SELECT n.key, p.given, p.surname FROM person_names n JOIN people p ON p.id = n.person_id "
                      "WHERE n.person_id = ? AND n.type = ?", (pid, "PERSON"))
        return {initials_in(r["key"], Person(pid, "PERSON", "", "", r["surname"], r["given"])) for r in rows} - {""}

    def merge(self, old: str, new: str) -> None:
        self.x("UPDATE entities SET person_id = ? WHERE person_id = ?", (new, old))
        self.x("UPDATE person_names SET person_id = ? WHERE person_id = ?", (new, old))
        self.x("DELETE FROM people WHERE id = ?", (old,))
        self.moved[old] = new

    def touch(self, pid: str, country: str | None, sector: str | None) -> None:
        if country or sector:
            self.x("UPDATE people SET country = COALESCE(country, ?), sector = COALESCE(sector, ?) WHERE id = ?",
                   (country, sector, pid))


class SQLStore(Store):
    """A Store over a SQL database; subclasses provide the engine specifics."""

    placeholder = "?"
    like = "LIKE"
    join_people = True  # join entities into people at ingest (off only to measure what joining costs)
    _people_tables = False  # known to have the name tables of the join (a store kept at an older schema has not)
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
    def _index_text(self, record: Analysis, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Keep the engine's full-text index up to date for a record just written."""

    @abc.abstractmethod
    def _unindex_text(self, article_id: str) -> None: ...

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
                article.append(EntityRow(**r, variants=variants_of(r["name"], sorted(found))))
        try:
            with self._transaction():
                self._execute("DELETE FROM person_names")
                self._execute("DELETE FROM people")
                self._execute("UPDATE entities SET person_id = NULL WHERE person_id IS NOT NULL")
                self._many(STORE["people"].insert(), [values("people", vars(p)) for p in d.people.values()])
                self._many(STORE["person_names"].insert(),
                           [(t or "", k, d.resolved(pid)) for (t, k), pid in d.keys.items()])
                self._many("UPDATE entities SET person_id = ? WHERE article_id = ? AND id = ?",
                           [(d.resolved(pid), a, e) for (a, e), pid in d.links.items()])
        except self._errors() as exc:
            raise StoreError("E032", path=self.location, reason=str(exc).strip()) from None
        return {"people_before": before, "people": len(d.people), "entities": len(d.links),
                "merged": len(d.moved)}

    # -- writing --------------------------------------------------------------------------------------
    def add_many(self, records: Iterable[Analysis]) -> int:
        from ..corpus import update as update_corpus

        n = 0
        directory = SQLDirectory(self)
        joiner = Joiner(directory)
        added: list[Analysis] = []
        try:
            with self._transaction():
                for record in records:
                    self._delete(record.id)
                    rows = store_rows(record)
                    variants = name_variants(record)
                    joined = {} if not self._joins_people() else joiner.join(EntityRow(
                        record.id, r["id"], r["name"], r["type"], r["country"], r["sector"], variants.get(r["id"], ()),
                        r["n_mentions"])
                                         for r in rows["entities"])  # an unnamed agent ("officials") is nobody
                    for row in rows["entities"]:
                        row["person_id"] = directory.resolved(joined[row["id"]]) if row["id"] in joined else None
                    for table, table_rows in rows.items():
                        if table_rows:
                            self._many(STORE[table].insert(), [values(table, row) for row in table_rows])
                    self._index_text(record, rows)
                    added.append(record)
                    n += 1
                update_corpus(self, added)  # quote clusters, story events, vectors (attache/corpus)
        except self._errors() as exc:
            raise StoreError("E032", path=self.location, reason=str(exc).strip()) from None
        return n

    def _joins_people(self) -> bool:
        if not self._people_tables:
            self._people_tables = (self._schema_version() or 0) >= PEOPLE_VERSION
        return self.join_people and self._people_tables

    def _delete(self, article_id: str) -> None:
        for table in DERIVED:
            self._execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self._unindex_text(article_id)
        self._execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # -- reading --------------------------------------------------------------------------------------
    def has(self, article_id: str) -> bool:
        return bool(self._execute("SELECT 1 AS x FROM articles WHERE id = ?", (article_id,)))

    def count(self, table: str = "articles") -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self._execute(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def get(self, article_id: str) -> Analysis | None:
        rows = self._execute("SELECT record FROM articles WHERE id = ?", (article_id,))
        return Analysis.from_dict(_json(rows[0]["record"])) if rows else None

    def records(self) -> Iterator[Analysis]:
        ids = [r["id"] for r in self._execute("SELECT id FROM articles ORDER BY published, id")]
        for article_id in ids:
            record = self.get(article_id)
            if record is not None:
                yield record

    def quotes(self, query: QuoteQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        q = QuoteQuery.of(query, **filters)
        search, limit, offset = q.search, *page(q.limit, q.offset)
        where: list[str] = []
        params: list[Any] = []
        join, order = "", "a.published DESC NULLS LAST, q.article_id, q.start"
        if search is not None:
            if not WORD.search(search):
                return []
            sub, sub_params = self._match("quotes", search)
            join = f" JOIN {sub} f ON f.article_id = q.article_id AND f.item_id = q.id"
            params += sub_params
            order = "f.score DESC, " + order
        if q.speaker:
            where.append(f"(q.speaker_name {self.like} ? ESCAPE '\\' OR q.speaker_text {self.like} ? ESCAPE '\\')")
            params += [like_pattern(q.speaker)] * 2
        for column, value in (("e.person_id", q.person), ("q.article_id", q.article), ("q.kind", q.kind)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        _dates(where, params, "a.published", q.since, q.until)
        sql = ("SELECT q.article_id, q.id, q.kind, q.content, q.speaker_name, q.speaker_entity, e.person_id, "
               "q.cue, q.addressee, q.time_value, a.published, a.title, a.source FROM quotes q "
               "JOIN articles a ON a.id = q.article_id "
               "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity" + join
               + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order} LIMIT ? OFFSET ?")
        return self._execute(sql, [*params, limit, offset])

    def sources_report(self, query: SourcesQuery | None = None, /, **filters: Any) -> dict[str, Any]:
        return who_is_quoted(self._execute, SourcesQuery.of(query, **filters))

    PEOPLE = ("SELECT p.id, p.name, p.type, p.country, p.sector, SUM(e.n_mentions) AS mentions, "
              "SUM(e.n_quotes) AS quotes, COUNT(DISTINCT e.article_id) AS articles "
              "FROM people p JOIN entities e ON e.person_id = p.id")
    PEOPLE_GROUP = " GROUP BY p.id, p.name, p.type, p.country, p.sector"

    def people(self, query: PeopleQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        q = PeopleQuery.of(query, **filters)
        limit, offset = page(q.limit, q.offset)
        where: list[str] = []
        params: list[Any] = []
        if q.search:
            where.append(f"p.name {self.like} ? ESCAPE '\\'")
            params.append(like_pattern(" ".join(q.search.split())))
        if q.type:
            where.append("p.type = ?")
            params.append(q.type)
        sql = (self.PEOPLE + (" WHERE " + " AND ".join(where) if where else "") + self.PEOPLE_GROUP
               + " ORDER BY articles DESC, quotes DESC, mentions DESC, p.name, p.id LIMIT ? OFFSET ?")
        rows = [_ints(r) for r in self._execute(sql, [*params, limit, offset])]
        names = self._names([r["id"] for r in rows])
        for r in rows:
            r["names"] = names.get(r["id"], [r["name"]])
        return rows

    def _names(self, ids: list[str], most: int = NAME_VARIANTS) -> dict[str, list[str]]:
        """The names each person is written with across articles, most frequent first."""
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        out: dict[str, list[str]] = {}
        for r in self._execute(f"SELECT person_id, name, COUNT(*) AS n FROM entities WHERE person_id IN ({marks}) "
                               "GROUP BY person_id, name ORDER BY person_id, n DESC, name", ids):
            found = out.setdefault(r["person_id"], [])
            if len(found) < most:
                found.append(r["name"])
        return out

    def person(self, person_id: str) -> dict[str, Any] | None:
        rows = self._execute(self.PEOPLE + " WHERE p.id = ?" + self.PEOPLE_GROUP, (person_id,))
        if not rows:
            return None
        found = _ints(rows[0])
        titles: list[str] = []
        names: list[str] = []
        for r in self._execute("SELECT name, titles FROM entities WHERE person_id = ? ORDER BY article_id, id",
                         (person_id,)):
            names += [r["name"]] if r["name"] not in names else []
            titles += [t for t in _json(r["titles"] or "[]") if t not in titles]
        articles = self._execute(
            "SELECT a.id, a.title, a.published, a.source FROM articles a WHERE a.id IN "
            "(SELECT article_id FROM entities WHERE person_id = ?) ORDER BY a.published DESC, a.id LIMIT ?",
            (person_id, MAX_ARTICLES))
        return {**found, "titles": titles, "names": names, "articles_list": articles}

    def timeline(self, person_id: str, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        limit, offset = page(limit, offset)
        said = self._execute(
            "SELECT q.article_id, q.id, q.kind, q.content AS text, q.time_value, a.published, a.title "
            "FROM quotes q JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity "
            "JOIN articles a ON a.id = q.article_id WHERE e.person_id = ? "
            "ORDER BY a.published, q.article_id, q.start LIMIT ?", (person_id, limit + offset))
        did = self._execute(
            "SELECT ev.article_id, ev.id, ev.type AS kind, ev.sentence AS text, ev.date, r.role, a.published, "
            "a.title FROM events ev JOIN event_actors r ON r.article_id = ev.article_id AND r.event_id = ev.id "
            "JOIN entities e ON e.article_id = r.article_id AND e.id = r.entity_id "
            "JOIN articles a ON a.id = ev.article_id WHERE e.person_id = ? "
            "ORDER BY ev.date, ev.article_id, ev.id LIMIT ?", (person_id, limit + offset))
        items = []
        for q in said:
            value = q.pop("time_value")
            items.append({"date": day_of(value, q["published"]), "what": "quote",
                          "role": "speaker", **q})
        items += [{"what": "event", **v} for v in did]
        items.sort(key=lambda i: (i["date"] or "9999", i["article_id"], i["what"], i["id"]))
        keys = ("date", "what", "role", "kind", "text", "article_id", "id", "title", "published")
        return [{k: i.get(k) for k in keys} for i in items[offset:offset + limit]]

    def events(self, query: EventQuery | None = None, /, **filters: Any) -> list[dict[str, Any]]:
        q = EventQuery.of(query, **filters)
        limit, offset = page(q.limit, q.offset)
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("ev.type", q.type), ("ev.article_id", q.article)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        for role, country in (("actor", q.actor_country), ("recipient", q.recipient_country)):
            if country:
                where.append("EXISTS (SELECT 1 FROM event_actors r WHERE r.article_id = ev.article_id AND "
                             "r.event_id = ev.id AND r.role = ? AND r.country = ?)")
                params += [role, country]
        if q.person:
            where.append("EXISTS (SELECT 1 FROM event_actors r JOIN entities e ON e.article_id = r.article_id "
                         "AND e.id = r.entity_id WHERE r.article_id = ev.article_id AND r.event_id = ev.id "
                         "AND e.person_id = ?)")
            params.append(q.person)
        _dates(where, params, "ev.date", q.since, q.until)
        sql = ("SELECT ev.article_id, ev.id, ev.date, ev.type, ev.mode, ev.modality, ev.trigger, ev.cameo, "
               "ev.place_name, ev.place_country, ev.lat, ev.lon, ev.sentence, a.title, a.source, a.url "
               "FROM events ev JOIN articles a ON a.id = ev.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY ev.date DESC NULLS LAST, ev.article_id, ev.id LIMIT ? OFFSET ?")
        found = self._execute(sql, [*params, limit, offset])
        return self._with_actors(found)

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
        search, limit, offset = q.search, *page(q.limit, q.offset)
        where: list[str] = []
        params: list[Any] = []
        join, order, text = "", "a.published DESC NULLS LAST, a.id", ""
        if search is not None:
            if not WORD.search(search):
                return []
            sub, sub_params = self._match("articles", search)
            join = f" JOIN {sub} f ON f.article_id = a.id"
            params += sub_params
            order, text = "f.score DESC, " + order, ", a.text"
        if q.source:
            where.append("a.source = ?")
            params.append(q.source)
        if q.country:
            where.append("EXISTS (SELECT 1 FROM places p WHERE p.article_id = a.id AND p.country = ?)")
            params.append(q.country)
        _dates(where, params, "a.published", q.since, q.until)
        sql = ("SELECT a.id, a.title, a.source, a.url, a.published, "
               "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
               "(SELECT count(*) FROM events v WHERE v.article_id = a.id) AS events" + text
               + " FROM articles a" + join + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY {order} LIMIT ? OFFSET ?")
        rows = self._execute(sql, [*params, limit, offset])
        for row in rows:
            if "text" in row:
                row["snippet"] = snippet(row.pop("text"), search or "")
        return [_ints(r) for r in rows]

    def article_people(self, article_id: str) -> dict[str, str]:
        return {r["id"]: r["person_id"] for r in
                self._execute("SELECT id, person_id FROM entities WHERE article_id = ?", (article_id,))}

    def sources(self) -> list[str]:
        """Every source name in the store (for filters)."""
        return [r["source"] for r in self._execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL "
                                             "ORDER BY source LIMIT 1000")]

    def event_types(self) -> list[str]:
        return [r["type"] for r in self._execute("SELECT DISTINCT type FROM events ORDER BY type")]


def _dates(where: list[str], params: list[Any], column: str, since: dt.date | None, until: dt.date | None) -> None:
    """Date-range conditions on an ISO date column (`until` is the last day of the period asked for)."""
    if since:
        where.append(f"{column} >= ?")
        params.append(since.isoformat())
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
