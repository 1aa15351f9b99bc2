"""Settings of the HTTP server: where the store is, what it binds to, and the bounds it enforces."""

from __future__ import annotations

from dataclasses import dataclass

from ..store.base import DEFAULT_DB


@dataclass(frozen=True)
class Settings:
    """One options object for `create_app` and `attache serve`.

    The server binds to loopback unless told otherwise; request bodies, analysed texts and pages are
    bounded so that one request cannot exhaust the machine. `analyze` and `ingest` are the only write
    paths and each can be turned off.
    """

    db: str = DEFAULT_DB
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 2_000_000  # any request body, in bytes
    max_analyze_chars: int = 200_000  # text accepted by POST /api/analyze
    max_page_size: int = 200  # `limit` of any list endpoint
    default_page_size: int = 20
    allow_analyze: bool = False  # POST /api/analyze (analyses, stores nothing): `attache serve --analyze`
    analyze_seconds: float = 20.0  # time budget of one analysis request; over it the answer is 503
    allow_ingest: bool = False  # POST /api/analyze with "store": true writes the record to the store
    model: str | None = None  # spaCy model for analyze (None: the default)
    allowed_hosts: tuple[str, ...] = ()  # Host header names allowed besides loopback and `host` ("*": any)
