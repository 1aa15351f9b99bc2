"""The server store: PostgreSQL through psycopg 3, full-text search with stored tsvector columns."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..corpus.schema import corpus_schema
from ..errors import StoreError
from ..record import Analysis
from .base import RANK_POOL, SCHEMA_VERSION, WORD, like_pattern
from .sql import NAMES_INDEX, PEOPLE_AND_ACTORS, PEOPLE_JOIN, SQLStore, keys_schema, scale_schema, timeline_schema
from .tables import POSTGRES_TYPES, STORE, quoted, schema

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - the `postgres` extra is not installed
    psycopg = None  # type: ignore[assignment]

# Version 1 (the shape of the first SQLite store); later versions are the MIGRATIONS below, in order.
BASE = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE articles (id TEXT PRIMARY KEY, title TEXT, source TEXT, url TEXT, published TEXT, "
    "language TEXT, text TEXT NOT NULL, record TEXT NOT NULL, ingested_at TIMESTAMPTZ DEFAULT now())",
    "CREATE TABLE entities (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "name TEXT NOT NULL, type TEXT, country TEXT, sector TEXT, titles TEXT, n_mentions INTEGER, "
    "PRIMARY KEY (article_id, id))",
    "CREATE TABLE mentions (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
    "entity_id TEXT NOT NULL, start INTEGER, \"end\" INTEGER, text TEXT)",
    "CREATE TABLE quotes (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "kind TEXT, start INTEGER, \"end\" INTEGER, content TEXT, speaker_entity TEXT, speaker_name TEXT, "
    "speaker_text TEXT, cue TEXT, addressee TEXT, time_value TEXT, nested_in TEXT, PRIMARY KEY (article_id, id))",
    "CREATE TABLE times (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "start INTEGER, \"end\" INTEGER, text TEXT, type TEXT, value TEXT, mod TEXT, PRIMARY KEY (article_id, id))",
    "CREATE TABLE places (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "start INTEGER, \"end\" INTEGER, text TEXT, name TEXT, kind TEXT, country TEXT, admin1 TEXT, "
    "lat DOUBLE PRECISION, lon DOUBLE PRECISION, geonames_id BIGINT, PRIMARY KEY (article_id, id))",
    "CREATE TABLE events (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, id TEXT NOT NULL, "
    "type TEXT, mode TEXT, modality TEXT, trigger TEXT, actors TEXT, recipients TEXT, place_id TEXT, "
    "time_id TEXT, cameo TEXT, sentence TEXT, PRIMARY KEY (article_id, id))",
    "CREATE INDEX quotes_speaker ON quotes(speaker_name)",
    "CREATE INDEX entities_name ON entities(name)",
    "CREATE INDEX mentions_article ON mentions(article_id)",
)

# Full-text search since version 2: generated tsvector columns over articles and quotes, GIN-indexed.
FULL_TEXT = (
    "ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "ALTER TABLE quotes ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(content, '') || ' ' || coalesce(speaker_name, ''))) STORED",
    "CREATE INDEX articles_tsv ON articles USING gin(tsv)",
    "CREATE INDEX quotes_tsv ON quotes USING gin(tsv)",
)

MIGRATIONS: dict[int, Sequence[str]] = {
    # 2: people across articles, event actors and places, speaker/cue offsets, tsvector full-text search.
    2: (
        "ALTER TABLE entities ADD COLUMN n_quotes INTEGER DEFAULT 0",
        "ALTER TABLE entities ADD COLUMN person_id TEXT",
        "ALTER TABLE quotes ADD COLUMN speaker_start INTEGER, ADD COLUMN speaker_end INTEGER, "
        "ADD COLUMN cue_start INTEGER, ADD COLUMN cue_end INTEGER",
        "ALTER TABLE events ADD COLUMN date TEXT, ADD COLUMN place_name TEXT, ADD COLUMN place_country TEXT, "
        "ADD COLUMN lat DOUBLE PRECISION, ADD COLUMN lon DOUBLE PRECISION",
        *PEOPLE_AND_ACTORS,
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
    6: corpus_schema("postgres"),
    # 7: an archive's scale (benchmarks/store_scale.py): maintained counts of each table and of each person,
    # speaker names under a trigram index, sort keys indexed for keyset paging.
    7: ("CREATE EXTENSION IF NOT EXISTS pg_trgm", *scale_schema(POSTGRES_TYPES),
        "CREATE INDEX speakers_trgm ON speakers USING gin (name gin_trgm_ops)"),
    # 8: a person's timeline as a table in its order (read by its index, not sorted: flat at any size).
    8: timeline_schema(POSTGRES_TYPES),
    # 9: quotes by speaker and events by country read in their index's order (no sort of all matches).
    9: keys_schema(POSTGRES_TYPES),
    # 10: the names beside each person in a listing read from an index of (person, name) alone.
    10: NAMES_INDEX,
}

# The settings of a bulk load (`_loading`), each restored after it.
LOADING = {"maintenance_work_mem": "256MB", "synchronous_commit": "off", "default_toast_compression": "lz4"}


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database named by a `postgresql://` URL; one connection per thread."""

    placeholder = "%s"
    like = "ILIKE"
    MIGRATIONS = MIGRATIONS
    REBUILD = frozenset({2, 3, 4, 6})

    def __init__(self, url: str, *, schema_version: int = SCHEMA_VERSION, create: bool = True) -> None:
        self.location = _redacted(url)
        self._url = url
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        if psycopg is None:
            raise StoreError("E030", path=self.location,
                             reason="psycopg is not installed: pip install 'attache[postgres]'")
        try:
            self._conn()
            self._migrate(schema_version, create)
        except psycopg.Error as exc:
            raise StoreError("E030", path=self.location, reason=str(exc).strip()) from None

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            conn = psycopg.connect(self._url, autocommit=True, row_factory=dict_row, connect_timeout=10)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        values = list(params)
        if sql.startswith("SELECT"):  # PostgreSQL text cannot hold NUL: a query with one matches as without
            values = [v.replace("\x00", "") if isinstance(v, str) else v for v in values]
        cursor = self._conn().execute(sql.replace("?", "%s"), values)
        if not sql.lstrip().startswith(("SELECT", "EXPLAIN")):  # a write: no wait for it (see `_write`)
            return []
        return list(cursor.fetchall())  # in pipeline mode, waits for this answer

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn().cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn().transaction():
            yield

    def _errors(self) -> tuple[type[BaseException], ...]:
        return (psycopg.Error,)

    def _schema_version(self) -> int | None:
        if self._execute("SELECT to_regclass('meta') AS t")[0]["t"] is None:
            return None
        row = self._execute("SELECT value FROM meta WHERE key = 'schema_version'")
        return int(row[0]["value"]) if row else 1

    def _base_schema(self) -> Sequence[str]:
        return BASE

    def _current_schema(self) -> Sequence[str]:
        return ["CREATE EXTENSION IF NOT EXISTS pg_trgm", *schema(POSTGRES_TYPES, "TIMESTAMPTZ DEFAULT now()"),
                *FULL_TEXT, *corpus_schema("postgres"),
                "CREATE INDEX speakers_trgm ON speakers USING gin (name gin_trgm_ops)"]

    def _match(self, table: str, words: str) -> tuple[str, list[Any]]:
        """The best of RANK_POOL matches (any that many: ts_rank reads each row it ranks)."""
        plain = " ".join(WORD.findall(words))
        article = "article_id" if table == "quotes" else "id"
        return (f"(SELECT {article} AS article_id, id AS item_id, "
                f"ts_rank(tsv, plainto_tsquery('english', ?)) AS score FROM {table} "
                f"WHERE tsv @@ plainto_tsquery('english', ?) LIMIT {RANK_POOL})", [plain, plain])

    def _match_any(self, table: str, words: list[str]) -> tuple[str, list[Any]]:
        """As `_match`, for rows holding any of `words` (ranked search by meaning and words: attache/corpus)."""
        any_of = " or ".join(words)
        article = "article_id" if table == "quotes" else "id"
        return (f"(SELECT {article} AS article_id, id AS item_id, "
                f"ts_rank(tsv, websearch_to_tsquery('english', ?)) AS score FROM {table} "
                f"WHERE tsv @@ websearch_to_tsquery('english', ?))", [any_of, any_of])

    def _index_text(self, records: list[Analysis], quotes: list[tuple[Any, ...]]) -> None:
        """The tsvector columns are generated by PostgreSQL itself."""

    def _copy(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        """COPY: many rows in one stream, far faster than INSERTs (in pipeline mode, which cannot COPY, the
        INSERTs go out together without waiting)."""
        if getattr(self._local, "piped", False):
            super()._copy(table, rows)
            return
        inserted = self._inserted(table)
        columns = ", ".join(quoted(c) for c in inserted)
        if len(inserted) < len(STORE[table].inserted):
            rows = [row[:len(inserted)] for row in rows]
        with self._conn().cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    @contextmanager
    def _joining(self) -> Iterator[None]:
        """The join's writes in pipeline mode: sent without waiting for each answer (only reads wait); the
        batch's other rows are COPYed after it."""
        self._local.piped = True
        try:
            with self._conn().pipeline():
                yield
        finally:
            self._local.piped = False

    def _add_to_people(self, rows: list[tuple[int, int, int, str]]) -> None:
        """One statement for the batch's people (not one UPDATE each)."""
        if rows:
            a, q, m, ids = (list(column) for column in zip(*rows))
            self._execute("UPDATE people p SET n_articles = p.n_articles + d.a, n_quotes = p.n_quotes + d.q, "
                          "n_mentions = p.n_mentions + d.m FROM unnest(?::text[], ?::int[], ?::int[], ?::int[]) "
                          "AS d(id, a, q, m) WHERE p.id = d.id", (ids, a, q, m))

    @contextmanager
    def _loading(self) -> Iterator[None]:
        """A bulk load makes its indexes with more memory (256 MB: B-tree and GIN builds sort in memory),
        commits without waiting for the disk (a crash can lose the last batches, never corrupt the database)
        and compresses long values (an article's text and record) with lz4, ~3x faster to write than the
        default pglz (values read back the same; a server without lz4 keeps pglz); each restored after."""
        settings = dict(LOADING)
        if not self._execute("SELECT 1 AS x FROM pg_settings WHERE name = 'default_toast_compression' AND "
                             "'lz4' = ANY(enumvals)"):
            del settings["default_toast_compression"]  # a server built without lz4: pglz, as always
        kept = {name: self._execute(f"SELECT current_setting('{name}') AS v")[0]["v"] for name in settings}
        try:
            for name, value in settings.items():
                self._execute(f"SELECT set_config('{name}', ?, false)", (value,))
            yield
        finally:
            for name, value in kept.items():
                self._execute(f"SELECT set_config('{name}', ?, false)", (value,))

    def _deferred(self) -> dict[str, str]:
        return {**super()._deferred(), "articles_tsv": "articles USING gin(tsv)", "quotes_tsv": "quotes USING gin(tsv)"}

    def _keys_by_name(self, select: str, names: list[str], params: list[Any]) -> list[Any]:
        """One LATERAL subquery run for each name (planned once: a UNION of many is slow to plan here)."""
        return [r["k"] for r in self._execute(
            f"SELECT s.k FROM unnest(?::text[]) AS n(name) CROSS JOIN LATERAL ({select.replace('{name}', 'n.name')}) s",
            [names, *params])]

    def _speaker_names(self, part: str, most: int) -> list[str]:
        """Never prepared: psycopg prepares a statement run 5 times, and PostgreSQL's generic plan of a prepared
        statement ignores the pattern, pricing the trigram index as a scan of every name (1.5 -> 35 ms). (Custom
        plans for every statement, `plan_cache_mode=force_custom_plan`, made the people page 4x slower.)"""
        values = [like_pattern(part).replace("\x00", ""), most]
        return [r["name"] for r in self._conn().execute(
            self._speakers_like().replace("?", "%s") + " ESCAPE '\\' LIMIT %s", values, prepare=False).fetchall()]

    def _speakers_like(self) -> str:
        return "SELECT name FROM speakers WHERE name ILIKE ?"

    def _unindex_text(self, article_id: str) -> None:
        """Deleting the rows deletes their tsvector columns."""

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except psycopg.Error:
                    pass
            self._all.clear()
        self._local = threading.local()


def _redacted(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url
    return url
