"""Inputs are not silently changed: given ids are kept, one text from two sources is two articles, a date
that cannot be read (or cannot be true) costs the article its date with a warning, never the article."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from attache.cli import app
from attache.ingest import read_path
from attache.record import text_id
from attache.store import open_store

TEXT = "The mayor said on Tuesday that the harbour bridge would reopen in the spring."


def test_jsonl_id_is_the_record_id(tmp_path, pipeline):
    path = tmp_path / "ids.jsonl"
    path.write_text(json.dumps({"id": "wire-0042", "text": TEXT}) + "\n", encoding="utf-8")
    (article,) = read_path(path)
    record = next(pipeline.pipe([article]))
    assert record.id == "wire-0042" and record.fingerprint == text_id(TEXT)


def test_same_text_from_two_sources_is_two_articles_sharing_a_fingerprint(tmp_path):
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(json.dumps({"text": TEXT, "source": source, "url": f"https://{source}.example/1"})
                              for source in ("north", "south")) + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    with open_store(db) as store:
        rows = store._execute("SELECT id, source, fingerprint FROM articles ORDER BY source")
    assert [r["source"] for r in rows] == ["north", "south"]
    assert rows[0]["id"] != rows[1]["id"] and rows[0]["fingerprint"] == rows[1]["fingerprint"] == text_id(TEXT)
    again = CliRunner().invoke(app, ["ingest", str(path), "--db", db, "--workers", "1"])
    assert "skipped 2" in again.stderr


@pytest.mark.parametrize("value, expected", [
    ("03-02-2009", None), ("25-12-2009", "2009-12-25"), ("12/25/2009", "2009-12-25"),
    ("March 2, 2009", "2009-03-02"), ("2 March 2009", "2009-03-02"), ("Mon, 02 Mar 2009 10:00:00 +0000", "2009-03-02"),
    ("yesterday", None),
])
def test_metadata_dates_unambiguous_ones_read_others_cost_only_the_date(tmp_path, value, expected):
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"text": TEXT, "published": value}) + "\n", encoding="utf-8")
    (article,) = read_path(path)
    assert article.published == expected
    assert [w["code"] for w in article.warnings] == ([] if expected else ["W005"])


@pytest.mark.parametrize("published", ["2999-01-01", "1700-05-05"])
def test_implausible_publication_dates_are_warned_and_not_used(pipeline, published):
    record = pipeline.analyze(TEXT, published=published)
    assert record.published is None
    (note,) = [w for w in record.warnings if w.code == "W006"]
    assert published in note.message


def test_implausible_dates_stay_out_of_the_latest_articles(tmp_path, pipeline):
    from attache.ingest import Article

    with open_store(str(tmp_path / "s.db")) as store:
        records = list(pipeline.pipe([Article(text=TEXT, published="2099-01-01", source="future"),
                                      Article(text=TEXT + " Later.", published="2021-01-01", source="now")]))
        store.add_many(records)
        assert store.articles()[0]["source"] == "now"
