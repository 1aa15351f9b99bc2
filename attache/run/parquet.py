"""Parquet for the big-data side: records, quotes, entities and events as Hive-partitioned datasets.

Layout under an output directory (DuckDB: `read_parquet('DIR/quotes/*/*.parquet', hive_partitioning=1)`,
pyarrow: `pyarrow.dataset.dataset('DIR/quotes', partitioning='hive')`, Spark: `spark.read.parquet`):

    DIR/records/year=2018/part-....parquet    one row per article (failures too, with error_code)
    DIR/quotes/year=2018/...                  one row per quote
    DIR/entities/year=2018/...                one row per entity
    DIR/events/year=2018/...                  one row per event

`year` is the publication year, or `unknown`. Quotes, entities and events have the columns of
`attache export` (attache.export); the row builders are shared by the local and Ray engines.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import AttacheError
from ..export import ROWS
from ..record import Analysis
from ..store.tables import EXPORTS, PARQUET_RECORDS, arrow_schema

TABLES = ("records", "quotes", "entities", "events")

# records: one row per article; quotes, entities and events: the columns of `attache export`, plus the
# partition column (the specs: store/tables.py).
SCHEMAS: dict[str, pa.Schema] = {"records": arrow_schema(PARQUET_RECORDS)}
SCHEMAS.update({table: arrow_schema({**EXPORTS[table], "year": "text"}) for table in ("quotes", "entities", "events")})


def year_of(published: str | None) -> str:
    return published[:4] if published and published[:4].isdigit() else "unknown"


def record_row(item: Analysis | AttacheError) -> dict[str, Any]:
    """The one row of an article: its record as JSON plus columns to filter on; a failure keeps its error."""
    if isinstance(item, AttacheError):
        row: dict[str, Any] = {name: None for name in SCHEMAS["records"].names}
        row.update(error_code=item.code, error=str(item), error_fields=json.dumps(item.fields, default=str),
                   input=item.input, year="unknown")
        return row
    return {
        "id": item.id, "title": item.title, "source": item.source, "url": item.url, "published": item.published,
        "language": item.language, "text": item.text, "n_quotes": len(item.quotes),
        "n_entities": len(item.entities), "n_times": len(item.times), "n_places": len(item.places),
        "n_events": len(item.events), "record": json.dumps(item.to_dict(), ensure_ascii=False),
        "error_code": None, "error": None, "error_fields": None, "input": None, "year": year_of(item.published),
    }


def error_of(row: dict[str, Any]) -> AttacheError | None:
    """The error of a failure row, rebuilt with its code and fields (None for an analysed article)."""
    if not row.get("error_code"):
        return None
    return AttacheError(row["error_code"], **json.loads(row.get("error_fields") or "{}"))


def record_of(row: dict[str, Any]) -> Analysis | None:
    """The Analysis stored in a records row (None for a failure row)."""
    return Analysis.from_dict(json.loads(row["record"])) if row.get("record") else None


def table_rows(record: Analysis) -> dict[str, list[dict[str, Any]]]:
    """The quotes, entities and events rows of one record, as `attache export` lays them out.

    Cross-article person ids need the store, so they are left empty here.
    """
    year = year_of(record.published)
    return {table: [{**row, "year": year} for row in ROWS[table](record, {})]
            for table in ("quotes", "entities", "events")}


def write_table(rows: list[dict[str, Any]], root: str | Path, table: str, basename: str) -> None:
    """Append rows to the Hive-partitioned dataset `root/table` as new files named after `basename`."""
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows, schema=SCHEMAS[table])
    pq.write_to_dataset(arrow, root_path=str(Path(root) / table), partition_cols=["year"],
                        basename_template=f"{basename}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore")


class RecordWriter:
    """Writes records and their quotes, entities and events under `root`, a few files per `flush_every`.

    Rows are buffered and written in row groups of `flush_every` articles, so memory stays flat.
    """

    def __init__(self, root: str | Path, flush_every: int = 2000, tables: Iterable[str] = TABLES) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.tables = tuple(tables)
        self.flush_every = flush_every
        self._run = uuid.uuid4().hex[:12]
        self._part = 0
        self._articles = 0
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in self.tables}

    def write(self, items: Iterable[Analysis | AttacheError]) -> None:
        for item in items:
            if "records" in self.tables:
                self._rows["records"].append(record_row(item))
            if isinstance(item, Analysis):
                for table, rows in table_rows(item).items():
                    if table in self.tables:
                        self._rows[table].extend(rows)
            self._articles += 1
        if self._articles >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        for table, rows in self._rows.items():
            write_table(rows, self.root, table, f"part-{self._run}-{self._part:05d}")
            rows.clear()
        self._part += 1
        self._articles = 0

    def close(self) -> None:
        self.flush()


def read_records(root: str | Path, batch_size: int = 1000) -> Iterator[Analysis | None]:
    """The records of a Parquet output directory (`root/records`, as the Ray engine and `RecordWriter` write
    it), streamed a row group at a time; a failure row is None. E001 without the directory, E002 without
    records in it, E009 when a file cannot be read."""
    import pyarrow.dataset as pads

    from ..errors import InputError

    folder = Path(root) / "records"
    if not Path(root).exists():
        raise InputError("E001", path=str(root))
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        raise InputError("E002", path=str(root))
    try:
        data = pads.dataset(str(folder), partitioning="hive", format="parquet")
        for batch in data.to_batches(columns=["record"], batch_size=batch_size):
            for row in batch.to_pylist():
                yield record_of(row)
    except (pa.ArrowException, OSError) as exc:
        raise InputError("E009", path=str(folder), reason=str(exc).splitlines()[0][:200]) from None


def export_records(records: Iterable[Analysis], root: str | Path, tables: Iterable[str] = TABLES) -> Path:
    """Write records (e.g. `store.records()`) as the partitioned datasets under `root`; returns `root`."""
    writer = RecordWriter(root, tables=tables)
    for record in records:
        writer.write([record])
    writer.close()
    return writer.root
