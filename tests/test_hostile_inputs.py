"""Hostile inputs, built here in tmp_path: each breaks one article (or one line) with one coded error,
never the run, never a traceback; what was readable is kept."""

from __future__ import annotations

import gzip
import json
import time

from typer.testing import CliRunner

from attache.cli import app
from attache.errors import AttacheError
from attache.ingest import Article, read_path, read_paths
from attache.store import open_store


def codes(items) -> list[str]:
    return [i.code if isinstance(i, AttacheError) else "ok" for i in items]


def jsonl(n: int, start: int = 0) -> bytes:
    return b"".join(json.dumps({"text": f"Article {i}: the mayor said the bridge will reopen."}).encode() + b"\n"
                    for i in range(start, start + n))


def truncated_gzip(path, n: int = 400) -> None:
    data = gzip.compress(jsonl(n))
    path.write_bytes(data[: len(data) * 2 // 3])


def test_truncated_gzip_jsonl_is_one_coded_failure_naming_the_file_and_keeps_earlier_lines(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    truncated_gzip(path)
    items = list(read_path(path))
    assert codes(items)[-1] == "E012" and set(codes(items)[:-1]) == {"ok"}
    assert 0 < len(items) - 1 < 400
    assert str(path) in str(items[-1]) and "truncated" in str(items[-1])


def test_corrupt_gzip_jsonl_is_one_coded_failure_and_the_next_path_is_read(tmp_path):
    data = bytearray(gzip.compress(jsonl(400)))
    middle = len(data) // 2
    data[middle:middle + 40] = b"\xff" * 40
    bad, good = tmp_path / "bad.jsonl.gz", tmp_path / "good.jsonl"
    bad.write_bytes(bytes(data))
    good.write_bytes(jsonl(3, start=1000))
    items = list(read_paths([bad, good]))
    assert codes(items).count("E012") == 1 and codes(items)[-3:] == ["ok"] * 3
    assert "Article 0:" in items[0].text


def test_ingest_keeps_everything_readable_around_a_corrupt_gzip(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(jsonl(2, start=900))
    truncated_gzip(folder / "b.jsonl.gz", n=40)
    (folder / "c.jsonl").write_bytes(jsonl(2, start=950))
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--workers", "1"])
    assert result.exit_code == 1
    assert "E012" in result.stderr and "b.jsonl.gz" in result.stderr
    assert "Traceback" not in result.stderr and "zlib" not in result.stderr
    assert "failures 0" not in result.stderr
    with open_store(db) as store:
        stored = store.count()
    assert 4 < stored < 44


def test_a_bad_byte_on_one_jsonl_line_costs_that_line_only(tmp_path):
    lines = jsonl(1000).split(b"\n")
    lines[500] = lines[500].replace(b"mayor", b"may\xffor")
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(lines))
    items = list(read_path(path))
    assert codes(items).count("ok") == 999
    (bad,) = [i for i in items if isinstance(i, AttacheError)]
    assert bad.code == "E005" and "line 501" in str(bad)


def test_bad_second_line_of_three_keeps_the_first_and_third(tmp_path):
    path = tmp_path / "three.jsonl"
    path.write_bytes(jsonl(1) + b'{"text": "bad \xc3\x28 byte"}\n' + jsonl(1, start=2))
    assert codes(read_path(path)) == ["ok", "E005", "ok"]
    path.write_bytes(jsonl(1) + b'{"text": "no end\n' + jsonl(1, start=2))
    items = list(read_path(path))
    assert codes(items) == ["ok", "E007", "ok"] and "line 2" in str(items[1])


def test_jsonl_on_standard_input_keeps_unicode_line_separators_inside_strings():
    from attache.ingest import read_bytes

    data = json.dumps({"text": "One\u2028two\x85three said the mayor."}, ensure_ascii=False).encode() + b"\n"
    (article,) = read_bytes(data, "-")
    assert isinstance(article, Article) and "\u2028" in article.text


def test_long_punctuation_run_is_guarded_in_linear_time_with_offsets_intact(pipeline):
    small = 'The mayor said "we will rebuild." ' + '"' * 2000 + ' Smith said "it is done."'
    large = 'The mayor said "we will rebuild." ' + '"' * 14000 + ' Smith said "it is done."'
    timings = []
    for text in (small, large):
        started = time.perf_counter()
        record = pipeline.analyze(text)
        timings.append(time.perf_counter() - started)
        assert record.text == text
        assert_spans_match(record.to_dict(), text)
        assert "W003" in [w.code for w in record.warnings]
    assert timings[1] < 2.0
    assert any(q.content.text == "we will rebuild." for q in record.quotes)


def assert_spans_match(node, text: str) -> None:
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys() and node["start"] is not None:
            assert text[node["start"]:node["end"]] == node["text"], node
        for value in node.values():
            assert_spans_match(value, text)
    elif isinstance(node, list):
        for value in node:
            assert_spans_match(value, text)


def test_windows_1252_news_is_decoded_as_windows_1252(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("The naïve mayor said “we will rebuild” — and café owners cheered.".encode("cp1252"))
    (article,) = read_path(path)
    assert "naïve" in article.text and "“we will rebuild”" in article.text and "café" in article.text
    assert article.warnings == []


def test_replaced_bytes_in_mostly_utf8_text_are_counted_in_the_record(tmp_path, pipeline):
    path = tmp_path / "mostly.txt"
    path.write_bytes("The naïve mayor said “we will rebuild”".encode() + b" in \xff\xfe days.")
    (article,) = read_path(path)
    assert "naïve" in article.text and "\ufffd" in article.text
    record = next(pipeline.pipe([article]))
    (note,) = [w for w in record.warnings if w.code == "W004"]
    assert "2 undecodable byte(s)" in note.message and str(path) in note.message
