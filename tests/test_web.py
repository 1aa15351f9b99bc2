"""The HTTP API and the pages, in-process over a SQLite store of the example corpus (plus a hostile article)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from attache.store import open_store  # noqa: E402
from attache.web import Settings, create_app  # noqa: E402

from .store_records import corpus, example_records  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory, pipeline):
    s = open_store(str(tmp_path_factory.mktemp("web") / "web.db"))
    s.add_many(example_records(pipeline) + corpus())
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store, pipeline):
    settings = Settings(db=store.location, max_page_size=50, max_body_bytes=20_000, max_analyze_chars=5_000,
                        allow_analyze=True)
    with TestClient(create_app(settings, store=store, pipeline=pipeline), raise_server_exceptions=False,
                    base_url="http://localhost") as c:
        yield c


def summit(store):
    (found,) = store.articles(search="second summit elections")
    return found["id"]


def test_home_page_has_counts_and_a_search_box(client, store):
    page = client.get("/")
    assert page.status_code == 200 and 'name="q"' in page.text
    assert f"<b>{store.count('quotes')}</b> quotes" in page.text


def test_article_page_highlights_quotes_per_speaker_and_links_speakers(client, store, pipeline):
    article_id = summit(store)
    record = store.get(article_id)
    page = client.get(f"/articles/{article_id}").text
    text = re.search(r'<div class="text">(.*?)</div>', page, re.S).group(1)
    speakers = {q.speaker.entity for q in record.quotes if q.speaker and q.speaker.entity}
    colours = set(re.findall(r'class="quote[^"]*\b(s\d)"', text))
    assert len(speakers) >= 2 and len(colours) >= 2  # one colour per speaker
    first = record.quotes[0]
    assert f'data-quote="{first.id}"' in text
    person = store.article_people(article_id)[first.speaker.entity]
    assert f'href="/people/{person}" class="speaker' in text


def test_article_page_shows_date_values_and_place_countries_on_hover(client, store):
    article_id = summit(store)
    record = store.get(article_id)
    page = client.get(f"/articles/{article_id}").text
    for t in record.times:
        assert f'title="{t.type} {t.value}' in page
    for p in record.places:
        if p.country:
            assert re.search(rf'class="place[^"]*" title="[^"]*{p.country}[^"]*">{re.escape(p.text)}<', page)


def test_person_page_has_an_svg_timeline_and_their_quotes(client, store):
    person = store.people(search="Delgado")[0]
    page = client.get(f"/people/{person['id']}").text
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", page, re.S).group(0)
    assert svg.count("<circle") == len(store.timeline(person["id"])) >= 1
    assert "real and lasting progress" in page


def test_search_page_finds_quotes_and_articles(client):
    page = client.get("/search", params={"q": "inspections"}).text
    assert "port inspections" in page and "No quotes match" not in page


@pytest.mark.parametrize("q", ["'; DROP TABLE quotes; --", '"', "*", "NEAR(", "a OR b", "%_", "\\", "<script>"])
def test_hostile_searches_give_pages_and_lists_never_errors(client, store, q):
    for url in ("/search", "/articles", "/people", "/events"):
        assert client.get(url, params={"q": q, "type": q, "actor_country": q, "since": q}).status_code == 200
    api = client.get("/api/search", params={"q": q})
    assert api.status_code == 200 and set(api.json()) == {"articles", "quotes"}
    assert client.get("/api/quotes", params={"q": q, "speaker": q}).status_code == 200
    assert store.count("quotes") > 0


def test_article_text_is_escaped_everywhere(client, store):
    (hostile,) = store.articles(search="files fake")
    page = client.get(f"/articles/{hostile['id']}").text
    assert "<script>window" not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;window.__attache_xss" in page and "&lt;img src=x onerror=" in page
    assert "<script>alert(1)</script>" not in page and 'href="javascript:' not in page
    assert "default-src 'self'" in client.get(f"/articles/{hostile['id']}").headers["content-security-policy"]
    listing = client.get("/search", params={"q": "files fake"}).text
    assert "<img src=x" not in listing and "<script>alert" not in listing


def test_api_quotes_filters_and_pages(client, store):
    everything = client.get("/api/quotes", params={"limit": 50}).json()
    assert len(everything) == min(50, store.count("quotes"))
    page = client.get("/api/quotes", params={"limit": 2})
    cursor = page.headers["X-Next-Cursor"]
    assert page.headers["Link"].endswith('rel="next"') and "cursor=" in page.headers["Link"]
    first, second = page.json(), client.get("/api/quotes", params={"limit": 2, "cursor": cursor}).json()
    assert len(first) == len(second) == 2 and first != second
    forged = client.get("/api/quotes", params={"limit": 2, "cursor": cursor[:-3] + "AAA"})
    assert forged.status_code == 400 and "E043" in forged.json()["error"]["message"]
    stale = client.get("/api/quotes", params={"limit": 2, "kind": "direct", "cursor": cursor})
    assert stale.status_code == 400 and "stale" in stale.json()["error"]["message"]
    assert client.get("/api/quotes", params={"offset": 2}).status_code == 422  # no OFFSET: cursors
    assert client.get("/api/quotes", params={"limit": 10**9}).status_code == 422
    assert client.get("/api/quotes", params={"since": "0001", "until": "9999"}).status_code == 200
    for path in ("/people", "/articles", "/events"):  # a page with a forged cursor lists nothing, never fails
        assert client.get(path, params={"after": cursor[:-3] + "AAA"}).status_code == 200
    delgado = client.get("/api/quotes", params={"speaker": "delgado"}).json()
    assert delgado and all("Delgado" in q["speaker_name"] for q in delgado)
    dated = client.get("/api/quotes", params={"since": "2022-06-01", "until": "2022-06-30"}).json()
    assert dated and {q["published"] for q in dated} == {"2022-06-14"}
    direct = client.get("/api/quotes", params={"kind": "direct", "limit": 50}).json()
    assert direct and {q["kind"] for q in direct} == {"direct"}


def test_api_people_person_and_timeline(client):
    people = client.get("/api/people", params={"q": "Pompeo"}).json()
    assert [p["name"] for p in people] == ["Michael Pompeo"] and people[0]["articles"] == 2
    pid = people[0]["id"]
    assert client.get(f"/api/people/{pid}").json()["quotes"] == 2
    timeline = client.get(f"/api/people/{pid}/timeline").json()
    assert [i["date"] for i in timeline] == sorted(i["date"] for i in timeline)


def test_api_events_and_articles_filters(client):
    consult = client.get("/api/events", params={"type": "CONSULT", "actor_country": "USA"}).json()
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    assert any(a["country"] == "USA" for e in consult for a in e["actors"])
    assert client.get("/api/events", params={"since": "2030-01-01"}).json() == []
    japan = client.get("/api/articles", params={"country": "JPN"}).json()
    assert "Inspectors to visit test site" in [a["title"] for a in japan]
    sourced = client.get("/api/articles", params={"source": "Attaché Example Wire"}).json()
    assert sourced and {a["source"] for a in sourced} == {"Attaché Example Wire"}


def test_api_errors_have_one_json_shape(client):
    for response, status in ((client.get("/api/people/nobody"), 404), (client.get("/api/articles/x"), 404),
                             (client.get("/api/quotes", params={"limit": 51}), 422),
                             (client.get("/api/events", params={"since": "last week"}), 422),
                             (client.get("/api/nowhere"), 404)):
        assert response.status_code == status
        assert response.json()["error"]["status"] == status and response.json()["error"]["message"]
    assert client.get("/people/nobody").status_code == 404  # a page, not JSON
    assert "text/html" in client.get("/people/nobody").headers["content-type"]


def test_openapi_describes_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/quotes", "/api/people", "/api/events", "/api/articles", "/api/search", "/api/analyze"} <= set(paths)
    writes = [p for p, ops in paths.items() if set(ops) & {"post", "put", "patch", "delete"}]
    assert writes == ["/api/analyze"]


def test_analyze_returns_a_record_and_stores_nothing_by_default(client, store):
    before = store.count()
    response = client.post("/api/analyze", json={"text": "“We will reopen the port,” the mayor said on Monday.",
                                                 "published": "2024-03-05"})
    assert response.status_code == 200
    record = response.json()
    assert record["quotes"] and record["text"].startswith("“We will")
    assert store.count() == before
    assert client.post("/api/analyze", json={"text": "x", "store": True}).status_code == 403


def test_request_bodies_and_texts_are_bounded(client):
    assert client.post("/api/analyze", json={"text": "a " * 3_000}).status_code == 413  # over max_analyze_chars
    big = client.post("/api/analyze", content=b"{" + b" " * 30_000 + b"}",
                      headers={"content-type": "application/json"})
    assert big.status_code == 413 and big.json()["error"]["status"] == 413
    assert client.post("/api/analyze", json={"text": ""}).status_code == 422


def test_analyze_can_be_turned_off(store):
    app = create_app(Settings(db=store.location, allow_analyze=False), store=store)
    with TestClient(app, base_url="http://localhost") as c:
        assert c.post("/api/analyze", json={"text": "The mayor said it."}).status_code == 403


def test_server_binds_loopback_by_default():
    assert Settings().host == "127.0.0.1"
    from typer.testing import CliRunner

    from attache.cli import app

    assert "127.0.0.1" in CliRunner().invoke(app, ["serve", "--help"]).stdout


def test_person_page_lists_every_quote_and_the_articles(client, store):
    person = max(store.people(limit=200), key=lambda p: p["quotes"])
    page = client.get(f"/people/{person['id']}").text
    quotes = store.quotes(person=person["id"], limit=1000)
    assert person["quotes"] > 0 and page.count("<blockquote>") == len(quotes) == person["quotes"]
    assert "<h2>Articles</h2>" in page and page.count('href="/articles/') >= person["articles"]
