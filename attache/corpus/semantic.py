"""Search by meaning: quote vectors from a small static embedding model, combined with full-text search.

The model is WordLlama (`pip install "attache[semantic]"`: numpy only, its 256-d weights inside the wheel,
nothing fetched at run time). Each stored quote gets a unit vector (float16, in `quote_vectors`) when it is
stored. A query is embedded the same way; the quotes closest to it by cosine similarity are ranked beside
the full-text matches (any of the words, stemmed, best first) and the two rankings are fused by reciprocal
rank (`hybrid`, the default). `words` and `meaning` give either ranking alone (for measurement).

Without the model installed, quotes are stored without vectors and `hybrid` falls back to the words alone
(each answer says which `mode` it used).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from ..errors import ArgumentError
from ..queries import Query
from ..record import Analysis
from ..store.base import WORD, like_pattern, page

if TYPE_CHECKING:
    from ..store.sql import SQLStore

MODEL = "wordllama-l2-256"
DIM = 256
MODES = ("hybrid", "words", "meaning")
POOL = 200  # candidates taken from each ranking before fusing
RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
MEANING_WEIGHT = 1.0  # weight of the meaning ranking in the fusion (words: 1)
MIN_SIMILARITY = 0.1  # quotes less similar to the query than this are not found by meaning


@dataclass(frozen=True)
class AboutQuery(Query):
    """Statements about something, found by meaning and words, filtered by speaker, dates and outlet."""

    about: str = ""
    speaker: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    mode: str = "hybrid"
    limit: int = 20
    CHOICES: ClassVar[dict[str, tuple[tuple[str, ...], bool]]] = {"mode": (MODES, False)}

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.mode:
            object.__setattr__(self, "mode", "hybrid")


@functools.cache
def stopwords() -> frozenset[str]:
    from ..lexicons import read_lines

    return frozenset(read_lines("search_stopwords.txt"))


# -- the model ----------------------------------------------------------------------------------------------
_LOCK = threading.Lock()


@functools.cache
def _model() -> Any:
    """WordLlama from the weights inside its package (its own loader would look for the tokenizer in the
    wrong folder, or try the network); None when it is not installed."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    import os

    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


def available() -> bool:
    return _model() is not None


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (float32, one row per text)."""
    model = _model()
    if model is None:
        raise ArgumentError("E040", option="--about", value="", reason="search by meaning needs the model: "
                                                                      "pip install 'attache[semantic]'")
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _LOCK:
        vectors = np.asarray(model.embed(list(texts), norm=True), dtype=np.float32)
    return vectors


# -- filing quotes at ingest --------------------------------------------------------------------------------
def index(store: SQLStore, records: Sequence[Analysis]) -> None:
    """Store a vector for every quote of `records` (nothing when the model is not installed)."""
    if not available():
        return
    keys, texts = [], []
    for record in {r.id: r for r in records}.values():
        for q in record.quotes:
            keys.append((record.id, q.id))
            texts.append(q.content.text)
    if not texts:
        return
    vectors = embed(texts).astype(np.float16)
    store._many("INSERT INTO quote_vectors (article_id, quote_id, model, vector) VALUES (?, ?, ?, ?)",
                [(a, q, MODEL, v.tobytes()) for (a, q), v in zip(keys, vectors)])
    _Index.changed(store)


class _Index:
    """The store's quote vectors in memory (one matrix), reloaded when the store has changed."""

    _by_store: ClassVar[weakref.WeakKeyDictionary[Any, _Index]] = weakref.WeakKeyDictionary()

    def __init__(self) -> None:
        self.keys: list[tuple[str, str]] = []
        self.row: dict[tuple[str, str], int] = {}
        self.matrix = np.zeros((0, DIM), dtype=np.float32)
        self.count = -1
        self.lock = threading.Lock()

    @classmethod
    def of(cls, store: SQLStore) -> _Index:
        found = cls._by_store.get(store)
        if found is None:
            found = cls._by_store[store] = _Index()
        return found

    @classmethod
    def changed(cls, store: SQLStore) -> None:
        found = cls._by_store.get(store)
        if found is not None:
            found.count = -1

    def load(self, store: SQLStore) -> None:
        with self.lock:
            n = int(store._execute("SELECT count(*) AS n FROM quote_vectors")[0]["n"])
            if n == self.count:
                return
            rows = store._execute("SELECT article_id, quote_id, vector FROM quote_vectors WHERE model = ? "
                                  "ORDER BY article_id, quote_id", (MODEL,))
            self.keys = [(r["article_id"], r["quote_id"]) for r in rows]
            self.row = {k: i for i, k in enumerate(self.keys)}
            # float16 on disk, float32 in memory: numpy multiplies float16 without BLAS, ten times slower
            self.matrix = (np.frombuffer(b"".join(bytes(r["vector"]) for r in rows), dtype=np.float16)
                           .reshape(len(rows), DIM).astype(np.float32) if rows
                           else np.zeros((0, DIM), dtype=np.float32))
            self.count = n


# -- searching ----------------------------------------------------------------------------------------------
def _allowed(store: SQLStore, q: AboutQuery) -> set[tuple[str, str]] | None:
    """The quotes passing the filters (None: no filter given)."""
    where, params = _where(q)
    if not where:
        return None
    rows = store._execute("SELECT q.article_id, q.id FROM quotes q JOIN articles a ON a.id = q.article_id WHERE "
                          + " AND ".join(where), params)
    return {(r["article_id"], r["id"]) for r in rows}


def _where(q: AboutQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if q.speaker:
        where.append("(q.speaker_name LIKE ? ESCAPE '\\' OR q.speaker_text LIKE ? ESCAPE '\\')")
        params += [like_pattern(q.speaker)] * 2
    if q.source:
        where.append("a.source = ?")
        params.append(q.source)
    if q.since:
        where.append("a.published >= ?")
        params.append(q.since.isoformat())
    if q.until:
        where.append("a.published <= ?")
        params.append(q.until.isoformat())
    return where, params


def by_words(store: SQLStore, q: AboutQuery, pool: int = POOL) -> list[tuple[str, str]]:
    """Quotes holding any of the words (stemmed), best first, passing the filters."""
    words = [w for w in WORD.findall(q.about) if w.casefold() not in stopwords()] or WORD.findall(q.about)
    if not words:
        return []
    sub, params = store._match_any("quotes", words)
    where, fparams = _where(q)
    sql = (f"SELECT q.article_id, q.id FROM {sub} f JOIN quotes q ON q.article_id = f.article_id AND q.id = f.item_id "
           "JOIN articles a ON a.id = q.article_id" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY f.score DESC, q.article_id, q.id LIMIT ?")
    return [(r["article_id"], r["id"]) for r in store._execute(sql, [*params, *fparams, pool])]


def by_meaning(store: SQLStore, q: AboutQuery, pool: int = POOL) -> list[tuple[tuple[str, str], float]]:
    """Quotes closest in meaning to the query (cosine similarity), best first, passing the filters."""
    if not q.about.strip():
        return []
    index = _Index.of(store)
    index.load(store)
    if not index.keys:
        return []
    scores = index.matrix @ embed([q.about])[0]
    allowed = _allowed(store, q)
    if allowed is not None:
        mask = np.zeros(len(index.keys), dtype=bool)
        for key in allowed:
            i = index.row.get(key)
            if i is not None:
                mask[i] = True
        scores = np.where(mask, scores, np.float32(-np.inf))
    k = min(pool, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(index.keys[i], float(scores[i])) for i in top
            if np.isfinite(scores[i]) and float(scores[i]) >= MIN_SIMILARITY]


def fuse(*rankings: list[tuple[str, str]], weights: Sequence[float] = ()) -> list[tuple[tuple[str, str], float]]:
    """Reciprocal rank fusion: each item scores the sum of weight / (RRF_K + rank) over the rankings."""
    scores: dict[tuple[str, str], float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if n < len(weights) else 1.0
        for rank, key in enumerate(ranking, 1):
            scores[key] = scores.get(key, 0.0) + weight / (RRF_K + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


ROWS = ("SELECT q.article_id, q.id, q.kind, q.content, q.speaker_name, q.speaker_entity, e.person_id, q.cue, "
        "q.addressee, q.time_value, a.published, a.title, a.source FROM quotes q "
        "JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity WHERE ")


def search(store: SQLStore, query: AboutQuery | None = None, /, **values: Any) -> dict[str, Any]:
    """Statements about `about`, best first: `{"mode": used, "quotes": rows with score and ranks}`."""
    q = AboutQuery.of(query, **values)
    limit, offset = page(q.limit, q.offset)
    mode = q.mode if q.mode in MODES else "hybrid"
    if mode != "words" and not available():
        if mode == "meaning":
            embed([])  # E040 naming the missing extra
        mode = "words"
    pool = max(POOL, limit + offset)
    words = by_words(store, q, pool) if mode in ("hybrid", "words") else []
    meaning = by_meaning(store, q, pool) if mode in ("hybrid", "meaning") else []
    if mode == "words":
        ranked = [(k, 1.0 / (RRF_K + i)) for i, k in enumerate(words, 1)]
    elif mode == "meaning":
        ranked = meaning
    else:
        ranked = fuse(words, [k for k, _ in meaning], weights=(1.0, MEANING_WEIGHT))
    chosen = ranked[offset:offset + limit]
    if not chosen:
        return {"mode": mode, "quotes": []}
    word_rank = {k: i for i, k in enumerate(words, 1)}
    meaning_rank = {k: i for i, (k, _) in enumerate(meaning, 1)}
    similarity = dict(meaning)
    cond = " OR ".join("(q.article_id = ? AND q.id = ?)" for _ in chosen)
    rows = {(r["article_id"], r["id"]): r for r in
            store._execute(ROWS + cond, [v for (a, i), _ in chosen for v in (a, i)])}
    found = []
    for key, score in chosen:
        row = rows.get(key)
        if row is not None:
            found.append({**row, "score": round(score, 6), "words_rank": word_rank.get(key),
                          "meaning_rank": meaning_rank.get(key),
                          "similarity": round(similarity[key], 4) if key in similarity else None})
    return {"mode": mode, "quotes": found}


def about_query(style: str = "cli", **values: Any) -> AboutQuery:
    """An AboutQuery from options as typed (E040 on an empty query, a bad date or mode)."""
    about = (values.get("about") or "").strip()
    if not WORD.search(about):
        raise ArgumentError("E040", option="--about" if style == "cli" else "about", value=values.get("about"),
                            reason="give some words")
    values["mode"] = values.get("mode") or "hybrid"
    return AboutQuery.parse(style, **{**values, "about": about})
