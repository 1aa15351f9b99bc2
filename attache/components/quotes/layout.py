"""Quotes shown by layout rather than by a verb: "Name: statement" lines (headlines, interview transcripts)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .syntax import Attribution

# A line opening with a short capitalised label and a colon: "Obama: I'm optimistic ...", "FALLIN: I think ..."
LABEL = re.compile(r"([A-Z][\w.’'\-]*(?: [A-Z][\w.’'\-]*){0,3}):[ \t]+(\S[^\n]*)")
MIN_WORDS = 3
EDGE = " \t\"'“”‘’«».,;:"


def labelled_lines(doc: Doc, text: str) -> list[Attribution]:
    """Attributions for "Speaker: content" lines whose label starts with a proper noun or is in capitals
    (`text` is `doc.text`, passed in because spaCy rebuilds it on every access)."""
    out: list[Attribution] = []
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        start = pos
        while start < end and text[start] in " \t":
            start += 1
        m = LABEL.match(text, start, end)
        if m is not None and _is_name(doc, text, m.start(1), m.end(1)):
            s, e = m.span(2)
            while s < e and text[s] in EDGE:
                s += 1
            while e > s and text[e - 1] in EDGE:
                e -= 1
            if len(text[s:e].split()) >= MIN_WORDS:
                colon = m.end(1)
                out.append(Attribution((s, e), (colon, colon + 1), -1, m.span(1), None, "label"))
        pos = end + 1
    return out


def _is_name(doc: Doc, text: str, start: int, end: int) -> bool:
    label = text[start:end]
    if len(label.rstrip(".")) == 1:  # "Q:" and "A:" of an interview mark turns, not speakers
        return False
    if label.isupper() and len(label) > 1:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].pos_ == "PROPN" and span[-1].pos_ == "PROPN"
