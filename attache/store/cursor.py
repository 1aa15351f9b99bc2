"""Opaque, signed cursors for keyset paging: a listing's next page starts after the sort key of the last row
shown, never at an OFFSET.

A cursor holds the listing's name, a digest of its filters and the sort-key values of the last row, signed
with an HMAC under a key kept in the store. A cursor that was altered, made up, or comes from another store,
another listing or other filters is refused with E043 (stale or forged), so no request can make the store
compare against values it did not hand out.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
from typing import Any

from ..errors import ArgumentError

MAX_CURSOR = 2000  # characters: a longer cursor was not made here
SIGNATURE = 16  # bytes of the HMAC kept
NOT_FILTERS = frozenset({"limit", "offset", "after"})


class Page(list):  # type: ignore[type-arg]
    """One page of a listing: its rows, and `next`, the cursor of the page after (None on the last page)."""

    next: str | None = None


def filters_of(query: Any) -> str:
    """A digest of a query's filters (everything but the page): a cursor is good for these filters only."""
    fields = {f.name: getattr(query, f.name) for f in dataclasses.fields(query) if f.name not in NOT_FILTERS}
    return hashlib.sha256(json.dumps(fields, default=str, sort_keys=True).encode()).hexdigest()[:16]


def encode(secret: bytes, listing: str, filters: str, values: list[Any]) -> str:
    body = _b64(json.dumps([listing, filters, values], separators=(",", ":"), ensure_ascii=False).encode())
    return body + "." + _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest()[:SIGNATURE])


def decode(secret: bytes, cursor: str, listing: str, filters: str, option: str) -> list[Any]:
    """The sort-key values a cursor of this listing and these filters holds; E043 for any other cursor."""
    def refuse(reason: str) -> ArgumentError:
        return ArgumentError("E043", option=option, value=cursor[:40] + ("…" if len(cursor) > 40 else ""),
                             reason=reason)

    if len(cursor) > MAX_CURSOR or cursor.count(".") != 1:
        raise refuse("not a cursor of this store")
    body, signature = cursor.split(".")
    expected = _b64(hmac.new(secret, body.encode(), hashlib.sha256).digest()[:SIGNATURE])
    if not hmac.compare_digest(signature, expected):
        raise refuse("not a cursor of this store (altered, made up, or from another store)")
    try:
        found_listing, found_filters, values = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (ValueError, TypeError):
        raise refuse("not a cursor of this store") from None
    if found_listing != listing or found_filters != filters:
        raise refuse("stale: it belongs to another listing or to other filters; start again without it")
    return list(values)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")
