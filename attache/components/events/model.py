"""The learned events coder: which PLOVER types a sentence reports, decided by a model trained on real news.

The rules coder (trigger lexicon, parse rules, statements' valence) proposes events; the model reads each
sentence as a whole (`sentence_features`: the rules' proposals, the lexicon's readings, the words, the verbs
with their arguments, the kinds of entities, quotation, how negative its words are) and gives each type a probability (one logistic
regression per type). A proposal whose type the model finds unlikely (below `keep`) is dropped; a type the model
finds likely (at or above `add`) that nothing proposed is added, on the word that names it best
(`EventsComponent._added`). The weights ship inside the package (`models/events.npz`, rebuilt by `attache
train events`); scoring is a sum of weight rows: no scikit-learn at run time.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from ...errors import ModelError
from ...record import Event
from .triggers import TriggerLexicon

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "events.npz"
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "prep", "xcomp", "ccomp"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SHORT, LONG = 8, 40  # words: a sentence this short or long reads differently


def sentence_features(sent: Span, proposed: Iterable[Event], lexicon: TriggerLexicon,
                      quoted: list[tuple[int, int]], valence: Callable[[Token], float]) -> list[str]:
    """What the model sees of one sentence; the same code builds training examples (`attache train events`).
    `valence` scores a word's negative judgment (the statements coder's: an accusation needs one)."""
    feats: set[str] = set()
    judged = sum(v for t in sent if (v := valence(t)) < 0)
    feats.add("neg=0" if judged == 0 else "neg<=-3" if judged <= -3 else "neg<=-1.5" if judged <= -1.5 else "neg<0")
    proposed = list(proposed)
    for event in proposed:
        feats |= {f"r={event.type}", f"rm={event.type}|{event.modality}"}
    if not proposed:
        feats.add("r=NONE")
    if any(s < sent.end_char and sent.start_char < e for s, e in quoted):
        feats.add("quoted")
    for token in sent:
        lemma = token.lemma_.lower()
        reading = lexicon.reading(token)
        if reading is not None and reading.type != "-":
            feats |= {f"lex={reading.type}", f"lexl={reading.type}|{lemma}"}
        if token.pos_ in CONTENT_POS:
            feats.add(f"u={lemma}")
        if token.pos_ == "VERB":
            if any(c.dep_ == "neg" for c in token.children):
                feats.add(f"vneg={lemma}")
            feats |= {f"vd={lemma}|{c.dep_}|{c.ent_type_ or c.lemma_.lower()}" for c in token.children
                      if c.dep_ in ARGUMENT_DEPS}
        if token.dep_ == "ROOT":
            feats.add(f"root={lemma}")
        if token.ent_type_ in NAMED_TYPES:
            feats.add(f"ent={token.ent_type_}")
    words = sum(1 for t in sent if not t.is_punct)
    if words < SHORT:
        feats.add("short")
    if words > LONG:
        feats.add("long")
    return sorted(feats)


def keeps(type_: str, chance: dict[str, float], keep: float, add: float) -> bool:
    """Whether a proposed event of `type_` stays, given the sentence's type probabilities: at `keep`, or at `add`
    (where the type would be added anyway); a type the model never learned stays."""
    return type_ not in chance or chance[type_] >= min(keep, add)


def adds(chance: dict[str, float], add: float) -> list[str]:
    """The types found in a sentence whatever the rules proposed."""
    return sorted(t for t, p in chance.items() if p >= add)


@dataclass
class EventModel:
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, types), float32
    bias: np.ndarray  # (types,)
    types: list[str]
    keep: float  # a proposed event stays when its type's probability reaches this
    add: float  # a type no rule proposed is added when its probability reaches this

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> EventModel:
        """The model at `path`; E024 naming it when it is missing or unreadable."""
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                vocabulary = [str(x) for x in data["vocabulary"]]
                weights = data["weights"].astype(np.float32)
                bias = data["bias"].astype(np.float32)
                types = [str(x) for x in data["types"]]
                keep, add = (float(x) for x in data["thresholds"])
        except FileNotFoundError:
            raise ModelError("E024", path=path, reason="no such file") from None
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelError("E024", path=path, reason=f"unreadable ({type(exc).__name__})") from None
        if weights.shape != (len(vocabulary), len(types)) or bias.shape != (len(types),):
            raise ModelError("E024", path=path, reason="weights do not match the vocabulary and types")
        return cls({f: i for i, f in enumerate(vocabulary)}, weights, bias, types, keep, add)

    def save(self, path: str | Path) -> None:
        vocabulary = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(path, vocabulary=np.array(vocabulary), weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32), types=np.array(self.types),
                            thresholds=np.array([self.keep, self.add], dtype=np.float64))

    def keeps(self, type_: str, chance: dict[str, float]) -> bool:
        return keeps(type_, chance, self.keep, self.add)

    def adds(self, chance: dict[str, float]) -> list[str]:
        return adds(chance, self.add)

    def probabilities(self, feature_lists: list[list[str]]) -> np.ndarray:
        """The probability of each type (columns, `types` order) for each sentence's features (rows)."""
        out = np.tile(self.bias, (len(feature_lists), 1))
        for row, feats in enumerate(feature_lists):
            index = [self.vocabulary[f] for f in feats if f in self.vocabulary]
            if index:
                out[row] += self.weights[index].sum(axis=0)
        return 1.0 / (1.0 + np.exp(-out))
