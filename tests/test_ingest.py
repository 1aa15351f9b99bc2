"""Readers: every kind of input becomes an Article or a coded error naming it; nothing is dropped."""

from __future__ import annotations

import gzip
import json

import pytest

from attache.errors import AttacheError, InputError
from attache.ingest import Article, parse_published, read_path, read_paths

from .conftest import EXAMPLES


def codes(items) -> list[str]:
    return [i.code if isinstance(i, AttacheError) else "ok" for i in items]


def test_plain_text_is_read_exactly(tmp_path):
    raw = "Line one said Ana.\r\n\r\n  “Quoted,” she said.  \n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    (article,) = read_path(path)
    assert article.text == raw


def test_missing_path_is_e001(tmp_path):
    assert codes(read_path(tmp_path / "nope.txt")) == ["E001"]


def test_directory_without_articles_is_e002(tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    assert codes(read_path(tmp_path)) == ["E002"]


@pytest.mark.parametrize("content", [b"", b"   \n\t \n"])
def test_empty_or_blank_file_is_e003(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    (error,) = read_path(path)
    assert error.code == "E003" and str(path) in str(error)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00", bytes(range(256)) * 4, b"%PDF-1.7\n..."])
def test_binary_file_is_e004(tmp_path, content):
    path = tmp_path / "picture.txt"
    path.write_bytes(content)
    assert codes(read_path(path)) == ["E004"]


def test_latin1_article_is_decoded(tmp_path):
    text = "Le ministre a déclaré que les négociations à Genève étaient très avancées. " * 5
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    (article,) = read_path(path)
    assert isinstance(article, Article) and "négociations" in article.text


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("The mayor said the plan was ready.".encode("utf-16"))
    (article,) = read_path(path)
    assert article.text == "The mayor said the plan was ready."


def test_undecodable_bytes_are_e005_or_e004(tmp_path):
    path = tmp_path / "mess.txt"
    path.write_bytes(b"The mayor said \xff\xfe\xfd\x81\x8d\x8f\x90\x9d the plan " + bytes(range(128, 256)))
    (item,) = read_path(path)
    assert isinstance(item, AttacheError) and item.code in ("E004", "E005")


def test_jsonl_bad_line_is_reported_with_its_number_and_others_still_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": "The mayor said the plan was ready.", "published": "2021-05-04", "title": "Plan"}),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": "<html><body><article><p>The governor said on Monday that the bridge would "
                            "reopen in spring, after months of repairs.</p></article></body></html>"}),
        json.dumps({"text": "A text with a bad date.", "published": "yesterday"}),
    ]), encoding="utf-8")
    items = list(read_path(path))
    assert codes(items) == ["ok", "E007", "E007", "ok", "ok"]
    assert "line 2" in str(items[1]) and "line 3" in str(items[2])
    assert items[4].published is None and [w["code"] for w in items[4].warnings] == ["W005"]
    assert items[0].published == "2021-05-04" and items[0].title == "Plan"
    assert "bridge would reopen" in items[3].text


def test_gzip_jsonl_is_read(tmp_path):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "The council met on Tuesday."}) + "\n")
    (article,) = read_path(path)
    assert article.text == "The council met on Tuesday."


def test_html_gives_body_title_and_date_without_scripts():
    (article,) = read_path(EXAMPLES / "trade-dispute.html")
    assert article.title.startswith("Steel tariff talks stall")
    assert article.published == "2023-03-15"
    assert "Fontaine told a parliamentary committee" in article.text
    assert "window.tracker" not in article.text and "Subscribe" not in article.text


def test_directory_is_read_recursively_in_order():
    items = list(read_path(EXAMPLES))
    assert all(isinstance(i, Article) for i in items)
    assert len(items) >= 5


def test_published_override_applies_to_every_article():
    items = list(read_paths([EXAMPLES], published="2020-01-02"))
    assert {i.published for i in items} == {"2020-01-02"}


@pytest.mark.parametrize("value", ["2018-13-01", "09/10/2018", "tomorrow", "2018-10-09x"])
def test_invalid_published_is_e006(value):
    with pytest.raises(InputError) as info:
        parse_published(value, "--published")
    assert info.value.code == "E006" and value in str(info.value)


def test_published_accepts_dates_and_timestamps():
    import datetime as dt

    assert parse_published(dt.date(2018, 10, 9)) == "2018-10-09"
    assert parse_published("2018-10-09T14:30:00+02:00") == "2018-10-09"
