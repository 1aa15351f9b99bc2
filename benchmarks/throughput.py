"""Throughput and memory: bare spaCy `nlp.pipe` vs the full Attaché pipeline, side by side in one run.

    .venv/bin/python benchmarks/throughput.py [--articles 300] [--rounds 3] [--components ...]

Each measurement runs in a fresh process (so peak RSS and start-up are its own), bare and Attaché
alternating, `--rounds` times; the table gives medians and the Attaché/bare ratio. The articles are the
project's examples (and the seed article when ../shared is present), repeated to `--articles`.
This machine is shared and noisy: read ratios and medians, not single figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(n: int) -> list[str]:
    from attache.ingest import Article, read_paths

    sources = [ROOT / "examples"]
    seed = ROOT.parent / "shared" / "seed" / "article.txt"
    if seed.exists():
        sources.append(seed)
    texts = [a.text for a in read_paths(sources) if isinstance(a, Article)]
    return [texts[i % len(texts)] for i in range(n)]


def worker(mode: str, n: int, components: list[str] | None, batch_size: int) -> dict[str, float]:
    started = time.perf_counter()
    if mode == "bare":
        import spacy

        from attache.pipeline import resolve_model

        nlp = spacy.load(resolve_model())
    else:
        from attache.pipeline import COMPONENTS, Pipeline

        pipeline = Pipeline(components=tuple(components or COMPONENTS), batch_size=batch_size)
    loaded = time.perf_counter()
    texts = corpus(n)
    tokenizer = nlp.tokenizer if mode == "bare" else pipeline.nlp.tokenizer
    tokens = sum(len(tokenizer(t)) for t in texts)
    t0 = time.perf_counter()
    if mode == "bare":
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        from attache.ingest import Article

        for _ in pipeline.pipe((Article(t) for t in texts), batch_size=batch_size):
            pass
    elapsed = time.perf_counter() - t0
    return {"startup_s": loaded - started, "elapsed_s": elapsed, "articles_per_s": n / elapsed,
            "tokens_per_s": tokens / elapsed,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--components", nargs="*", help="Attaché components to run (default: all)")
    parser.add_argument("--worker", choices=["bare", "attache"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.articles, args.components, args.batch_size)))
        return
    results: dict[str, list[dict[str, float]]] = {"bare": [], "attache": []}
    for _ in range(args.rounds):
        for mode in ("bare", "attache"):
            command = [sys.executable, __file__, "--worker", mode, "--articles", str(args.articles),
                       "--batch-size", str(args.batch_size)]
            if args.components:
                command += ["--components", *args.components]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{mode} run failed:\n{done.stderr}")
            results[mode].append(json.loads(done.stdout.splitlines()[-1]))
    med = {mode: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for mode, runs in results.items()}
    chars = sum(map(len, corpus(args.articles)))
    print(f"{args.articles} articles ({chars / args.articles:.0f} chars each on average), "
          f"{args.rounds} rounds, medians")
    print(f"{'':10} {'articles/s':>11} {'tokens/s':>10} {'start-up s':>11} {'peak RSS MB':>12}")
    for mode in ("bare", "attache"):
        m = med[mode]
        print(f"{mode:10} {m['articles_per_s']:11.1f} {m['tokens_per_s']:10.0f} {m['startup_s']:11.2f} "
              f"{m['peak_rss_mb']:12.0f}")
    ratios = [a["articles_per_s"] / b["articles_per_s"] for a, b in zip(results["attache"], results["bare"])]
    print(f"throughput ratio attache/bare: median {statistics.median(ratios):.2f} "
          f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
