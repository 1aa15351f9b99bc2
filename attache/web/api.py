"""The JSON API: the store's queries as GET endpoints, and POST /analyze (the only write path)."""

import asyncio
import threading
from typing import Annotated, Any, Optional

from fastapi import APIRouter, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from ..queries import ArticleQuery, EventQuery, PeopleQuery, QuoteQuery, SourcesQuery
from .settings import Settings
from .state import store_of

Since = Annotated[Optional[str], Query(description="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[Optional[str], Query(description="Up to and including this date.")]
Words = Annotated[Optional[str], Query(max_length=500, description="Words to look for (all must match).")]
Text = Annotated[Optional[str], Query(max_length=200)]
Offset = Annotated[int, Query(ge=0, le=10_000, description="Only for listings ranked in memory (about=, "
                                                           "merged=); the others are paged by cursor.")]
Cursor = Annotated[Optional[str], Query(max_length=2000, description="The next page: the `X-Next-Cursor` header "
                                                                     "of the page before.")]


def paged(request: Request, response: Response, found: Any) -> Any:
    """The page with its next cursor in `X-Next-Cursor` and a `Link: <...>; rel="next"` header."""
    cursor = getattr(found, "next", None)
    if cursor:
        response.headers["X-Next-Cursor"] = cursor
        response.headers["Link"] = f'<{request.url.include_query_params(cursor=cursor)}>; rel="next"'
    return found


class AnalyzeRequest(BaseModel):
    """An article to analyse; `store` also files the record (when the server allows ingest)."""

    text: str = Field(min_length=1)
    published: Optional[str] = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    title: Optional[str] = Field(default=None, max_length=1000)
    source: Optional[str] = Field(default=None, max_length=1000)
    url: Optional[str] = Field(default=None, max_length=4000)
    store: bool = False


def api_router(settings: Settings, pipeline: Any = None) -> APIRouter:
    """The /api routes, with page sizes bounded by `settings.max_page_size`."""
    router = APIRouter(tags=["api"])
    Limit = Annotated[int, Query(ge=1, le=settings.max_page_size)]
    _people_routes(router, settings, Limit)
    _article_routes(router, settings, Limit)
    _analyze_route(router, settings, pipeline)
    return router


def _people_routes(router: APIRouter, settings: Settings, Limit: Any) -> None:
    """Stats, quotes, people and a person's timeline."""
    default = settings.default_page_size

    @router.get("/stats", summary="How many articles, people, quotes, events are stored")
    def stats(request: Request) -> dict[str, int]:
        return store_of(request).stats()

    @router.get("/quotes", summary="Quotes by speaker, words, dates, article, kind, person; or by meaning (about)")
    def quotes(request: Request, response: Response, speaker: Text = None, q: Words = None, person: Text = None,
               since: Since = None, until: Until = None, article: Text = None, kind: Text = None,
               about: Annotated[Optional[str], Query(max_length=500, description="Statements about this, by meaning "
                                                     "and words (hybrid); filters: speaker, since, until, source.")]
               = None, source: Text = None,
               mode: Annotated[Optional[str], Query(description="With about: hybrid, words or meaning.")] = None,
               limit: Limit = default, offset: Offset = 0, cursor: Cursor = None) -> list[dict[str, Any]]:
        if about is not None:
            from ..corpus.semantic import about_query, search

            return search(store_of(request), about_query("http", about=about, speaker=speaker, since=since,  # type: ignore[arg-type]
                                                         until=until, source=source, mode=mode, limit=limit,
                                                         offset=offset))["quotes"]
        return paged(request, response, store_of(request).quotes(QuoteQuery.parse(
            "http", speaker=speaker, search=q, person=person, since=since, until=until, article=article, kind=kind,
            limit=limit, offset=offset, after=cursor)))

    @router.get("/quotes/{quote_id}/provenance",
                summary="Where a quote's statement first appeared, every report of it, and word-level diffs")
    def quote_provenance(request: Request, quote_id: str) -> dict[str, Any]:
        from ..corpus import provenance

        article, quote = provenance.parse_quote_key(quote_id, "quote_id")
        found = provenance.of_quote(store_of(request), article, quote)  # type: ignore[arg-type]
        if found is None:
            raise HTTPException(404, f"no quote {quote_id!r}")
        return found

    @router.get("/provenance", summary="Statements reported across articles, most reported first")
    def provenance_list(request: Request, q: Words = None, speaker: Text = None, person: Text = None,
                        limit: Limit = 20) -> list[dict[str, Any]]:
        from ..corpus import provenance

        return provenance.clusters(store_of(request), search=q, speaker=speaker, person=person,  # type: ignore[arg-type]
                                   limit=limit)

    @router.get("/sources", summary="Who gets quoted: statements and speakers by gender, type, country, sector")
    def sources(request: Request, since: Since = None, until: Until = None, source: Text = None,
                by: Text = None) -> dict[str, Any]:
        return store_of(request).sources_report(SourcesQuery.parse("http", since=since, until=until, source=source,
                                                                   by=by))

    @router.get("/people", summary="People and organisations with counts of mentions, quotes, articles")
    def people(request: Request, response: Response, q: Text = None, type: Text = None, limit: Limit = default,
               offset: Offset = 0, cursor: Cursor = None) -> list[dict[str, Any]]:
        return paged(request, response, store_of(request).people(PeopleQuery.parse(
            "http", search=q, type=type, limit=limit, offset=offset, after=cursor)))

    @router.get("/people/{person_id}", summary="One person or organisation")
    def person(request: Request, person_id: str) -> dict[str, Any]:
        found = store_of(request).person(person_id)
        if found is None:
            raise HTTPException(404, f"no person {person_id!r}")
        return found

    @router.get("/people/{person_id}/timeline", summary="A person's quotes and events by date")
    def timeline(request: Request, response: Response, person_id: str, limit: Limit = settings.max_page_size,
                 offset: Offset = 0, cursor: Cursor = None) -> list[dict[str, Any]]:
        if store_of(request).person(person_id) is None:
            raise HTTPException(404, f"no person {person_id!r}")
        return paged(request, response, store_of(request).timeline(person_id, limit=limit, offset=offset,
                                                                   after=cursor))


def _article_routes(router: APIRouter, settings: Settings, Limit: Any) -> None:
    """Events, articles, one article's record and full-text search."""
    default = settings.default_page_size

    @router.get("/events", summary="Events by type, actor and recipient country, dates, person")
    def events(request: Request, response: Response, type: Text = None, actor_country: Text = None,
               recipient_country: Text = None, since: Since = None, until: Until = None,
               article: Text = None, person: Text = None,
               merged: Annotated[bool, Query(description="One row per real-world event (story event) with its "
                                                         "reports.")] = False,
               limit: Limit = default, offset: Offset = 0, cursor: Cursor = None) -> list[dict[str, Any]]:
        query = EventQuery.parse("http", type=type, actor_country=actor_country, recipient_country=recipient_country,
                                 since=since, until=until, article=article, person=person, limit=limit, offset=offset,
                                 after=cursor)
        if merged:
            from ..corpus.story_events import stories

            return stories(store_of(request), query)  # type: ignore[arg-type]
        return paged(request, response, store_of(request).events(query))

    @router.get("/articles", summary="Articles by words, source, dates, country of a place")
    def articles(request: Request, response: Response, q: Words = None, source: Text = None, since: Since = None,
                 until: Until = None, country: Text = None, limit: Limit = default,
                 offset: Offset = 0, cursor: Cursor = None) -> list[dict[str, Any]]:
        return paged(request, response, store_of(request).articles(ArticleQuery.parse(
            "http", search=q, source=source, since=since, until=until, country=country, limit=limit,
            offset=offset, after=cursor)))

    @router.get("/articles/{article_id}", summary="The whole record of one article")
    def article(request: Request, article_id: str) -> dict[str, Any]:
        record = store_of(request).get(article_id)
        if record is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return record.to_dict()

    @router.get("/search", summary="Full-text search over articles and quotes, best first")
    def search(request: Request, response: Response, q: Annotated[str, Query(max_length=500)],
               limit: Limit = default, offset: Offset = 0, cursor: Cursor = None) -> dict[str, list[dict[str, Any]]]:
        return paged(request, response, store_of(request).search(q, limit=limit, offset=offset,  # type: ignore[call-arg]
                                                                 after=cursor))


def _analyze_route(router: APIRouter, settings: Settings, pipeline: Any) -> None:
    analyzer = _Analyzer(settings, pipeline)

    @router.post("/analyze", summary="Analyse one article: text in, record out (stored if asked and allowed)")
    async def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
        if not settings.allow_analyze:
            raise HTTPException(403, "analyze is turned off on this server (start it with `attache serve --analyze`)")
        if body.store and not settings.allow_ingest:
            raise HTTPException(403, "ingest is turned off on this server")
        if len(body.text) > settings.max_analyze_chars:
            raise HTTPException(413, f"text longer than {settings.max_analyze_chars} characters")
        try:  # in a worker thread, never on the event loop: other requests go on meanwhile
            record = await asyncio.wait_for(run_in_threadpool(analyzer.analyze, body), settings.analyze_seconds)
        except (asyncio.TimeoutError, _Busy):
            raise HTTPException(503, f"analysis did not finish within the server's time budget of "
                                     f"{settings.analyze_seconds:g} s; try a shorter text or later") from None
        if body.store:
            await run_in_threadpool(store_of(request).add, record)
        return record.to_dict()  # type: ignore[no-any-return]


class _Busy(Exception):
    """Another analysis held the pipeline for the whole time budget."""


class _Analyzer:
    """The pipeline, loaded on first use and used by one request at a time."""

    def __init__(self, settings: Settings, pipeline: Any = None) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.pipeline: Any = pipeline

    def analyze(self, body: AnalyzeRequest) -> Any:
        if not self.lock.acquire(timeout=self.settings.analyze_seconds):
            raise _Busy()
        try:
            if self.pipeline is None:
                from ..pipeline import Pipeline

                self.pipeline = Pipeline(model=self.settings.model)
            return self.pipeline.analyze(body.text, published=body.published, title=body.title,
                                         url=body.url, source=body.source)
        finally:
            self.lock.release()
