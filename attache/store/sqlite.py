"""The embedded store: SQLite from the standard library, FTS5 (Porter stemming) over articles and quotes."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..corpus.schema import corpus_schema
from ..errors import StoreError
from ..record import Analysis
from .base import ARTICLE_POOL, DEFAULT_DB, RANK_POOL, SCHEMA_VERSION, fts_query
from .sql import NAMES_INDEX, PEOPLE_AND_ACTORS, PEOPLE_JOIN, SQLStore, keys_schema, scale_schema, timeline_schema
from .tables import SQLITE_TYPES, column, schema

# The settings of a bulk load (`_loading`), each restored after it.
LOADING = {"cache_size": -262144, "temp_store": 2, "synchronous": 0, "foreign_keys": 0}

# Version 1, as first released; later versions are the MIGRATIONS below, applied in order.
BASE = """
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

# Full-text search since version 2: stemmed, over articles (title, text) and quotes (content, speaker).
FULL_TEXT = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text, tokenize = 'porter unicode61')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(article_id UNINDEXED, quote_id UNINDEXED, content, speaker, "
    "tokenize = 'porter unicode61')",
)

MIGRATIONS: dict[int, Sequence[str]] = {
    # 2: people across articles, event actors and places, speaker/cue offsets, stemmed full-text search.
    2: (
        "ALTER TABLE entities ADD COLUMN n_quotes INTEGER DEFAULT 0",
        "ALTER TABLE entities ADD COLUMN person_id TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_start INTEGER",
        "ALTER TABLE quotes ADD COLUMN speaker_end INTEGER",
        "ALTER TABLE quotes ADD COLUMN cue_start INTEGER",
        "ALTER TABLE quotes ADD COLUMN cue_end INTEGER",
        "ALTER TABLE events ADD COLUMN date TEXT",
        "ALTER TABLE events ADD COLUMN place_name TEXT",
        "ALTER TABLE events ADD COLUMN place_country TEXT",
        "ALTER TABLE events ADD COLUMN lat REAL",
        "ALTER TABLE events ADD COLUMN lon REAL",
        *PEOPLE_AND_ACTORS,
        "DROP TABLE articles_fts",
        "DROP TABLE quotes_fts",
        *FULL_TEXT,
    ),
    # 3: an article's id is no longer its text's hash alone: the same text from two inputs is two articles
    # sharing a text fingerprint (filled for stored articles by the rebuild after this step).
    3: (
        "ALTER TABLE articles ADD COLUMN fingerprint TEXT",
        "CREATE INDEX articles_fingerprint ON articles(fingerprint)",
    ),
    # 4: speaker gender (with its evidence in the record) and the class of a quote's cue (speech, writing,
    # belief ...), filled for stored articles by the rebuild after this step.
    4: (
        "ALTER TABLE entities ADD COLUMN gender TEXT",
        "ALTER TABLE quotes ADD COLUMN cue_class TEXT",
    ),
    # 5: one person across articles (attache/people): a person's given name and actor-dictionary anchor, and
    # every name key joined to a person; the joins are re-derived from the stored entities after this step.
    5: PEOPLE_JOIN,
    # 6: corpus-level features (attache/corpus): quote clusters, story events, quote vectors; new tables only,
    # filled for stored articles by the rebuild after this step.
    6: corpus_schema("sqlite"),
    # 7: an archive's scale (benchmarks/store_scale.py): maintained counts of each table and of each person,
    # speaker names under a trigram index, sort keys indexed for keyset paging.
    7: (*scale_schema(SQLITE_TYPES),
        "CREATE VIRTUAL TABLE speakers_fts USING fts5(name, tokenize = 'trigram')",
        "INSERT INTO speakers_fts (rowid, name) SELECT rowid, name FROM speakers"),
    # 8: a person's timeline as a table in its order (read by its index, not sorted: flat at any size).
    8: timeline_schema(SQLITE_TYPES),
    # 9: quotes by speaker and events by country read in their index's order (no sort of all matches).
    9: keys_schema(SQLITE_TYPES),
    # 10: the names beside each person in a listing read from an index of (person, name) alone.
    10: NAMES_INDEX,
}

_WILD = re.compile(r"[%_]")
# Where a quote's row (`store_rows`) holds what the full-text index takes of it.
QUOTE_ARTICLE, QUOTE_ID, QUOTE_CONTENT, QUOTE_SPEAKER = (column("quotes", c)
                                                         for c in ("article_id", "id", "content", "speaker_name"))


def _ranked(item: str, fts: str, indexed: tuple[int, ...], body: str, pool: int) -> str:
    """A subquery (article_id, item_id, score) of the `pool` most recent matches of an FTS5 table: per matched
    row, the words found in its `indexed` columns (the marks `highlight` puts) saturated BM25-style (k1 = 1.2,
    b = 0.75) against the length of `body` relative to the pool's mean."""
    found = " + ".join(f"(length(h{c}) - length(replace(h{c}, char(1), '')))" for c in indexed)
    marks = ", ".join(f"highlight({fts}, {c}, char(1), '') AS h{c}" for c in indexed)
    return (f"(SELECT article_id, item_id, ({found}) * 2.2 / (({found}) + 1.2 * (0.25 + 0.75 * n / "
            f"MAX(1.0, AVG(n) OVER ()))) AS score FROM (SELECT article_id, {item} AS item_id, {marks}, "
            f"length({body}) AS n FROM {fts} WHERE {fts} MATCH ? ORDER BY rowid DESC LIMIT {pool}))")


class SQLiteStore(SQLStore):
    """A store in one SQLite file (`:memory:` for a throw-away one); one connection per thread."""

    MIGRATIONS = MIGRATIONS
    REBUILD = frozenset({2, 3, 4, 6})

    def __init__(self, path: str | Path = DEFAULT_DB, *, schema_version: int = SCHEMA_VERSION,
                 create: bool = True) -> None:
        self.location = str(path)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.RLock()
        self._shared: sqlite3.Connection | None = None
        try:
            if self.location != ":memory:":
                parent = Path(self.location).resolve().parent
                if not parent.is_dir():
                    raise StoreError("E030", path=self.location, reason=f"directory {parent} does not exist")
                if not create and not Path(self.location).is_file():
                    raise StoreError("E033", path=self.location)
            else:
                self._shared = self._connect()
            self._migrate(schema_version, create)
        except sqlite3.Error as exc:
            raise StoreError("E030", path=self.location, reason=str(exc)) from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.location, timeout=30, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        if self.location != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
        with self._lock:
            self._all.append(db)
        return db

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection."""
        if self._shared is not None:
            return self._shared
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = self._connect()
        return db

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._guard():
            cursor = self.db.execute(sql, params)
            if cursor.description is None:
                return []
            columns = [c[0] for c in cursor.description]
            return [dict(zip(columns, row)) for row in cursor.fetchall()]

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._guard():
            self.db.executemany(sql, rows)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """`:memory:` shares one connection between threads: take turns."""
        if self._shared is None:
            yield
        else:
            with self._lock:
                yield

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._guard():
            db = self.db
            if db.in_transaction:  # nested (a rebuild inside a migration): the outer one commits
                yield
                return
            db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def _schema_version(self) -> int | None:
        if not self._execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'"):
            return None
        row = self._execute("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]["value"]) if row else 1

    def _base_schema(self) -> Sequence[str]:
        return [statement for statement in BASE.split(";") if statement.strip()]

    def _current_schema(self) -> Sequence[str]:
        return [*schema(SQLITE_TYPES, "TEXT DEFAULT CURRENT_TIMESTAMP"), *FULL_TEXT, *corpus_schema("sqlite"),
                "CREATE VIRTUAL TABLE speakers_fts USING fts5(name, tokenize = 'trigram')"]

    def _match(self, table: str, words: str) -> tuple[str, list[Any]]:
        """The best of the most recently stored matches (RANK_POOL quotes, ARTICLE_POOL articles), ranked by
        how often the words occur in each for its length: BM25's term-frequency part, worked out from the
        matched row alone (FTS5's `highlight` marks the words found). FTS5's own bm25() also weighs each word
        by the rows holding it, which it counts by reading every match of the word: a cost that grows with
        the archive (241 ms for two common words at 250k articles), so it is not used."""
        if table == "quotes":
            return (_ranked("quote_id", "quotes_fts", (2, 3), "content", RANK_POOL),
                    [fts_query(words)])
        return (_ranked("article_id", "articles_fts", (1, 2), "text", ARTICLE_POOL),
                [fts_query(words)])

    def _match_any(self, table: str, words: list[str]) -> tuple[str, list[Any]]:
        """As `_match`, for rows holding any of `words` (ranked search by meaning and words: attache/corpus)."""
        any_of = " OR ".join(f'"{w}"' for w in words)
        if table == "quotes":
            return ("(SELECT article_id, quote_id AS item_id, -bm25(quotes_fts) AS score FROM quotes_fts "
                    "WHERE quotes_fts MATCH ?)", [any_of])
        return ("(SELECT article_id, article_id AS item_id, -bm25(articles_fts) AS score FROM articles_fts "
                "WHERE articles_fts MATCH ?)", [any_of])

    def _index_text(self, records: list[Analysis], quotes: list[tuple[Any, ...]]) -> None:
        self._many("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                   [(r.id, r.title or "", r.text) for r in records])
        self._many("INSERT INTO quotes_fts (article_id, quote_id, content, speaker) VALUES (?, ?, ?, ?)",
                   [(q[QUOTE_ARTICLE], q[QUOTE_ID], q[QUOTE_CONTENT], q[QUOTE_SPEAKER] or "") for q in quotes])

    def _text_deferrable(self) -> bool:
        return True

    def _index_all_text(self) -> None:
        """The rows `_index_text` writes, from the stored tables in their order (rowid: the order stored), in
        one statement each: FTS5 builds its index in fewer, bigger segments than batch after batch."""
        self._execute("INSERT INTO articles_fts (article_id, title, text) SELECT id, COALESCE(title, ''), text "
                      "FROM articles ORDER BY rowid")
        self._execute("INSERT INTO quotes_fts (article_id, quote_id, content, speaker) SELECT article_id, id, "
                      "content, COALESCE(speaker_name, '') FROM quotes ORDER BY rowid")

    @contextmanager
    def _loading(self) -> Iterator[None]:
        """A bulk load runs with a big page cache (256 MB: the tables' and kept indexes' pages stay in memory),
        temporary data in memory, no sync at each commit (WAL: a crash of the machine, not of the process,
        can lose the last batches, never corrupt the store), and no foreign-key look-up per row (each row's
        article is written just before it, in the same transaction); each setting is restored after."""
        if self.location == ":memory:":
            yield
            return
        db = self.db
        kept = {name: db.execute(f"PRAGMA {name}").fetchone()[0] for name in LOADING}
        try:
            for name, value in LOADING.items():
                db.execute(f"PRAGMA {name} = {value}")
            yield
        finally:
            for name, value in kept.items():
                db.execute(f"PRAGMA {name} = {int(value)}")

    def _add_speakers(self, names: list[str]) -> None:
        """New names go into the trigram index too (`speakers` rows are only ever added, so they are the last)."""
        last = self._execute("SELECT COALESCE(MAX(rowid), 0) AS n FROM speakers")[0]["n"]
        super()._add_speakers(names)
        self._execute("INSERT INTO speakers_fts (rowid, name) SELECT rowid, name FROM speakers WHERE rowid > ?",
                      (last,))

    def _speaker_names(self, part: str, most: int) -> list[str]:
        """FTS5's trigram index serves LIKE only without an ESCAPE clause (with one it reads every name): `%`
        and `_` typed in `part` match as wildcards there, and the names found are then kept only when they
        hold `part` itself."""
        found = [r["name"] for r in self._execute("SELECT name FROM speakers_fts WHERE name LIKE ? LIMIT ?",
                                                  ("%" + part + "%", most if not _WILD.search(part) else -1))]
        if _WILD.search(part):
            folded = part.casefold()
            found = [n for n in found if folded in n.casefold()][:most]
        return found

    def _speakers_like(self) -> str:
        return "SELECT name FROM speakers_fts WHERE name LIKE ?"

    def _analyze(self) -> None:
        self._execute("PRAGMA analysis_limit = 1000")  # sampled: seconds, not minutes, on a big store
        self._execute("ANALYZE")

    def _unindex_text(self, article_id: str) -> None:
        self._execute("DELETE FROM articles_fts WHERE article_id = ?", (article_id,))
        self._execute("DELETE FROM quotes_fts WHERE article_id = ?", (article_id,))

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                try:
                    db.close()
                except sqlite3.Error:
                    pass
            self._all.clear()
        self._local = threading.local()
