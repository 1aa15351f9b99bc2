"""Who gets quoted: speaker gender from the article's own evidence, unnamed agents, and the sources report in
the store (SQLite and PostgreSQL), the CLI, the API and the page."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from attache.cli import app
from attache.store import open_store

COUNCIL = ("Mayor Ingrid Solberg said on Monday that the new tram line would open in May. “We are ready,” she "
           "said. Officials said the budget had doubled. Mr. Tomas Berg, the opposition leader, said he would "
           "vote against it.")
RESULTS = ("Jordan Ellis, an analyst, said the results were strong. Residents said they were worried about "
           "noise. The chairwoman of the board, Amara Okoye, told shareholders that dividends would rise.")


def _entity(record, name):
    return next(e for e in record.entities if e.name == name)


def test_gender_comes_from_pronouns_honorifics_and_role_nouns_with_the_evidence(pipeline):
    council = pipeline.analyze(COUNCIL, published="2024-03-04")
    solberg, berg = _entity(council, "Ingrid Solberg"), _entity(council, "Tomas Berg")
    assert (solberg.gender, [e.text for e in solberg.gender_evidence]) == ("female", ["she"])
    assert berg.gender == "male" and "Mr." in [e.text for e in berg.gender_evidence]
    okoye = _entity(pipeline.analyze(RESULTS, published="2024-03-04"), "Amara Okoye")
    assert okoye.gender == "female" and [e.text for e in okoye.gender_evidence] == ["The chairwoman"]
    for record in (council,):
        for entity in record.entities:
            for evidence in entity.gender_evidence:
                assert record.text[evidence.start:evidence.end] == evidence.text


def test_a_first_name_alone_is_no_evidence(pipeline):
    record = pipeline.analyze("Jordan Ellis said the results were strong. Maria Lopez said the plan was sound.")
    assert {e.name: (e.gender, e.gender_evidence) for e in record.entities if e.type == "PERSON"} == {
        "Jordan Ellis": ("unknown", []), "Maria Lopez": ("unknown", [])}


def test_unnamed_groups_are_agents_never_people(pipeline, tmp_path):
    record = pipeline.analyze(COUNCIL + " " + RESULTS, published="2024-03-04")
    agents = {e.name: e.agent for e in record.entities if e.type == "PERSON"}
    assert agents["Officials"] and agents["Residents"]
    assert not agents["Ingrid Solberg"]
    quote = next(q for q in record.quotes if "budget" in q.content.text)
    assert record.entity(quote.speaker.entity).agent  # an agent still speaks
    with open_store(str(tmp_path / "agents.db")) as store:
        store.add(record)
        names = {p["name"] for p in store.people(limit=100)}
    assert "Ingrid Solberg" in names and not {"Officials", "Residents"} & names


def test_a_name_ending_in_an_organisation_word_is_no_person(pipeline):
    record = pipeline.analyze("Harwick Steelworks said it would idle two furnaces. Cheryl Banks, who runs the "
                              "Lakeside Refinery, said Tom Mills would meet the Okafor Foundation.")
    types = {e.name: e.type for e in record.entities}
    assert types["Harwick Steelworks"] == types["Okafor Foundation"] == "ORG"
    assert types["Cheryl Banks"] == types["Tom Mills"] == "PERSON"  # surnames that are also nouns


@pytest.fixture(scope="module")
def records(pipeline):
    return [pipeline.analyze(COUNCIL, published="2024-03-04", source="North Desk"),
            pipeline.analyze(RESULTS, published="2024-04-10", source="South <b>Desk</b>")]


def _expected_gender(records) -> Counter[str]:
    """Statements by the gender of their speaker, counted from the records themselves."""
    counts: Counter[str] = Counter()
    for r in records:
        for q in r.quotes:
            e = r.entity(q.speaker.entity) if q.speaker else None
            if e is not None and e.type == "PERSON":
                counts[e.gender] += 1
    return counts


def _check_report(store, records) -> None:
    report = store.sources_report()
    assert report["totals"]["quotes"] == sum(len(r.quotes) for r in records)
    gender = {row["value"]: row for row in report["gender"]}
    assert list(gender) == ["female", "male", "unknown"]  # unknown is always shown
    assert {k: v["quotes"] for k, v in gender.items()} == {k: _expected_gender(records)[k] for k in gender}
    assert gender["female"]["speakers"] == 2  # Solberg (two statements) and Okoye
    assert sum(v["quote_share"] for v in gender.values()) == pytest.approx(1.0, abs=1e-3)
    types = {row["value"]: row["quotes"] for row in report["speaker_type"]}
    assert types["agent"] == 2 and types["person"] >= 4  # "officials", "residents"
    by_outlet = store.sources_report(by="outlet")["gender"]
    assert {row["outlet"] for row in by_outlet} == {"North Desk", "South <b>Desk</b>"}
    assert store.sources_report(source="North Desk")["totals"]["quotes"] == len(records[0].quotes)
    assert store.sources_report(since="2024-04")["totals"]["quotes"] == len(records[1].quotes)
    by_month = [row["month"] for row in store.sources_report(by="month")["gender"]]
    assert sorted(set(by_month)) == ["2024-03", "2024-04"]


def test_sources_report_in_sqlite(records, tmp_path):
    with open_store(str(tmp_path / "sources.db")) as store:
        store.add_many(records)
        _check_report(store, records)


def test_sources_report_in_postgres(records):
    pytest.importorskip("psycopg")
    from .postgres_server import fresh_database

    with open_store(fresh_database()) as store:
        store.add_many(records)
        _check_report(store, records)


def test_sources_command_table_json_csv_and_a_bad_breakdown(records, tmp_path):
    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.add_many(records)
    runner = CliRunner()
    table = runner.invoke(app, ["sources", "--db", db])
    assert table.exit_code == 0, table.output
    assert "speaker gender" in table.stdout and "unknown" in table.stdout
    found = json.loads(runner.invoke(app, ["sources", "--db", db, "--by", "outlet", "-f", "json"]).stdout)
    assert found["by"] == "outlet" and found["gender"][0]["outlet"] in ("North Desk", "South <b>Desk</b>")
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["sources", "--db", db, "-f", "csv"]).stdout)))
    assert {r["table"] for r in rows} == {"gender", "speaker_type", "country", "sector"}
    bad = runner.invoke(app, ["sources", "--db", db, "--by", "year"])
    assert bad.exit_code != 0 and "E040" in bad.stderr and "month, outlet" in bad.stderr


def test_sources_api_and_page(records, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from attache.web import create_app
    from attache.web.settings import Settings

    db = str(tmp_path / "web.db")
    with open_store(db) as store:
        store.add_many(records)
        with TestClient(create_app(Settings(db=db), store=store), base_url="http://localhost") as client:
            api = client.get("/api/sources", params={"by": "month"})
            assert api.status_code == 200 and api.json()["by"] == "month"
            assert client.get("/api/sources", params={"by": "year"}).status_code == 422
            page = client.get("/sources", params={"by": "outlet"})
            assert page.status_code == 200
            assert page.text.count("<rect") >= 4 and "South &lt;b&gt;Desk&lt;/b&gt;" in page.text
            assert "<b>Desk</b>" not in page.text  # the outlet's name is escaped
            assert client.get("/sources", params={"since": "not a date"}).status_code == 200
