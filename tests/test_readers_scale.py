"""Readers at scale: big directories and gzip streams read lazily, Parquet rows and WARC pages as articles."""

from __future__ import annotations

import gzip
import io
import itertools
import json
import tracemalloc

import pytest

from attache.errors import AttacheError
from attache.ingest import Article, read_path, read_paths

PARAGRAPH = ("The port authority said on Tuesday that the new container terminal would open in March, "
             "after two years of delays caused by a dispute over dredging rights. “We expect the first "
             "ships within weeks,” said Maria Lopez, the authority’s director. ")


def codes(items) -> list[str]:
    return [i.code if isinstance(i, AttacheError) else "ok" for i in items]


def test_big_jsonl_gz_stream_is_read_lazily(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(20_000):
            fh.write(json.dumps({"text": f"{PARAGRAPH} Story number {i}.", "published": "2021-03-04"}) + "\n")
    tracemalloc.start()
    first = list(itertools.islice(read_paths([path]), 10))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [a.text.endswith(f"Story number {i}.") for i, a in enumerate(first)] == [True] * 10
    assert peak < 5_000_000  # the stream holds ~9 MB of text; taking ten articles must not load it all


def test_directory_of_many_files_in_nested_folders_keeps_sorted_order(tmp_path):
    for folder in ("2019", "2020"):
        (tmp_path / folder).mkdir()
        for i in range(300):
            (tmp_path / folder / f"{i:04d}.txt").write_text(f"Story {folder}-{i:04d}: the council met.")
    (tmp_path / "2020" / ".hidden.txt").write_text("not an article")
    texts = [a.text for a in read_paths([tmp_path])]
    assert len(texts) == 600
    assert texts[0].startswith("Story 2019-0000") and texts[-1].startswith("Story 2020-0299")


def test_parquet_rows_become_articles_with_their_metadata(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "archive.parquet"
    table = pa.table({"text": [PARAGRAPH, "  ", PARAGRAPH + " More."],
                      "title": ["Terminal to open", None, "Second"],
                      "published": ["2019-05-06", None, "2019-13-40"],
                      "extra": [1, 2, 3]})
    pq.write_table(table, path, row_group_size=2)
    items = list(read_path(path))
    assert codes(items) == ["ok", "E003", "E006"]
    assert items[0].text == PARAGRAPH and items[0].title == "Terminal to open"
    assert items[0].published == "2019-05-06" and items[0].origin == f"{path}:1"
    assert f"{path}:2" in str(items[1]) and f"{path}:3" in str(items[2])


def test_parquet_without_a_text_column_is_refused_with_a_reason(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"body": [PARAGRAPH]}), path)
    (error,) = read_path(path)
    assert error.code == "E011" and "text" in str(error)


def _warc(path, records) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for kind, url, status, mime, body in records:
            http = StatusAndHeaders(status, [("Content-Type", mime)], protocol="HTTP/1.1") if status else None
            record = writer.create_warc_record(url, kind, payload=io.BytesIO(body.encode("utf-8")),
                                               http_headers=http,
                                               warc_content_type=None if status else mime)
            writer.write_record(record)
    assert warcio


def test_warc_pages_become_articles_and_other_records_are_passed_over(tmp_path):
    page = (f"<html><head><title>Terminal to open</title></head><body><nav>Home | World</nav><article>"
            f"<h1>Terminal to open</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>")
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("response", "https://news.example.org/terminal", "200 OK", "text/html; charset=utf-8", page),
        ("response", "https://news.example.org/logo.png", "200 OK", "image/png", "PNG"),
        ("response", "https://news.example.org/gone", "404 Not Found", "text/html", "<html>gone</html>"),
        ("resource", "https://news.example.org/plain", None, "text/plain", PARAGRAPH),
    ])
    items = list(read_path(path))
    assert codes(items) == ["ok", "ok"]
    html, plain = items
    assert "container terminal" in html.text and "Home | World" not in html.text
    assert html.url == "https://news.example.org/terminal" and "#1" in html.origin
    assert plain.text == PARAGRAPH


def test_directory_picks_up_parquet_and_warc_files(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"text": [PARAGRAPH]}), tmp_path / "a.parquet")
    _warc(tmp_path / "b.warc", [("resource", "https://x.example/p", None, "text/plain", PARAGRAPH + " B")])
    texts = [a.text for a in read_paths([tmp_path]) if isinstance(a, Article)]
    assert texts == [PARAGRAPH, PARAGRAPH + " B"]


def test_damaged_warc_is_reported_not_raised(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not a gzip member")
    items = list(read_path(path))
    assert items and all(isinstance(i, AttacheError) for i in items)
    assert str(path) in str(items[0])
