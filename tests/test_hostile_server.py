"""The server under hostile requests: it stays up and answers other requests while one analysis runs,
refuses foreign Host headers, rejects impossible filters, and works offline."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from attache.store import open_store
from attache.web import Settings, create_app

from .store_records import corpus


class SlowPipeline:
    """Stands in for the pipeline: takes `seconds` per article (as a pathological one would)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def analyze(self, text, **_):
        time.sleep(self.seconds)
        from attache.record import Analysis

        return Analysis(text=text)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("srv") / "s.db"))
    s.add_many(corpus())
    yield s
    s.close()


def client(store, pipeline=None, **settings) -> TestClient:
    app = create_app(Settings(db=store.location, **settings), store=store, pipeline=pipeline)
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


def test_analyze_is_off_unless_asked_for(store):
    with client(store) as c:
        answer = c.post("/api/analyze", json={"text": "The mayor said it."})
    assert answer.status_code == 403 and "--analyze" in answer.json()["error"]["message"]


def test_a_slow_analysis_gets_503_within_the_budget_and_other_requests_go_on(store):
    with client(store, SlowPipeline(3.0), allow_analyze=True, analyze_seconds=0.5) as c:
        answers = {}

        def slow() -> None:
            started = time.monotonic()
            answers["analyze"] = (c.post("/api/analyze", json={"text": "The mayor said it."}),
                                  time.monotonic() - started)

        worker = threading.Thread(target=slow)
        worker.start()
        time.sleep(0.2)
        started = time.monotonic()
        assert c.get("/api/stats").status_code == 200
        assert time.monotonic() - started < 0.3
        worker.join()
    answer, took = answers["analyze"]
    assert answer.status_code == 503 and "time budget" in answer.json()["error"]["message"]
    assert took < 2.0


@pytest.mark.parametrize("host, status", [("attacker.example", 400), ("localhost:8000", 200),
                                          ("127.0.0.1", 200), ("[::1]:8000", 200)])
def test_host_header_is_checked(store, host, status):
    with client(store) as c:
        assert c.get("/api/stats", headers={"host": host}).status_code == status


def test_allowed_hosts_are_configurable(store):
    with client(store, allowed_hosts=("news.internal",)) as c:
        assert c.get("/api/stats", headers={"host": "news.internal"}).status_code == 200


def test_docs_use_local_assets_only(store):
    with client(store) as c:
        page = c.get("/docs")
        assert page.status_code == 200
        assert "cdn" not in page.text.lower() and "/docs-assets/swagger-ui-bundle.js" in page.text
        assert c.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
        assert c.get("/docs-assets/swagger-ui.css").status_code == 200


def test_head_and_favicon(store):
    with client(store) as c:
        head = c.head("/")
        assert head.status_code == 200 and head.content == b""
        icon = c.get("/favicon.ico")
        assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/")


@pytest.mark.parametrize("query", ["since=2022-13-45", "since=2022-02-30", "until=2099-99-99", "kind=bogus"])
def test_impossible_api_filters_are_422(store, query):
    with client(store) as c:
        answer = c.get(f"/api/quotes?{query}")
    assert answer.status_code == 422
    if "kind" in query:
        assert "direct, indirect, mixed" in answer.json()["error"]["message"]


def test_unknown_event_type_lists_the_valid_ones(store):
    with client(store) as c:
        answer = c.get("/api/events?type=NOPE")
    assert answer.status_code == 422 and "CONSULT" in answer.json()["error"]["message"]


def test_the_app_refuses_a_missing_store(tmp_path):
    from attache.errors import StoreError

    with pytest.raises(StoreError) as info:
        create_app(Settings(db=str(tmp_path / "typo.db")))
    assert info.value.code == "E033" and not (tmp_path / "typo.db").exists()
