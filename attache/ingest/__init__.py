"""Readers: files, directories, JSON Lines and standard input become Articles, lazily and in order.

Each reader yields either an Article or the InputError that stopped one article, so a batch run can
report the bad input and go on: nothing is dropped silently.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import AttacheError, IngestFormatError, InputError
from .article import Article, parse_published
from .html import looks_like_html, read_html
from .text import decode

__all__ = ["Article", "parse_published", "read_paths", "read_path", "read_bytes"]

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
WARC_SUFFIXES = (".warc", ".warc.gz")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES + WARC_SUFFIXES

Item = Article | AttacheError


def read_paths(paths: Iterable[str | os.PathLike[str]], published: str | None = None) -> Iterator[Item]:
    """Articles from every path in turn (`-` is standard input); `published` overrides any found date."""
    for path in paths:
        for item in read_path(path):
            if published is not None and isinstance(item, Article):
                item.published = published
            yield item


def read_path(path: str | os.PathLike[str]) -> Iterator[Item]:
    """Articles from one file, directory (recursive) or `-`."""
    name = os.fspath(path)
    if name == "-":
        yield from _read_stdin()
        return
    p = Path(name)
    if not p.exists():
        yield InputError("E001", path=name)
    elif p.is_dir():
        yield from _read_directory(p)
    else:
        yield from _read_file(p)


def read_bytes(data: bytes, origin: str, kind: str = "auto") -> Iterator[Item]:
    """Articles from bytes: `kind` is text, html, jsonl, or auto (decided from the content)."""
    try:
        text = decode(data, origin)
    except AttacheError as exc:
        yield exc
        return
    if kind == "auto":
        stripped = text.lstrip()
        kind = "html" if looks_like_html(text) else "jsonl" if stripped.startswith("{") else "text"
    if kind == "jsonl":
        yield from _read_jsonl_lines(text.splitlines(), origin)
    elif kind == "html":
        yield _guard(lambda: read_html(text, origin))
    else:
        yield Article(text=text, origin=origin)


def _read_file(p: Path) -> Iterator[Item]:
    origin = str(p)
    suffix = "".join(p.suffixes[-2:]).lower() if p.name.lower().endswith(".gz") else p.suffix.lower()
    if suffix in PARQUET_SUFFIXES or suffix in WARC_SUFFIXES:
        from .parquet import read_parquet
        from .warc import read_warc

        yield from (read_parquet(p) if suffix in PARQUET_SUFFIXES else read_warc(p))
        return
    try:
        if suffix.endswith(".gz"):
            if suffix not in (".jsonl.gz", ".ndjson.gz"):
                yield InputError("E011", path=origin, reason="only gzip-compressed JSON Lines are read")
                return
            with gzip.open(p, "rt", encoding="utf-8", errors="strict") as fh:
                yield from _read_jsonl_lines(fh, origin)
            return
        if suffix in JSONL_SUFFIXES:
            with p.open("r", encoding="utf-8-sig", errors="strict") as fh:
                yield from _read_jsonl_lines(fh, origin)
            return
        data = p.read_bytes()
    except UnicodeDecodeError as exc:
        yield InputError("E005", path=origin, reason=f"not UTF-8: {exc.reason}")
        return
    except (OSError, EOFError) as exc:
        yield InputError("E009", path=origin, reason=exc.strerror if isinstance(exc, OSError) and exc.strerror
                         else str(exc))
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    yield from read_bytes(data, origin, kind)


def _read_directory(root: Path) -> Iterator[Item]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith(".") or not filename.lower().endswith(ARTICLE_SUFFIXES):
                continue
            found = True
            yield from _read_file(Path(dirpath) / filename)
    if not found:
        yield InputError("E002", path=str(root))


def _read_stdin() -> Iterator[Item]:
    yield from read_bytes(sys.stdin.buffer.read(), "-")


def _read_jsonl_lines(lines: Iterable[str], origin: str) -> Iterator[Item]:
    seen = False
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        seen = True
        where = f"{origin}:{number}"
        yield _guard(lambda: _jsonl_article(line, where, origin, number))
    if not seen:
        yield InputError("E003", path=origin)


def _jsonl_article(line: str, where: str, origin: str, number: int) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise IngestFormatError("E007", path=origin, line=number, reason=exc.msg) from None
    if not isinstance(obj, dict):
        raise IngestFormatError("E007", path=origin, line=number, reason="not a JSON object")
    text, html = obj.get("text"), obj.get("html")
    for key, value in (("text", text), ("html", html), ("title", obj.get("title")), ("url", obj.get("url"))):
        if value is not None and not isinstance(value, str):
            raise IngestFormatError("E007", path=origin, line=number, reason=f"'{key}' is not a string")
    if text is None and html is None:
        raise IngestFormatError("E007", path=origin, line=number, reason="neither 'text' nor 'html'")
    if text is not None:
        if not text.strip():
            raise InputError("E003", path=where)
        article = Article(text=text, origin=where)
    else:
        article = read_html(html or "", where, url=obj.get("url"))
    published = obj.get("published") or obj.get("date")
    if published:
        article.published = parse_published(str(published), where)
    article.title = obj.get("title") or article.title
    article.url = obj.get("url") or article.url
    article.source = obj.get("source") or article.source
    return article


def _guard(make: Callable[[], Article]) -> Item:
    try:
        return make()
    except AttacheError as exc:
        return exc

