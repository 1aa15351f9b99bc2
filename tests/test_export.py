"""Exports: records, quotes, entities and events as JSON Lines, CSV and Parquet, from the API and the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from attache.cli import app
from attache.errors import ArgumentError
from attache.export import COLUMNS, export
from attache.record import Analysis
from attache.store import open_store

from .store_records import corpus


def test_records_jsonl_round_trips(db):
    buffer = io.StringIO()
    with open_store(db) as store:
        assert export(store, "records", "jsonl", buffer) == 3
    back = [Analysis.from_dict(json.loads(line)) for line in buffer.getvalue().splitlines()]
    assert sorted(r.id for r in back) == sorted(r.id for r in corpus()) and back[0] in corpus()


def test_events_csv_has_the_event_data_layout(db):
    buffer = io.StringIO()
    with open_store(db) as store:
        export(store, "events", "csv", buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert list(rows[0]) == list(COLUMNS["events"])
    (met,) = [r for r in rows if r["type"] == "CONSULT"]
    assert (met["date"], met["actor_name"], met["actor_country"], met["actor_sector"]) == \
        ("2018-10-07", "Michael Pompeo", "USA", "GOV")
    assert (met["recipient_name"], met["recipient_country"], met["place"], met["country"]) == \
        ("Kim Yong Chol", "PRK", "Pyongyang", "PRK")
    assert met["sentence"].startswith("Secretary of State Michael Pompeo met") and met["source"] == "Harbor Times"


def test_quotes_and_entities_carry_person_ids(db):
    out = io.StringIO()
    with open_store(db) as store:
        export(store, "quotes", "jsonl", out)
        pompeo = store.people(search="Michael Pompeo")[0]["id"]
    quotes = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted(q["person_id"] == pompeo for q in quotes) == [False, True, True]
    assert {q["speaker"] for q in quotes} == {"Michael Pompeo", "Pompeo", "Ana Lin"}


def test_parquet_tables_have_typed_columns(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    with open_store(db) as store:
        for what in ("records", "quotes", "entities", "events"):
            path = tmp_path / f"{what}.parquet"
            n = export(store, what, "parquet", path)
            table = pq.read_table(path)
            assert table.num_rows == n and table.column_names == list(COLUMNS[what])
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert {e["type"] for e in events} == {"CONSULT", "AID"}
    assert str(pq.read_table(tmp_path / "quotes.parquet").schema.field("start").type) == "int64"


def test_empty_store_exports_headers_only(tmp_path):
    with open_store(str(tmp_path / "empty.db")) as store:
        buffer = io.StringIO()
        assert export(store, "events", "csv", buffer) == 0
        assert buffer.getvalue().strip() == ",".join(COLUMNS["events"])
        assert export(store, "quotes", "parquet", tmp_path / "q.parquet") == 0


def test_bad_choices_are_coded_errors(db):
    with open_store(db) as store:
        with pytest.raises(ArgumentError):
            export(store, "tweets", "jsonl", io.StringIO())
        with pytest.raises(ArgumentError):
            export(store, "quotes", "parquet", None)


def test_cli_export_to_file_and_stdout(db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "events", "--format", "csv", "--out", str(out), "--db", db])
    assert result.exit_code == 0 and "exported 2 events" in result.stderr
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 2
    result = runner.invoke(app, ["export", "quotes", "--db", db])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    bad = runner.invoke(app, ["export", "quotes", "--format", "parquet", "--db", db])
    assert bad.exit_code == 2 and "E040" in bad.stderr


def test_cli_queries_in_three_formats(db):
    runner = CliRunner()
    people = json.loads(runner.invoke(app, ["people", "--search", "pompeo", "--format", "json", "--db", db]).stdout)
    assert [p["name"] for p in people] == ["Michael Pompeo"] and people[0]["quotes"] == 2
    timeline = runner.invoke(app, ["timeline", "Pompeo", "--format", "csv", "--db", db])
    assert timeline.exit_code == 0 and timeline.stdout.splitlines()[0].startswith("date,what")
    assert len(timeline.stdout.splitlines()) == 4
    events = json.loads(runner.invoke(app, ["events", "--actor-country", "USA", "-f", "json", "--db", db]).stdout)
    assert [e["type"] for e in events] == ["CONSULT"]
    articles = runner.invoke(app, ["articles", "--country", "JPN", "--db", db])
    assert articles.exit_code == 0 and "Inspectors" in articles.stdout
    found = json.loads(runner.invoke(app, ["search", "inspections", "-f", "json", "--db", db]).stdout)
    assert len(found["quotes"]) == 2
    quotes = json.loads(runner.invoke(app, ["quotes", "--since", "2021", "-f", "json", "--db", db]).stdout)
    assert [q["speaker_name"] for q in quotes] == ["Ana Lin"]
    bad = runner.invoke(app, ["quotes", "--since", "yesterday", "--db", db])
    assert bad.exit_code == 2 and "E040" in bad.stderr
