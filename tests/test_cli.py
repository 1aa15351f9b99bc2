"""The command line, end to end: analyze, ingest (twice), quotes, and bad input with coded errors."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from attache import __version__
from attache.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


@pytest.mark.parametrize("command", ["analyze", "ingest", "quotes", "evaluate"])
def test_help_on_every_command(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_analyze_prints_one_record_whose_text_is_the_file(tmp_path):
    path = EXAMPLES / "harbor-talks.txt"
    result = run("analyze", str(path), "--published", "2024-05-02", "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["text"] == path.read_text(encoding="utf-8")
    assert record["published"] == "2024-05-02"
    assert {b["kind"] for b in record["boilerplate"]} == {"subheading", "copyright"}


def test_analyze_jsonl_from_standard_input():
    result = run("analyze", "-", "--format", "jsonl", input="The mayor said the bridge would reopen.\n")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["text"] == "The mayor said the bridge would reopen.\n"


def test_ingest_twice_keeps_one_copy_and_quotes_query_works(tmp_path):
    db = str(tmp_path / "a.db")
    first = run("ingest", str(EXAMPLES), "--db", db)
    assert first.exit_code == 0, first.stderr
    second = run("ingest", str(EXAMPLES), "--db", db)
    assert second.exit_code == 0
    from attache.store import open_store

    with open_store(db) as store:
        assert store.count() == len(list(EXAMPLES.glob("*.txt"))) + 1 + 2  # txt files, the html, 2 briefs
    assert "skipped 5" in second.stderr
    result = run("quotes", "--db", db, "--format", "json")
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), list)


def test_ingest_goes_on_past_bad_articles_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "harbor-talks.txt", folder / "good.txt")
    (folder / "empty.txt").write_text("  \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "lines.jsonl").write_text('{"text": "The mayor spoke."}\n{broken\n')
    db = str(tmp_path / "b.db")
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1
    assert "E003" in result.stderr and "E004" in result.stderr and "E007" in result.stderr
    assert "lines.jsonl line 2" in result.stderr
    from attache.store import open_store

    with open_store(db) as store:
        assert store.count() == 2


def test_quotes_on_an_empty_store(tmp_path):
    from attache.store import open_store

    open_store(str(tmp_path / "empty.db")).close()
    for fmt in ("table", "json", "csv"):
        result = run("quotes", "--db", str(tmp_path / "empty.db"), "--format", fmt)
        assert result.exit_code == 0


@pytest.mark.parametrize("args, code", [
    (["analyze", "/no/such/file.txt"], "E001"),
    (["analyze", str(EXAMPLES / "harbor-talks.txt"), "--published", "13/13/2013"], "E006"),
    (["ingest", str(EXAMPLES), "--db", "/no/such/dir/x.db"], "E030"),
])
def test_bad_input_gives_a_coded_error_and_non_zero_exit(args, code):
    result = run(*args)
    assert result.exit_code != 0
    assert code in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_attributions_option_keeps_beliefs_only_when_asked(tmp_path):
    path = tmp_path / "belief.txt"
    path.write_text("Sen. Ada Moss believes the bill will fail. She said the vote would come on Friday.\n")
    runner = CliRunner()

    def classes(*extra: str) -> list[str]:
        result = runner.invoke(app, ["analyze", str(path), "-f", "json", *extra])
        assert result.exit_code == 0, result.output
        return sorted(q["cue_class"] for q in json.loads(result.stdout)["quotes"])

    assert classes() == ["speech"]
    assert classes("--attributions", "all") == ["belief", "speech"]
    db = str(tmp_path / "all.db")
    assert runner.invoke(app, ["ingest", str(path), "--db", db, "--attributions", "all"]).exit_code == 0
    stored = json.loads(runner.invoke(app, ["quotes", "--db", db, "-f", "json"]).stdout)
    assert len(stored) == 2
    assert runner.invoke(app, ["analyze", str(path), "--attributions", "some"]).exit_code != 0


def test_events_coder_option_lets_the_trained_model_decide(tmp_path, pipeline):
    from attache.pipeline import Options, Pipeline

    assert Pipeline(Options(events_coder="rules")).nlp.get_pipe("attache_events").model is None
    assert pipeline.nlp.get_pipe("attache_events").model is not None  # the trained coder decides by default
    path = tmp_path / "talks.txt"
    path.write_text("Norway's fisheries minister, Ida Berg, warned on Monday that Oslo would respond in kind if the "
                    "quotas were cut. Sweden rejected the warning.\n")
    for coder in ("rules", "model"):
        result = runner.invoke(app, ["analyze", str(path), "-f", "json", "--events-coder", coder])
        assert result.exit_code == 0, result.output
        assert "REJECT" in {e["type"] for e in json.loads(result.stdout)["events"]}
    refused = runner.invoke(app, ["analyze", str(path), "--events-coder", "oracle"])
    assert refused.exit_code != 0 and "Traceback" not in refused.output


def test_evaluate_places_on_the_shipped_dev_set():
    result = run("evaluate", "places")
    assert result.exit_code == 0
    figures = json.loads(result.stdout.splitlines()[0])
    assert figures["gold"] > 200 and 0 <= figures["country_accuracy"] <= 1



def test_evaluate_events_on_the_shipped_dev_set_honours_the_coder():
    result = run("evaluate", "events", "--coder", "model")
    assert result.exit_code == 0
    assert json.loads(result.stdout[:result.stdout.index("\n}") + 2])["coder"] == "model"
