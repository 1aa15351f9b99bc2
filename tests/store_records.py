"""Hand-built records of short news-style articles, for store, web and export tests.

The records are made the way the pipeline makes them (offsets into the text, entity ids per article),
so the tests do not depend on how far the extraction components have got.
"""

from __future__ import annotations

import functools

from attache.record import (Actor, Analysis, Entity, Event, Place, Quote, SentenceSpan, TextSpan, Speaker,
                            Time)


def span(text: str, part: str, after: int = 0) -> TextSpan:
    start = text.index(part, after)
    return TextSpan(start, start + len(part), part)


def article(text: str, published: str, *, title: str | None = None, source: str | None = "Test Wire",
            people: list[tuple[str, str, str | None, str | None, list[str]]] = (),  # type: ignore[assignment]
            quotes: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
            places: list[tuple[str, str]] = (),  # type: ignore[assignment]
            times: list[tuple[str, str]] = (),  # type: ignore[assignment]
            events: list[tuple[str, str, list[str], list[str], str | None, str | None]] = (),  # type: ignore
            ) -> Analysis:
    """people: (name, type, country, sector, surfaces); quotes: (content, speaker surface, speaker name);
    places: (surface, country); times: (surface, value); events: (type, trigger, actor names, recipient
    names, place surface, time surface)."""
    entities = []
    for i, (name, type_, country, sector, surfaces) in enumerate(people, 1):
        mentions = [span(text, s) for s in surfaces]
        entities.append(Entity(id=f"e{i}", name=name, type=type_, mentions=mentions,
                               actor=Actor(country, sector) if country or sector else None))
    by_name = {e.name: e.id for e in entities}
    record_quotes = []
    for i, (content, surface, name) in enumerate(quotes, 1):
        s = span(text, surface, text.index(content))
        record_quotes.append(Quote(id=f"q{i}", kind="direct", content=span(text, content),
                                   speaker=Speaker(by_name.get(name), s.start, s.end, s.text)))
    record_places = [Place(id=f"p{i}", **vars(span(text, surface)), name=surface, kind="country",
                           country=country) for i, (surface, country) in enumerate(places, 1)]
    record_times = [Time(id=f"t{i}", **vars(span(text, surface)), type="DATE", value=value)
                    for i, (surface, value) in enumerate(times, 1)]
    place_ids = {p.text: p.id for p in record_places}
    time_ids = {t.text: t.id for t in record_times}
    record_events = []
    for i, (type_, trigger, actors, recipients, place, when) in enumerate(events, 1):
        t = span(text, trigger)
        start = text.rfind(".", 0, t.start) + 1
        end = text.find(".", t.end) + 1 or len(text)
        record_events.append(Event(id=f"v{i}", type=type_, trigger=t, sentence=SentenceSpan(start, end),
                                   actors=[by_name[a] for a in actors],
                                   recipients=[by_name[r] for r in recipients],
                                   place=place_ids.get(place or ""), time=time_ids.get(when or "")))
    return Analysis(text=text, published=published, title=title, source=source, entities=entities,
                    quotes=record_quotes, places=record_places, times=record_times, events=record_events)


def corpus() -> list[Analysis]:
    """Three short articles about talks on inspections, a flood and a trade dispute."""
    talks = (
        "Secretary of State Michael Pompeo met Kim Yong Chol in Pyongyang on Sunday. "
        "“The inspections will begin soon,” Pompeo told reporters. "
        "Kim said the two sides had agreed on a timetable.")
    talks_rec = article(
        talks, "2018-10-08", title="Pompeo visits Pyongyang", source="Harbor Times",
        people=[("Michael Pompeo", "PERSON", "USA", "GOV", ["Michael Pompeo", "Pompeo"]),
                ("Kim Yong Chol", "PERSON", "PRK", "GOV", ["Kim Yong Chol"])],
        quotes=[("The inspections will begin soon,", "Pompeo", "Michael Pompeo")],
        places=[("Pyongyang", "PRK")], times=[("Sunday", "2018-10-07")],
        events=[("CONSULT", "met", ["Michael Pompeo"], ["Kim Yong Chol"], "Pyongyang", "Sunday")])
    later = (
        "Pompeo said on Tuesday that inspectors would visit the test site. "
        "“We expect an inspection of the site within weeks,” Pompeo said in Tokyo.")
    later_rec = article(
        later, "2018-10-10", title="Inspectors to visit test site", source="Capital Ledger",
        people=[("Pompeo", "PERSON", None, None, ["Pompeo"])],
        quotes=[("We expect an inspection of the site within weeks,", "Pompeo", "Pompeo")],
        places=[("Tokyo", "JPN")])
    flood = (
        "Mayor Ana Lin said the river had crested overnight. "
        "“We will rebuild every bridge,” Lin said. "
        "The governor sent aid to the valley.")
    flood_rec = article(
        flood, "2021-07-02", title="River crests after storm", source="Valley Post",
        people=[("Ana Lin", "PERSON", "USA", "GOV", ["Ana Lin", "Lin"]),
                ("Valley Relief Fund", "ORG", None, None, [])],
        quotes=[("We will rebuild every bridge,", "Lin", "Ana Lin")],
        events=[("AID", "sent aid", [], [], None, None)])
    return [talks_rec, later_rec, flood_rec]


HOSTILE = ("Officials said the <script>window.__attache_xss = 'script'</script> report was wrong. "
           "“The <img src=x onerror=\"window.__attache_xss = 'img'\"> files are fake,” said Mayor Ana Lin. "
           "A reader wrote <b onmouseover=\"window.__attache_xss = 'hover'\">bold</b> claims.\n")


@functools.cache
def _examples(pipeline: object) -> tuple[Analysis, ...]:
    from attache.ingest import read_paths

    from .conftest import EXAMPLES

    articles = [a for a in read_paths([str(EXAMPLES)]) if not isinstance(a, Exception)]
    records = list(pipeline.pipe(articles))  # type: ignore[attr-defined]
    records.append(pipeline.analyze(HOSTILE, published="2024-01-02", title="<script>alert(1)</script> title",  # type: ignore[attr-defined]
                                    source="Hostile <i>Wire</i>", url="javascript:alert(1)"))
    return tuple(records)


def example_records(pipeline: object) -> list[Analysis]:
    """The example corpus (examples/) and one hostile article, analysed once per test process."""
    return list(_examples(pipeline))
