"""`attache train events`: the learned PLOVER coder, trained on the events corpus (`data/plover_corpus.jsonl`).

Every article of the corpus is read from `../shared` and analysed by the pipeline with the rules coder; each
annotated sentence gives one example: its features (`components/events/model.py`: what the rules proposed,
the lexicon's readings, the words and verbs, entities, quotation) and the set of types the annotators coded.
The project's written sentences (the events dev set and `data/events_written.jsonl`) are added to every
training set so that each type is seen. One logistic regression per type (scikit-learn, L2, lbfgs:
deterministic for the same data). Its strength and the two thresholds (keep a proposed event, add an unproposed
type) are chosen by sentence-level type F1 over five folds of the train and dev splits, grouped by article
(within `TOLERANCE` of the best, the choice that keeps most of the rules' proposals); the model is then fitted on all of train and dev and saved. The test split is only scored, never used for a choice.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..components.events.model import DEFAULT_PATH, EventModel, adds, keeps
from .plover_corpus import CORPUS, read_corpus
from .sources import default_shared, read_document

SEED = 13
FOLDS = 5
STRENGTHS = (0.3, 1.0, 3.0, 10.0)
KEEPS = tuple(x / 40 for x in range(0, 21))  # 0 .. 0.5
ADDS = (*(x / 20 for x in range(2, 19)), 1.01)  # 0.1 .. 0.9, or never
MIN_FEATURE_COUNT = 2
# How much cross-validated F1 the coder gives up to keep more of the rules' proposals: types the corpus holds few
# of (AGREE 25 times, CONSULT 22) are proposed well by the rules on diplomatic news the corpus has little of.
TOLERANCE = 0.01
WRITTEN = Path(__file__).parent / "data" / "events_written.jsonl"


@dataclass
class Example:
    sentence: str  # corpus sentence id, or "w<n>" for a written one
    doc: str  # its article (grouping for folds and the learning curve)
    split: str  # train, dev, test, or written
    features: list[str]
    types: set[str]  # gold
    proposed: set[str]  # what the rules coder proposed


def corpus_examples(shared: Path, pipeline: object, component: object, corpus: Path) -> list[Example]:
    """One example per adjudicated sentence, each article analysed (rules coder) once."""
    by_doc: dict[str, list] = {}
    for s in read_corpus(corpus):
        if s.events is not None:
            by_doc.setdefault(s.doc, []).append(s)
    out = []
    for path, group in by_doc.items():
        document = read_document(shared, path)
        doc = pipeline.parse(document.text, document.published)  # type: ignore[attr-defined]
        proposals = [e for e in doc._.attache_events or () if not e.background]  # as the coder decides at run time
        for s in group:
            sent = doc.char_span(s.start, s.end, alignment_mode="expand")
            if sent is None:
                continue
            proposed = [e for e in proposals if s.start <= e.trigger.start < s.end]
            out.append(Example(s.id, s.doc, s.split, component.type_features(doc, sent, proposed),  # type: ignore[attr-defined]
                               {str(e["type"]) for e in s.events or ()}, {e.type for e in proposed}))
    return out


def written_examples(pipeline: object, component: object) -> list[Example]:
    """Sentences written for the project: the events dev set (every PLOVER type at least 11 times) and
    `data/events_written.jsonl` (weather, market and sports language, claims and slogans that are no events)."""
    from ..evaluate.events import read

    out = []
    for number, example in enumerate(read() + read(WRITTEN)):
        doc = pipeline.parse(str(example["text"]), "2018-10-09")  # type: ignore[attr-defined]
        types = {str(t) for t in (example.get("type"), *(example.get("also") or ())) if t}
        proposals = [e for e in doc._.attache_events or () if not e.background]  # as the coder decides at run time
        features: set[str] = set()
        for sent in doc.sents:
            features |= set(component.type_features(  # type: ignore[attr-defined]
                doc, sent, [e for e in proposals if sent.start_char <= e.trigger.start < sent.end_char]))
        out.append(Example(f"w{number}", f"w{number}", "written", sorted(features), types,
                           {e.type for e in proposals}))
    return out


def sentence_f1(predicted: list[set[str]], gold: list[set[str]]) -> float:
    """Micro F1 over (sentence, type) pairs."""
    tp = sum(len(p & g) for p, g in zip(predicted, gold))
    n = sum(len(p) for p in predicted) + sum(len(g) for g in gold)
    return 2 * tp / n if n else 0.0


class Trainer:
    """Vectorises examples over a vocabulary and fits one logistic regression per type."""

    def __init__(self, train: list[Example]) -> None:
        counts = Counter(f for e in train for f in e.features)
        self.vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))}
        self.types = sorted({t for e in train for t in e.types})

    def matrix(self, examples: list[Example]) -> object:
        from scipy.sparse import csr_matrix

        rows, cols = [], []
        for r, e in enumerate(examples):
            for c in sorted({self.vocabulary[f] for f in e.features if f in self.vocabulary}):
                rows.append(r)
                cols.append(c)
        return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(examples), len(self.vocabulary)))

    def fit(self, examples: list[Example], strength: float, keep: float = 0.0, add: float = 1.01) -> EventModel:
        from sklearn.linear_model import LogisticRegression

        x = self.matrix(examples)
        weights = np.zeros((len(self.vocabulary), len(self.types)), dtype=np.float32)
        bias = np.full(len(self.types), -20.0, dtype=np.float32)  # a type seen once or never: never found
        for k, type_ in enumerate(self.types):
            y = np.array([type_ in e.types for e in examples])
            if y.sum() < 2:
                continue
            classifier = LogisticRegression(C=strength, max_iter=3000, random_state=SEED).fit(x, y)
            weights[:, k] = classifier.coef_[0]
            bias[k] = classifier.intercept_[0]
        return EventModel(dict(self.vocabulary), weights, bias, list(self.types), keep, add)


def decided(examples: list[Example], chances: list[dict[str, float]], keep: float, add: float) -> list[set[str]]:
    """The types the coder gives each example's sentence: the proposed ones it keeps and the ones it adds, as
    the pipeline decides them."""
    return [{t for t in e.proposed if keeps(t, c, keep, add)} | set(adds(c, add)) for e, c in zip(examples, chances)]


def decide(model: EventModel, examples: list[Example]) -> list[set[str]]:
    chances = [dict(zip(model.types, row.tolist())) for row in model.probabilities([e.features for e in examples])]
    return decided(examples, chances, model.keep, model.add)


def out_of_fold(examples: list[Example], written: list[Example], strength: float) -> list[dict[str, float]]:
    """Each example's type probabilities from a model fitted on the other folds (folds grouped by article)."""
    docs = sorted({e.doc for e in examples})
    random.Random(SEED).shuffle(docs)
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    chances: list[dict[str, float]] = [{} for _ in examples]
    for fold in range(FOLDS):
        held = [i for i, e in enumerate(examples) if fold_of[e.doc] == fold]
        rest = [e for e in examples if fold_of[e.doc] != fold] + written
        model = Trainer(rest).fit(rest, strength)
        for i, row in zip(held, model.probabilities([examples[i].features for i in held])):
            chances[i] = dict(zip(model.types, row.tolist()))
    return chances


def choose(examples: list[Example], written: list[Example], log: object) -> tuple[float, float, float, float]:
    """(F1, strength, keep, add) over the folds: of the choices within `TOLERANCE` of the best F1, the one that
    drops fewest of the rules' proposals (lowest `keep`), then the best F1."""
    gold = [e.types for e in examples]
    scored = []
    for strength in STRENGTHS:
        chances = out_of_fold(examples, written, strength)
        scored += [(sentence_f1(decided(examples, chances, keep, add), gold), strength, keep, add)
                   for keep in KEEPS for add in ADDS]
        log(f"C={strength}: best cross-validated F1 so far {max(scored)[0]:.4f}")
    best = max(scored)[0]
    return min((s for s in scored if s[0] >= best - TOLERANCE), key=lambda s: (s[2], -s[0]))


def train(shared: Path | None = None, out: Path = DEFAULT_PATH, corpus: Path = CORPUS,
          log: object = print, score_test: bool = True) -> dict[str, object]:
    """Choose by cross-validation on train + dev, fit on them, save to `out`; return the figures (the test
    split's only when `score_test`)."""
    from ..pipeline import Options, Pipeline

    shared = shared or default_shared()
    pipeline = Pipeline(Options(component_config={"events": {"coder": "rules"}}))
    component = pipeline.nlp.get_pipe("attache_events")
    data = corpus_examples(shared, pipeline, component, corpus)
    written = written_examples(pipeline, component)
    tuning = [e for e in data if e.split in ("train", "dev")]
    test = [e for e in data if e.split == "test"]
    log(f"sentences {Counter(e.split for e in data)}; written {len(written)}")
    rules_f1 = sentence_f1([e.proposed for e in tuning], [e.types for e in tuning])
    f1, strength, keep, add = choose(tuning, written, log)

    curve = {}
    train_docs = sorted({e.doc for e in data if e.split == "train"})
    random.Random(SEED).shuffle(train_docs)
    train_split = [e for e in data if e.split == "train"]
    for share in (0.25, 0.5, 1.0) if score_test else ():
        docs = set(train_docs[: max(1, round(len(train_docs) * share))])
        subset = [e for e in train_split if e.doc in docs] + written
        part = Trainer(subset).fit(subset, strength, keep, add)
        curve[f"{int(share * 100)}%"] = {
            "sentences": sum(1 for e in train_split if e.doc in docs),
            "test_type_f1": round(sentence_f1(decide(part, test), [e.types for e in test]), 4)}
        log(f"learning curve {share:.0%}: {curve[f'{int(share * 100)}%']}")

    final_examples = tuning + written
    final = Trainer(final_examples).fit(final_examples, strength, keep, add)
    out.parent.mkdir(parents=True, exist_ok=True)
    final.save(out)
    final = EventModel.load(out)  # the figures are those of the saved (float16) weights
    figures = {"seed": SEED, "strength": strength, "keep": keep, "add": add,
               "cross_validated_type_f1": round(f1, 4), "rules_type_f1_train_dev": round(rules_f1, 4),
               "test_type_f1_sentences": round(sentence_f1(decide(final, test), [e.types for e in test]), 4)
               if score_test else None,
               "rules_type_f1_test_sentences": round(sentence_f1([e.proposed for e in test], [e.types for e in test]), 4)
               if score_test else None,
               "learning_curve": curve, "features": len(final.vocabulary), "types": final.types,
               "examples": {s: sum(1 for e in data + written if e.split == s)
                            for s in ("train", "dev", "test", "written")},
               "model": str(out), "bytes": out.stat().st_size}
    log(json.dumps(figures, indent=2))
    return figures
