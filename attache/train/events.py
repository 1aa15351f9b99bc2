"""`attache train events`: the learned PLOVER coder, trained on the events corpus (`data/plover_corpus.jsonl`).

Every article of the corpus is read from `../shared` and analysed by the pipeline with the rules coder; each
annotated sentence gives one example per candidate word (`components/events/features.py`), labelled with the
adjudicated event whose trigger covers it, else `NONE`. The project's own written dev sentences are added to
the training examples so that every type is seen. A multinomial logistic regression (scikit-learn,
L2, lbfgs: deterministic for the same data) is fitted on the train split; its strength and the `NONE`
margin are chosen on dev by sentence-level type F1; the model is refitted on train + dev and saved. The test
split is only scored, never used for a choice.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..components.events.features import CANDIDATE_POS, dense
from ..components.events.model import DEFAULT_PATH, NONE, EventModel
from .plover_corpus import CORPUS, Sentence, read_corpus
from .sources import default_shared, read_document

SEED = 13
STRENGTHS = (0.1, 0.3, 1.0, 3.0)
MARGINS = tuple(x / 4 for x in range(-8, 9))
MIN_FEATURE_COUNT = 2


@dataclass
class Example:
    sentence: str  # corpus sentence id
    split: str
    features: list[str]
    label: str
    vector: np.ndarray


@dataclass
class ParsedSentence:
    sentence: Sentence
    doc: object  # spacy Doc of the whole article
    index: int  # position of the sentence in its article
    gold: list[dict[str, object]]


def parse_corpus(sentences: list[Sentence], shared: Path, pipeline: object) -> list[ParsedSentence]:
    """Each adjudicated sentence with its article analysed (rules coder) once."""
    by_doc: dict[str, list[Sentence]] = {}
    for s in sentences:
        if s.events is not None:
            by_doc.setdefault(s.doc, []).append(s)
    parsed = []
    for path, group in by_doc.items():
        document = read_document(shared, path)
        doc = pipeline.parse(document.text, document.published)  # type: ignore[attr-defined]
        for index, s in enumerate(sorted(group, key=lambda x: x.start)):
            parsed.append(ParsedSentence(s, doc, index, list(s.events or ())))
    return parsed


def trigger_heads(parsed: Iterable[ParsedSentence]) -> Counter[str]:
    """Lemmas of the words that head the annotators' triggers (the word whose parent lies outside)."""
    found: Counter[str] = Counter()
    for p in parsed:
        for event in p.gold:
            span = event.get("trigger")
            if not span:
                continue
            words = p.doc.char_span(span[0], span[1], alignment_mode="expand")  # type: ignore[attr-defined]
            if words is None:
                continue
            head = words.root
            if head.pos_ in CANDIDATE_POS:
                found[head.lemma_.lower()] += 1
    return found


def examples(parsed: list[ParsedSentence], component: object, learned: frozenset[str]) -> list[Example]:
    """One example per candidate word of each sentence; each article's rules and context are built once."""
    by_doc: dict[int, list[ParsedSentence]] = {}
    for p in parsed:
        by_doc.setdefault(id(p.doc), []).append(p)
    out = []
    for group in by_doc.values():
        doc = group[0].doc
        spans = [(p, doc.char_span(p.sentence.start, p.sentence.end, alignment_mode="expand"))  # type: ignore[attr-defined]
                 for p in group]
        spans = [(p, sent) for p, sent in spans if sent is not None]
        of_start = {sent.start: p for p, sent in spans}
        rule_events = component.rule_events(doc)  # type: ignore[attr-defined]
        for sent, words, feature_lists in component.featurize(  # type: ignore[attr-defined]
                doc, [(p.index, sent) for p, sent in spans], learned, rule_events):
            p = of_start[sent.start]
            for token, feats in zip(words, feature_lists):
                out.append(Example(p.sentence.id, p.sentence.split, feats, _label(token, p.gold), dense(token)))
    return out


def _label(token: object, gold: list[dict[str, object]]) -> str:
    start = token.idx  # type: ignore[attr-defined]
    end = start + len(token)  # type: ignore[arg-type]
    for event in gold:
        span = event.get("trigger")
        if span and span[0] < end and start < span[1]:  # type: ignore[index]
            return str(event["type"])
    return NONE


WRITTEN = Path(__file__).parent / "data" / "events_written.jsonl"


def written_examples(pipeline: object, component: object, learned: frozenset[str]) -> list[Example]:
    """Training examples from sentences written for the project: the events dev set (every PLOVER type at
    least 11 times, so rare types have examples) and `data/events_written.jsonl` (weather, market and sports
    language, claims and slogans that are no events; planned meetings; refusals to concede). The word the
    rules coder gave the gold type is labelled with it, every other candidate `NONE`."""
    from ..evaluate.events import read

    out = []
    for number, example in enumerate(read() + read(WRITTEN)):
        doc = pipeline.parse(str(example["text"]), "2018-10-09")  # type: ignore[attr-defined]
        wanted = {str(t) for t in (example.get("type"), *(example.get("also") or ())) if t}
        rule_events = component.rule_events(doc)  # type: ignore[attr-defined]
        by_start = {e.trigger.start: e.type for e in rule_events}
        for sent, words, feature_lists in component.featurize(  # type: ignore[attr-defined]
                doc, list(enumerate(doc.sents)), learned, rule_events):
            for token, feats in zip(words, feature_lists):
                label = by_start.get(token.idx, NONE)
                out.append(Example(f"w{number}", "train", feats, label if label in wanted else NONE, dense(token)))
    return out


def sentence_f1(predicted: dict[str, set[str]], gold: dict[str, set[str]]) -> float:
    """Micro F1 over (sentence, type) pairs."""
    tp = sum(len(predicted.get(s, set()) & types) for s, types in gold.items())
    n_pred = sum(len(v) for v in predicted.values())
    n_gold = sum(len(v) for v in gold.values())
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


class Trainer:
    """Vectorises examples over a vocabulary and fits, scores and packages models."""

    def __init__(self, train: list[Example], learned: frozenset[str], use_dense: bool) -> None:
        counts = Counter(f for e in train for f in set(e.features))
        self.vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT))}
        self.learned = learned
        self.use_dense = use_dense

    def matrix(self, examples: list[Example]) -> object:
        from scipy.sparse import csr_matrix

        rows, cols = [], []
        for r, e in enumerate(examples):
            for c in sorted({self.vocabulary[f] for f in e.features if f in self.vocabulary}):
                rows.append(r)
                cols.append(c)
        from scipy.sparse import hstack

        sparse = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                            shape=(len(examples), len(self.vocabulary)))
        if not self.use_dense:
            return sparse
        return hstack([sparse, csr_matrix(np.stack([e.vector for e in examples]))]).tocsr()

    def fit(self, examples: list[Example], strength: float) -> EventModel:
        from sklearn.linear_model import LogisticRegression

        classifier = LogisticRegression(C=strength, max_iter=2000, random_state=SEED)
        classifier.fit(self.matrix(examples), [e.label for e in examples])
        classes = [str(c) for c in classifier.classes_]
        weights = classifier.coef_.T.astype(np.float32)
        bias = classifier.intercept_.astype(np.float32)
        if len(classes) == 2:  # a binary fit has one column: expand to one per class
            weights = np.hstack([-weights / 2, weights / 2])
            bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
        n = len(self.vocabulary)
        dense_weights = weights[n:] if self.use_dense else None
        return EventModel(dict(self.vocabulary), weights[:n], bias, classes, self.learned, 0.0, dense_weights)


def predict_sentences(model: EventModel, examples: list[Example]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {e.sentence: set() for e in examples}
    vectors = np.stack([e.vector for e in examples]) if examples else None
    for e, label in zip(examples, model.predict([e.features for e in examples], vectors)):
        if label != NONE:
            found[e.sentence].add(label)
    return found


def gold_sentences(parsed: list[ParsedSentence], split: str) -> dict[str, set[str]]:
    return {p.sentence.id: {str(e["type"]) for e in p.gold} for p in parsed if p.sentence.split == split}


def train(shared: Path | None = None, out: Path = DEFAULT_PATH, corpus: Path = CORPUS,
          log: object = print, score_test: bool = True) -> dict[str, object]:
    """Train, choose on dev, refit on train + dev, save to `out`; return the figures (the test split's only
    when `score_test`: while features are being developed, only dev is looked at)."""
    from ..pipeline import Options, Pipeline

    shared = shared or default_shared()
    pipeline = Pipeline(Options(component_config={"events": {"coder": "rules"}}))
    component = pipeline.nlp.get_pipe("attache_events")
    parsed = parse_corpus(read_corpus(corpus), shared, pipeline)
    train_parsed = [p for p in parsed if p.sentence.split == "train"]
    learned = frozenset(trigger_heads(train_parsed))
    data = examples(parsed, component, learned) + written_examples(pipeline, component, learned)
    by_split = {s: [e for e in data if e.split == s] for s in ("train", "dev", "test")}
    gold = {s: gold_sentences(parsed, s) for s in ("train", "dev", "test")}
    log(f"sentences {Counter(p.sentence.split for p in parsed)}; candidates {len(data)}; learned lemmas {len(learned)}")

    best = (-1.0, False, STRENGTHS[0], 0.0)
    for use_dense in (False, True):
        trainer = Trainer(by_split["train"], learned, use_dense)
        for strength in STRENGTHS:
            model = trainer.fit(by_split["train"], strength)
            for margin in MARGINS:
                model.none_margin = margin
                f1 = sentence_f1(predict_sentences(model, by_split["dev"]), gold["dev"])
                best = max(best, (f1, use_dense, strength, margin))
            log(f"dense={use_dense} C={strength}: best dev F1 so far {best[0]:.4f} {best[1:]}")
    dev_f1, use_dense, strength, margin = best

    curve = {}
    rng = random.Random(SEED)
    train_ids = sorted({p.sentence.doc for p in train_parsed})
    rng.shuffle(train_ids)
    for share in (0.25, 0.5, 1.0) if score_test else ():
        docs = set(train_ids[: max(1, round(len(train_ids) * share))])
        subset = [e for e, doc in _with_docs(by_split["train"], parsed) if doc is None or doc in docs]
        part = Trainer(subset, learned, use_dense).fit(subset, strength)
        part.none_margin = margin
        curve[f"{int(share * 100)}%"] = {
            "sentences": sum(1 for p in train_parsed if p.sentence.doc in docs),
            "test_type_f1": round(sentence_f1(predict_sentences(part, by_split["test"]), gold["test"]), 4)}
        log(f"learning curve {share:.0%}: {curve[f'{int(share * 100)}%']}")

    final_examples = by_split["train"] + by_split["dev"]
    final = Trainer(final_examples, learned, use_dense).fit(final_examples, strength)
    final.none_margin = margin
    out.parent.mkdir(parents=True, exist_ok=True)
    final.save(out)
    figures = {"seed": SEED, "dense": use_dense, "strength": strength, "none_margin": margin, "dev_type_f1_candidates": round(dev_f1, 4),
               "test_type_f1_candidates": round(sentence_f1(predict_sentences(final, by_split["test"]), gold["test"]), 4)
               if score_test else None,
               "learning_curve": curve, "features": len(final.vocabulary), "learned_lemmas": len(learned),
               "examples": {s: len(v) for s, v in by_split.items()}, "model": str(out),
               "bytes": out.stat().st_size}
    log(json.dumps(figures, indent=2))
    return figures


def _with_docs(examples_: list[Example], parsed: list[ParsedSentence]) -> Iterable[tuple[Example, str | None]]:
    """Each example with its corpus article (None for the written sentences, kept in every share)."""
    doc_of = {p.sentence.id: p.sentence.doc for p in parsed}
    return ((e, doc_of.get(e.sentence)) for e in examples_)
