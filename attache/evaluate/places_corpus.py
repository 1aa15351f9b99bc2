"""Place mentions measured on real news: sentences of the events corpus with every place mention marked by blind
annotators (`train/data/place_mentions.jsonl`, stand-off: corpus sentence id, character offsets into the
document, ISO country): 240 of the dev and test splits (one annotator), 406 of the train split for finding faults
(two annotators and an adjudicator, docs/place_annotation_guide.md; `python -m attache.evaluate.places_corpus
merge LABELS_DIR` adds them). Each sentence is analysed alone (as the annotator saw it).

Measures: recall (gold mentions overlapped by a system place), precision (system places overlapping a gold
mention), country accuracy of the overlapped pairs. `attache evaluate places --corpus test`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..train.plover_corpus import read_corpus
from ..train.sources import default_shared, read_document
from .measures import prf

if TYPE_CHECKING:
    from ..pipeline import Pipeline

MENTIONS = Path(__file__).resolve().parents[1] / "train" / "data" / "place_mentions.jsonl"


def evaluate_corpus(split: str, shared: Path | None = None, pipeline: Pipeline | None = None,
                    show_errors: bool = False) -> dict[str, object]:
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    shared = shared or default_shared()
    sentences = {s.id: s for s in read_corpus() if s.split == split}
    tp = fp = fn = right = 0
    errors: list[dict[str, object]] = []
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
        wrong: list[str] = []
        for gold in row["places"]:
            match = next((i for i, (a, b, _) in enumerate(found)
                          if i not in used and a < gold["end"] and gold["start"] < b), None)
            if match is None:
                fn += 1
                wrong.append(f"missed {text[gold['start']:gold['end']]} ({gold['country']})")
                continue
            used.add(match)
            tp += 1
            right += (found[match][2] or None) == (gold["country"] or None)
            if (found[match][2] or None) != (gold["country"] or None):
                wrong.append(f"country {text[gold['start']:gold['end']]}: {found[match][2]} not {gold['country']}")
        fp += len(found) - len(used)
        wrong += [f"extra {text[a:b]} ({c})" for i, (a, b, c) in enumerate(found) if i not in used]
        if wrong:
            errors.append({"sentence": s.id, "errors": wrong, "text": text[s.start:s.end]})
    precision, recall, f1 = prf(tp, fp, fn)
    return {"split": split, "gold": tp + fn, "recall": round(recall, 4), "precision": round(precision, 4),
            "f1": round(f1, 4), "country_accuracy": round(right / tp, 4) if tp else 0.0, "tp": tp, "fp": fp, "fn": fn,
            **({"errors": errors} if show_errors else {})}


def merge_labels(labels: Path, shared: Path | None = None, out: Path = MENTIONS) -> dict[str, object]:
    """Add two annotators' place mentions (`places.A.jsonl`, `places.B.jsonl`: {sentence, places: [{text,
    country}]}), adjudicated where they differ (`places.final.jsonl`), to the stand-off mentions; a sentence
    labelled before keeps its earlier row. Returns their agreement (mention F1 on sentence, text and country)."""
    shared = shared or default_shared()

    def read(name: str) -> dict[str, list[dict[str, object]]]:
        path = labels / name
        if not path.exists():
            return {}
        rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        return {r["sentence"]: r.get("places") or [] for r in rows}

    def pairs(places: list[dict[str, object]]) -> Counter[tuple[object, object]]:
        return Counter((p.get("text"), p.get("country") or None) for p in places)

    first, second, final = read("places.A.jsonl"), read("places.B.jsonl"), read("places.final.jsonl")
    sentences = {s.id: s for s in read_corpus()}
    with out.open(encoding="utf-8") as f:
        kept = {r["sentence"]: r for r in map(json.loads, filter(str.strip, f))}
    added = both = in_a = in_b = 0
    texts: dict[str, str] = {}
    for sid in first:
        if sid not in second or sid not in sentences or sid in kept:
            continue
        a, b = pairs(first[sid]), pairs(second[sid])
        both += sum((a & b).values())
        in_a += sum(a.values())
        in_b += sum(b.values())
        chosen = first[sid] if a == b else final.get(sid)
        if chosen is None:
            continue
        s = sentences[sid]
        text = texts.setdefault(s.doc, read_document(shared, s.doc).text)
        rows, taken = [], Counter()
        for p in chosen:
            needle = str(p.get("text") or "")
            hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text[s.start:s.end])
                    ] if needle else []  # whole words: "Kenya" is not in "Kenyan"
            if taken[needle] < len(hits):
                start = s.start + hits[taken[needle]]
                rows.append({"start": start, "end": start + len(needle), "country": p.get("country") or None})
            taken[needle] += 1
        kept[sid] = {"sentence": sid, "places": rows}
        added += 1
    with out.open("w", encoding="utf-8") as f:
        for row in kept.values():
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    agreement = 2 * both / (in_a + in_b) if in_a + in_b else 1.0
    return {"sentences_added": added, "mention_f1_between_annotators": round(agreement, 4),
            "mentions_first": in_a, "mentions_second": in_b}


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] != ["merge"] or len(sys.argv) < 3:
        sys.exit("usage: python -m attache.evaluate.places_corpus merge LABELS_DIR [SHARED]")
    print(json.dumps(merge_labels(Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)))
