"""What each pipeline stage costs, as a share of the spaCy model's own stages, in one process.

    .venv/bin/python benchmarks/components.py [--articles 200] [--rounds 5]

The articles (the same as `throughput.py`) go through the full pipeline one stage at a time; each stage's
time over all articles is recorded, `--rounds` times. The table gives, per stage, the median seconds and the
median share of the model's stages (tok2vec, tagger, parser, ner, ...). This machine is shared and noisy:
read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time

from throughput import corpus

from attache.ingest import Article
from attache.pipeline import Pipeline


def one_round(pipeline: Pipeline, texts: list[str], batch_size: int) -> dict[str, float]:
    """Seconds per stage over all `texts`, stages run batch by batch in pipeline order."""
    spent: dict[str, float] = {name: 0.0 for name in pipeline.nlp.pipe_names}
    for i in range(0, len(texts), batch_size):
        docs = [doc for _, doc in (pipeline._prepare(Article(t)) for t in texts[i:i + batch_size])]
        for name, stage in pipeline.nlp.pipeline:
            t0 = time.perf_counter()
            docs = list(stage.pipe(docs)) if hasattr(stage, "pipe") else [stage(d) for d in docs]
            spent[name] += time.perf_counter() - t0
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    pipeline = Pipeline()
    texts = corpus(args.articles)
    one_round(pipeline, texts[:args.batch_size], args.batch_size)  # warm up
    rounds = [one_round(pipeline, texts, args.batch_size) for _ in range(args.rounds)]
    ours = [n for n in pipeline.nlp.pipe_names if n.startswith("attache_")]
    model = [n for n in pipeline.nlp.pipe_names if n not in ours]
    shares = {n: [r[n] / sum(r[m] for m in model) for r in rounds] for n in pipeline.nlp.pipe_names}
    print(f"{args.articles} articles, {args.rounds} rounds, medians; share = stage time / model stages' time")
    print(f"{'stage':22} {'seconds':>8} {'ms/article':>11} {'share':>7}")
    for name in pipeline.nlp.pipe_names:
        seconds = statistics.median(r[name] for r in rounds)
        print(f"{name:22} {seconds:8.3f} {1000 * seconds / args.articles:11.2f} "
              f"{100 * statistics.median(shares[name]):6.1f}%")
    total = [sum(r[n] for n in ours) / sum(r[m] for m in model) for r in rounds]
    print(f"{'all attache stages':22} {'':8} {'':11} {100 * statistics.median(total):6.1f}%")


if __name__ == "__main__":
    main()
