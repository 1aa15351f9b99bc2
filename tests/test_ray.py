"""The Ray Data engine on a local Ray instance: the same records as the local engine, as Parquet."""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("pyarrow")

from attache.errors import AttacheError  # noqa: E402
from attache.ingest import read_paths  # noqa: E402
from attache.run import LocalRunner  # noqa: E402
from attache.run.ray import RayRunner, records  # noqa: E402

pytestmark = pytest.mark.slow

STORIES = [
    "Health officials in Nairobi said on Wednesday that a cholera outbreak had killed 12 people. "
    "“The situation is under control,” the health minister, Susan Nakhumicha, told reporters.",
    "The European Commission proposed new tariffs on Chinese electric cars, a move Beijing called protectionist.",
    "Striking dock workers in Antwerp blocked the port for a second day, and the union said talks had failed.",
    "Prime Minister Kaja Kallas met NATO commanders in Tallinn to discuss air defence, her office said.",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ray-in")
    lines = [json.dumps({"text": f"{STORIES[i % len(STORIES)]} Bulletin {i}.", "published": f"20{19 + i % 3}-05-01",
                         "title": f"Bulletin {i}"}) for i in range(14)]
    lines.insert(3, '{"title": "no text here"}')
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "extra.txt").write_text(STORIES[0] + " Extra.", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ray_output(inputs, tmp_path_factory, pipeline):
    out = tmp_path_factory.mktemp("ray-out")
    db = out / "store.db"
    tally = RayRunner(pipeline.options, workers=2, batch_size=4).run([str(inputs)], out, store=str(db))
    yield out, tally, db
    ray.shutdown()


def test_ray_records_equal_the_local_engines_records(inputs, ray_output, pipeline):
    out, tally, _ = ray_output
    local = [item for batch in LocalRunner(pipeline=pipeline, batch_size=4).run(read_paths([inputs]))
             for item in batch]
    expected = {r.id: r.to_dict() for r in local if not isinstance(r, AttacheError)}
    got = {r.id: r.to_dict() for r in records(out) if r is not None}
    assert len(expected) == 15
    assert got == expected
    assert tally.articles == 15 and sum(len(r["quotes"]) for r in got.values()) == tally.quotes > 0


def test_a_bad_input_line_is_a_failure_row_not_a_lost_article(ray_output):
    _, tally, _ = ray_output
    (failure,) = tally.failures
    assert failure.code == "E007" and "feed.jsonl" in str(failure) and "line 4" in str(failure)


def test_partitioned_parquet_reads_back_with_duckdb_and_fills_the_store(ray_output):
    duckdb = pytest.importorskip("duckdb")
    out, tally, db = ray_output
    quotes = duckdb.sql(f"SELECT count(*), count(DISTINCT year) FROM read_parquet('{out}/quotes/*/*.parquet', "
                        "hive_partitioning = 1)").fetchall()[0]
    assert quotes[0] == tally.quotes and quotes[1] >= 2
    by_year = dict(duckdb.sql(f"SELECT year, count(*) FROM read_parquet('{out}/records/*/*.parquet', "
                              "hive_partitioning = 1) WHERE error_code IS NULL GROUP BY year").fetchall())
    assert sum(by_year.values()) == 15 and {"2019", "2020", "2021"} <= set(by_year)
    from attache.store import open_store

    with open_store(str(db)) as store:
        assert store.count() == 15 and store.count("quotes") == tally.quotes
