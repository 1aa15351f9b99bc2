"""Parquet files with a `text` (or `html`) column: one article per row, read a row group at a time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..errors import AttacheError, InputError
from .article import Article, parse_published
from .html import read_html

OPTIONAL = ("title", "url", "source", "published", "date")
BATCH_ROWS = 512


def read_parquet(p: Path) -> Iterator[Article | AttacheError]:
    """Articles from the rows of a Parquet file; a bad row yields its error (origin `path:row`) in place."""
    origin = str(p)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError("E011", path=origin, reason="reading Parquet needs pyarrow: pip install 'attache[export]'")
        return
    try:
        parquet = pq.ParquetFile(p)
    except Exception as exc:  # noqa: BLE001 — pyarrow raises several kinds on a damaged file
        yield InputError("E009", path=origin, reason=f"not a Parquet file, or a damaged one ({type(exc).__name__})")
        return
    names = set(parquet.schema_arrow.names)
    body = "text" if "text" in names else "html" if "html" in names else None
    if body is None:
        yield InputError("E011", path=origin, reason="a Parquet input needs a 'text' or 'html' column")
        return
    columns = [body, *(c for c in OPTIONAL if c in names)]
    row = 0
    seen = False
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for values in batch.to_pylist():
                row += 1
                seen = True
                yield _article(values, body, f"{origin}:{row}")
    except Exception as exc:  # noqa: BLE001
        yield InputError("E009", path=f"{origin}:{row + 1}",
                         reason=f"the Parquet file is damaged from this row on ({type(exc).__name__})")
    if not seen:
        yield InputError("E003", path=origin)


def _article(values: dict[str, object], body: str, where: str) -> Article | AttacheError:
    content = values.get(body)
    if not isinstance(content, str) or not content.strip():
        return InputError("E003", path=where)
    try:
        article = Article(text=content, origin=where) if body == "text" else read_html(content, where,
                                                                                       url=_str(values.get("url")))
        published = values.get("published") or values.get("date")
        if published:
            article.published = parse_published(published if not isinstance(published, (int, float))
                                                else str(published), where)  # type: ignore[arg-type]
    except AttacheError as exc:
        return exc
    article.title = _str(values.get("title")) or article.title
    article.url = _str(values.get("url")) or article.url
    article.source = _str(values.get("source")) or article.source
    return article


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
