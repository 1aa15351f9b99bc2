"""WARC files of crawled pages (plain or gzip-compressed): one article per HTML response, via warcio.

HTML responses go through the HTML reader (trafilatura: body, title, date from the page, not the crawl
date); WET-style `conversion` records and `text/plain` resources are taken as text. Other records
(requests, metadata, images, redirects) are not articles and are passed over.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import AttacheError, InputError
from .article import Article
from .html import looks_like_html, read_html
from .text import decode

PAGE_RECORDS = ("response", "resource", "conversion")


def read_warc(p: Path) -> Iterator[Article | AttacheError]:
    """Articles from a WARC file, lazily; each bad page yields its error (origin `path#record`) in place."""
    origin = str(p)
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield InputError("E011", path=origin, reason="reading WARC needs warcio: pip install warcio")
        return
    seen = False
    number = 0
    try:
        with p.open("rb") as fh:
            for number, record in enumerate(ArchiveIterator(fh), start=1):
                item = _safe_page(record, f"{origin}#{number}")
                if item is not None:
                    seen = True
                    yield item
    except Exception as exc:  # noqa: BLE001 — warcio raises several kinds on a damaged archive
        where = "not a WARC archive" if number == 0 else f"damaged after record {number}"
        yield InputError("E009", path=origin, reason=f"{where} ({type(exc).__name__})")
        return
    if not seen:
        yield InputError("E011", path=origin, reason="no HTML or text page in the archive")


def _safe_page(record: object, where: str) -> Article | AttacheError | None:
    """One record's page; a record warcio cannot make sense of is one E009 naming it."""
    try:
        return _page(record, where)
    except Exception as exc:  # noqa: BLE001
        return InputError("E009", path=where, reason=f"unreadable WARC record ({type(exc).__name__})")


def _page(record: object, where: str) -> Article | AttacheError | None:
    kind = getattr(record, "rec_type", None)
    if kind not in PAGE_RECORDS:
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    http = record.http_headers  # type: ignore[attr-defined]
    if kind == "response" and (http is None or not (http.get_statuscode() or "").startswith("2")):
        return None
    mime = ((http.get_header("Content-Type") if http is not None else None)
            or headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if mime not in ("", "text/html", "application/xhtml+xml", "text/plain"):
        return None
    url = headers.get_header("WARC-Target-URI")
    try:
        text = decode(record.content_stream().read(), where)  # type: ignore[attr-defined]
        if mime == "text/plain" or (not mime and not looks_like_html(text)):
            return Article(text=text, url=url, origin=where)
        return read_html(text, where, url=url)
    except AttacheError as exc:
        return exc
