"""Turn raw bytes into text: UTF-8 first, another encoding only when detection is confident, else refuse."""

from __future__ import annotations

import codecs

from ..errors import InputError

CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
BINARY_SIGNATURES = {b"%PDF": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
                     b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip data", b"\x7fELF": "executable"}


def decode(data: bytes, origin: str) -> str:
    """The text of `data`; E003 when it holds nothing, E004 for binary data, E005 when undecodable."""
    if not data.strip():
        raise InputError("E003", path=origin)
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError("E004", path=origin, reason=kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", origin)
    head = data[:65536]
    if b"\x00" in head or sum(b in CONTROL for b in head) > len(head) * 0.05:
        raise InputError("E004", path=origin, reason="control bytes in the text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise InputError("E005", path=origin,
                         reason=f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                                "and no other encoding fits")
    text = str(best)
    if not text.strip():
        raise InputError("E003", path=origin)
    return text


def _decode_as(data: bytes, encoding: str, origin: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("E005", path=origin, reason=f"invalid {encoding}: {exc.reason}") from None
    if not text.strip():
        raise InputError("E003", path=origin)
    return text
