"""The record: SCHEMA shape, JSON round trip, and offsets that index the input unchanged."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attache.record import SCHEMA, Analysis

TOP_KEYS = {"schema", "id", "title", "source", "url", "language", "published", "text", "boilerplate",
            "entities", "quotes", "times", "places", "events"}

NEWS_PIECES = st.sampled_from([
    "President Ana Lopez said", " “We are ready,” ", "Lopez told reporters Tuesday.", "\n", "\r\n", " ",
    "\"", "“", "”", "‘", "’", "«", "»", "he added.", "Secretary of State John Ray", " in Paris ",
    "on Nov. 6", "Campaign Notes\n", "© 2020 Wire. All rights reserved.", "—", "\u200b", "é", "🙂",
])


def spans_of(record: dict) -> list[dict]:
    """Every {start, end, text} span anywhere in a record dict."""
    found: list[dict] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "text" in value:
                found.append(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for key in ("boilerplate", "entities", "quotes", "times", "places", "events"):
        walk(record[key])
    return found


def test_seedlike_article_record_has_the_schema_shape(pipeline, examples_text):
    record = pipeline.analyze(examples_text, published="2022-06-14").to_dict()
    assert set(record) >= TOP_KEYS
    assert record["schema"] == SCHEMA
    assert record["text"] == examples_text
    assert record["published"] == "2022-06-14"
    assert len(record["id"]) == 16
    json.dumps(record)  # JSON-ready
    for span in spans_of(record):
        assert examples_text[span["start"]:span["end"]] == span["text"]


def test_record_round_trips_through_json(pipeline, examples_text):
    record = pipeline.analyze(examples_text, published="2022-06-14")
    again = Analysis.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(NEWS_PIECES, st.text(max_size=30)), min_size=1, max_size=25).map("".join))
def test_offsets_index_the_text_unchanged(pipeline, text):
    if not text.strip():
        return
    record = pipeline.analyze(text).to_dict()
    assert record["text"] == text
    for span in spans_of(record):
        assert text[span["start"]:span["end"]] == span["text"]


def test_to_json_is_the_json_of_to_dict():
    import json
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import synth

    from attache import record as record_module

    for record in synth.records(30, seed=2):
        text = record.to_json()
        assert json.loads(text) == record.to_dict()
        assert text == json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))
    fast, record_module.orjson = record_module.orjson, None  # the standard library's walk: the same text
    try:
        assert record.to_json() == text
    finally:
        record_module.orjson = fast
    record.text = "a lone surrogate \ud800 in the text"  # refused by orjson, written by the standard library
    assert json.loads(record.to_json())["text"] == record.text
