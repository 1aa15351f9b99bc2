"""Entity precision by type on real news: how many of the entities filed as PERSON, ORG and AGENT are what
their type says, against blind annotators' names (`data/people_xdoc.jsonl`: every named person and
organisation, stand-off, docs/people_annotation_guide.md).

A PERSON (ORG) entity is right when one of its mentions overlaps a gold PERSON (ORG) name. An AGENT, an
unnamed person, group or body ("officials", "residents", "police"), is right when no gold name is the head
(last word) of one of its mentions:
a named person filed as an agent is the error this catches (the gold does not list unnamed groups, so noise
agents such as a mis-tagged common noun are not caught). Recall of the gold names by the right type is
reported beside, so that precision cannot be bought by filing nothing. Entities flagged `agent` (unnamed people,
groups and bodies: "officials", "the government") are scored as AGENT whatever their type.

    attache evaluate entity-types                 # the 42 articles of the blind statements set
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..record import Analysis
from ..train.sources import default_shared, read_document

PEOPLE_GOLD = Path(__file__).parent / "data" / "people_xdoc.jsonl"
TYPES = ("PERSON", "ORG", "AGENT")


@dataclass
class GoldNames:
    doc: str
    text: str
    published: str | None
    names: list[tuple[int, int, str]]  # start, end, PERSON | ORG


@dataclass
class TypeReport:
    articles: int = 0
    right: Counter[str] = field(default_factory=Counter)
    filed: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)  # gold names covered by an entity of their type
    gold: Counter[str] = field(default_factory=Counter)
    wrong: dict[str, Counter[str]] = field(default_factory=lambda: {t: Counter() for t in TYPES})

    def precision(self, kind: str) -> float:
        return self.right[kind] / self.filed[kind] if self.filed[kind] else 0.0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.gold[kind] if self.gold[kind] else 0.0


def read_gold(docs: set[str] | None = None, shared: Path | None = None,
              path: Path = PEOPLE_GOLD) -> Iterator[GoldNames]:
    """The gold articles (those in `docs`, if given) with their texts read from ../shared."""
    shared = shared or default_shared()
    with path.open(encoding="utf-8") as f:
        for row in map(json.loads, filter(str.strip, f)):
            if docs is not None and row["doc"] not in docs:
                continue
            document = read_document(shared, row["doc"])
            names = [(m["start"], m["end"], m["type"]) for m in row["mentions"] if m["type"] in ("PERSON", "ORG")]
            yield GoldNames(row["doc"], document.text, document.published, names)


def _overlaps(start: int, end: int, names: Iterable[tuple[int, int, str]], kind: str | None) -> bool:
    return any(s < end and start < e and (kind is None or k == kind) for s, e, k in names)


def _last_word(text: str, start: int, end: int) -> int:
    """Where the last word of a mention starts (its head, in an English noun phrase)."""
    cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
    return cut + 1 if cut >= 0 else start


def score_article(gold: GoldNames, record: Analysis, report: TypeReport) -> None:
    report.articles += 1
    for entity in record.entities:
        kind = "AGENT" if entity.agent else entity.type
        if kind not in TYPES:
            continue
        report.filed[kind] += 1
        spans = [(m.start, m.end) for m in entity.mentions]
        if kind == "AGENT":  # wrong when a gold name is its head word: "Mr. Smith", not "Smith's father"
            right = not any(_overlaps(_last_word(record.text, s, e), e, gold.names, None) for s, e in spans)
        else:
            right = any(_overlaps(s, e, gold.names, kind) for s, e in spans)
        if right:
            report.right[kind] += 1
        else:
            report.wrong[kind][entity.name] += 1
    for start, end, kind in gold.names:
        report.gold[kind] += 1
        if any(e.type == kind and not e.agent and any(m.start < end and start < m.end for m in e.mentions) for e in record.entities):
            report.found[kind] += 1


def evaluate(articles: Iterable[GoldNames], analyze: Callable[[str, str | None], Analysis]) -> TypeReport:
    report = TypeReport()
    for gold in articles:
        score_article(gold, analyze(gold.text, gold.published), report)
    return report


def format_report(report: TypeReport, examples: int = 8) -> str:
    lines = [f"{'type':<7} {'filed':>6} {'precision':>10} {'gold names':>11} {'recall':>7}"]
    for kind in TYPES:
        gold = f"{report.gold[kind]:>11} {100 * report.recall(kind):>6.1f}" if kind != "AGENT" else f"{'-':>11} {'-':>7}"
        lines.append(f"{kind:<7} {report.filed[kind]:>6} {100 * report.precision(kind):>9.1f}% {gold}")
    for kind in TYPES:
        common = ", ".join(f"{name} ({n})" for name, n in report.wrong[kind].most_common(examples))
        if common:
            lines.append(f"wrong {kind}: {common}")
    lines.append(f"{report.articles} articles")
    return "\n".join(lines)
