"""The Ray Data engine (`pip install "attache[ray]"`): the same components on a cluster, or locally.

    files (listed by the driver) -> flat_map: our readers -> map_batches(Analyze): one Pipeline per actor
    -> write_parquet(DIR/records, one row per article) -> quotes/entities/events datasets from those rows

`ray.init()` without an address starts a local instance, so the same code runs on one machine (and in the
tests); `address="auto"` joins a running cluster. Rows keep input order (`preserve_order`), failures are rows
too (with `error_code`), so nothing is dropped silently. Optionally the records also go into a store.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads

from ..errors import AttacheError
from ..ingest import Article, article_files, read_path
from ..pipeline import Options, Pipeline
from ..record import Analysis
from .local import analyze_items
from .parquet import SCHEMAS, error_of, record_of, record_row, table_rows
from .progress import Tally

ARTICLE_SCHEMA = pa.schema([("text", pa.string()), ("published", pa.string()), ("title", pa.string()),
                            ("source", pa.string()), ("url", pa.string()), ("origin", pa.string()),
                            ("error", pa.binary()), ("title_derived", pa.bool_())])


class Analyze:
    """The map_batches class: builds the pipeline once per actor, turns article rows into record rows."""

    def __init__(self, options: Options) -> None:
        self.pipeline = Pipeline(options)

    def __call__(self, batch: pa.Table) -> pa.Table:
        items: list[Article | AttacheError] = []
        for row in batch.to_pylist():
            if row["error"] is not None:
                items.append(pickle.loads(row["error"]))
            else:
                items.append(Article(text=row["text"], published=row["published"], title=row["title"],
                                     source=row["source"], url=row["url"], origin=row["origin"],
                                     title_derived=bool(row.get("title_derived"))))
        results = analyze_items(self.pipeline, items)
        return pa.Table.from_pylist([record_row(r) for r in results], schema=SCHEMAS["records"])


def read_articles(paths: pa.Table, published: str | None = None,
                  rows_per_batch: int = 256) -> Iterator[pa.Table]:
    """map_batches over input paths: their article rows, a few hundred at a time (reader errors pickled in place).

    A generator, so one huge JSON Lines, Parquet or WARC file streams through a task instead of being
    held whole in memory.
    """
    out: list[dict[str, Any]] = []
    for path in paths.column("path").to_pylist():
        for item in read_path(path):
            if isinstance(item, AttacheError):
                out.append({"text": None, "published": None, "title": None, "source": None, "url": None,
                            "origin": item.input, "error": pickle.dumps(item)})
            else:
                out.append({"text": item.text, "published": published or item.published, "title": item.title,
                            "source": item.source, "url": item.url, "origin": item.origin, "error": None,
                            "title_derived": item.title_derived})
            if len(out) >= rows_per_batch:
                yield pa.Table.from_pylist(out, schema=ARTICLE_SCHEMA)
                out = []
    if out:
        yield pa.Table.from_pylist(out, schema=ARTICLE_SCHEMA)


def table_batch(batch: pa.Table, table: str) -> pa.Table:
    """map_batches: the quotes, entities or events rows of a batch of record rows."""
    rows: list[dict[str, Any]] = []
    for row in batch.to_pylist():
        record = record_of(row)
        if record is not None:
            rows.extend(table_rows(record)[table])
    return pa.Table.from_pylist(rows, schema=SCHEMAS[table])


def expand(paths: list[str]) -> list[str]:
    """The input files: directories listed (recursively, sorted, as the local readers do); others as given."""
    files: list[str] = []
    for name in paths:
        if os.path.isdir(name):
            found = list(article_files(name))
            files += found or [name]  # an empty directory: the reader reports E002
        else:
            files.append(name)
    return files


class RayRunner:
    """Run the pipeline with Ray Data: `workers` actors, each loading the model once."""

    def __init__(self, options: Options | None = None, workers: int = 1, address: str | None = None,
                 batch_size: int | None = None) -> None:
        self.options = options or Options()
        self.workers = max(1, workers)
        self.address = address
        self.batch_size = batch_size or self.options.batch_size

    def start(self) -> None:
        import ray

        if not ray.is_initialized():
            local: dict[str, Any] = {}
            if self.address is None:
                # Reading and writing tasks need a CPU slot beside the `workers` analysis actors, or a
                # local instance with workers == cores waits for ever; they are light, so one more slot.
                local = {"num_cpus": max(os.cpu_count() or 1, self.workers + 1)}
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                     ignore_reinit_error=True, configure_logging=False, **local)
        ray.data.DataContext.get_current().execution_options.preserve_order = True

    def run(self, paths: list[str], output: str | Path, published: str | None = None,
            store: str | None = None, tables: bool = True) -> Tally:
        """Analyse `paths` into `output`/records (one row per article), and quotes/entities/events."""
        import ray

        self.start()
        root = Path(output)
        records_dir = root / "records"
        for table in ("records", "quotes", "entities", "events"):
            shutil.rmtree(root / table, ignore_errors=True)  # a run's output is the whole of its inputs
        if paths == ["-"]:  # standard input is the driver's: read it here
            table = pa.concat_tables(read_articles(pa.table({"path": ["-"]}), published))
            ds = ray.data.from_arrow(table)
        else:
            ds = ray.data.from_items([{"path": p} for p in expand(paths)])
            ds = ds.map_batches(read_articles, fn_kwargs={"published": published}, batch_size=None,
                                batch_format="pyarrow")
        ds = ds.map_batches(Analyze, fn_constructor_args=(self.options,), batch_size=self.batch_size,
                            batch_format="pyarrow", num_cpus=1,
                            compute=ray.data.ActorPoolStrategy(size=self.workers))
        ds.write_parquet(str(records_dir), partition_cols=["year"])
        if tables:
            for table in ("quotes", "entities", "events"):
                (ray.data.read_parquet(str(records_dir))
                 .map_batches(table_batch, fn_kwargs={"table": table}, batch_format="pyarrow")
                 .write_parquet(str(root / table), partition_cols=["year"]))
        return self._tally(records_dir, store)

    def _tally(self, records_dir: Path, store: str | None) -> Tally:
        tally = Tally()
        if not records_dir.exists():
            return tally
        columns = ["n_quotes", "n_entities", "n_events", "error_code", "error_fields"]
        if store:
            columns.append("record")
        data = pads.dataset(str(records_dir), partitioning="hive")
        target = None
        if store:
            from ..store import open_store

            target = open_store(store)
        try:
            for batch in data.to_batches(columns=columns, batch_size=self.batch_size):
                records = []
                for row in batch.to_pylist():
                    error = error_of(row)
                    if error is not None:
                        tally.failures.append(error)
                        continue
                    tally.articles += 1
                    tally.quotes += row["n_quotes"]
                    tally.entities += row["n_entities"]
                    tally.events += row["n_events"]
                    if target is not None:
                        record = record_of(row)
                        if record is not None:
                            records.append(record)
                if target is not None and records:
                    target.bulk_load(records)
        finally:
            if target is not None:
                target.close()
        return tally


def records(output: str | Path) -> Iterator[Analysis | None]:
    """The records written under `output` (failures as None), for reading back in Python."""
    data = pads.dataset(str(Path(output) / "records"), partitioning="hive")
    for batch in data.to_batches(columns=["record"]):
        for row in batch.to_pylist():
            yield record_of(row)
