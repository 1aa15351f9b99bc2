"""Bounded fuzzing (hypothesis): readers given any bytes yield articles or coded errors, never raise; the
HTTP API given any filter text answers 200 or 422, never 5xx."""

from __future__ import annotations

import gzip

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attache.errors import AttacheError
from attache.ingest import Article, read_path
from attache.store import open_store
from attache.web import Settings, create_app

from .store_records import corpus

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
LINES = st.lists(st.one_of(st.binary(max_size=60), st.just(b'{"text": "The mayor said so."}'),
                           st.text(max_size=40).map(lambda t: ('{"text": %r}' % t).encode("utf-8", "replace"))),
                 max_size=8)


@FAST
@given(lines=LINES, suffix=st.sampled_from([".jsonl", ".jsonl.gz", ".txt", ".html", ".warc", ".parquet"]),
       cut=st.integers(min_value=0, max_value=400))
def test_readers_never_raise_on_any_bytes(tmp_path, lines, suffix, cut):
    data = b"\n".join(lines)
    if suffix == ".jsonl.gz":
        data = gzip.compress(data)
        data = data[:cut] if cut < len(data) else data
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    items = list(read_path(path))
    assert items and all(isinstance(i, Article | AttacheError) for i in items)
    if suffix == ".jsonl":
        assert len(items) <= max(1, sum(1 for line in data.split(b"\n") if line.strip()))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("fz") / "f.db"))
    store.add_many(corpus())
    with TestClient(create_app(Settings(db=store.location), store=store), base_url="http://localhost",
                    raise_server_exceptions=False) as c:
        yield c
    store.close()


@FAST
@given(path=st.sampled_from(["/api/quotes", "/api/events", "/api/articles", "/api/people"]),
       key=st.sampled_from(["since", "until", "kind", "type", "q", "speaker", "limit"]),
       value=st.text(max_size=30))
def test_api_answers_any_filter_without_5xx(client, path, key, value):
    answer = client.get(path, params={key: value})
    assert answer.status_code in (200, 422), answer.text
