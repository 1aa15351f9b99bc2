"""The bulk load alone: its rate on records made beforehand, and where its time goes.

    .venv/bin/python benchmarks/bulk_load.py --articles 10000 --db /tmp/load-10k.db [--split] [--json out.json]
    .venv/bin/python benchmarks/bulk_load.py --articles 10000 --db postgresql://.../load10k [--split]

1. Makes `--articles` synthetic records (benchmarks/synth.py) first and keeps them in memory: the generator's
   own rate is reported apart and is no part of the load's.
2. Loads what the people join reads once per process (actor dictionaries, gazetteer: timed apart), then
   loads the records with `Store.bulk_load` into an empty store (an SQLite file is deleted first; a PostgreSQL
   database is dropped and made again): wall and CPU seconds of this process, records/s and store rows/s.
3. With `--split`: the load's time by kind of work, timed around the functions doing it (a little slower
   than without): a record turned into rows (`store_rows`, with its JSON), the people join (with the names
   its mentions give), and the SQL by kind: rows written, full-text index, indexes made after the load,
   timeline, statistics. The rest is the rows' tuples, counts and Python between.

The machine is shared: read the wall figures beside the CPU ones; PostgreSQL's own work is in the server's
processes, not in this one's CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attache.store import open_store  # noqa: E402
from attache.store.tables import COUNTED  # noqa: E402

import synth  # noqa: E402


def empty(target: str) -> None:
    """Delete an SQLite file, or drop and make a PostgreSQL database again."""
    if target.startswith("postgres"):
        import psycopg

        base, name = target.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        return
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)


def kind(sql: str) -> str:
    s = " ".join(sql.split()).upper()
    if s.startswith("CREATE INDEX"):
        return "sql_indexes_after"
    if "_FTS" in s:
        return "sql_full_text"
    if s.startswith("INSERT INTO TIMELINE") or s.startswith("DELETE FROM TIMELINE"):
        return "sql_timeline"
    if s.startswith("ANALYZE") or s.startswith("PRAGMA ANALYSIS"):
        return "sql_statistics"
    if any(f" {t} " in s + " " for t in ("PEOPLE", "PERSON_NAMES")) or "INTO PEOPLE" in s:
        return "sql_people_rows"
    return "sql_rows"


def instrument(store: Any) -> Counter[str]:
    """Time the load's functions by kind of work (the outermost call only: no time counted twice)."""
    import attache.people.join as join
    import attache.store.sql as sql

    spent: Counter[str] = Counter()
    depth = [0]

    def timed(label: Any, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if depth[0]:
                return fn(*args, **kwargs)
            depth[0] += 1
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                spent[label(*args) if callable(label) else label] += time.perf_counter() - t
        return wrapper

    sql.store_rows = timed("records_to_rows", sql.store_rows)
    sql.name_variants = timed("people_join", sql.name_variants)
    join.Joiner.join = timed("people_join", join.Joiner.join)
    store._execute = timed(lambda s, *a: kind(s), store._execute)
    store._many = timed(lambda s, *a: kind(s), store._many)
    if hasattr(type(store), "_copy"):
        store._copy = timed(lambda table, *a: "sql_rows" if table not in ("people",) else "sql_people_rows",
                            store._copy)
    return spent


def warm_up() -> None:
    """What the people join loads once per process (the actor dictionaries' names, the gazetteer): timed
    apart, as a fixed cost, not a rate."""
    from attache.gazetteer import load
    from attache.people.join import aliases, anchors
    from attache.people.names import words

    anchors(), aliases(), words(), load()


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", required=True, help="an SQLite path (deleted first) or a postgresql:// URL "
                                                    "(its database dropped and made again)")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", action="store_true", help="time the load's work by kind")
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    records = list(synth.records(args.articles, seed=args.seed))
    making = time.perf_counter() - t
    t = time.perf_counter()
    warm_up()
    warming = time.perf_counter() - t
    empty(args.db)
    store = open_store(args.db)
    spent = instrument(store) if args.split else Counter()
    wall, cpu = time.perf_counter(), time.process_time()
    added = store.bulk_load(iter(records), batch_size=args.batch, corpus=False)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = sum(store.count(t) for t in COUNTED)
    store.close()
    result: dict[str, Any] = {
        "engine": "postgres" if args.db.startswith("postgres") else "sqlite", "articles": added,
        "making_records": {"seconds": round(making, 1), "records_per_s": round(args.articles / making)},
        "join_lexicons_loaded_once_s": round(warming, 1),
        "load": {"seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "records_per_s": round(added / wall),
                 "records_per_cpu_s": round(added / cpu), "rows": rows, "rows_per_s": round(rows / wall)}}
    if args.split:
        result["split_s"] = {k: round(v, 2) for k, v in spent.most_common()}
        result["split_s"]["other"] = round(wall - sum(spent.values()), 2)
        result["split_share"] = {k: f"{100 * v / wall:.0f}%" for k, v in result["split_s"].items()}
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text)
    return result


if __name__ == "__main__":
    main()
