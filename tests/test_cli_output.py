"""What a newcomer reads: listings at 80 columns and piped, titles of plain-text articles, plain English counts."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from attache import console
from attache.cli import app
from attache.console import plural
from attache.ingest import read_bytes
from attache.ingest.article import Article
from attache.ingest.text import plain_title
from attache.store import open_store


runner = CliRunner()


@pytest.fixture()
def narrow(monkeypatch):
    """Output as `COLUMNS=80 attache ... | cat` sees it: 80 columns, not a terminal."""
    monkeypatch.setattr(console.out, "_width", 80)


def shown(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_plural_reads_as_english():
    assert plural(1, "article") == "1 article"
    assert plural(2, "article") == "2 articles"
    assert plural(0, "quote") == "0 quotes"
    assert plural(3, "entity") == "3 entities"
    assert plural(1, "entity") == "1 entity"
    assert plural(2, "person", "people") == "2 people"


def test_title_is_a_headline_first_line():
    text = "Leaders plan second summit after elections\n\nPresident Maria Delgado said on Tuesday that talks went well.\n"
    assert plain_title(text, "news/summit.txt") == "Leaders plan second summit after elections"


@pytest.mark.parametrize("first", [
    "By Nadia Brooks",  # a byline
    "RIVERTON — Governor Alan Pierce declared a state of emergency on Monday.",  # a dateline and a sentence
    "Prime Minister Helena Varga said on Thursday that a deal was close.",  # a sentence: final period
    "the mayor said the bridge would reopen",  # no capital
    "Floods",  # one word
])
def test_title_is_the_file_name_when_the_first_line_is_no_headline(first):
    assert plain_title(f"{first}\nThe governor said more rain was expected.\n", "news/flood-relief.txt") == \
        "flood-relief.txt"


def test_title_from_standard_input_only_from_a_headline():
    assert plain_title("Council delays vote on housing plan\nThe vote was delayed.\n", "-") == \
        "Council delays vote on housing plan"
    assert plain_title("The vote was delayed.\n", "-") is None


def test_a_derived_title_leaves_the_article_id_as_it_was():
    text = "Council delays vote on housing plan\nThe city council delayed its vote on Tuesday.\n"
    (article,) = read_bytes(text.encode(), "city-council.txt")
    assert isinstance(article, Article) and article.title == "Council delays vote on housing plan"
    assert article.record_id() == Article(text=text).record_id()


def text_column(out: str, header: str) -> list[list[str]]:
    """The wrapped lines of the column headed `header`, one list per row (rows are blank-line separated)."""
    lines = out.splitlines()
    top = next(i for i, line in enumerate(lines) if header in line.split())
    start = lines[top].index(header)
    blocks: list[list[str]] = [[]]
    for line in lines[top + 2:]:
        if not line.strip():
            blocks.append([])
        elif not blocks[-1] and not line[:1].isdigit() and not line.startswith("no date"):
            break  # the notes under the table
        elif line[start:].strip():
            blocks[-1].append(line[start:].strip())
    return [b for b in blocks if b]


def test_listings_at_80_columns_keep_ids_whole_and_words_together(db, narrow):
    people = json.loads(shown("people", "--db", db, "-f", "json"))
    table = shown("people", "--db", db)
    assert all(p["id"] in table for p in people)
    for command, text in (("quotes", "quote"), ("events", "sentence"), ("people", None), ("articles", None)):
        out = shown(command, "--db", db)
        assert max(len(line) for line in out.splitlines()) <= 80, command
        assert "…" not in out, command  # nothing cut short
        assert all(line == line.rstrip() for line in out.splitlines()), command  # no padding when piped
        for block in text_column(out, text) if text else ():
            assert all(len(line.split()) >= 4 for line in block[:-1]), (command, block)


def test_a_long_quote_wraps_into_wide_lines(tmp_path, narrow):
    from .store_records import article

    words = ("The inspections will begin soon and they will cover every site that the agreement names, "
             "from the northern test grounds to the coastal launch pads, before the next round of talks")
    text = f"“{words},” Michael Pompeo said on Monday."
    record = article(text, "2018-10-08", people=[("Michael Pompeo", "PERSON", "USA", "GOV", ["Michael Pompeo"])],
                     quotes=[(words + ",", "Michael Pompeo", "Michael Pompeo")])
    path = str(tmp_path / "long.db")
    with open_store(path) as store:
        store.add(record)
    (block,) = text_column(shown("quotes", "--db", path), "quote")
    assert len(block) <= 5 and all(len(line.split()) >= 6 for line in block[:-1])


def test_events_show_modality_and_a_legend(db, narrow):
    out = shown("events", "--db", db)
    assert "asserted" in out and "modality:" in out and "(?) country not known" in out
    assert "Michael Pompeo" in out and "→ Kim Yong Chol" in out


def test_people_explain_sector_codes(db, narrow):
    out = shown("people", "--db", db)
    assert "sector: " in out and "GOV government" in out


def test_a_full_page_says_how_to_see_more(db, narrow):
    first = shown("quotes", "--db", db, "--limit", "1")
    cursor = re.search(r"more with --after (\S+)", first).group(1)
    second = shown("quotes", "--db", db, "--limit", "1", "--after", cursor)
    assert "quotes (1)" in second and second.splitlines()[2] != first.splitlines()[2]


def test_csv_and_json_are_unchanged_by_the_table_view(db):
    rows = json.loads(shown("events", "--db", db, "-f", "json"))
    assert isinstance(rows[0]["actors"], list)
    header = shown("events", "--db", db, "-f", "csv").splitlines()[0]
    assert header.startswith("article_id,id,date,type")


def test_help_shows_no_type_placeholders():
    out = runner.invoke(app, ["ingest", "--help"], env={"COLUMNS": "120"}).stdout
    assert "--force" in out and "local|ray" in out
    assert not any(placeholder in out for placeholder in ("<bool>", "<str>", "<int>", "<list"))


def test_one_failure_reads_in_the_singular(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 1 and "1 input failed" in result.stderr


def test_an_empty_listing_says_so(db, narrow):
    assert shown("quotes", "--db", db, "--speaker", "nobody at all").splitlines() == ["quotes (0)", "none found"]
