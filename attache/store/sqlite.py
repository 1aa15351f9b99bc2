"""The embedded store: SQLite from the standard library, FTS5 over article text and quote content."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..record import Analysis
from .base import SCHEMA_VERSION, Store, fts_query, rows_of

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT, language TEXT,
  text TEXT NOT NULL, record TEXT NOT NULL, ingested_at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE IF NOT EXISTS entities (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, name TEXT NOT NULL,
  type TEXT, country TEXT, sector TEXT, titles TEXT, n_mentions INTEGER, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS mentions (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, entity_id TEXT NOT NULL,
  start INTEGER, "end" INTEGER, text TEXT);
CREATE TABLE IF NOT EXISTS quotes (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, kind TEXT,
  start INTEGER, "end" INTEGER, content TEXT, speaker_entity TEXT, speaker_name TEXT, speaker_text TEXT,
  cue TEXT, addressee TEXT, time_value TEXT, nested_in TEXT, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS times (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, start INTEGER,
  "end" INTEGER, text TEXT, type TEXT, value TEXT, mod TEXT, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS places (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, start INTEGER,
  "end" INTEGER, text TEXT, name TEXT, kind TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL,
  geonames_id INTEGER, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS events (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, type TEXT,
  mode TEXT, modality TEXT, trigger TEXT, actors TEXT, recipients TEXT, place_id TEXT, time_id TEXT,
  cameo TEXT, sentence TEXT, PRIMARY KEY (article_id, id));
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(article_id UNINDEXED, title, text);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(article_id UNINDEXED, quote_id UNINDEXED, content,
  speaker);
"""

TABLES = ("entities", "mentions", "quotes", "times", "places", "events")
INSERT = {
    "articles": "INSERT INTO articles (id, title, source, url, published, language, text, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "entities": "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "mentions": "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
    "quotes": "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "times": "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "places": "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


class SQLiteStore(Store):
    """A store in one SQLite file (`:memory:` for a throw-away one)."""

    def __init__(self, path: str | Path = "attache.db") -> None:
        self.location = str(path)
        try:
            if self.location != ":memory:":
                parent = Path(self.location).resolve().parent
                if not parent.is_dir():
                    raise StoreError("E030", path=self.location, reason=f"directory {parent} does not exist")
            self.db = sqlite3.connect(self.location)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL") if self.location != ":memory:" else None
            self.db.executescript(DDL)
            self._check_version()
        except sqlite3.Error as exc:
            raise StoreError("E030", path=self.location, reason=str(exc)) from None

    def _check_version(self) -> None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            with self.db:
                self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif int(row[0]) > SCHEMA_VERSION:
            raise StoreError("E031", path=self.location, found=row[0], supported=SCHEMA_VERSION)

    def add_many(self, records: Iterable[Analysis]) -> int:
        n = 0
        try:
            with self.db:
                for record in records:
                    self._delete(record.id)
                    rows = rows_of(record)
                    for table, statement in INSERT.items():
                        if rows[table]:
                            self.db.executemany(statement, rows[table])
                    self.db.execute("INSERT INTO articles_fts VALUES (?, ?, ?)",
                                    (record.id, record.title or "", record.text))
                    self.db.executemany("INSERT INTO quotes_fts VALUES (?, ?, ?, ?)",
                                        [(r[0], r[1], r[5], r[7] or "") for r in rows["quotes"]])
                    n += 1
        except sqlite3.Error as exc:
            raise StoreError("E032", path=self.location, reason=str(exc)) from None
        return n

    def _delete(self, article_id: str) -> None:
        for table in TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM quotes_fts WHERE article_id = ?", (article_id,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def count(self, table: str = "articles") -> int:
        if table not in ("articles",) + TABLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def get(self, article_id: str) -> Analysis | None:
        row = self.db.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Analysis.from_dict(json.loads(row[0])) if row else None

    def records(self) -> Iterator[Analysis]:
        for (record,) in self.db.execute("SELECT record FROM articles ORDER BY published, id"):
            yield Analysis.from_dict(json.loads(record))

    def quotes(self, speaker: str | None = None, search: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        where, params = [], []
        if speaker:
            where.append("(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? ESCAPE '\\')")
            pattern = "%" + speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [pattern, pattern]
        if search:
            query = fts_query(search)
            if not query:
                return []
            where.append("(q.article_id, q.id) IN (SELECT article_id, quote_id FROM quotes_fts "
                         "WHERE quotes_fts MATCH ?)")
            params.append(query)
        sql = ("SELECT q.article_id, q.id, q.kind, q.content, q.speaker_name, q.cue, q.addressee, q.time_value, "
               "a.published, a.title FROM quotes q JOIN articles a ON a.id = q.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?")
        cursor = self.db.execute(sql, [*params, limit, offset])
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor]

    def close(self) -> None:
        self.db.close()
