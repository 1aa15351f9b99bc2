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
    events: list[dict[str, object]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "doc": self.doc, "start": self.start, "end": self.end, "split": self.split,
                "source": self.source, "events": self.events}


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
    else:
        sys.exit("usage: python -m attache.train.plover_corpus sample [SHARED]")


if __name__ == "__main__":
    main(sys.argv[1:])
