"""The pages in a real browser: Debian's Chromium driven by Playwright, against `attache serve` in a second
process. Screenshots go to $ATTACHE_SCREENSHOTS (default: the test's temporary directory)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from attache.store import open_store

from .store_records import example_records

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is not installed (Debian package `chromium`)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    """`attache serve` on a free loopback port over a store of the examples and a hostile article."""
    db = str(tmp_path_factory.mktemp("browser") / "b.db")
    with open_store(db) as store:
        store.add_many(example_records(pipeline))
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "attache.cli", "serve", "--db", db, "--port", str(port),
                                "--no-analyze"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/api/stats", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("server did not start: " + process.stderr.read().decode(errors="replace")[-2000:])
            time.sleep(0.2)
    yield url, db
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800}, java_script_enabled=True)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture()
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("ATTACHE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_article_quote_speaker_person_and_search(server, page, shots):
    url, db = server
    with open_store(db) as store:
        (article,) = store.articles(search="second summit elections")
        record = store.get(article["id"])
    page.goto(f"{url}/articles/{article['id']}")
    quote = page.locator(f'.text [data-quote="{record.quotes[0].id}"]').first
    quote.wait_for()
    assert quote.inner_text().strip() in record.quotes[0].content.text
    colour = quote.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    page.screenshot(path=str(shots / "article.png"))

    speaker = page.locator(".text a.speaker").first
    name = speaker.inner_text()
    speaker.click()
    page.wait_for_url("**/people/*")
    assert page.locator("h1").inner_text().endswith(name.split()[-1])
    assert page.locator("svg.timeline circle").count() >= 1
    page.screenshot(path=str(shots / "person.png"))

    page.fill("header input[name=q]", "lasting progress")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    assert "real and lasting progress" in page.locator("ol.quotes").inner_text()
    page.screenshot(path=str(shots / "search.png"))


def test_hostile_article_runs_no_script(server, page):
    url, db = server
    with open_store(db) as store:
        (article,) = store.articles(search="files fake")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}/articles/{article['id']}")
    page.locator(".text").wait_for()
    page.hover(".text")
    page.locator(".text").hover(position={"x": 200, "y": 40})
    assert page.evaluate("() => window.__attache_xss === undefined")
    assert page.locator(".text script, .text img, .text b").count() == 0
    assert "<img src=x onerror=" in page.locator(".text").inner_text()
    page.goto(f"{url}/search?q=files+fake")
    assert page.evaluate("() => window.__attache_xss === undefined") and dialogs == []


def test_pages_work_without_javascript(server, browser):
    url, _ = server
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(f"{url}/events?type=CONSULT")
    assert p.locator("h1").inner_text() == "Events"
    p.goto(f"{url}/search?q=%27%3B+DROP+TABLE+quotes%3B+--")
    assert p.locator("h1").inner_text().startswith("Search")
    context.close()


def test_sources_page_draws_the_gender_bars(server, page, shots):
    url, db = server
    with open_store(db) as store:
        report = store.sources_report()
    page.goto(f"{url}/sources")
    chart = page.locator("figure.sources-chart svg").first
    chart.wait_for()
    drawn = chart.locator("rect.seg")
    assert drawn.count() >= 1
    titles = " ".join(drawn.nth(i).locator("title").text_content() or "" for i in range(drawn.count()))
    assert f"{report['totals']['quotes']} statements" in page.locator("main").inner_text()
    assert "unknown" in page.locator("main").inner_text()  # unknown is shown, never hidden
    assert "statements" in titles
    page.select_option("select[name=by]", "outlet")
    page.click("form.filters button")
    page.wait_for_url("**/sources?*by=outlet*")
    assert page.locator("figure.sources-chart").count() >= 1
    page.screenshot(path=str(shots / "sources.png"), full_page=True)


def test_provenance_page_marks_a_dropped_not(server, page, shots):
    from .test_corpus import DROPPED_NOT, FRAGMENT, ORIGINAL, soto_said

    url, db = server
    first = soto_said(ORIGINAL, "2022-03-01", "Harbor Times")
    later = soto_said(DROPPED_NOT, "2022-03-02", "Capital Ledger")
    piece = soto_said(FRAGMENT, "2022-03-03", "Valley Post", name="Soto", lead="She would ")
    with open_store(db) as store:
        store.add_many([first, later, piece])
    page.goto(f"{url}/quotes/{later.id}:q1")
    dropped = page.locator("del.dropped.negation").first
    dropped.wait_for()
    assert dropped.inner_text() == "not"
    assert "line-through" in dropped.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert "dropped “not” (negation)" in page.locator("table.reports").inner_text()
    assert page.locator("tr.fragment .outside").count() == 2
    page.screenshot(path=str(shots / "provenance.png"))
