"""JSON Lines (plain or gzip-compressed): one article per line, each line read on its own.

A bad byte or bad JSON on one line is one coded error naming that line; the other lines are read. A
corrupt or truncated gzip stream is one coded error naming the file, and the lines before the damage are kept.
"""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import AttacheError, IngestFormatError, InputError
from .article import Article, metadata_date
from .html import read_html

Item = Article | AttacheError
STRING_FIELDS = ("text", "html", "title", "url", "source", "id")


def read_jsonl_file(p: Path, compressed: bool = False) -> Iterator[Item]:
    """Articles from a `.jsonl` (or `.jsonl.gz`) file, line by line, lazily."""
    origin = str(p)
    number = 0
    seen = False
    try:
        with (gzip.open(p, "rb") if compressed else p.open("rb")) as fh:
            for number, raw in enumerate(fh, start=1):
                item = jsonl_line(raw, number, origin)
                if item is not None:
                    seen = True
                    yield item
    except (OSError, EOFError, zlib.error) as exc:
        kind = "gzip data" if compressed else "file"
        yield InputError("E012", path=origin, kind=kind, line=number, reason=_reason(exc))
        return
    if not seen:
        yield InputError("E003", path=origin)


def read_jsonl_bytes(lines: Iterable[bytes], origin: str) -> Iterator[Item]:
    """Articles from lines of bytes (standard input, a request body)."""
    seen = False
    for number, raw in enumerate(lines, start=1):
        item = jsonl_line(raw, number, origin)
        if item is not None:
            seen = True
            yield item
    if not seen:
        yield InputError("E003", path=origin)


def jsonl_line(raw: bytes, number: int, origin: str) -> Item | None:
    """The article (or error) of one line; None for a blank line."""
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError("E005", path=f"{origin}:{number}",
                          reason=f"line {number} is not UTF-8 ({exc.reason} at byte {exc.start})")
    if not line.strip():
        return None
    try:
        return _article(line, origin, number)
    except AttacheError as exc:
        return exc


def _article(line: str, origin: str, number: int) -> Article:
    where = f"{origin}:{number}"
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise IngestFormatError("E007", path=origin, line=number, reason=reason) from None
    if not isinstance(obj, dict):
        raise IngestFormatError("E007", path=origin, line=number, reason="not a JSON object")
    for key in STRING_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise IngestFormatError("E007", path=origin, line=number, reason=f"'{key}' is not a string")
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        raise IngestFormatError("E007", path=origin, line=number, reason="neither 'text' nor 'html'")
    if text is not None:
        if not text.strip():
            raise InputError("E003", path=where)
        article = Article(text=text, origin=where)
    else:
        article = read_html(html or "", where, url=obj.get("url"))
    _metadata(article, obj, where)
    return article


def _metadata(article: Article, obj: dict[str, Any], where: str) -> None:
    """Title, url, source, id and publication date from the line; a date that cannot be read costs the
    article its date (with a warning), not the article."""
    published = obj.get("published") or obj.get("date")
    if published:
        date, note = metadata_date(str(published), where)
        article.published = date or article.published
        if note:
            article.warnings.append(note)
    article.title = obj.get("title") or article.title
    article.url = obj.get("url") or article.url
    article.source = obj.get("source") or article.source
    article.id = (obj.get("id") or "").strip() or None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the file ends in the middle of the compressed stream (truncated)"
    if isinstance(exc, gzip.BadGzipFile):
        return f"not gzip data ({exc})"
    return str(exc) or type(exc).__name__

