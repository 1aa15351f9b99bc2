"""Server-rendered pages: home, articles, an article, people, a person, search, events, sources. No JavaScript needed.

Page parameters are free text: whatever a visitor types gives a page (perhaps with no results), never an
error, because every value reaches the store as a query parameter.
"""


from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import ArgumentError
from ..queries import SOURCE_GROUPS, ArticleQuery, EventQuery, PeopleQuery, SourcesQuery
from .render import pieces, speaker_colours
from .settings import Settings
from .state import page_query, store_of
from ..store.base import MAX_LIMIT
from ..store.sources import GENDERS, SPEAKER_TYPES
from .sources_chart import stacked
from .timeline import chart
from .corpus_pages import corpus_router, meaning_quotes


def _clean(value: str | None, limit: int = 200) -> str | None:
    """A form value trimmed and bounded; empty becomes None."""
    value = (value or "").strip()[:limit]
    return value or None


def _cursor(value: str | None) -> str | None:
    """A cursor from the address (the store refuses one it did not hand out: the page then lists nothing)."""
    return (value or "").strip()[:2000] or None


def _listed(find: Callable[[], Any]) -> Any:
    """A listing, or none when its cursor is stale or forged (whatever a visitor types gives a page)."""
    try:
        return find()
    except ArgumentError:
        return []


def _page(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) <= 10_000 else 1


def pages_router(settings: Settings) -> APIRouter:
    """The HTML pages: lists with their filters, and one article or person."""
    router = APIRouter(include_in_schema=False)
    render = _renderer(settings)
    _list_pages(router, settings.default_page_size, render)
    _sources_page(router, render)
    _item_pages(router, settings, render)
    router.include_router(corpus_router(render))
    return router


def _renderer(settings: Settings) -> Callable[..., Response]:
    def render(request: Request, name: str, **context: Any) -> Response:
        return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
            request, name, {"settings": settings, **context})
    return render


def _list_pages(router: APIRouter, size: int, render: Callable[..., Response]) -> None:
    @router.get("/", response_class=HTMLResponse)
    def home(request: Request) -> Response:
        store = store_of(request)
        return render(request, "home.html", stats=store.stats(), articles=store.articles(limit=10),
                      people=store.people(limit=12))

    @router.get("/articles", response_class=HTMLResponse)
    def articles(request: Request, q: str | None = None, source: str | None = None, since: str | None = None,
                 until: str | None = None, country: str | None = None, after: str | None = None) -> Response:
        filters = {"q": _clean(q), "source": _clean(source), "since": _clean(since, 10),
                   "until": _clean(until, 10), "country": _clean(country, 3)}
        query = page_query(ArticleQuery, search=filters["q"], source=filters["source"],
                       since=filters["since"], until=filters["until"], country=filters["country"], limit=size,
                       after=_cursor(after))
        rows = _listed(lambda: store_of(request).articles(query)) if query else []
        return render(request, "articles.html", rows=rows, filters=filters, after=_cursor(after))

    @router.get("/people", response_class=HTMLResponse)
    def people(request: Request, q: str | None = None, type: str | None = None,
               after: str | None = None) -> Response:
        filters = {"q": _clean(q), "type": _clean(type, 10)}
        query = page_query(PeopleQuery, search=filters["q"], type=filters["type"], limit=size, after=_cursor(after))
        rows = _listed(lambda: store_of(request).people(query)) if query else []
        return render(request, "people.html", rows=rows, filters=filters, after=_cursor(after))

    @router.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str | None = None, speaker: str | None = None, since: str | None = None,
               until: str | None = None, source: str | None = None, page: str | None = None,
               after: str | None = None) -> Response:
        n = _page(page)
        words = _clean(q, 500)
        filters = {"speaker": _clean(speaker), "since": _clean(since, 10), "until": _clean(until, 10),
                   "source": _clean(source)}
        store = store_of(request)
        query = page_query(ArticleQuery, search=words, source=filters["source"], since=filters["since"],
                           until=filters["until"], limit=size, after=_cursor(after)) if words else None
        # statements by meaning as well as words (hybrid, ranked in memory: by page), articles by words (by cursor)
        said = meaning_quotes(request, words, filters, size, (n - 1) * size)
        articles = _listed(lambda: store.articles(query)) if query else []
        found = {"articles": articles, "quotes": said["quotes"]}
        more = {"page": n + 1} if len(said["quotes"]) >= size else {}
        if getattr(articles, "next", None):
            more["after"] = articles.next
        return render(request, "search.html", q=words or "", found=found, page=n, size=size, filters=filters,
                      mode=said["mode"], outlets=store.sources(), more=more)

    @router.get("/events", response_class=HTMLResponse)
    def events(request: Request, type: str | None = None, actor_country: str | None = None,
               recipient_country: str | None = None, since: str | None = None, until: str | None = None,
               merged: str | None = None, page: str | None = None, after: str | None = None) -> Response:
        n = _page(page)
        store = store_of(request)
        filters = {"type": _clean(type, 20), "actor_country": _clean(actor_country, 3),
                   "recipient_country": _clean(recipient_country, 3), "since": _clean(since, 10),
                   "until": _clean(until, 10)}
        as_stories = (merged or "").strip().lower() in ("1", "true", "on", "yes")
        if as_stories:  # story events are ranked in memory: by page
            from ..corpus.story_events import stories

            query = page_query(EventQuery, **filters, limit=size, offset=(n - 1) * size)
            rows = stories(store, query) if query else []  # type: ignore[arg-type]
        else:
            query = page_query(EventQuery, **filters, limit=size, after=_cursor(after))
            rows = _listed(lambda: store.events(query)) if query else []
        types = store.event_types()
        return render(request, "events.html", rows=rows, filters={**filters, "merged": "1" if as_stories else None},
                      types=types, page=n, size=size, merged=as_stories, after=_cursor(after))


def _sources_page(router: APIRouter, render: Callable[..., Response]) -> None:
    @router.get("/sources", response_class=HTMLResponse)
    def sources(request: Request, since: str | None = None, until: str | None = None, source: str | None = None,
                by: str | None = None) -> Response:
        store = store_of(request)
        filters = {"since": _clean(since, 10), "until": _clean(until, 10), "source": _clean(source),
                   "by": _clean(by, 10)}
        query = page_query(SourcesQuery, **filters)
        found = store.sources_report(query) if query else None
        charts = {"gender": stacked(found["gender"], found["by"], GENDERS),
                  "speaker_type": stacked(found["speaker_type"], found["by"], SPEAKER_TYPES)} if found else {}
        return render(request, "sources.html", found=found, charts=charts, filters=filters,
                      groups=SOURCE_GROUPS, outlets=store.sources())


def _item_pages(router: APIRouter, settings: Settings, render: Callable[..., Response]) -> None:
    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(request: Request, article_id: str) -> Response:
        store = store_of(request)
        record = store.get(article_id)
        if record is None:
            raise HTTPException(404, "no such article")
        people = store.article_people(article_id)
        names = {e.id: e.name for e in record.entities}
        colours = speaker_colours(record, people)
        speakers = []
        seen = set()
        for q in record.quotes:
            s = q.speaker
            name = record.speaker_name(q)
            key = (name or "?", colours[q.id])
            if key not in seen:
                seen.add(key)
                speakers.append({"name": name or "unknown speaker", "colour": colours[q.id],
                                 "person": people.get(s.entity or "") if s else None,
                                 "quotes": sum(1 for x in record.quotes if colours[x.id] == colours[q.id])})
        places = {p.id: p for p in record.places}
        times = {t.id: t for t in record.times}
        events = [{"event": v, "actors": [names.get(a, a) for a in v.actors],
                   "recipients": [names.get(r, r) for r in v.recipients],
                   "place": places.get(v.place or ""), "time": times.get(v.time or ""),
                   "sentence": record.sentence_of(v)} for v in record.reported_events]
        return render(request, "article.html", record=record, pieces=pieces(record, people), speakers=speakers,
                      events=events, people=people, names=names, colours=colours)

    @router.get("/people/{person_id}", response_class=HTMLResponse)
    def person(request: Request, person_id: str) -> Response:
        store = store_of(request)
        found = store.person(person_id)
        if found is None:
            raise HTTPException(404, "no such person")
        # every quote and event of the person (up to the store's largest page), not one page of them
        items = store.timeline(person_id, limit=MAX_LIMIT)
        return render(request, "person.html", person=found, items=items, chart=chart(items),
                      quotes=[i for i in items if i["what"] == "quote"],
                      events=store.events(person=person_id, limit=MAX_LIMIT))
