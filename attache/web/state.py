"""What the API and the pages share: the store of the running app, and a listing run from a query."""

from typing import Any, TypeVar

from fastapi import Request

from ..errors import ArgumentError
from ..queries import Query
from ..store import Store

Q = TypeVar("Q", bound=Query)


def store_of(request: Request) -> Store:
    """The store the app was started over."""
    return request.app.state.store  # type: ignore[no-any-return]


def parsed(query_type: type[Q], strict: bool = True, **values: Any) -> Q | None:
    """The query of HTTP parameters: a bad value is E040 (422) when `strict`, else None (a page shows no
    rows rather than an error: whatever a visitor types gives a page)."""
    try:
        return query_type.parse(style="http", **values)
    except ArgumentError:
        if strict:
            raise
        return None
