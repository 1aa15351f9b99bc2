"""The HTTP API and web pages over a store (needs the `web` extra: FastAPI, Uvicorn, Jinja2)."""

from __future__ import annotations

from .app import create_app
from .settings import Settings

__all__ = ["create_app", "Settings"]
