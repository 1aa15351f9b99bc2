"""The SQLite store: records in, the same records out, no duplicates, safe queries."""

from __future__ import annotations

import json

import pytest

from attache.errors import StoreError
from attache.record import Analysis, Quote, TextSpan, Speaker
from attache.store import open_store


def record_with_quote(text: str, content: str, speaker: str, published: str = "2021-01-05") -> Analysis:
    start = text.index(content)
    s = text.index(speaker)
    quote = Quote(id="q1", kind="direct", content=TextSpan(start, start + len(content), content),
                  speaker=Speaker(None, s, s + len(speaker), speaker))
    return Analysis(text=text, published=published, quotes=[quote])


@pytest.fixture()
def store(tmp_path):
    with open_store(str(tmp_path / "t.db")) as s:
        yield s


def test_real_record_round_trips(store, pipeline, examples_text):
    record = pipeline.analyze(examples_text, published="2022-06-14")
    store.add(record)
    assert store.get(record.id) == record
    assert store.count("quotes") == len(record.quotes)


def test_same_article_twice_is_stored_once(store):
    text = "“We will rebuild,” said Mayor Lin."
    store.add(record_with_quote(text, "We will rebuild,", "Mayor Lin"))
    store.add(record_with_quote(text, "We will rebuild,", "Mayor Lin"))
    assert store.count() == 1 and store.count("quotes") == 1


def test_quotes_by_speaker_and_words(store):
    store.add_many([
        record_with_quote("“Inspections will start soon,” said Pompeo.", "Inspections will start soon,", "Pompeo"),
        record_with_quote("“Taxes will fall,” said Mayor Lin.", "Taxes will fall,", "Mayor Lin"),
    ])
    assert [q["speaker_name"] for q in store.quotes(speaker="pompeo")] == ["Pompeo"]
    assert [q["content"] for q in store.quotes(search="taxes")] == ["Taxes will fall,"]
    assert store.quotes(speaker="Lin", search="inspections") == []


@pytest.mark.parametrize("query", ["'; DROP TABLE quotes; --", '"', "*", "NEAR(", "a OR", "%", "_", ""])
def test_hostile_queries_give_results_or_nothing(store, query):
    store.add(record_with_quote("“Taxes will fall,” said Mayor Lin.", "Taxes will fall,", "Mayor Lin"))
    assert isinstance(store.quotes(search=query), list)
    assert isinstance(store.quotes(speaker=query), list)
    assert store.count("quotes") == 1


def test_empty_store_answers(store):
    assert store.quotes() == [] and store.count() == 0


def test_unwritable_location_is_a_coded_error(tmp_path):
    with pytest.raises(StoreError) as info:
        open_store(str(tmp_path / "missing-dir" / "x.db"))
    assert info.value.code == "E030"


def test_record_json_is_kept_whole(store):
    record = record_with_quote("“Taxes will fall,” said Mayor Lin.", "Taxes will fall,", "Mayor Lin")
    store.add(record)
    raw = store.db.execute("SELECT record FROM articles").fetchone()[0]
    assert json.loads(raw) == record.to_dict()
