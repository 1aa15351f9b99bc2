"""The PLOVER events corpus: which sentences of the shared real news were annotated, and their labels.

Sampling (`python -m attache.train.plover_corpus sample`) takes whole articles, in a seeded random order, from
the domestic side (PolNeAR train: 2016 US campaign news) and the international side (TimeBank, AQUAINT,
MEANTIME), until each side holds its quota of sentences; every article is assigned to train, dev or test at
that moment, before any label exists. Sentences are the model's sentences, cut again at line breaks.

The corpus file (`data/plover_corpus.jsonl`) is stand-off: one line per sentence with the document path under
`../shared`, character offsets, the split and the adjudicated events (type, mode, modality, and trigger, actor
and recipient as offsets into the document). It never holds the news text.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .sources import SharedDocument, default_shared, read_document

CORPUS = Path(__file__).parent / "data" / "plover_corpus.jsonl"
SEED = 2018
# Sentences wanted from each source (domestic half, international half).
QUOTAS = {"polnear": 1600, "timebank": 700, "aquaint": 450, "meantime": 450}
SPLIT_SHARES = (("test", 0.22), ("dev", 0.13), ("train", 0.65))
MIN_SENTENCES, MAX_SENTENCES = 6, 45


@dataclass
class Sentence:
    id: str
    doc: str
    start: int
    end: int
    split: str
    source: str
    events: list[dict[str, object]] | None = None  # adjudicated; None until then
    annotations: dict[str, list[dict[str, object]]] = field(default_factory=dict)  # the two annotators'

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "doc": self.doc, "start": self.start, "end": self.end, "split": self.split,
                "source": self.source, "events": self.events, "annotations": self.annotations}


def source_folders(shared: Path) -> dict[str, list[str]]:
    """Candidate documents per source, as paths relative to `shared`, in name order."""
    def rel(paths: Iterator[Path]) -> list[str]:
        return sorted(str(p.relative_to(shared)) for p in paths)
    data = shared / "data"
    return {"polnear": rel((data / "polnear" / "train" / "text").glob("*.txt")),
            "timebank": rel((data / "timeml" / "TimeBank").glob("*.tml")),
            "aquaint": rel((data / "timeml" / "AQUAINT").glob("*.tml")),
            "meantime": rel((data / "meantime" / "dev").glob("*.txt"))}


def sentence_offsets(doc_text: str, nlp: object) -> list[tuple[int, int]]:
    """Sentences of a text (the model's, also cut at line breaks), stripped, as character offsets."""
    found: list[tuple[int, int]] = []
    for sent in nlp(doc_text).sents:  # type: ignore[operator]
        pos = sent.start_char
        for line in doc_text[sent.start_char:sent.end_char].split("\n"):
            stripped = line.strip()
            if len(stripped) > 1:
                start = pos + line.index(stripped)
                found.append((start, start + len(stripped)))
            pos += len(line) + 1
    return found


def sample(shared: Path, nlp: object, seed: int = SEED) -> list[Sentence]:
    """Whole articles per source until each quota is met; splits assigned per article by share."""
    rng = random.Random(seed)
    sentences: list[Sentence] = []
    for source, paths in source_folders(shared).items():
        order = list(paths)
        rng.shuffle(order)
        taken: list[tuple[SharedDocument, list[tuple[int, int]]]] = []
        total = 0
        for path in order:
            if total >= QUOTAS[source]:
                break
            doc = read_document(shared, path)
            offsets = sentence_offsets(doc.text, nlp)
            if not MIN_SENTENCES <= len(offsets) <= MAX_SENTENCES:
                continue
            taken.append((doc, offsets))
            total += len(offsets)
        splits = _assign_splits(len(taken), rng)
        for (doc, offsets), split in zip(taken, splits):
            for start, end in offsets:
                sentences.append(Sentence(f"s{len(sentences):06d}", doc.path, start, end, split, source))
    return sentences


def _assign_splits(n: int, rng: random.Random) -> list[str]:
    labels: list[str] = []
    for split, share in SPLIT_SHARES:
        labels += [split] * round(n * share)
    labels = (labels + ["train"] * n)[:n]
    rng.shuffle(labels)
    return labels


def normalised(text: str) -> tuple[str, list[int]]:
    """`text` with whitespace runs made single spaces (as annotators saw it), and each character's offset."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        out.append(ch)
        where.append(i)
    return "".join(out).strip(), where


def locate(text: str, start: int, end: int, needle: object) -> list[int] | None:
    """Document offsets [start, end] of the first occurrence of `needle` in the sentence text[start:end]."""
    if not isinstance(needle, str) or not needle.strip():
        return None
    sentence, where = normalised(text[start:end])
    found = sentence.find(" ".join(needle.split()))
    if found < 0:
        return None
    last = found + len(" ".join(needle.split())) - 1
    return [start + where[found], start + where[last] + 1]


def standoff_event(text: str, sentence: Sentence, event: dict[str, object]) -> dict[str, object]:
    """An annotator's event with its trigger, actor and recipient texts turned into document offsets."""
    out: dict[str, object] = {"type": event.get("type"), "mode": event.get("mode"),
                              "modality": event.get("modality") or "asserted"}
    for role in ("trigger", "actor", "recipient"):
        out[role] = locate(text, sentence.start, sentence.end, event.get(role))
    for role in ("actor_country", "recipient_country"):
        if event.get(role):
            out[role] = event[role]
    return out


def merge_labels(sentences: list[Sentence], labels: Path, shared: Path) -> list[Sentence]:
    """Attach the two annotations (`batch_NN.A/B.jsonl`) and the adjudicated events (`batch_NN.final.jsonl`)
    to the corpus sentences, as stand-off. Sentences whose two annotations agree on the event types need no
    adjudication (the first annotator's spans are kept); the adjudicator saw every other sentence, and every
    sentence with an event in the test split (to give its actor and recipient countries)."""
    def read(pattern: str) -> dict[str, list[dict[str, object]]]:
        found: dict[str, list[dict[str, object]]] = {}
        for path in sorted(labels.glob(pattern)):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    found[row["id"]] = row.get("events") or []
        return found

    first, second, final = read("batch_*.A.jsonl"), read("batch_*.B.jsonl"), read("batch_*.final.jsonl")
    texts: dict[str, str] = {}
    for s in sentences:
        s.events, s.annotations = None, {}
        if s.id not in first or s.id not in second:
            continue
        text = texts.setdefault(s.doc, read_document(shared, s.doc).text)
        s.annotations = {name: [standoff_event(text, s, e) for e in got[s.id]]
                         for name, got in (("A", first), ("B", second))}
        if s.id in final:
            s.events = [standoff_event(text, s, e) for e in final[s.id]]
        elif _types(first[s.id]) == _types(second[s.id]):
            s.events = s.annotations["A"]  # both annotators agree on the types: no adjudication needed
    return sentences


def _types(events: list[dict[str, object]]) -> list[str]:
    return sorted(str(e.get("type")) for e in events)


def agreement(sentences: list[Sentence]) -> dict[str, float]:
    """Type F1 between the two annotators over (sentence, type) pairs, before adjudication."""
    both = [s for s in sentences if s.annotations]
    a = {(s.id, e["type"]) for s in both for e in s.annotations["A"]}
    b = {(s.id, e["type"]) for s in both for e in s.annotations["B"]}
    tp = len(a & b)
    f1 = 2 * tp / (len(a) + len(b)) if a or b else 0.0
    same_any = sum(bool(s.annotations["A"]) == bool(s.annotations["B"]) for s in both)
    return {"sentences": len(both), "type_f1": round(f1, 4), "pairs_a": len(a), "pairs_b": len(b),
            "event_or_not_agreement": round(same_any / len(both), 4) if both else 0.0}


ANCHORS = Path(__file__).parent / "data" / "event_anchors.jsonl"
ANCHOR_FIELDS = ("place_country", "date", "actor_country", "recipient_country")


def merge_anchors(sentences: list[Sentence], labels: Path, shared: Path) -> tuple[list[dict[str, object]],
                                                                                    dict[str, float]]:
    """Where, when and whose country for corpus events (`labels.A/B.jsonl`, adjudicated `labels.final.jsonl`
    where the two differ), as stand-off rows {eid, place: [start, end] | None, place_country, date,
    actor_country, recipient_country}; and the two annotators' agreement per field."""
    def read(name: str) -> dict[str, dict[str, object]]:
        path = labels / name
        if not path.exists():
            return {}
        return {r["eid"]: r for r in map(json.loads, filter(str.strip, path.read_text(encoding="utf-8").splitlines()))}

    first, second, final = read("labels.A.jsonl"), read("labels.B.jsonl"), read("labels.final.jsonl")
    by_id = {s.id: s for s in sentences}
    texts: dict[str, str] = {}
    rows, agree = [], {f: 0 for f in ANCHOR_FIELDS}
    both = [eid for eid in first if eid in second]
    for eid in both:
        a, b = first[eid], second[eid]
        for f in ANCHOR_FIELDS:
            agree[f] += (a.get(f) or None) == (b.get(f) or None)
        same = all((a.get(f) or None) == (b.get(f) or None) for f in ANCHOR_FIELDS)
        chosen = final.get(eid) or (a if same else None)
        if chosen is None:
            continue
        sentence = by_id[eid.split(".")[0]]
        text = texts.setdefault(sentence.doc, read_document(shared, sentence.doc).text)
        place = locate(text, sentence.start, sentence.end, chosen.get("place"))
        if place is None and chosen.get("place"):  # a dateline place: look in the article's first line
            first_line = text.lstrip().split("\n", 1)[0]
            offset = text.index(first_line)
            place = locate(text, offset, offset + len(first_line), chosen.get("place"))
        rows.append({"eid": eid, "place": place, **{f: chosen.get(f) or None for f in ANCHOR_FIELDS}})
    figures = {f"{f}_agreement": round(agree[f] / len(both), 4) for f in ANCHOR_FIELDS} if both else {}
    return rows, {"events": len(both), "resolved": len(rows), **figures}


def read_anchors(path: Path = ANCHORS) -> dict[str, dict[str, object]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {r["eid"]: r for r in map(json.loads, filter(str.strip, f))}


def read_corpus(path: Path = CORPUS) -> list[Sentence]:
    with path.open(encoding="utf-8") as f:
        return [Sentence(**json.loads(line)) for line in f if line.strip()]


def write_corpus(sentences: list[Sentence], path: Path = CORPUS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for s in sentences:
            f.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")


def main(argv: list[str]) -> None:
    if argv[:1] == ["sample"]:
        import spacy

        from ..pipeline import resolve_model

        shared = Path(argv[1]) if len(argv) > 1 else default_shared()
        nlp = spacy.load(resolve_model(), disable=["ner", "lemmatizer"])
        nlp.max_length = 2_000_000
        sentences = sample(shared, nlp)
        write_corpus(sentences)
        by = {}
        for s in sentences:
            by[(s.source, s.split)] = by.get((s.source, s.split), 0) + 1
        print(len(sentences), "sentences", json.dumps({f"{a}/{b}": n for (a, b), n in sorted(by.items())}))
    elif argv[:1] == ["merge"] and len(argv) > 1:
        shared = Path(argv[2]) if len(argv) > 2 else default_shared()
        sentences = merge_labels(read_corpus(), Path(argv[1]), shared)
        write_corpus(sentences)
        done = sum(s.events is not None for s in sentences)
        print(json.dumps({"adjudicated": done, **agreement(sentences)}))
    elif argv[:1] == ["anchors"] and len(argv) > 1:
        shared = Path(argv[2]) if len(argv) > 2 else default_shared()
        rows, figures = merge_anchors(read_corpus(), Path(argv[1]), shared)
        kept = read_anchors()  # earlier rounds' rows stay; a relabelled event takes its new row
        kept.update((row["eid"], row) for row in rows)
        with ANCHORS.open("w", encoding="utf-8") as f:
            for eid in sorted(kept, key=lambda e: (e.split(".")[0], int(e.split(".")[1]))):
                f.write(json.dumps(kept[eid], ensure_ascii=False) + "\n")
        print(json.dumps(figures))
    else:
        sys.exit("usage: python -m attache.train.plover_corpus sample [SHARED] | merge LABELS [SHARED] | "
                 "anchors LABELS [SHARED]")


if __name__ == "__main__":
    main(sys.argv[1:])
