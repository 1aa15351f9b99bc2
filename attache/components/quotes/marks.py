"""Quotation-mark scanner: pairs opening and closing marks into quoted spans, robust to real news text.

Handles curly, straight and doubled (``...'' / ''...") double marks, guillemets, single marks (top level
only, so apostrophes stay apostrophes), news-style quotes running over several paragraphs (a mark reopened
on each paragraph, closed only at the end) and unbalanced marks (closed at the paragraph end and counted).
One linear pass over the characters; a precompiled character class only skips to the next mark or line
break, and no pattern spans text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPEN_DOUBLE = frozenset("“„«〝")
CLOSE_DOUBLE = frozenset("”»〞")
EITHER_DOUBLE = frozenset('"＂‟')
OPEN_SINGLE = frozenset("‘‹")
CLOSE_SINGLE = frozenset("’›")
SPACE_BEFORE_OPEN = frozenset(" \t\n\r([{—–-/\u00a0")
WORD_INNER = frozenset("-'’")
# The only characters the scan acts on: line breaks, double marks and the halves of `` and ''.
CLOSING_SINGLE = re.compile(r"’(?![^\W\d_])")  # not the apostrophe of "don’t"
NESTING_WINDOW = 2000  # characters looked back for an open single quote (bounded work on hostile text)
CANDIDATE = re.compile("[\n" + re.escape("".join(sorted(OPEN_DOUBLE | CLOSE_DOUBLE | EITHER_DOUBLE))) + "`']")


@dataclass
class Quoted:
    """A quoted stretch: `start`/`end` enclose the content (marks excluded); `pieces` are the per-paragraph
    parts of a quote running over several paragraphs (one piece otherwise)."""

    start: int
    end: int
    closed: bool = True
    single: bool = False
    pieces: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ScanResult:
    quotes: list[Quoted]
    unbalanced: int


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """(role, length) of a double quotation mark at i: role is "open", "close" or "either"."""
    c = text[i]
    if c in OPEN_DOUBLE:
        return "open", 1
    if c in CLOSE_DOUBLE:
        return "close", 1
    if c in EITHER_DOUBLE:
        return "either", 1
    pair = text[i:i + 2]
    if pair == "``":
        return "open", 2
    if pair == "''":
        return "either", 2
    return None


def _opens(text: str, i: int, n: int) -> bool:
    """Whether an ambiguous mark at [i, i+n) reads as an opening mark (space before, word after)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    if before in SPACE_BEFORE_OPEN or before in OPEN_DOUBLE or before in OPEN_SINGLE:
        return not after.isspace()
    return not (before.isalnum() or before in ".,!?;:…)%") and not after.isspace()


def scan(text: str) -> ScanResult:
    """All double-quoted stretches of `text`, then top-level single-quoted ones, in text order."""
    quotes: list[Quoted] = []
    unbalanced = 0
    open_at: int | None = None  # content start of the open quote
    depth = 0  # typographic opening marks inside the open quote, not yet closed
    pieces: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        nxt = CANDIDATE.search(text, i)  # skip, in C, the characters the loop below would only step over
        if nxt is None:
            break
        i = nxt.start()
        c = text[i]
        if c == "\n":
            if open_at is not None:
                # Paragraph ends inside a quote: news style continues it if the next paragraph opens a mark.
                j = i
                while j < n and text[j] in " \t\r\n\u00a0":
                    j += 1
                m = _mark_at(text, j) if j < n else None
                piece_end = _rstrip(text, open_at, i)
                if m is not None and m[0] != "close" and "\n" in text[i:j]:
                    if piece_end > open_at:
                        pieces.append((open_at, piece_end))
                    open_at = j + m[1]
                    i = j + m[1]
                    continue
                if j < n and _closes_next_line(text, j):
                    # No mark reopens, but the next paragraph closes the quote before opening any: it runs on
                    # (“We are shocked ...\nAt a time ... military.”), a style of some sites.
                    if piece_end > open_at:
                        pieces.append((open_at, piece_end))
                    open_at = i = j
                    continue
                if "\n" in text[i + 1:j] or j >= n or _next_line_starts_paragraph(text, i, j):
                    unbalanced += 1
                    _close_unfinished(text, open_at, i, pieces, quotes)
                    open_at, pieces, depth = None, [], 0
            i += 1
            continue
        m = _mark_at(text, i)
        if m is None:
            i += 1
            continue
        role, length = m
        if open_at is None:
            if role == "open" or (role == "either" and _opens(text, i, length)):
                open_at = i + length
            elif role == "either" or role == "close":
                unbalanced += 1  # a closing mark with nothing open
        else:
            if role == "open" and i > open_at and not text[i - 1].isspace() and text[i - 1] not in OPEN_SINGLE:
                role = "close"  # “...“ typo: an opening mark glued to a word closes
            if role == "open" and _inside_single(text, open_at, i):  # three deep: “... ‘... “never” ...’ ...”
                depth += 1
            elif role == "close" and depth:
                depth -= 1
            elif role in ("close", "either"):
                pieces.append((open_at, i))
                quotes.append(Quoted(pieces[0][0], i, True, False, pieces))
                open_at, pieces, depth = None, [], 0
        i += length
    if open_at is not None:
        unbalanced += 1
        _close_unfinished(text, open_at, n, pieces, quotes)
    quotes.extend(_singles(text, quotes))
    quotes.sort(key=lambda q: q.start)
    return ScanResult(quotes, unbalanced)


def _inside_single(text: str, start: int, end: int) -> bool:
    """Whether a single quote opened in text[start:end] is still open at `end` (a closing ’ is one not
    followed by a letter, unlike the apostrophe of "don’t")."""
    start = max(start, end - NESTING_WINDOW)
    return text.count("‘", start, end) > len(CLOSING_SINGLE.findall(text, start, end))


def _close_unfinished(text: str, open_at: int, end_at: int, pieces: list[tuple[int, int]],
                      quotes: list[Quoted]) -> None:
    """A quote left open (at a paragraph's or the text's end): its pieces up to `end_at`, marked unclosed."""
    end = _rstrip(text, open_at, end_at)
    if end > open_at:
        pieces.append((open_at, end))
    if pieces:
        quotes.append(Quoted(pieces[0][0], pieces[-1][1], False, False, list(pieces)))


def _closes_next_line(text: str, j: int) -> bool:
    """Whether the line starting at `j` holds a closing double mark before any opening one."""
    end = text.find("\n", j)
    end = len(text) if end < 0 else end
    for mark in CANDIDATE.finditer(text, j, end):
        found = _mark_at(text, mark.start())
        if found is None:
            continue
        role, length = found
        return role == "close" or role == "either" and not _opens(text, mark.start(), length)
    return False


def _next_line_starts_paragraph(text: str, i: int, j: int) -> bool:
    """A single line break followed by a capitalised line reads as a new paragraph."""
    return j < len(text) and text[j].isupper()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _singles(text: str, doubles: list[Quoted]) -> list[Quoted]:
    """Single-quoted stretches outside every double-quoted one (headlines, British style).

    An opening single mark needs a space (or line start) before and a word character after; the closing
    one a non-space before and no word character after, so apostrophes (don't, leaders') are skipped.
    """
    if "‘" not in text and "'" not in text and "‹" not in text:
        return []
    inside = sorted((q.start, q.end) for q in doubles)
    out: list[Quoted] = []
    k = 0
    open_at: int | None = None
    n = len(text)
    for i, c in enumerate(text):
        if c == "\n":
            open_at = None
            continue
        if c not in "‘’'‹›":
            continue
        while k < len(inside) and inside[k][1] < i:
            k += 1
        if k < len(inside) and inside[k][0] - 1 <= i <= inside[k][1]:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if open_at is None:
            if c in "‘'‹" and (before in SPACE_BEFORE_OPEN or i == 0) and (after.isalnum()):
                if c == "'" and text[i:i + 2] == "''":
                    continue
                open_at = i + 1
        elif c in "’'›" and not before.isspace() and not after.isalnum() and i > open_at:
            out.append(Quoted(open_at, i, True, True, [(open_at, i)]))
            open_at = None
    return out
