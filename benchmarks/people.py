"""What joining people across articles costs: ingest with and without it, and joining a synthetic archive.

    .venv/bin/python benchmarks/people.py [--articles 300] [--rounds 3] [--synthetic 100000]

1. Ingest (analyse + store) of `--articles` articles (the project's examples, each stored as its own article)
   into a fresh SQLite store, with joining on and off, alternating, `--rounds` times: medians and the ratio.
2. Joining a synthetic archive of `--synthetic` articles of ten named entities each (people drawn from a
   population of full names, surnames alone, namesakes and organisations), in order, as `Store.rebuild_people`
   and `attache rejoin` do: seconds and people found. The machine is shared: read ratios, not single figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def ingest(records: list, join: bool) -> float:
    from attache.store import SQLiteStore

    store = SQLiteStore(":memory:")
    store.join_people = join
    started = time.perf_counter()
    for i in range(0, len(records), 16):
        store.add_many(records[i:i + 16])
    return time.perf_counter() - started


def synthetic(n: int, seed: int = 7) -> list[list[tuple[str, str]]]:
    rng = random.Random(seed)
    syllables = ["an", "bel", "cor", "dan", "el", "fin", "gar", "hol", "is", "jor", "kel", "lin", "mar", "nor",
                 "ol", "per", "quin", "ros", "sol", "tor", "ul", "ven", "wil", "yar", "zed"]
    word = lambda k: "".join(rng.choice(syllables) for _ in range(k)).capitalize()  # noqa: E731
    surnames = [word(2) for _ in range(20000)]
    givens = [word(2) for _ in range(3000)]
    people = [f"{rng.choice(givens)} {rng.choice(surnames)}" for _ in range(60000)]
    orgs = [f"{word(3)} {rng.choice(['Group', 'Party', 'Council', 'Institute', 'Bank'])}" for _ in range(5000)]
    cum, total = [], 0.0
    for k in range(len(people)):  # a few people are in many articles, most in few
        total += 1 / (k + 1)
        cum.append(total)
    out = []
    for _ in range(n):
        chosen = rng.choices(people, cum_weights=cum, k=7)
        article = [(p, "PERSON") for p in chosen]
        article += [(p.split()[-1], "PERSON") for p in chosen[:2]]  # surnames alone
        article.append((rng.choice(orgs), "ORG"))
        out.append(article)
    return out


def join_synthetic(n: int) -> dict[str, float]:
    from attache.people import EntityRow, Joiner, MemoryDirectory

    articles = synthetic(n)
    d = MemoryDirectory()
    joiner = Joiner(d)
    started = time.perf_counter()
    for a, entities in enumerate(articles):
        joiner.join([EntityRow(str(a), f"e{i}", name, type_) for i, (name, type_) in enumerate(entities)])
    return {"articles": n, "entities": sum(map(len, articles)), "seconds": round(time.perf_counter() - started, 1),
            "people": len(d.people)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=100_000)
    args = parser.parse_args()
    from attache.ingest import Article, read_paths
    from attache.pipeline import Pipeline

    texts = [a.text for a in read_paths([ROOT / "examples"]) if isinstance(a, Article)]
    pipeline = Pipeline()
    started = time.perf_counter()
    records = [pipeline.analyze(texts[i % len(texts)]) for i in range(args.articles)]
    analyse = time.perf_counter() - started
    records = [dataclasses.replace(r, id=f"{r.id}-{i}") for i, r in enumerate(records)]
    on, off = [], []
    for _ in range(args.rounds):
        off.append(ingest(records, join=False))
        on.append(ingest(records, join=True))
    store_on, store_off = statistics.median(on), statistics.median(off)
    print(json.dumps({"articles": args.articles, "analyse_s": round(analyse, 2), "store_joining_s": round(store_on, 3),
                      "store_without_s": round(store_off, 3),
                      "ingest_ratio": round((analyse + store_on) / (analyse + store_off), 3)}))
    print(json.dumps(join_synthetic(args.synthetic)))


if __name__ == "__main__":
    main()
