"""Turn raw bytes into text: UTF-8 first, another encoding only when detection is confident, else refuse."""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath

from ..errors import InputError, warning

REPLACEMENT = "\ufffd"
WESTERN_MAX_HIGH = 0.3  # share of bytes above 127 in English text in a Western single-byte encoding
CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
HEADLINE_WORDS = (3, 20)  # fewest and most words of a first line taken for a headline
HEADLINE_MAX_CHARS = 150
HEADLINE_ENDS = (".", ",", ";", ":", "…")  # a line ending so is the start of the story, not its headline
NOT_HEADLINE = re.compile(r"^(by|from|photo|photos|image|updated|posted|published|copyright|©|https?:)\b",
                          re.IGNORECASE)  # bylines, credits and stamps: short and capitalised too
DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]+(\([^)]*\))?\s*[—–-]\s")  # "RIVERTON — ...", "OTTAWA (Wire) — ..."
ONLY_DATE = re.compile(r"^[\d\s/.,:-]+$|^\w+ \d{1,2},? \d{4}$")
BINARY_SIGNATURES = {b"%PDF": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
                     b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip data", b"\x7fELF": "executable"}


def decode(data: bytes, origin: str) -> str:
    """The text of `data`; E003 when it holds nothing, E004 for binary data, E005 when undecodable."""
    return decode_noting(data, origin)[0]


def decode_noting(data: bytes, origin: str) -> tuple[str, list[dict[str, str]]]:
    """The text of `data` and the record warnings decoding it calls for (W004 when bytes were replaced).

    UTF-8 first; mostly-UTF-8 text with a few bad bytes stays UTF-8 (the bad bytes replaced and counted);
    text that is mostly ASCII is Windows-1252 (Latin-1 where cp1252 leaves a byte undefined), the common
    case of non-UTF-8 news; anything else only when detection is confident.
    """
    if not data.strip():
        raise InputError("E003", path=origin)
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError("E004", path=origin, reason=kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", origin), []
    head = data[:65536]
    if b"\x00" in head or sum(b in CONTROL for b in head) > len(head) * 0.05:
        raise InputError("E004", path=origin, reason="control bytes in the text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text, notes = _mostly_utf8(data, origin) or _western(data) or _detected(data, origin, utf8_error)
    if not text.strip():
        raise InputError("E003", path=origin)
    return text, notes


Decoded = tuple[str, list[dict[str, str]]]


def _mostly_utf8(data: bytes, origin: str) -> Decoded | None:
    """UTF-8 with a few bad bytes: more well-formed multi-byte characters than bad bytes."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    good = sum(1 for ch in text if ord(ch) > 127 and ch != REPLACEMENT)
    if good == 0 or bad > good:
        return None
    return text, [warning("W004", count=bad, path=origin, encoding="UTF-8")]


def _western(data: bytes) -> Decoded | None:
    """Mostly-ASCII bytes (English news): Windows-1252, or Latin-1 where cp1252 leaves a byte undefined."""
    high = sum(1 for b in data if b > 127)
    if high > len(data) * WESTERN_MAX_HIGH:
        return None
    try:
        return data.decode("cp1252"), []
    except UnicodeDecodeError:
        return data.decode("latin-1"), []


def _detected(data: bytes, origin: str, utf8_error: UnicodeDecodeError) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise InputError("E005", path=origin,
                         reason=f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                                "and no other encoding fits")
    return str(best), []


def _decode_as(data: bytes, encoding: str, origin: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("E005", path=origin, reason=f"invalid {encoding}: {exc.reason}") from None
    if not text.strip():
        raise InputError("E003", path=origin)
    return text


def plain_title(text: str, origin: str) -> str | None:
    """The title of a plain-text article: its first line when that looks like a headline, else the file's
    name (None for standard input)."""
    found = [line.strip() for line in text.splitlines() if line.strip()]
    if len(found) > 1 and looks_like_headline(found[0]):
        return " ".join(found[0].split())
    return None if origin in ("-", "<text>") else PurePath(origin).name or None


def looks_like_headline(line: str) -> bool:
    """Short, without a final period, starting with a capital, and not a byline, dateline or date."""
    words = line.split()
    if not HEADLINE_WORDS[0] <= len(words) <= HEADLINE_WORDS[1] or len(line) > HEADLINE_MAX_CHARS:
        return False
    if line.rstrip("”’\"'").endswith(HEADLINE_ENDS) or not (line[0].isupper() or line[0].isdigit()):
        return False
    return not (NOT_HEADLINE.match(line) or DATELINE.match(line) or ONLY_DATE.match(line))
