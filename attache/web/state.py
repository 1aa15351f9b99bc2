"""What the API and the pages share: the store of the running app, and queries from HTTP parameters."""

from typing import Any, TypeVar

from fastapi import Request

from ..errors import ArgumentError
from ..queries import Query
from ..store import Store

Q = TypeVar("Q", bound=Query)


def store_of(request: Request) -> Store:
    """The store the app was started over."""
    return request.app.state.store  # type: ignore[no-any-return]


def page_query(query_type: type[Q], **values: Any) -> Q | None:
    """The query of a page's parameters, or None when one is not valid (the page then lists nothing rather
    than failing: whatever a visitor types gives a page). The API parses strictly: E040, answered 422."""
    try:
        return query_type.parse(style="http", **values)
    except ArgumentError:
        return None
