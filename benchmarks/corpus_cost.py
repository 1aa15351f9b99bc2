"""What the corpus-level features cost: ingest overhead, the embedding model's speed, and query latency.

    python benchmarks/corpus_cost.py ingest --input examples/ [--limit 200] [--embedder minilm|wordllama]
        analyses the articles once, then stores them twice (corpus features off, then on) and prints the
        overhead of clustering + story events + embedding as a share of the whole ingest time per article
    python benchmarks/corpus_cost.py model [--embedder minilm|wordllama] [--db polnear-corpus.db]
        the embedder's own speed: quotes per second (wall clock and per CPU-second of the process) on
        quote-length sentences (with --db: the store's real quotes), and its load time
    python benchmarks/corpus_cost.py meaning --db polnear-corpus.db
        p50/p95 of the hybrid meaning search for the labelled queries (attache/evaluate/data) on a real store
    python benchmarks/corpus_cost.py cluster --db polnear-corpus.db [--repeat 2]
        quote clustering alone, article by article in publication order, on a copy of a whole stored corpus
        (each article's quotes looked up among all earlier ones): ms per article, median and p95
    python benchmarks/corpus_cost.py queries --articles 100000 [--db synth.db]
        a synthetic store (hand-built records: 3 quotes and 1 event per article, speakers drawn from a Zipf
        distribution over 2,000 names, statements of Zipf-drawn words, 30% re-reported, some with a word
        dropped), then p50/p95 of a
        quote's provenance, a provenance search and a hybrid meaning search
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ingest_overhead(inputs: list[str], limit: int) -> dict[str, float]:
    import attache.corpus as corpus
    from attache.ingest import read_paths
    from attache.pipeline import Pipeline
    from attache.store import open_store

    articles = [a for a in read_paths(inputs) if not isinstance(a, Exception)][:limit]
    pipeline = Pipeline()
    pipeline.analyze("Warm up, the minister said.")
    started = time.perf_counter()
    records = list(pipeline.pipe(articles, batch_size=16))
    analyse = time.perf_counter() - started
    real_update = corpus.update
    times = {}
    for label, update in (("off", lambda store, records: None), ("on", real_update)):
        corpus.update = update  # type: ignore[assignment]
        with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "s.db")) as store:
            started = time.perf_counter()
            for i in range(0, len(records), 16):
                store.add_many(records[i:i + 16])
            times[label] = time.perf_counter() - started
    corpus.update = real_update  # type: ignore[assignment]
    n = len(records)
    whole_off = analyse + times["off"]
    return {"articles": n, "quotes": sum(len(r.quotes) for r in records),
            "analyse_ms_per_article": round(1000 * analyse / n, 2),
            "store_ms_per_article_corpus_off": round(1000 * times["off"] / n, 2),
            "store_ms_per_article_corpus_on": round(1000 * times["on"] / n, 2),
            "overhead_share_of_ingest": round((times["on"] - times["off"]) / whole_off, 4)}


def model_speed(name: str, n: int, db: str | None) -> dict[str, object]:
    from attache.corpus import embedders

    started = time.perf_counter()
    embedder = embedders.load(name)
    if embedder is None:
        raise SystemExit(f"{name} is not installed: {embedders.INSTALL[name]}")
    load = time.perf_counter() - started
    if db:
        from attache.store import open_store

        with open_store(db, create=False) as store:
            rows = store._execute("SELECT content FROM quotes ORDER BY article_id, id")
        sentences = [r["content"] or "" for r in random.Random(1).sample(rows, min(n, len(rows)))]
    else:
        rng = random.Random(1)
        words = "the minister said we will not raise taxes on families inspections talks summit border".split()
        sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(6, 30))) for _ in range(n)]
    embedder.embed(sentences[:8])  # warm up
    started, cpu = time.perf_counter(), time.process_time()
    embedder.embed(sentences)
    took, cpu_took = time.perf_counter() - started, time.process_time() - cpu
    return {"model": embedder.model_id, "load_s": round(load, 3), "quotes": len(sentences),
            "mean_words": round(sum(len(s.split()) for s in sentences) / len(sentences), 1),
            "quotes_per_s": round(len(sentences) / took, 1), "quotes_per_cpu_s": round(len(sentences) / cpu_took, 1),
            "threads": _threads()}


def _threads() -> int | None:
    try:
        import torch
    except ImportError:
        return None
    return int(torch.get_num_threads())


def meaning_latency(db: str, repeat: int) -> dict[str, object]:
    """Hybrid search latency for the labelled queries on a real store (the vectors loaded once before)."""
    from attache.corpus import semantic
    from attache.evaluate.corpus import read_labels
    from attache.store import open_store

    queries = [lab["query"] for lab in read_labels("semantic_labels.jsonl") if lab.get("query")]
    timings: dict[str, list[float]] = {"meaning_hybrid": [], "meaning_only": [], "words_only": []}
    with open_store(db, create=False) as store:
        started = time.perf_counter()
        semantic.search(store, about="warm up")
        load = time.perf_counter() - started
        for _ in range(repeat):
            for query in queries:
                for name, mode in (("meaning_hybrid", "hybrid"), ("meaning_only", "meaning"), ("words_only", "words")):
                    t = time.perf_counter()
                    semantic.search(store, about=query, mode=mode, limit=10)
                    timings[name].append(time.perf_counter() - t)
        result: dict[str, object] = {"quotes": store.count("quotes"), "model": semantic.recorded(store),
                                     "first_search_s (loads model and vectors)": round(load, 2)}
    for name, values in timings.items():
        result[name] = {"p50_ms": round(1000 * statistics.median(values), 1),
                        "p95_ms": round(1000 * percentile(values, 95), 1), "n": len(values)}
    return result


NAMES = ("Ana Lin", "Tom Reyes", "Maria Soto", "Lena Hart", "Omar Said", "Kim Vega", "Ravi Patel", "Eva Novak",
         "Jon Berg", "Ines Mora")
def _vocabulary(rng: random.Random, n: int = 6000) -> list[str]:
    """Pseudo-words from syllables, so that statements are as varied as real ones (a few templates would make
    every run of four words common)."""
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["ar", "en", "ol", "us", "ith"]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(n * 2)}
    return sorted(words)[:n]


def synthetic(n_articles: int, seed: int = 7):  # type: ignore[no-untyped-def]
    """Hand-built records, as the pipeline makes them: 3 quotes and 1 event per article. Statements are 8-25
    words drawn from a Zipf vocabulary with function words mixed in; 30% of quotes re-report a recent
    statement of the same speaker, a fifth of those with a word dropped (a variant)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from store_records import article  # type: ignore[import-not-found]

    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    common = "the a we will not and to of in that is for on it be".split()
    weights = [1 / (k + 1) for k in range(len(vocabulary))]
    people = [f"{rng.choice(NAMES).split()[0]} {rng.choice(vocabulary).title()}{i}" for i in range(2000)]
    speaker_weights = [1 / (k + 1) for k in range(len(people))]
    statements: list[tuple[str, str]] = []
    for k in range(n_articles):
        published = f"20{10 + k * 10 // n_articles:02d}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        quotes, who = [], []
        text = ""
        for _ in range(3):
            if statements and rng.random() < 0.3:
                speaker, words = rng.choice(statements[-5000:])
                if rng.random() < 0.2:
                    cut = words.split()
                    del cut[rng.randrange(len(cut))]
                    words = " ".join(cut)
            else:
                speaker = rng.choices(people, speaker_weights)[0]
                chosen = rng.choices(vocabulary, weights, k=rng.randint(8, 25))
                words = " ".join(w if rng.random() < 0.7 else f"{rng.choice(common)} {w}" for w in chosen)
                words = words[0].upper() + words[1:] + ","
                statements.append((speaker, words))
            if words in text:
                continue
            text += f"“{words}” {speaker} said. "
            quotes.append((words, speaker, speaker))
            if speaker not in who:
                who.append(speaker)
        a, b = who[0], who[-1]
        text += f"{a} met {b} on Monday."
        yield article(text, published, source=f"Outlet {k % 40}",
                      people=[(p, "PERSON", "USA", "GOV", [p]) for p in who], quotes=quotes,
                      events=[("CONSULT", " met ", [a], [b] if b != a else [], None, None)])


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def queries(n_articles: int, db: str | None, repeat: int) -> dict[str, object]:
    from attache.corpus import provenance, semantic
    from attache.store import open_store

    path = db or str(Path(tempfile.mkdtemp()) / "synth.db")
    store = open_store(path)
    have = store.count("articles")
    started = time.perf_counter()
    if have < n_articles:
        # every synthetic article is new: skip the store's delete-before-replace, whose full-text part scans
        # the whole index per article (a cost of the store, not of the corpus features measured here)
        store._delete = lambda article_id: None  # type: ignore[method-assign]
        batch = []
        for record in synthetic(n_articles - have, seed=7 + have):
            batch.append(record)
            if len(batch) == 500:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
    built = time.perf_counter() - started
    rng = random.Random(3)
    keys = store._execute("SELECT article_id, quote_id FROM quote_members ORDER BY article_id LIMIT 20000")
    words = _vocabulary(random.Random(7))[:2000]
    timings: dict[str, list[float]] = {"provenance_of_quote": [], "provenance_search": [], "meaning_hybrid": []}
    started = time.perf_counter()
    semantic.search(store, about="warm up")  # loads the vectors once (reported, not in the latencies)
    load = time.perf_counter() - started
    for _ in range(repeat):
        k = rng.choice(keys)
        t = time.perf_counter()
        provenance.of_quote(store, k["article_id"], k["quote_id"])
        timings["provenance_of_quote"].append(time.perf_counter() - t)
        t = time.perf_counter()
        provenance.clusters(store, search=rng.choice(words), limit=10)
        timings["provenance_search"].append(time.perf_counter() - t)
        t = time.perf_counter()
        semantic.search(store, about=" ".join(rng.sample(words, 3)), limit=10)
        timings["meaning_hybrid"].append(time.perf_counter() - t)
    result: dict[str, object] = {"articles": store.count("articles"), "quotes": store.count("quotes"),
                                 "build_s": round(built, 1), "vector_load_s": round(load, 2)}
    for name, values in timings.items() if repeat else ():
        result[name] = {"p50_ms": round(1000 * statistics.median(values), 1),
                        "p95_ms": round(1000 * percentile(values, 95), 1), "n": len(values)}
    store.close()
    return result


def clustering_cost(db: str, repeat: int) -> dict[str, float]:
    """Quote clustering alone (`provenance.index`), re-filing every stored article in publication order on a
    copy of the store, timed per article; the records are read before timing."""
    import sqlite3

    from attache.corpus import provenance
    from attache.store import open_store

    runs, cpus = [], []  # wall clock, and CPU time of this process (SQLite runs in it): less disturbed by others
    with tempfile.TemporaryDirectory() as tmp:
        copy = str(Path(tmp) / "c.db")
        source, target = sqlite3.connect(db), sqlite3.connect(copy)
        source.backup(target)  # a consistent copy, whatever the store's write-ahead log holds
        source.close()
        target.close()
        store = open_store(copy, create=False)
        records = list(store.records())
        for _ in range(repeat):
            for table in ("quote_shingles", "quote_shingle_counts", "quote_members"):
                store._execute(f"DELETE FROM {table}")
            times, cpu = [], []
            for record in records:
                start, start_cpu = time.perf_counter(), time.process_time()
                provenance.index(store, [record])
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
            runs.append(times)
            cpus.append(cpu)
        store.close()
    if len(records) < 2:
        raise SystemExit(f"{db}: clustering cost needs a store of 2 articles or more")
    best = min(runs, key=sum)  # the least disturbed run (2 shared cores)
    best_cpu = min(cpus, key=sum)
    return {"articles": len(records), "quotes": sum(len(r.quotes) for r in records), "runs": repeat,
            "ms_per_article_mean": round(statistics.mean(best), 2),
            "ms_per_article_median": round(statistics.median(best), 2),
            "ms_per_article_p95": round(statistics.quantiles(best, n=20)[-1], 2),
            "cpu_ms_per_article_mean": round(statistics.mean(best_cpu), 2),
            "cpu_ms_per_article_median": round(statistics.median(best_cpu), 2),
            "total_s_per_run": [round(sum(t) / 1000, 1) for t in runs],
            "cpu_s_per_run": [round(sum(t) / 1000, 1) for t in cpus]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    i = sub.add_parser("ingest")
    i.add_argument("--input", nargs="+", default=[str(ROOT / "examples")])
    i.add_argument("--limit", type=int, default=200)
    i.add_argument("--embedder", choices=("auto", "minilm", "minilm-speaker", "wordllama"), default="auto")
    m = sub.add_parser("model")
    m.add_argument("--embedder", choices=("minilm", "minilm-speaker", "wordllama"), default="wordllama")
    m.add_argument("--n", type=int, default=2000)
    m.add_argument("--db")
    s = sub.add_parser("meaning")
    s.add_argument("--db", required=True)
    s.add_argument("--repeat", type=int, default=3)
    c = sub.add_parser("cluster")
    c.add_argument("--db", required=True)
    c.add_argument("--repeat", type=int, default=2)
    q = sub.add_parser("queries")
    q.add_argument("--articles", type=int, default=100_000)
    q.add_argument("--db")
    q.add_argument("--repeat", type=int, default=100)
    q.add_argument("--embedder", choices=("auto", "minilm", "minilm-speaker", "wordllama"), default="wordllama")
    args = parser.parse_args()
    if args.what == "ingest":
        from attache.corpus import embedders

        embedders.prefer(args.embedder)
        print(json.dumps(ingest_overhead(args.input, args.limit), indent=2))
    elif args.what == "model":
        print(json.dumps(model_speed(args.embedder, args.n, args.db), indent=2))
    elif args.what == "cluster":
        print(json.dumps(clustering_cost(args.db, args.repeat), indent=2))
    elif args.what == "meaning":
        print(json.dumps(meaning_latency(args.db, args.repeat), indent=2))
    else:
        from attache.corpus import embedders

        embedders.prefer(args.embedder)
        print(json.dumps(queries(args.articles, args.db, args.repeat), indent=2))


if __name__ == "__main__":
    main()
