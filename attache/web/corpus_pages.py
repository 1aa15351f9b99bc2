"""Pages across articles: a quote's provenance (/quotes/{id}), story events on /events?merged=1, and the
statements found by meaning on /search. Pure data goes to the templates, which escape every piece."""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import ArgumentError
from .state import store_of


def corpus_router(render: Callable[..., Response]) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/quotes/{quote_id}", response_class=HTMLResponse)
    def quote(request: Request, quote_id: str) -> Response:
        from ..corpus import provenance

        try:
            article, quote = provenance.parse_quote_key(quote_id)
        except ArgumentError:
            raise HTTPException(404, "no such quote") from None
        found = provenance.of_quote(store_of(request), article, quote)  # type: ignore[arg-type]
        if found is None:
            raise HTTPException(404, "no such quote")
        asked = next((m for m in found["members"] if m["article_id"] == article and m["id"] == quote), None)
        return render(request, "quote.html", cluster=found, asked=asked)

    return router


def meaning_quotes(request: Request, words: str | None, filters: dict[str, Any], limit: int,
                   offset: int) -> dict[str, Any]:
    """The search page's statements: by meaning and words (hybrid), filtered; nothing on a bad filter."""
    from ..corpus.semantic import about_query, search

    if not words:
        return {"mode": None, "quotes": []}
    try:
        query = about_query("http", about=words, speaker=filters.get("speaker"), since=filters.get("since"),
                            until=filters.get("until"), source=filters.get("source"), limit=limit, offset=offset)
    except ArgumentError:
        return {"mode": None, "quotes": []}
    return search(store_of(request), query)  # type: ignore[arg-type]
