"""The store at an archive's scale: load rate, size, and query latency at N synthetic articles.

    .venv/bin/python benchmarks/store_scale.py --articles 10000 [--db /tmp/scale-10k.db] [--reuse]
    .venv/bin/python benchmarks/store_scale.py --articles 100000 --db postgresql://... --reuse
        [--queries 200] [--rounds 3] [--clients 20 --seconds 30] [--export] [--json results.json]

1. Fills the store with `--articles` synthetic records (benchmarks/synth.py: ~15 entities, 10 quotes,
   5 events each; Zipf speakers) through `Store.bulk_load`, unless `--reuse` finds them there already (build
   once, measure many times; keep big stores under /tmp): articles/s and store rows/s (the store's work: the
   time spent making the synthetic records is measured apart and left out), size on disk.
2. Median and 95th-percentile latency over `--queries` varied queries of each kind (`--rounds N`: N times in a
   row, each round kept, the last the warm one): quotes by speaker (part of a name), by words, by a month's date
   range; a person's timeline; events by type and actor country; full-text search; an article page (record + its
   people); the people page (a type, a few pages deep); and the 1,000th page of the quotes, events, articles and
   people listings, reached by walking their cursors.
   Speakers, people and words are drawn from random stored rows, so they are as frequent as in the archive.
3. With `--clients`: `attache serve` in another process, that many concurrent clients for `--seconds` on a
   mix of API calls and pages: requests, errors (5xx or no answer), p50/p95.
4. With `--export`: `attache export quotes --format parquet` in another process: seconds, rows, peak RSS.

The machine is shared: figures vary by run; read them as orders of magnitude and growth, not to the ms.
The corpus-level features (provenance, story events, vectors) are not fed here (`corpus=False`): their cost
is measured by benchmarks/corpus_cost.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from attache.queries import EVENT_TYPES  # noqa: E402
from attache.store import open_store  # noqa: E402
from attache.store.tables import COUNTED  # noqa: E402

import synth  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(seconds: list[float]) -> dict[str, float]:
    return {"p50_ms": round(1000 * statistics.median(seconds), 1), "p95_ms": round(1000 * percentile(seconds, 95), 1),
            "n": len(seconds)}


def build(store: Any, n: int, batch: int) -> dict[str, Any]:
    """Fill the store up to `n` synthetic articles; the load rate of what was added."""
    have = store.count("articles")
    before = sum(store.count(t) for t in COUNTED)
    if have >= n:
        return {"reused": have}
    making = [0.0]

    def made() -> Any:  # the synthetic records, the time spent making them kept apart from the store's
        t = time.perf_counter()
        generator = synth.records(n - have, start=have)
        making[0] += time.perf_counter() - t
        while True:
            t = time.perf_counter()
            record = next(generator, None)
            making[0] += time.perf_counter() - t
            if record is None:
                return
            yield record

    started = time.perf_counter()
    added = store.bulk_load(made(), batch_size=batch, corpus=False,
                            progress=lambda k: print(f"\r  {have + k:,} articles", end="", file=sys.stderr))
    seconds = time.perf_counter() - started
    storing = seconds - making[0]
    rows = sum(store.count(t) for t in COUNTED) - before
    print(file=sys.stderr)
    return {"added": added, "seconds": round(seconds, 1), "making_records_s": round(making[0], 1),
            "storing_s": round(storing, 1), "articles_per_s": round(added / storing),
            "rows_per_s": round(rows / storing), "rows": rows,
            "articles_per_s_with_making": round(added / seconds)}


def size(store: Any, target: str) -> int:
    if target.startswith("postgres"):
        return int(store._execute("SELECT pg_database_size(current_database()) AS n")[0]["n"])
    return sum(os.path.getsize(p) for p in (target, target + "-wal") if os.path.exists(p))


def samples(store: Any, n: int, rng: random.Random) -> dict[str, list[Any]]:
    """Query values drawn from random stored articles (as frequent as in the archive)."""
    total = store.count("articles")
    ids = [f"s{rng.randrange(total):09d}" for _ in range(n)]
    speakers, words, people, events = [], [], [], []
    for article in ids:
        quotes = store.quotes(article=article, limit=20)
        q = rng.choice(quotes)
        speakers.append(q["speaker_name"].split()[-1])
        words.append(" ".join(rng.sample(q["content"].strip(",").split(), 2)))
        found = [p for p in store.article_people(article).values() if p]
        people.append(rng.choice(found))
        e = rng.choice(store.events(article=article, limit=10))
        events.append((e["type"], (e["actors"][0]["country"] if e["actors"] else None)))
    return {"ids": ids, "speakers": speakers, "words": words, "people": people, "events": events}


def deep_cursor(listing: Callable[..., Any], pages: int) -> tuple[Any, int]:
    """The cursor of the `pages`-th page of a listing (50 rows a page), walked from the first."""
    cursor = None
    for k in range(pages - 1):
        cursor = listing(limit=50, after=cursor).next
        if cursor is None:
            return None, k + 1
    return cursor, pages


TYPES = ("PERSON", "ORG", "GPE", None)


def queries(store: Any, n: int, seed: int = 3) -> dict[str, Any]:
    rng = random.Random(seed)
    s = samples(store, n, rng)
    kinds: dict[str, Callable[[int], Any]] = {
        "quotes_by_speaker": lambda i: store.quotes(speaker=s["speakers"][i], limit=50),
        "quotes_by_words": lambda i: store.quotes(search=s["words"][i], limit=50),
        "quotes_by_date_range": lambda i: store.quotes(since=f"{2005 + i % 20}-{1 + i % 12:02d}",
                                                       until=f"{2005 + i % 20}-{1 + i % 12:02d}", limit=50),
        "timeline": lambda i: store.timeline(s["people"][i], limit=200),
        "events_by_type_and_country": lambda i: store.events(type=s["events"][i][0],
                                                             actor_country=s["events"][i][1], limit=50),
        "search": lambda i: store.search(s["words"][i].split()[0], limit=20),
        "article_page": lambda i: (store.get(s["ids"][i]), store.article_people(s["ids"][i])),
        "people_page": lambda i: store.people(type=TYPES[i % 4], limit=50, after=deep[(TYPES[i % 4], i % 3)]),
    }
    deep = {(t, d): deep_cursor(lambda **k: store.people(type=t, **k), (1, 2, 5)[d])[0]  # noqa: B023
            for t in TYPES for d in range(3)}
    result: dict[str, Any] = {}
    for kind, run in kinds.items():
        times = []
        for i in range(n):
            t = time.perf_counter()
            run(i)
            times.append(time.perf_counter() - t)
        result[kind] = summary(times)
    listings = {"quotes": store.quotes, "events": store.events, "articles": store.articles, "people": store.people}
    times = []
    reached = {}
    for name, listing in listings.items():
        started = time.perf_counter()
        cursor, reached[name] = deep_cursor(listing, 1000)
        reached[name + "_walk_s"] = round(time.perf_counter() - started, 1)
        for _ in range(max(1, n // len(listings))):
            t = time.perf_counter()
            listing(limit=50, after=cursor)
            times.append(time.perf_counter() - t)
    result["page_1000"] = {**summary(times), "pages_reached": reached}
    return result


def http(target: str, clients: int, seconds: float, store: Any) -> dict[str, Any]:
    """Concurrent clients on a mix of API calls and pages of `attache serve`."""
    import httpx

    from api_load import free_port, start_server  # type: ignore[import-not-found]

    rng = random.Random(5)
    s = samples(store, 100, rng)
    paths = []
    for i in range(100):
        paths += [("/api/quotes", {"speaker": s["speakers"][i]}), ("/api/quotes", {"q": s["words"][i]}),
                  ("/api/events", {"type": rng.choice(EVENT_TYPES)}), (f"/api/articles/{s['ids'][i]}", {}),
                  (f"/api/people/{s['people'][i]}/timeline", {"limit": 100}), ("/people", {}), ("/", {}),
                  ("/api/search", {"q": s["words"][i].split()[0]}), (f"/articles/{s['ids'][i]}", {})]
    port = free_port()
    server = start_server(target, port)
    latencies: list[float] = []
    errors = [0]
    kinds: Counter[str] = Counter()  # what went wrong, and where: "503 /api/search", "ReadTimeout /people"
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client(k: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
            i = k
            while time.monotonic() < deadline:
                path, params = paths[i % len(paths)]
                i += clients
                t = time.perf_counter()
                try:
                    status = c.get(path, params=params).status_code
                    bad, kind = status >= 500, str(status)
                except httpx.HTTPError as exc:
                    bad, kind = True, type(exc).__name__
                with lock:
                    latencies.append(time.perf_counter() - t)
                    errors[0] += bad
                    if bad:
                        kinds[f"{kind} {path}"] += 1

    try:
        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:  # still answering the queue the clients left: its figures are taken
            server.kill()
            server.wait()
    return {"clients": clients, "seconds": seconds, "requests": len(latencies), "errors": errors[0],
            "error_kinds": dict(kinds), **summary(latencies)}


def export(target: str) -> dict[str, Any]:
    """`attache export quotes --format parquet` in a child process: time, rows, peak RSS."""
    out = Path(tempfile.mkdtemp()) / "quotes.parquet"
    code = ("import resource, sys, time; from attache.cli import app; t = time.perf_counter()\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", code, "export", "quotes", "--format", "parquet", "-o", str(out),
                           "--db", target], capture_output=True, text=True, check=True)
    seconds, rss = done.stdout.split()[-2:]
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(out).metadata.num_rows
    out.unlink()
    return {"seconds": round(float(seconds), 1), "rows": rows, "peak_rss_mb": round(int(rss) / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", help="SQLite path or postgresql:// URL (default: a new file under /tmp)")
    parser.add_argument("--reuse", action="store_true", help="keep what the store holds, add only what is missing")
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the queries this many times in a row (a big store's first round reads from disk)")
    parser.add_argument("--clients", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--export", action="store_true")
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    target = args.db or str(Path(tempfile.mkdtemp(prefix="attache-scale-")) / "store.db")
    if not args.reuse and not target.startswith("postgres") and os.path.exists(target):
        raise SystemExit(f"{target} exists: pass --reuse to measure it, or another --db")
    store = open_store(target)
    result: dict[str, Any] = {"engine": "postgres" if target.startswith("postgres") else "sqlite",
                              "articles": args.articles, "load": build(store, args.articles, args.batch)}
    result["counts"] = store.stats()
    result["size_mb"] = round(size(store, target) / 2**20)
    rounds = [queries(store, args.queries) for _ in range(max(1, args.rounds))] if args.queries else [{}]
    result["queries"] = rounds[-1]
    if len(rounds) > 1:
        result["query_rounds"] = rounds  # cold first, warm last
    if args.clients:
        result["http"] = http(target, args.clients, args.seconds, store)
    store.close()
    if args.export:
        result["export_quotes_parquet"] = export(target)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")


if __name__ == "__main__":
    main()
