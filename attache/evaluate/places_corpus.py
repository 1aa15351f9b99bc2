"""Place mentions measured on real news: 240 sentences of the events corpus's dev and test splits with every
place mention marked by a blind annotator (`train/data/place_mentions.jsonl`, stand-off: corpus sentence id,
character offsets into the document, ISO country). Each sentence is analysed alone (as the annotator saw it).

Measures: recall (gold mentions overlapped by a system place), precision (system places overlapping a gold
mention), country accuracy of the overlapped pairs. `attache evaluate places --corpus test`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..train.plover_corpus import read_corpus
from ..train.sources import default_shared, read_document
from .measures import prf

if TYPE_CHECKING:
    from ..pipeline import Pipeline

MENTIONS = Path(__file__).resolve().parents[1] / "train" / "data" / "place_mentions.jsonl"


def evaluate_corpus(split: str, shared: Path | None = None, pipeline: Pipeline | None = None) -> dict[str, object]:
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    shared = shared or default_shared()
    sentences = {s.id: s for s in read_corpus() if s.split == split}
    tp = fp = fn = right = 0
    texts: dict[str, str] = {}
    with MENTIONS.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        s = sentences.get(row["sentence"])
        if s is None:
            continue
        text = texts.setdefault(s.doc, read_document(shared, s.doc).text)
        record = pipeline.analyze(text[s.start:s.end], published="2010-01-01")
        found = [(p.start + s.start, p.end + s.start, p.country) for p in record.places]
        used: set[int] = set()
        for gold in row["places"]:
            match = next((i for i, (a, b, _) in enumerate(found)
                          if i not in used and a < gold["end"] and gold["start"] < b), None)
            if match is None:
                fn += 1
                continue
            used.add(match)
            tp += 1
            right += (found[match][2] or None) == (gold["country"] or None)
        fp += len(found) - len(used)
    precision, recall, f1 = prf(tp, fp, fn)
    return {"split": split, "gold": tp + fn, "recall": round(recall, 4), "precision": round(precision, 4),
            "f1": round(f1, 4), "country_accuracy": round(right / tp, 4) if tp else 0.0, "tp": tp, "fp": fp, "fn": fn}
