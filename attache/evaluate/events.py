"""Event coding measured on the project's own dev set (`evaluate/data/events_dev.jsonl`): news-style
sentences written for Attaché, each with the PLOVER type of its event (or null when it reports none), the
mode, the countries (ISO 3166-1 alpha-3) of the actors and recipients, and the modality.

- type P/R/F1: micro-averaged over (sentence, type) pairs: gold is the sentence's type, system the set of
  types of the events found in it (a null sentence contributes only false positives). Types listed in an
  example's optional `also` (other events the sentence really reports) are neither required nor penalised.
- actor-country accuracy: of the gold events whose type was found and whose gold actors have countries, the
  share where the found event's actors (entity `actor.country`) share a country with the gold actors.
- modality accuracy: of the gold events whose type was found, the share with the gold modality (when several
  events of that type are found, the first one counts).

`attache evaluate events [--data FILE]` calls `main(path)`; `evaluate(path, pipeline)` returns the figures.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .measures import PRF

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..record import Analysis, Event


@dataclass
class EventsScore(PRF):
    """Counts of an events evaluation, per type, and the sentences it got wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    actor_right: int = 0
    actor_total: int = 0
    modality_right: int = 0
    modality_total: int = 0
    recipient_right: int = 0
    recipient_total: int = 0
    place_right: int = 0
    place_total: int = 0
    named_place_right: int = 0  # of the events whose sentence or dateline names their place (the gold marks it)
    named_place_total: int = 0
    date_right: int = 0
    date_total: int = 0
    place_extra: int = 0  # a place given to an event whose gold says the sentence names none
    date_extra: int = 0  # a date given to an event whose gold says the sentence names none
    anchored: int = 0  # found events of the right type with a where/when label
    per_type: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def actor_accuracy(self) -> float:
        return self.actor_right / self.actor_total if self.actor_total else 0.0

    @property
    def modality_accuracy(self) -> float:
        return self.modality_right / self.modality_total if self.modality_total else 0.0

    def count(self, type_: str, outcome: str) -> None:
        self.per_type.setdefault(type_, Counter())[outcome] += 1

    def as_dict(self) -> dict[str, object]:
        return {"type_precision": round(self.precision, 4), "type_recall": round(self.recall, 4),
                "type_f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "actor_country_accuracy": round(self.actor_accuracy, 4),
                "actor_right": self.actor_right, "actor_total": self.actor_total,
                "modality_accuracy": round(self.modality_accuracy, 4),
                "modality_right": self.modality_right, "modality_total": self.modality_total,
                **({"recipient_country_accuracy": round(self.recipient_right / self.recipient_total, 4),
                    "recipient_right": self.recipient_right, "recipient_total": self.recipient_total}
                   if self.recipient_total else {}),
                **({"place_accuracy": round(self.place_right / self.place_total, 4), "place_right": self.place_right,
                    "place_total": self.place_total} if self.place_total else {}),
                **({"named_place_accuracy": round(self.named_place_right / self.named_place_total, 4),
                    "named_place_right": self.named_place_right, "named_place_total": self.named_place_total}
                   if self.named_place_total else {}),
                **({"date_accuracy": round(self.date_right / self.date_total, 4), "date_right": self.date_right,
                    "date_total": self.date_total} if self.date_total else {}),
                **({"place_extra": self.place_extra, "date_extra": self.date_extra,
                    "anchored_events": self.anchored} if self.anchored else {})}


def dev_path() -> Path:
    """The shipped dev set."""
    return Path(__file__).parent / "data" / "events_dev.jsonl"


def read(path: Path | None = None) -> list[dict[str, object]]:
    """Examples of an events JSONL file: {"text", "type", "mode", "actors", "recipients", "modality"}."""
    with open(path or dev_path(), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _countries(record: Analysis, ids: list[str]) -> set[str]:
    entities = {e.id: e for e in record.entities}
    return {entities[i].actor.country for i in ids
            if i in entities and entities[i].actor is not None and entities[i].actor.country}


def score_example(score: EventsScore, example: dict[str, object], record: Analysis) -> None:
    """Add one sentence's outcome to `score`."""
    gold_type = example.get("type")
    also = set(example.get("also") or ())  # type: ignore[arg-type]
    found: dict[str, Event] = {}
    for event in record.reported_events:
        found.setdefault(event.type, event)
    for type_ in found:
        if type_ != gold_type and type_ not in also:
            score.fp += 1
            score.count(type_, "fp")
    wrong: dict[str, object] = {}
    if gold_type:
        gold_type = str(gold_type)
        event = found.get(gold_type)
        if event is None:
            score.fn += 1
            score.count(gold_type, "fn")
            wrong["missed"] = gold_type
        else:
            score.tp += 1
            score.count(gold_type, "tp")
            gold_actors = set(example.get("actors") or ())  # type: ignore[arg-type]
            if gold_actors:
                score.actor_total += 1
                got = _countries(record, event.actors)
                if got & gold_actors:
                    score.actor_right += 1
                else:
                    wrong["actors"] = {"gold": sorted(gold_actors), "system": sorted(got)}
            score.modality_total += 1
            if event.modality == example.get("modality"):
                score.modality_right += 1
            else:
                wrong["modality"] = {"gold": example.get("modality"), "system": event.modality}
    extra = sorted(t for t in found if t != gold_type and t not in also)
    if extra:
        wrong["extra"] = extra
    if wrong:
        wrong["text"] = example["text"]
        score.errors.append(wrong)


def evaluate(path: Path | None = None, pipeline: Pipeline | None = None) -> EventsScore:
    """Type P/R/F1, actor-country accuracy and modality accuracy over an events JSONL file."""
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    score = EventsScore()
    for example in read(path):
        score_example(score, example, pipeline.analyze(str(example["text"])))
    return score


def report(score: EventsScore, about: dict[str, object], out: TextIO | None = None,
           show_errors: bool = False) -> EventsScore:
    """Print the figures after `about` (what was scored), and with `show_errors` every sentence that went
    wrong, as JSON."""
    out = out or sys.stdout
    result: dict[str, object] = {**about, **score.as_dict(),
                                 "per_type": {t: dict(c) for t, c in sorted(score.per_type.items())}}
    if show_errors:
        result["errors"] = score.errors
    json.dump(result, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return score


def main(path: Path | None = None, out: TextIO | None = None, show_errors: bool = False,
         coder: str = "rules") -> EventsScore:
    """Score the dev set (or `path`) with the `coder` and print the figures."""
    from ..pipeline import Options, Pipeline

    pipeline = Pipeline(Options(component_config={"events": {"coder": coder}}))
    return report(evaluate(path, pipeline), {"data": str(path or dev_path()), "coder": coder}, out, show_errors)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else None,
         show_errors="--errors" in sys.argv)
