"""The local engine: N worker processes give the in-process records, in input order, with errors in place."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from attache.cli import app
from attache.errors import AttacheError, InputError
from attache.ingest import Article
from attache.pipeline import Options, Pipeline
from attache.record import Analysis
from attache.run import LocalRunner
from attache.run.local import analyze_batch

STORIES = [
    "The finance minister, Anna Berg, said on Monday that the budget would be cut by 3 percent. "
    "“We have no choice,” she told reporters in Stockholm.",
    "Police in Lagos arrested two men on Friday after a protest outside the governor’s office turned violent, "
    "a spokesman said.",
    "“The talks are over,” the union leader Tom Hale said after the strike vote in Detroit. The company said it "
    "would reopen negotiations next week.",
    "Officials in Jakarta warned that flooding could worsen over the weekend, and the army sent trucks to "
    "evacuate residents, according to the disaster agency.",
]


def articles(n: int) -> list[Article]:
    """Distinct short articles (each text once), dated, with their position in the origin."""
    return [Article(text=f"{STORIES[i % len(STORIES)]} Report {i}.", published="2021-06-0" + str(1 + i % 9),
                    origin=f"story-{i}") for i in range(n)]


def flat(batches) -> list:
    return [item for batch in batches for item in batch]


def test_two_workers_give_the_in_process_records_in_input_order(pipeline):
    items: list[Article | AttacheError] = articles(18)
    items.insert(5, InputError("E003", path="blank.txt"))
    expected = flat(LocalRunner(pipeline=pipeline, batch_size=4).run(items))
    with LocalRunner(pipeline.options, workers=2, batch_size=4) as runner:
        got = flat(runner.run(items))
    assert len(got) == len(items) == len(expected)
    assert isinstance(got[5], InputError) and "blank.txt" in str(got[5])
    records = [g for g in got if isinstance(g, Analysis)]
    assert [r.text for r in records] == [a.text for a in items if isinstance(a, Article)]
    assert [r.to_dict() for r in records] == [e.to_dict() for e in expected if isinstance(e, Analysis)]
    assert any(r.quotes for r in records) and any(r.entities for r in records)


def test_batches_keep_the_string_store_from_growing(pipeline):
    """spaCy's memory_zone: words never seen before do not stay in the vocabulary after their batch."""
    strings = pipeline.nlp.vocab.strings
    analyze_batch(pipeline, articles(4))  # warm up the components' own vocabulary
    before = len(strings)
    novel = [Article(text=f"The envoy Zorvath{i}ski met Quel{i}bar officials in Vrenn{i}ton on Tuesday, "
                          f"the ministry said.", origin=f"n{i}") for i in range(30)]
    results = analyze_batch(pipeline, novel)
    assert all(isinstance(r, Analysis) for r in results)
    assert any("Zorvath" in e.name for r in results for e in r.entities)
    assert len(strings) - before < 10
    assert "Zorvath7ski" not in strings


@Language.component("test_explodes_on_marker")
def explodes_on_marker(doc):
    if "KABOOM" in doc.text:
        raise RuntimeError("component bug")
    return doc


def test_a_component_failing_on_one_article_costs_that_article_only():
    pipeline = Pipeline(Options(components=("boilerplate", "quotes")))
    pipeline.nlp.add_pipe("test_explodes_on_marker")
    batch = articles(3)
    batch.insert(1, Article(text="The mayor said KABOOM was the sound of the blast.", origin="bad-story"))
    results = analyze_batch(pipeline, batch)
    assert [type(r).__name__ for r in results] == ["Analysis", "RunError", "Analysis", "Analysis"]
    assert results[1].code == "E023" and "bad-story" in str(results[1]) and "component bug" in str(results[1])


def test_errors_survive_the_trip_from_a_worker():
    import pickle

    error = InputError("E008", path="huge.txt", size=2_000_000, limit=1_000_000)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is InputError and str(back) == str(error) and back.input == "huge.txt"


@pytest.mark.slow
def test_cli_ingest_with_two_workers_stores_every_article_and_prints_the_summary(tmp_path):
    source = tmp_path / "wire.jsonl"
    stories = articles(40)
    lines = [json.dumps({"text": a.text, "published": a.published}) for a in stories]
    lines.insert(7, '{"text": 3}')
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db), "--workers", "2", "--batch-size", "8",
                                      "--output", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 1  # one bad line
    assert "articles 40, quotes" in result.stderr and "failures 1" in result.stderr and "wall time" in result.stderr
    assert "wire.jsonl line 8" in result.stderr
    from attache.store import open_store

    with open_store(str(db)) as store:
        assert store.count() == 40
        quotes_in_store = store.count("quotes")
    import pyarrow.dataset as ds

    records = ds.dataset(str(tmp_path / "out" / "records"), partitioning="hive").to_table()
    assert records.num_rows == 41 and records.column("error_code").null_count == 40
    quotes = ds.dataset(str(tmp_path / "out" / "quotes"), partitioning="hive").to_table()
    assert quotes.num_rows == quotes_in_store > 0
