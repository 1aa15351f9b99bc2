"""Readers: files, directories, JSON Lines and standard input become Articles, lazily and in order.

Each reader yields either an Article or the InputError that stopped one article, so a batch run can
report the bad input and go on: nothing is dropped silently.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import AttacheError, InputError
from .article import Article, parse_published
from .html import looks_like_html, read_html
from .jsonl import read_jsonl_bytes, read_jsonl_file
from .text import decode_noting, plain_title

__all__ = ["Article", "article_files", "parse_published", "read_paths", "read_path", "read_bytes"]

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
        for item in _guarded(path):
            if published is not None and isinstance(item, Article):
                item.published = published
            yield item


def _guarded(path: str | os.PathLike[str]) -> Iterator[Item]:
    """One path's items; a reader failing in a way no reader foresaw is one E009 naming the path, and
    the run goes on with the next path (what was read before is kept)."""
    try:
        yield from read_path(path)
    except Exception as exc:  # noqa: BLE001 — the last line of defence; readers raise coded errors themselves
        yield InputError("E009", path=os.fspath(path), reason=f"{type(exc).__name__}: {exc}")


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
    if kind == "jsonl" or (kind == "auto" and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")):
        yield from read_jsonl_bytes(data.split(b"\n"), origin)
        return
    try:
        text, notes = decode_noting(data, origin)
    except AttacheError as exc:
        yield exc
        return
    if kind == "auto":
        kind = "html" if looks_like_html(text) else "text"
    article = _guard(lambda: read_html(text, origin)) if kind == "html" else \
        Article(text=text, origin=origin, title=plain_title(text, origin), title_derived=True)
    if isinstance(article, Article):
        article.warnings.extend(notes)
    yield article


def _read_file(p: Path) -> Iterator[Item]:
    origin = str(p)
    suffix = "".join(p.suffixes[-2:]).lower() if p.name.lower().endswith(".gz") else p.suffix.lower()
    if suffix in PARQUET_SUFFIXES or suffix in WARC_SUFFIXES:
        from .parquet import read_parquet
        from .warc import read_warc

        yield from (read_parquet(p) if suffix in PARQUET_SUFFIXES else read_warc(p))
        return
    if suffix.endswith(".gz") and suffix not in (".jsonl.gz", ".ndjson.gz"):
        yield InputError("E011", path=origin, reason="only gzip-compressed JSON Lines are read")
        return
    if suffix in JSONL_SUFFIXES or suffix == ".ndjson.gz":
        yield from read_jsonl_file(p, compressed=suffix.endswith(".gz"))
        return
    try:
        data = p.read_bytes()
    except OSError as exc:
        yield InputError("E009", path=origin, reason=exc.strerror or str(exc))
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    yield from read_bytes(data, origin, kind)


def article_files(root: str | Path) -> Iterator[str]:
    """The article files under a directory, recursively, in sorted order; hidden files and folders and
    files of other kinds are passed over. The one directory walker of readers, runners and estimates."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith(".") and filename.lower().endswith(ARTICLE_SUFFIXES):
                yield os.path.join(dirpath, filename)


def _read_directory(root: Path) -> Iterator[Item]:
    found = False
    for path in article_files(root):
        found = True
        yield from _read_file(Path(path))
    if not found:
        yield InputError("E002", path=str(root))


def _read_stdin() -> Iterator[Item]:
    yield from read_bytes(sys.stdin.buffer.read(), "-")


def _guard(make: Callable[[], Article]) -> Item:
    try:
        return make()
    except AttacheError as exc:
        return exc

