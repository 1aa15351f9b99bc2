"""Shared fixtures: one pipeline per test session (model loading is the slow part)."""

from __future__ import annotations

import pathlib

import pytest

from attache.pipeline import Pipeline

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    """The shared development data; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def examples_text() -> str:
    """The first example brief: a seed-like article with quotes, titles, weekdays, a sub-heading."""
    import json

    first = (EXAMPLES / "briefs.jsonl").read_text(encoding="utf-8").splitlines()[0]
    return json.loads(first)["text"]


@pytest.fixture()
def db(tmp_path) -> str:
    """A store filled with the shared test corpus (tests/store_records.py)."""
    from attache.store import open_store

    from .store_records import corpus

    path = str(tmp_path / "corpus.db")
    with open_store(path) as store:
        store.add_many(corpus())
    return path
