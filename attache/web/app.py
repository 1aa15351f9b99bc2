"""The FastAPI application: JSON API under /api, server-rendered pages elsewhere, one error shape.

Everything the store holds came from untrusted articles: pages are Jinja2 with autoescape, every query is
parameterised by the store, request bodies and page sizes are bounded by `Settings`.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import ArgumentError, AttacheError
from ..store import Store, open_store
from .api import api_router
from .guards import HeadAsGet, HostCheck, add_docs_and_icon, allowed_hosts
from .pages import pages_router
from .settings import Settings

HERE = Path(__file__).parent
log = logging.getLogger("attache.web")
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def create_app(settings: Settings | None = None, store: Store | None = None, pipeline: Any = None) -> FastAPI:
    """The app serving `store` (or the store at `settings.db`); `pipeline` analyses POST /api/analyze
    (loaded on first use when not given)."""
    settings = settings or Settings()
    app = FastAPI(title="Attaché", version=__version__, docs_url=None, redoc_url=None,
                  description="Quotes, people, events and articles filed by Attaché, as JSON and as pages.")
    app.state.settings = settings
    app.state.store = store if store is not None else open_store(settings.db, create=False)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router(settings, pipeline), prefix="/api")
    app.include_router(pages_router(settings))
    add_docs_and_icon(app)
    _errors(app)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostCheck, hosts=allowed_hosts(settings.host, settings.allowed_hosts))
    return app


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=HERE / "templates")
    t.env.autoescape = True  # on for every template, whatever its file name
    t.env.globals["qs"] = query_string
    return t


def query_string(filters: dict[str, Any], **extra: Any) -> str:
    """A URL query string of the non-empty filters and `extra` (for pager links)."""
    return urlencode({k: v for k, v in {**filters, **extra}.items() if v not in (None, "")})


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    """The one JSON error shape: {"error": {"status", "message", "detail"?}}."""
    body: dict[str, Any] = {"status": status, "message": message}
    if detail is not None:
        body["detail"] = detail
    return {"error": body}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/openapi.json",)


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(status, message, detail), status_code=status)
    page = request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "settings": request.app.state.settings},
        status_code=status)
    return page


def _errors(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return _error(request, 422, "invalid request", detail)

    @app.exception_handler(AttacheError)
    async def coded(request: Request, exc: AttacheError) -> Response:
        # a bad value is 422; a cursor this server did not hand out (E043) and other coded errors are 400
        return _error(request, 422 if isinstance(exc, ArgumentError) and exc.code != "E043" else 400, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal error")


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, by Content-Length or as they stream in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge(self.limit)
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse(error_body(413, f"request body larger than {self.limit} bytes"), status_code=413)
        await response({"type": "http"}, _no_body, send)


class SecurityHeaders:
    """Add the security headers (CSP, nosniff, referrer policy) to every response but FastAPI's API explorer."""

    HEADERS = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in ("/docs", "/redoc"):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


class _TooLarge(HTTPException):
    """A streamed body went over the limit (an HTTPException, so FastAPI's body reader passes it on)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


__all__ = ["create_app", "Settings", "error_body"]
