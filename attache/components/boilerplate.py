"""Boilerplate: lines of a page that are not article text (copyright, sub-headings, bylines, datelines,
promotion lines, photo credits).

Runs first, before the parser: it lists those spans in `doc._.attache_boilerplate` and marks sentence
starts at paragraph breaks and around every boilerplate span, so no sentence runs into a sub-heading.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicons import read_lines, read_table
from ..record import Boilerplate
from .base import ensure_extensions, text_of

MAX_LINE = 300  # a furniture line is short; a long line is a paragraph whatever it starts with
MAX_SUBHEADING_WORDS = 10
CLOSING = tuple(".!?,;:\"”’'»)…")


@dataclass(frozen=True)
class Rule:
    kind: str
    prefix: bool
    pattern: re.Pattern[str]


@Language.factory("attache_boilerplate", assigns=["doc._.attache_boilerplate", "token.is_sent_start"])
def make_boilerplate(nlp: Language, name: str) -> BoilerplateComponent:
    return BoilerplateComponent()


class BoilerplateComponent:
    """Finds boilerplate lines and sets paragraph sentence boundaries."""

    def __init__(self) -> None:
        ensure_extensions()
        self.rules = [
            Rule(row["kind"], row["match"] == "prefix",
                 re.compile(row["pattern"], re.IGNORECASE if "i" in row["flags"] else 0))
            for row in read_table("boilerplate.tsv")
        ]
        self.minor_words = frozenset(read_lines("title_case_minor_words.txt"))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        lines = list(_lines(text))
        found: list[Boilerplate] = []
        for i, (start, end) in enumerate(lines):
            line = text[start:end]
            span = self._classify(line, start, end, lines, i)
            if span is not None:
                found.append(span)
        labels = [f for f in found if f.kind == "dateline" and f.text.endswith(":")]
        if len(labels) > 1:  # a transcript's speakers ("TAPPER: ..."), not datelines ("NEW DELHI: ..." opens once)
            found = [f for f in found if f not in labels]
        doc._.attache_boilerplate = found
        _mark_sentence_starts(doc, text, lines, found)
        return doc

    def _classify(self, line: str, start: int, end: int, lines: list[tuple[int, int]],
                  index: int) -> Boilerplate | None:
        if len(line) <= MAX_LINE:
            for rule in self.rules:
                if rule.prefix:
                    continue
                if rule.pattern.fullmatch(line):
                    return Boilerplate(start, end, line, rule.kind)
        for rule in self.rules:
            if rule.prefix:
                m = rule.pattern.match(line + "\n")  # a dateline may stand on a line of its own
                if m:
                    prefix_end = start + len(line[: m.end()].rstrip())
                    return Boilerplate(start, prefix_end, line[: m.end()].rstrip(), rule.kind)
        # A sub-heading sits between two paragraphs: never the first or last line (a headline, a sign-off).
        if 0 < index < len(lines) - 1 and self._is_heading(line):
            return Boilerplate(start, end, line, "subheading")
        return None

    def _is_heading(self, line: str) -> bool:
        words = line.split()
        if not words or len(words) > MAX_SUBHEADING_WORDS or line.endswith(CLOSING):
            return False
        if any(c in line for c in "“”\"«»"):
            return False
        alpha = [w for w in words if any(c.isalpha() for c in w)]
        if not alpha:
            return False
        content = [w for w in alpha if w.lower() not in self.minor_words] or alpha
        return all(w[0].isupper() or not w[0].isalpha() for w in content)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped of surrounding whitespace."""
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield m.start() + lead, m.start() + lead + len(stripped)


def _mark_sentence_starts(doc: Doc, text: str, lines: list[tuple[int, int]], spans: list[Boilerplate]) -> None:
    """A new sentence at each paragraph that follows a finished one, and around every boilerplate span."""
    starts = {s.start for s in spans} | {s.end for s in spans}
    for (_, prev_end), (start, _) in zip(lines, lines[1:]):
        if text[prev_end - 1] in ".!?\"”’»:)" or prev_end in starts:
            starts.add(start)
    offsets = doc.to_array(IDX).tolist()
    for boundary in starts:
        i = bisect_left(offsets, boundary)
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc):
            doc[i].is_sent_start = True
