"""PostgreSQL specifics, on a real server started for the tests (the shared query suite runs on it too,
in test_store_queries.py): engine choice by URL, versions, coded errors, the CLI and the web app on it."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
from typer.testing import CliRunner

from attache.cli import app
from attache.errors import StoreError
from attache.store import open_store
from attache.store.base import SCHEMA_VERSION

from .postgres_server import fresh_database
from .store_records import corpus, example_records

pytest.importorskip("psycopg")


@pytest.fixture(scope="module")
def url(pipeline):
    """A database holding the example corpus and the hand-made one."""
    target = fresh_database()
    with open_store(target) as store:
        store.add_many(example_records(pipeline) + corpus())
    return target


def test_postgresql_urls_open_the_postgres_engine_and_record_the_version(url):
    from attache.store.postgres import PostgresStore

    with open_store(url) as store:
        assert isinstance(store, PostgresStore)
        assert store._execute("SELECT value FROM meta WHERE key = 'schema_version'")[0]["value"] == str(SCHEMA_VERSION)
        assert store.count() == len(corpus()) + 6


def test_real_records_round_trip(url, pipeline):
    with open_store(url) as store:
        for record in example_records(pipeline):
            assert store.get(record.id) == record


def test_cli_queries_on_postgres(url):
    runner = CliRunner()
    quotes = runner.invoke(app, ["quotes", "--db", url, "--search", "inspections", "-f", "json"])
    assert quotes.exit_code == 0, quotes.stderr
    assert len(json.loads(quotes.stdout)) >= 3
    people = json.loads(runner.invoke(app, ["people", "--db", url, "--search", "Delgado", "-f", "json"]).stdout)
    assert people and people[0]["quotes"] >= 1
    search = json.loads(runner.invoke(app, ["search", "port inspections", "--db", url, "-f", "json"]).stdout)
    assert search["articles"] and search["quotes"]


def test_web_app_on_postgres(url):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from attache.web import Settings, create_app

    with open_store(url) as store, TestClient(create_app(Settings(db=url), store=store), base_url="http://localhost") as client:
        (article,) = store.articles(search="second summit elections")
        page = client.get(f"/articles/{article['id']}")
        assert page.status_code == 200 and 'class="quote' in page.text
        assert client.get("/search", params={"q": "NEAR( \" *"}).status_code == 200
        assert client.get("/api/quotes", params={"q": "'; DROP TABLE quotes; --"}).json() == []


def test_concurrent_readers_each_get_answers(url):
    with open_store(url) as store:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda i: store.quotes(search="inspections", limit=5), range(32)))
    assert all(r == results[0] and r for r in results)


def test_a_newer_schema_is_refused_with_a_coded_error():
    target = fresh_database()
    with open_store(target) as store:
        store._execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError) as info:
        open_store(target)
    assert info.value.code == "E031"


def test_unreachable_server_is_a_coded_error_without_the_password():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as info:
        open_store(f"postgresql://someone:secret@127.0.0.1:{port}/nothing")
    assert info.value.code == "E030" and "secret" not in str(info.value)
