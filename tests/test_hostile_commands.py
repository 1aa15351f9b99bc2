"""Commands given hostile or mistyped arguments: one coded error naming the argument, no traceback, no
internals, no store created by a typo."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from attache.cli import app


runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def clean(result, code: str) -> None:
    assert result.exit_code == 2, result.output
    assert code in result.stderr
    assert "Traceback" not in result.output and "Errno" not in result.stderr


def test_export_to_a_missing_directory_is_e041(db, tmp_path):
    result = run("export", "quotes", "--format", "csv", "--db", db, "-o", str(tmp_path / "no" / "dir" / "q.csv"))
    clean(result, "E041")
    assert "does not exist" in result.stderr


def test_export_to_a_directory_is_e041(db, tmp_path):
    result = run("export", "quotes", "--format", "csv", "--db", db, "-o", str(tmp_path))
    clean(result, "E041")
    assert "is a directory" in result.stderr


def test_parquet_export_without_out_names_the_option_not_none(db):
    result = run("export", "quotes", "--format", "parquet", "--db", db)
    clean(result, "E040")
    assert "None" not in result.stderr and "--out" in result.stderr


@pytest.mark.parametrize("value", ["2022-13-45", "2022-02-30", "2099-99-99", "2022-00"])
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_impossible_dates_are_rejected(db, option, value):
    clean(run("quotes", "--db", db, option, value), "E040")


@pytest.mark.parametrize("command, option, listed", [
    ("quotes", "--kind", "direct, indirect, mixed"), ("events", "--type", "CONSULT"), ("people", "--type", "PERSON")])
def test_unknown_enum_values_list_the_valid_ones(db, command, option, listed):
    result = run(command, "--db", db, option, "bogus")
    clean(result, "E040")
    assert listed in result.stderr


def test_timeline_of_an_empty_name_is_an_error(db):
    clean(run("timeline", "", "--db", db), "E040")


@pytest.mark.parametrize("command", [["quotes"], ["people"], ["export", "quotes"], ["serve"]])
def test_reading_a_mistyped_store_creates_nothing(tmp_path, command):
    typo = tmp_path / "typo.db"
    clean(run(*command, "--db", str(typo)), "E033")
    assert not typo.exists()


def test_serve_on_a_busy_port_fails_before_claiming_to_serve(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("serve", "--db", db, "--port", str(port))
    clean(result, "E042")
    assert "serving on" not in result.output


def test_damaged_warc_and_parquet_give_plain_reasons(tmp_path):
    from attache.ingest import read_path

    for name in ("x.warc", "x.parquet"):
        path = tmp_path / name
        path.write_bytes(b"PAR1 not really\n" * 3)
        (error,) = read_path(path)
        assert error.code == "E009" and str(path) in str(error)
        assert "NoneType" not in str(error) and "footer" not in str(error) and "magic" not in str(error)
