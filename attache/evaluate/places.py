"""Place resolution measured on the project's own dev set (`evaluate/data/places_dev.jsonl`): news-style
sentences written for Attaché, each place mention with the country (ISO 3166-1 alpha-3) it denotes, or null
for a made-up or country-less place.

- found: a gold mention that some predicted place overlaps.
- country accuracy: of the found mentions, the share whose predicted country equals the gold one (null = null).
- recall: found / gold.

`attache evaluate places [--data FILE]` calls `main(path)`; `evaluate(path, pipeline)` returns the figures.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..record import Place

if TYPE_CHECKING:
    from ..pipeline import Pipeline


@dataclass
class PlacesScore:
    """Counts of a places evaluation and the mentions it got wrong."""

    gold: int = 0
    found: int = 0
    right: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Country accuracy on the mentions found."""
        return self.right / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"gold": self.gold, "found": self.found, "right": self.right,
                "country_accuracy": round(self.accuracy, 4), "recall": round(self.recall, 4)}


def dev_path() -> Path:
    """The shipped dev set."""
    return Path(__file__).parent / "data" / "places_dev.jsonl"


def read(path: Path | None = None) -> list[dict[str, object]]:
    """The examples of a places JSONL file: {"text", "places": [{"start", "end", "text", "country"}]}."""
    with open(path or dev_path(), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def evaluate(path: Path | None = None, pipeline: Pipeline | None = None) -> PlacesScore:
    """Country accuracy (on mentions found) and recall of place mentions over a places JSONL file."""
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    score = PlacesScore()
    for example in read(path):
        text = str(example["text"])
        predicted = places_of(pipeline, text)
        for gold in example["places"]:  # type: ignore[attr-defined]
            score.gold += 1
            hits = [p for p in predicted if p.start < gold["end"] and gold["start"] < p.end]
            if not hits:
                if gold["country"] is None:
                    # A made-up place nobody resolved is the right outcome; count it as found and right.
                    score.found += 1
                    score.right += 1
                else:
                    score.errors.append({"text": gold["text"], "gold": gold["country"], "system": "(not found)",
                                         "sentence": text})
                continue
            score.found += 1
            if any(p.country == gold["country"] for p in hits):
                score.right += 1
            else:
                score.errors.append({"text": gold["text"], "gold": gold["country"],
                                     "system": hits[0].country, "name": hits[0].name, "sentence": text})
    return score


def places_of(pipeline: Pipeline, text: str) -> list[Place]:
    """The places the pipeline finds in `text`, run as English whatever the language guess says: the dev
    sentences are short, and a misjudged language would measure language detection, not places."""
    doc = pipeline.nlp.make_doc(text)
    doc._.attache_language = "en"
    doc = pipeline.nlp(doc)
    return list(doc._.attache_places or ())


def main(path: str | Path | None = None, out: TextIO | None = None, show_errors: bool = True) -> PlacesScore:
    """Print the figures (and the mistakes) of `evaluate` on `path` or the shipped dev set (to standard output,
    looked up when called)."""
    out = out or sys.stdout
    score = evaluate(Path(path) if path else None)
    out.write(json.dumps(score.as_dict()) + "\n")
    if show_errors:
        for err in score.errors:
            out.write(json.dumps(err, ensure_ascii=False) + "\n")
    return score


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
