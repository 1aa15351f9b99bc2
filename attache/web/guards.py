"""Server guards beside the app: the Host header check (DNS rebinding), HEAD on every GET route, the
favicon, and the API explorer served from local assets (no CDN: `/docs` works offline)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = Path(__file__).parent / "static"
LOOPBACK = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(bound: str, extra: tuple[str, ...]) -> frozenset[str]:
    """Host names requests may carry: loopback names, the bound address unless a wildcard, and `extra`."""
    names = {*LOOPBACK, *extra}
    if bound not in ("0.0.0.0", "::", ""):
        names.add(bound)
    return frozenset(n.strip("[]").lower() for n in names)


def host_name(value: str) -> str:
    """The name of a Host header without its port (`[::1]:8000` -> `::1`)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostCheck:
    """Refuse (400) requests whose Host header is not an allowed name: a page on another site cannot
    reach this server through a rebound DNS name. `*` allows any host."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "*" not in self.hosts:
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(host) not in self.hosts:
                response = PlainTextResponse(f"Host {host[:100]!r} is not allowed (attache serve --allow-host)",
                                             status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """Answer HEAD as the GET of the same URL, without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def no_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, no_body)


def add_docs_and_icon(app: FastAPI) -> None:
    """`/docs` (Swagger UI from the `swagger-ui-bundle` package) and `/favicon.ico`."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        swagger_ui_path = None
    if swagger_ui_path is not None:
        app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if swagger_ui_path is None:
            return HTMLResponse("<p>The API explorer needs swagger-ui-bundle: pip install 'attache[web]'. "
                                "The description itself is at <a href='/openapi.json'>/openapi.json</a>.</p>")
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Attaché API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/favicon.ico")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")
