"""The learned events coder's weights: a linear model over the features of `features.py`.

Stored as one compressed NumPy file inside the package (`models/events.npz`, rebuilt by `attache train
events`): the feature vocabulary, a weight row per feature and a bias per class (the 16 PLOVER types and
`NONE`), the trigger lemmas learned from the annotators, and the `NONE` margin chosen on the dev split.
Scoring a candidate is a sum of the weight rows of its known features: no scikit-learn at run time.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...errors import ModelError

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "events.npz"
NONE = "NONE"


@dataclass
class EventModel:
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, classes), float32
    bias: np.ndarray  # (classes,)
    classes: list[str]
    learned: frozenset[str]
    none_margin: float = 0.0
    dense_weights: np.ndarray | None = None  # (dense dimensions, classes): weights of `features.dense`

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> EventModel:
        """The model at `path`; E024 naming it when it is missing or unreadable."""
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as data:
                vocabulary = [str(x) for x in data["vocabulary"]]
                weights = data["weights"].astype(np.float32)
                bias = data["bias"].astype(np.float32)
                classes = [str(x) for x in data["classes"]]
                learned = frozenset(str(x) for x in data["learned"])
                margin = float(data["none_margin"])
                dense = data["dense_weights"].astype(np.float32) if "dense_weights" in data else None
        except FileNotFoundError:
            raise ModelError("E024", path=path, reason="no such file") from None
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as exc:
            raise ModelError("E024", path=path, reason=f"unreadable ({type(exc).__name__})") from None
        if weights.shape != (len(vocabulary), len(classes)) or bias.shape != (len(classes),) \
                or NONE not in classes:
            raise ModelError("E024", path=path, reason="weights do not match the vocabulary and classes")
        if dense is not None and (dense.ndim != 2 or dense.shape[1] != len(classes)):
            raise ModelError("E024", path=path, reason="dense weights do not match the classes")
        return cls({f: i for i, f in enumerate(vocabulary)}, weights, bias, classes, learned, margin, dense)

    def save(self, path: str | Path) -> None:
        vocabulary = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path, vocabulary=np.array(vocabulary), weights=self.weights.astype(np.float16), bias=self.bias,
            classes=np.array(self.classes), learned=np.array(sorted(self.learned)),
            none_margin=np.array(self.none_margin),
            dense_weights=(self.dense_weights if self.dense_weights is not None else np.zeros((0, len(self.classes))))
            .astype(np.float16))

    def scores(self, feature_lists: list[list[str]], vectors: np.ndarray | None = None) -> np.ndarray:
        """Class scores (logits) of each candidate, the `NONE` margin applied; `vectors` are the candidates'
        dense features (one row each) when the model has dense weights."""
        out = np.tile(self.bias, (len(feature_lists), 1))
        for row, feats in enumerate(feature_lists):
            index = [self.vocabulary[f] for f in feats if f in self.vocabulary]
            if index:
                out[row] += self.weights[index].sum(axis=0)
        if self.dense_weights is not None and len(self.dense_weights) and vectors is not None \
                and vectors.shape == (len(feature_lists), len(self.dense_weights)):
            out += vectors @ self.dense_weights
        out[:, self.classes.index(NONE)] += self.none_margin
        return out

    def predict(self, feature_lists: list[list[str]], vectors: np.ndarray | None = None) -> list[str]:
        """The best class of each candidate."""
        if not feature_lists:
            return []
        best = self.scores(feature_lists, vectors).argmax(axis=1)
        return [self.classes[i] for i in best]
