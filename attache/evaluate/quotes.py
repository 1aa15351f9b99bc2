"""Quote extraction measured on PolNeAR: content P/R/F1 at overlap 0.3 and 0.8 and exact, speaker and cue
accuracy — the measures of the shared quote scorer (after the Gender Gap Tracker's evaluation):

- overlap(gold, pred) = share of the gold content's characters the prediction covers, both spans first
  trimmed of whitespace and quotation marks; a pair matches at level t when overlap > t. Exact: identical
  offsets after also trimming edge punctuation.
- Greedy matching per article: each gold quote in text order takes the unused prediction of highest overlap.
- Speaker right: the predicted speaker span overlaps the gold source, or a word of it (or of its entity's
  name and mentions) equals the gold source's last word; pronouns and articles never count.
- Cue right: the predicted cue overlaps the gold cue.

`attache evaluate quotes --polnear DIR [--split dev]` calls `main(DIR, split)`.
"""

from __future__ import annotations

from collections import Counter

import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..console import plural
from ..record import Analysis, Entity, Quote

if TYPE_CHECKING:
    from ..pipeline import Options
from .measures import PRF
from .polnear import Char, GoldArticle, GoldQuote, read_split

MARKS = "\"'“”„‟«»‹›〝〞〟＂‘’‚‛`"
TRIM = set(MARKS) | set(" \t\r\n\f\v\u00a0\u2009\u200a\u202f")
TRIM_EXACT = TRIM | set(".,;:!?-–—…()[]")
NOT_NAMES = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "hers", "their", "its",
             "our", "us", "me", "my", "your", "who", "this", "that", "these", "those", "the", "a", "an", "s",
             "one"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
LEVELS: tuple[tuple[str, float | None], ...] = (("F1@0.3", 0.3), ("F1@0.8", 0.8), ("exact", None))


@dataclass
class Tally(PRF):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker: list[int] = field(default_factory=lambda: [0, 0])  # right, compared
    cue: list[int] = field(default_factory=lambda: [0, 0])
    gender: Counter[str] = field(default_factory=Counter)  # (gold, system) pairs as "female>male" ...


@dataclass
class Report:
    levels: dict[str, Tally]
    articles: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def row(self) -> dict[str, float]:
        a = self.levels["F1@0.3"]
        return {"P@0.3": a.precision, "R@0.3": a.recall, "F1@0.3": a.f1, "F1@0.8": self.levels["F1@0.8"].f1,
                "exact": self.levels["exact"].f1,
                "speaker": a.speaker[0] / a.speaker[1] if a.speaker[1] else 0.0,
                "cue": a.cue[0] / a.cue[1] if a.cue[1] else 0.0}


def _trim(text: str, span: Char, chars: set[str]) -> Char:
    s, e = span
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _overlap(gold: Char, pred: Char) -> float:
    n = gold[1] - gold[0]
    return max(0, min(gold[1], pred[1]) - max(gold[0], pred[0])) / n if n > 0 else 0.0


def _words(s: str | None) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", (s or "").lower()) if len(w) > 1 and w not in NOT_NAMES]


def _speaker_right(text: str, gold: Char, pred: Quote, entities: dict[str, Entity]) -> bool:
    sp = pred.speaker
    if sp is None:
        return False
    if sp.start is not None and sp.end is not None and min(sp.end, gold[1]) > max(sp.start, gold[0]):
        return True
    surname = [w for w in _words(text[gold[0]:gold[1]]) if w not in SUFFIXES]
    if not surname:
        return False
    said = set(_words(sp.text))
    ent = entities.get(sp.entity or "")
    if ent is not None:
        said |= set(_words(ent.name)) | {w for m in ent.mentions for w in _words(m.text)}
    return surname[-1] in said


def score_article(gold: GoldArticle, record: Analysis, report: Report) -> None:
    """Add one article's counts to `report`."""
    text = gold.text
    preds = [q for q in record.quotes if q.content.end > q.content.start]
    entities = {e.id: e for e in record.entities}
    g_spans = [_trim(text, q.content, TRIM) for q in gold.quotes]
    p_spans = [_trim(text, (q.content.start, q.content.end), TRIM) for q in preds]
    g_exact = [_trim(text, q.content, TRIM_EXACT) for q in gold.quotes]
    p_exact = [_trim(text, (q.content.start, q.content.end), TRIM_EXACT) for q in preds]
    for name, threshold in LEVELS:
        if threshold is None:
            def score(gi: int, pi: int) -> float:
                return 1.0 if g_exact[gi] == p_exact[pi] and g_exact[gi][1] > g_exact[gi][0] else 0.0
            floor = 0.0
        else:
            def score(gi: int, pi: int) -> float:
                return _overlap(g_spans[gi], p_spans[pi]) if p_spans[pi][1] > p_spans[pi][0] else 0.0
            floor = threshold
        tally, used = report.levels[name], set()
        for gi, g in enumerate(gold.quotes):
            best, best_score = None, floor
            for pi in range(len(preds)):
                if pi not in used:
                    s = score(gi, pi)
                    if s > best_score:
                        best, best_score = pi, s
            if best is None:
                tally.fn += 1
                continue
            used.add(best)
            tally.tp += 1
            _check(text, g, preds[best], entities, tally)
        tally.fp += len(preds) - len(used)


def _check(text: str, g: GoldQuote, p: Quote, entities: dict[str, Entity], tally: Tally) -> None:
    if g.speaker is not None:
        tally.speaker[1] += 1
        tally.speaker[0] += _speaker_right(text, g.speaker, p, entities)
    if g.cue is not None:
        tally.cue[1] += 1
        tally.cue[0] += bool(p.cue and min(p.cue.end, g.cue[1]) > max(p.cue.start, g.cue[0]))
    if g.gender is not None:
        entity = entities.get(p.speaker.entity or "") if p.speaker is not None else None
        tally.gender[f"{g.gender}>{(entity.gender if entity is not None else None) or 'unknown'}"] += 1


def gender_figures(pairs: Counter[str]) -> dict[str, float | int]:
    """Speaker gender against the gold's (matched statements): accuracy where both the gold and the system
    found evidence, the share of the gold's gendered speakers left unknown, and how often the system gives
    a gender the gold found no evidence for."""
    known = ("female", "male")
    both = sum(n for k, n in pairs.items() if k.split(">")[0] in known and k.split(">")[1] in known)
    right = sum(pairs[f"{g}>{g}"] for g in known)
    gold_known = sum(n for k, n in pairs.items() if k.split(">")[0] in known)
    gold_unknown = sum(n for k, n in pairs.items() if k.split(">")[0] == "unknown")
    claimed = sum(n for k, n in pairs.items() if k.split(">")[0] == "unknown" and k.split(">")[1] in known)
    return {"accuracy": right / both if both else 0.0, "compared": both,
            "unknown_share": 1 - both / gold_known if gold_known else 0.0, "gold_gendered": gold_known,
            "claimed_without_gold_evidence": claimed, "gold_unknown": gold_unknown}


def evaluate(articles: Iterable[GoldArticle], analyze: Callable[[str, str | None], Analysis]) -> Report:
    """Run `analyze(text, published)` over the articles and score its quotes; a failure counts, never stops."""
    report = Report({name: Tally() for name, _ in LEVELS})
    t0 = time.perf_counter()
    for art in articles:
        report.articles += 1
        try:
            record = analyze(art.text, art.published or None)
        except Exception as exc:  # noqa: BLE001 - a failing article is reported, and scored as finding nothing
            report.failed.append(f"{art.id}: {type(exc).__name__}: {exc}")
            record = Analysis(text=art.text)
        score_article(art, record, report)
    report.seconds = time.perf_counter() - t0
    return report


BASELINES = {"Gender Gap Tracker rules": {"F1@0.3": 0.539, "F1@0.8": 0.383, "speaker": 0.808},
             "textacy 0.13 (direct only)": {"F1@0.3": 0.222, "speaker": 0.815}}


def format_table(report: Report, split: str, corpus: str = "PolNeAR") -> str:
    """A Markdown table: Attaché on the split next to the published figures of other tools (PolNeAR dev)."""
    cols = ["P@0.3", "R@0.3", "F1@0.3", "F1@0.8", "exact", "speaker", "cue"]
    lines = ["| system | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    row = report.row()
    lines.append(f"| Attaché ({corpus} {split}) | " + " | ".join(f"{100 * row[c]:.1f}" for c in cols) + " |")
    if split == "dev" and corpus == "PolNeAR":
        for name, figs in BASELINES.items():
            lines.append(f"| {name} | " + " | ".join(f"{100 * figs[c]:.1f}" if c in figs else "–" for c in cols)
                         + " |")
    lines.append("")
    pairs = report.levels["F1@0.3"].gender
    if pairs:
        g = gender_figures(pairs)
        lines.append(f"speaker gender: accuracy {100 * g['accuracy']:.1f}% on {g['compared']} statements where gold and "
                     f"system both found evidence; {100 * g['unknown_share']:.1f}% of the {g['gold_gendered']} "
                     f"gendered gold speakers left unknown; a gender given to {g['claimed_without_gold_evidence']} "
                     f"of {g['gold_unknown']} speakers the gold left unknown")
    lines.append(f"{plural(report.articles, 'article')}, {len(report.failed)} failed, {report.seconds:.1f} s")
    return "\n".join(lines)


def main(polnear: str | Path, split: str = "dev", limit: int | None = None, options: Options | None = None,
         out: TextIO = sys.stdout) -> Report:
    """Evaluate a pipeline's quotes (default options unless given) on a PolNeAR split and print the table.

    PolNeAR annotates "“A,” he said. “B.”" as one attribution; `Options(component_config={"quotes":
    {"merge_follow_on": True}})` measures the component under that convention.
    """
    from ..pipeline import Pipeline

    pipeline = Pipeline(options)
    articles = list(read_split(polnear, split))[:limit]
    report = evaluate(articles, lambda text, published: pipeline.analyze(text, published=published))
    print(format_table(report, split), file=out)
    for failure in report.failed[:10]:
        print("failed:", failure, file=out)
    if len(report.failed) > 10:
        print(f"... and {len(report.failed) - 10} more failed articles", file=out)
    return report
