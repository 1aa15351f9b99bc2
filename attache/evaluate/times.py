"""TempEval-3 task A measures for `times` on a TimeML folder: strict and relaxed span P/R/F1, type and
value accuracy and F1 (attribute F1 = attribute accuracy x relaxed F1, as the TE3 scorer defines them).
Values are compared as exact strings, as the TE3 scorer does; a second, clearly separate value F1 compares
them after `canonical_value`, which only unifies spellings of one value ("1949-XX" and "1949", "2000-W7" and
"2000-W07", "199X" and "199") that TimeML corpora annotated by different teams write differently.

Gold: TimeML 1.2.1 inline XML (TimeBank, AQUAINT, TE3 platinum); the text is the content of <TEXT> with the
tags stripped and the document creation time (DCT) is the `published` date. Matching follows the TE3
normaliser: walking left to right, a timex that starts inside the other side's most recently started,
still unmatched timex is paired with it (one to one); strict = paired with identical extent.

    from attache.evaluate.times import evaluate_timeml
    scores = evaluate_timeml("path/to/TimeBank")       # -> TimexScores
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .measures import prf

_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_UNKNOWN_TAIL = re.compile(r"(?:-XX)+$")
_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")
_DECADE_X = re.compile(r"^(\d{2,3})X+$")


def canonical_value(value: str | None) -> str | None:
    """One spelling of a TIMEX3 value: unknown finer fields dropped ("1994-XX-XX" -> "1994"), week numbers
    padded ("2000-W7" -> "2000-W07"), decade and century placeholders dropped ("199X" -> "199")."""
    if not value:
        return value
    value = _SHORT_WEEK.sub(r"-W0\1", _UNKNOWN_TAIL.sub("", value))
    return _DECADE_X.sub(r"\1", value)


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str | None
    value: str | None
    mod: str | None = None


@dataclass
class TimeMLDoc:
    id: str
    text: str
    dct: str | None  # ISO date of the document creation time
    times: list[Timex]


@dataclass
class TimexScores:
    n_docs: int = 0
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0
    value_spelling_ok: int = 0  # equal after canonical_value
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _pr(self, matched: int) -> tuple[float, float, float]:
        return prf(matched, self.system - matched, self.gold - matched)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return self._pr(self.strict)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        return self._pr(self.relaxed)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    @property
    def type_f1(self) -> float:
        return self.type_accuracy * self.relaxed_prf[2]

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed_prf[2]

    @property
    def value_spelling_f1(self) -> float:
        """Value F1 with values compared after `canonical_value` (not a TE3 figure)."""
        return (self.value_spelling_ok / self.relaxed if self.relaxed else 0.0) * self.relaxed_prf[2]

    def as_dict(self) -> dict[str, Any]:
        sp, sr, sf = self.strict_prf
        rp, rr, rf = self.relaxed_prf
        return {"docs": self.n_docs, "gold": self.gold, "system": self.system,
                "strict": {"P": sp, "R": sr, "F1": sf}, "relaxed": {"P": rp, "R": rr, "F1": rf},
                "type": {"accuracy": self.type_accuracy, "F1": self.type_f1},
                "value": {"accuracy": self.value_accuracy, "F1": self.value_f1},
                "value_any_spelling": {"F1": self.value_spelling_f1}}


def _walk(el: ET.Element, parts: list[str], pos: int, found: list[tuple[int, int, ET.Element]]) -> int:
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        pos = _walk(child, parts, pos, found)
        if child.tag == "TIMEX3":
            found.append((start, pos, child))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_timeml(path: str | Path) -> TimeMLDoc:
    """One TimeML file: plain <TEXT>, its TIMEX3s as offsets into it, and the DCT date."""
    path = Path(path)
    root = ET.parse(path).getroot()
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    _walk(text_el, parts, 0, found)
    text = "".join(parts)
    times = [Timex(s, e, text[s:e], el.get("type"), el.get("value"), el.get("mod"))
             for s, e, el in sorted(found, key=lambda x: (x[0], x[1])) if text[s:e].strip()]
    dct = None
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            m = _DATE.match(el.get("value") or "")
            dct = f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
            break
    return TimeMLDoc(path.stem, text, dct, times)


def read_folder(folder: str | Path) -> list[TimeMLDoc]:
    """Every .tml file under `folder`, in name order."""
    return [read_timeml(p) for p in sorted(Path(folder).rglob("*.tml"))]


def match(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """TE3 one-to-one overlap pairs (gold index, system index)."""
    events = sorted([(g.start, 0, i) for i, g in enumerate(gold)] + [(s.start, 1, i) for i, s in enumerate(system)])
    sides: tuple[Sequence[Timex], Sequence[Timex]] = (gold, system)
    last: list[int | None] = [None, None]
    paired: list[set[int]] = [set(), set()]
    pairs = []
    for pos, side, i in events:
        other = 1 - side
        j = last[other]
        if j is not None and j not in paired[other] and sides[other][j].start <= pos < sides[other][j].end:
            paired[side].add(i)
            paired[other].add(j)
            pairs.append((i, j) if side == 0 else (j, i))
        last[side] = i
    return sorted(pairs)


def score(docs: Iterable[tuple[TimeMLDoc, Sequence[Timex]]], keep_errors: bool = False) -> TimexScores:
    """TE3 task A counts over (gold document, system timexes) pairs."""
    s = TimexScores()
    for doc, system in docs:
        system = [t for t in system if t.end > t.start]
        s.n_docs += 1
        s.gold += len(doc.times)
        s.system += len(system)
        pairs = match(doc.times, system)
        s.relaxed += len(pairs)
        for gi, si in pairs:
            g, t = doc.times[gi], system[si]
            strict = (g.start, g.end) == (t.start, t.end)
            s.strict += strict
            s.type_ok += g.type == t.type
            s.value_ok += g.value == t.value
            s.value_spelling_ok += canonical_value(g.value) == canonical_value(t.value)
            if keep_errors and not (strict and g.type == t.type and g.value == t.value):
                s.errors.append({"doc": doc.id, "kind": "mismatch", "gold": g, "system": t})
        if keep_errors:
            gm, sm = {g for g, _ in pairs}, {t for _, t in pairs}
            s.errors += [{"doc": doc.id, "kind": "missed", "gold": g} for i, g in enumerate(doc.times) if i not in gm]
            s.errors += [{"doc": doc.id, "kind": "spurious", "system": t} for i, t in enumerate(system) if i not in sm]
    return s


Tagger = Callable[[str, str | None], Sequence[Timex]]


def attache_tagger(pipeline: Any = None) -> Tagger:
    """A tagger running Attaché's pipeline (default components) on a text with its published date."""
    if pipeline is None:
        from ..pipeline import Pipeline
        pipeline = Pipeline()

    def tag(text: str, published: str | None) -> list[Timex]:
        record = pipeline.analyze(text, published=published)
        return [Timex(t.start, t.end, t.text, t.type, t.value, t.mod) for t in record.times]

    return tag


def evaluate_timeml(folder: str | Path, pipeline: Any = None, limit: int | None = None,
                    keep_errors: bool = False, tagger: Tagger | None = None) -> TimexScores:
    """TempEval-3 task A scores of Attaché (or `tagger`) on the TimeML files under `folder`,
    each document analysed with its creation time as `published`."""
    docs = read_folder(folder)[:limit] if limit else read_folder(folder)
    tag = tagger or attache_tagger(pipeline)
    return score(((d, tag(d.text, d.dct)) for d in docs), keep_errors=keep_errors)


def format_scores(name: str, s: TimexScores) -> str:
    """One line of the TE3 table (percentages)."""
    sp, sr, sf = s.strict_prf
    rp, rr, rf = s.relaxed_prf
    return (f"{name}: docs={s.n_docs} gold={s.gold} system={s.system} | strict P {100 * sp:.2f} R {100 * sr:.2f} "
            f"F1 {100 * sf:.2f} | relaxed P {100 * rp:.2f} R {100 * rr:.2f} F1 {100 * rf:.2f} | type acc "
            f"{100 * s.type_accuracy:.2f} F1 {100 * s.type_f1:.2f} | value acc {100 * s.value_accuracy:.2f} "
            f"F1 {100 * s.value_f1:.2f} | value F1 any spelling {100 * s.value_spelling_f1:.2f}")
