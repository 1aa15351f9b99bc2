"""Events measured on the annotated real-news corpus (`train/data/plover_corpus.jsonl`), end to end.

Each article is read from `../shared` and analysed whole (with its publication date); a system event belongs
to the annotated sentence its trigger starts in. Measures, as for the dev set (`evaluate/events.py`):
type P/R/F1 over (sentence, type) pairs; of the types found, the share whose first event has the gold
modality, whose actors include the adjudicated actor country, and whose recipients include the adjudicated
recipient country (countries as ISO 3166-1 alpha-3; intergovernmental bodies are not counted). Where the
events carry where/when labels (`train/data/event_anchors.jsonl`: place country and date, annotated blind), also
the share of found events whose place is in the gold place's country (over all events with a gold place, and over
those whose sentence or dateline names it, where the annotators marked the words: the where-and-when issue's
measure), and whose time value is the gold date.
`attache evaluate events --corpus test` scores the test split, which no choice of the model ever saw.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..train.plover_corpus import ANCHOR_FIELDS, CORPUS, Sentence, read_anchors, read_corpus
from ..train.sources import default_shared, read_document
from .events import EventsScore, report
from .times import canonical_value

if TYPE_CHECKING:
    from ..pipeline import Pipeline
    from ..record import Analysis, Event


def _country(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) == 3 and value.isalpha() and value != "IGO" else None


def _countries(record: Analysis, ids: list[str]) -> set[str]:
    entities = {e.id: e for e in record.entities}
    return {entities[i].actor.country for i in ids
            if i in entities and entities[i].actor is not None and entities[i].actor.country}


def _same_date(found: str | None, gold: str) -> bool:
    """Whether a found time names the gold date: the same value, or a part of that day or week ("2016-07-25TEV"
    is 2016-07-25, "2015-W51-WE" is 2015-W51); the gold labels are days, weeks, months or years."""
    value, want = canonical_value(found) or "", canonical_value(gold) or ""
    return value == want or value.startswith((want + "T", want + "-WE"))


def _shown(record: Analysis, ids: list[str]) -> list[str]:
    """How the found actors read in an error list: name and country."""
    entities = {e.id: e for e in record.entities}
    return [f"{entities[i].name} ({entities[i].actor.country if entities[i].actor else None})"
            for i in ids if i in entities]


def score_sentence(score: EventsScore, sentence: Sentence, record: Analysis) -> None:
    gold = list(sentence.events or ())
    found: dict[str, Event] = {}
    for event in record.reported_events:
        if sentence.start <= event.trigger.start < sentence.end:
            found.setdefault(event.type, event)
    gold_types = {str(e["type"]) for e in gold}
    wrong: dict[str, object] = {}
    for type_ in found:
        if type_ not in gold_types:
            score.fp += 1
            score.count(type_, "fp")
    for type_ in sorted(gold_types):
        event = found.get(type_)
        if event is None:
            score.fn += 1
            score.count(type_, "fn")
            wrong.setdefault("missed", []).append(type_)  # type: ignore[union-attr]
            continue
        score.tp += 1
        score.count(type_, "tp")
        first = next(e for e in gold if e["type"] == type_)
        score.modality_total += 1
        score.modality_right += event.modality == first.get("modality")
        anchors: list[dict[str, object]] = wrong.setdefault("anchors", [])  # type: ignore[assignment]
        actor, recipient = _country(first.get("actor_country")), _country(first.get("recipient_country"))
        if actor:
            score.actor_total += 1
            score.actor_right += actor in _countries(record, event.actors)
            if actor not in _countries(record, event.actors):
                anchors.append({"type": type_, "actor_country": actor, "found": _shown(record, event.actors)})
        if recipient:
            score.recipient_total += 1
            score.recipient_right += recipient in _countries(record, event.recipients)
            if recipient not in _countries(record, event.recipients):
                anchors.append({"type": type_, "recipient_country": recipient,
                                "found": _shown(record, event.recipients)})
        found_place, found_time = record.place(event.place), record.time_value(event.time)
        shown_place = f"{found_place.name} ({found_place.country})" if found_place else None
        place, date = _country(first.get("place_country")), first.get("date")
        if "date" in first:  # the event has a where/when label: a place or date where it says none is extra
            score.anchored += 1
            if found_place and not first.get("place_country"):
                score.place_extra += 1
                anchors.append({"type": type_, "place_country": None, "found": shown_place})
            if found_time and not date:
                score.date_extra += 1
                anchors.append({"type": type_, "date": None, "found": found_time})
        if place:
            right = getattr(found_place, "country", None) == place
            score.place_total += 1
            score.place_right += right
            if first.get("place"):  # the annotators marked where the text names it: the measure
                score.named_place_total += 1
                score.named_place_right += right
            if not right:
                anchors.append({"type": type_, "place_country": place, "found": shown_place})
        if isinstance(date, str) and date:
            score.date_total += 1
            right = _same_date(found_time, date)
            score.date_right += right
            if not right:
                anchors.append({"type": type_, "date": date, "found": found_time})
        if not anchors:
            del wrong["anchors"]
    extra = sorted(t for t in found if t not in gold_types)
    if extra:
        wrong["extra"] = extra
    if wrong:
        wrong["id"] = sentence.id
        wrong["text"] = record.text[sentence.start:sentence.end]
        score.errors.append(wrong)


def evaluate_corpus(split: str = "test", shared: Path | None = None, pipeline: Pipeline | None = None,
                    corpus: Path = CORPUS) -> EventsScore:
    """Figures over the adjudicated sentences of one split."""
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    shared = shared or default_shared()
    by_doc: dict[str, list[Sentence]] = {}
    for s in read_corpus(corpus):
        if s.split == split and s.events is not None:
            by_doc.setdefault(s.doc, []).append(s)
    anchors = read_anchors()
    for sentences in by_doc.values():
        for s in sentences:
            s.events = [{**e, **{k: v for k, v in anchors.get(f"{s.id}.{n}", {}).items()
                                 if k in ANCHOR_FIELDS or k == "place"}}
                        for n, e in enumerate(s.events or ())]
    score = EventsScore()
    for path, sentences in by_doc.items():
        document = read_document(shared, path)
        record = pipeline.analyze(document.text, published=document.published)
        for sentence in sentences:
            score_sentence(score, sentence, record)
    return score


def main(split: str, shared: Path | None = None, coder: str = "rules", out: TextIO | None = None,
         show_errors: bool = False) -> EventsScore:
    from ..pipeline import Options, Pipeline

    pipeline = Pipeline(Options(component_config={"events": {"coder": coder}}))
    score = evaluate_corpus(split, shared, pipeline)
    return report(score, {"corpus": CORPUS.name, "split": split, "coder": coder}, out, show_errors)
