"""Scaling and memory of batch runs: 1 vs N local workers, the Ray engine on a local instance, worker RSS.

    .venv/bin/python benchmarks/scaling.py [--articles 400] [--stream 20000] [--workers 2] [--no-ray]
                                           [--no-memory] [--no-throughput]

Throughput: each engine runs in a fresh process twice, on a few articles and on `--articles`, and the rate is
the marginal one, (n_big - n_small) / (t_big - t_small): start-up (imports, model loading, worker and Ray
start) cancels out, so the figures are the steady state a long archive run sees; wall times are printed too.
Memory: a synthetic stream of `--stream` articles, each with made-up names and numbers (new strings for the
vocabulary every time: the worst case for growth), through the local engine's workers; the resident set
of every worker is read from /proc after each batch and compared between the 1,000th and the last article.
The machine is shared and noisy: read ratios, not single figures.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import throughput  # the same benchmark articles, from the script beside this one

SMALL = 64  # several batches, so worker pools start in the small run too and start-up cancels out


def corpus(n: int) -> list[str]:
    """The throughput benchmark's articles, each made distinct (so a store keeps every one), repeated to n."""
    return [f"{text}\n\n(Dispatch {i}.)" for i, text in enumerate(throughput.corpus(n))]


FIRST = ["Amara", "Tobias", "Leila", "Kenji", "Sofia", "Idris", "Mei", "Rafael", "Nadia", "Oskar"]
ROLES = ["minister", "spokesman", "governor", "union leader", "police chief", "mayor", "general"]
VERBS = ["said", "told reporters", "warned", "announced", "added", "insisted"]


def synthetic(i: int, rng: random.Random) -> str:
    """A news-like article with invented names, places and figures (new vocabulary in every one)."""
    def name() -> str:
        return f"{rng.choice(FIRST)} {''.join(rng.choice('bcdfghklmnprstvz') + rng.choice('aeiou') for _ in range(3)).title()}"

    def place() -> str:
        return ''.join(rng.choice('bdgklmnrstv') + rng.choice('aeiou') for _ in range(3)).title() + rng.choice(["ia", "on", "burg", "abad"])

    speaker, other, town = name(), name(), place()
    n = rng.randint(2, 900)
    return (f"{town.upper()}, March {1 + i % 28} — The {rng.choice(ROLES)} of {town}, {speaker}, {rng.choice(VERBS)} on "
            f"Tuesday that {n} families had been moved after floods near {place()}. “We are doing everything we can, "
            f"but the roads to {place()} are still closed,” {speaker.split()[1]} said. {other}, a resident, said the "
            f"water rose {rng.randint(1, 9)} metres overnight and that aid from {place()} had not arrived. Officials "
            f"expect to reopen the bridge on Friday, according to a statement issued at {rng.randint(1, 12)} p.m. "
            f"(Report {i}-{rng.randint(10_000, 99_999)}.)")


def run_engine(engine: str, n: int, workers: int) -> dict[str, float]:
    """Run one engine over n corpus articles in this process; wall time from before anything is loaded."""
    started = time.perf_counter()
    texts = corpus(n)
    from attache.ingest import Article
    from attache.pipeline import Options

    if engine == "ray":
        from attache.run.ray import RayRunner

        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in.jsonl"
            source.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
            tally = RayRunner(Options(), workers=workers, batch_size=16).run([str(source)], Path(tmp) / "out",
                                                                             tables=False)
            done = tally.articles + len(tally.failures)
    else:
        from attache.run import LocalRunner

        done = 0
        with LocalRunner(Options(), workers=workers, batch_size=16) as runner:
            for batch in runner.run(Article(text=t) for t in texts):
                done += len(batch)
    assert done == n, (done, n)
    return {"wall_s": time.perf_counter() - started}


def measure_engine(engine: str, n: int, workers: int) -> dict[str, float]:
    walls = {}
    for size in (SMALL, n):
        command = [sys.executable, __file__, "--worker", engine, "--articles", str(size), "--workers", str(workers)]
        line = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        walls[size] = json.loads(line)["wall_s"]
    return {"small_s": walls[SMALL], "big_s": walls[n], "rate": (n - SMALL) / (walls[n] - walls[SMALL])}


def rss_mb(pid: int) -> tuple[float, float]:
    """Current and peak resident set of a process, MB (from /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def memory(stream: int, workers: int) -> None:
    from attache.ingest import Article
    from attache.pipeline import Options
    from attache.run import LocalRunner

    rng = random.Random(7)
    runner = LocalRunner(Options(), workers=workers, batch_size=16)
    samples: dict[int, dict[int, float]] = {}
    done, started = 0, time.perf_counter()
    marks = [1000 * k for k in range(1, stream // 1000 + 1)]
    with runner:
        for batch in runner.run(Article(text=synthetic(i, rng)) for i in range(stream)):
            done += len(batch)
            if marks and done >= marks[0]:
                marks.pop(0)
                pool = runner._executor
                pids = sorted(pool._processes) if pool is not None else []  # noqa: SLF001 (measurement only)
                samples[done] = {pid: rss_mb(pid)[0] for pid in pids}
                peaks = {pid: rss_mb(pid)[1] for pid in pids}
                print(f"  {done:6d} articles {done / (time.perf_counter() - started):6.1f}/s  RSS MB per worker: "
                      + ", ".join(f"{samples[done][p]:.0f} (peak {peaks[p]:.0f})" for p in pids), flush=True)
    first, last = min(samples), max(samples)
    print(f"memory: {stream} synthetic articles, {workers} workers")
    for pid in samples[first]:
        a, b = samples[first][pid], samples[last].get(pid, float("nan"))
        print(f"  worker {pid}: RSS {a:.0f} MB at article {first}, {b:.0f} MB at article {last} "
              f"({(b - a) / a * 100:+.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--stream", type=int, default=20_000)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--worker", choices=["local", "ray"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_engine(args.worker, args.articles, args.workers)))
        return
    if not args.no_throughput:
        runs = {"local, 1 worker": ("local", 1), f"local, {args.workers} workers": ("local", args.workers)}
        if not args.no_ray:
            runs[f"ray (local instance), {args.workers} workers"] = ("ray", args.workers)
        results = {label: measure_engine(engine, args.articles, w) for label, (engine, w) in runs.items()}
        base = results["local, 1 worker"]["rate"]
        chars = sum(map(len, corpus(args.articles))) / args.articles
        print(f"throughput: {args.articles} articles ({chars:.0f} chars each on average); marginal rate over "
              f"{SMALL} -> {args.articles} articles")
        print(f"{'':38} {'articles/s':>10} {'vs 1 worker':>11} {'wall s (' + str(SMALL) + ')':>12} "
              f"{'wall s (' + str(args.articles) + ')':>13}")
        for label, r in results.items():
            print(f"{label:38} {r['rate']:10.2f} {r['rate'] / base:11.2f} {r['small_s']:12.1f} {r['big_s']:13.1f}")
        per_core_hour = base * 3600
        print(f"paper estimate: {per_core_hour:,.0f} articles/hour per core (1 worker); one million articles in "
              f"one hour needs ~{1_000_000 / per_core_hour:.0f} cores at that rate")
    if not args.no_memory:
        memory(args.stream, args.workers)


if __name__ == "__main__":
    main()
