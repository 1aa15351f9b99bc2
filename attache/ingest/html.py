"""HTML pages: the article body, title and publication date, through trafilatura."""

from __future__ import annotations

from ..errors import InputError
from .article import Article


def read_html(html: str, origin: str, url: str | None = None) -> Article:
    """The article in an HTML page; scripts, styles and navigation are left out. E010 if none is found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        raise InputError("E010", path=origin, reason=str(exc)) from None
    if doc is None:
        raise InputError("E010", path=origin)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError("E010", path=origin)
    published = data.get("date") or None
    return Article(text=text, published=published[:10] if published else None, title=data.get("title") or None,
                   source=data.get("sitename") or data.get("hostname") or None,
                   url=data.get("url") or url, origin=origin)


def looks_like_html(text: str) -> bool:
    """Whether text is markup rather than prose (used for standard input and unknown extensions)."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<div", "<p>", "<p "))
