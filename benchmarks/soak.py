"""Soak test: a hostile archive through `attache ingest --workers 2`, killed and resumed, while `attache serve`
answers 100 concurrent clients over the same store.

    .venv/bin/python benchmarks/soak.py                           # 5,000 articles, 60 s of API load
    .venv/bin/python benchmarks/soak.py --articles 400 --seconds 10   # a quick run

Writes the corpus into a temporary folder (soak_corpus.py: news-like articles from templates, about 10%
hostile inputs), starts the ingest, serves the store once the ingest has stored its first article, runs the
clients (quote searches, /api/stats, full-text search, article pages and records; loopback only, bounded in
time), SIGKILLs the ingest's process group part-way and runs the same command again. Then checks: every good
article stored exactly once (by the marker each one carries, and its id and fingerprint where the input fixes
them), nothing else stored, every bad input listed with its code by the resumed run and nothing else listed,
no traceback, no API error (5xx, other non-200, connection error). Prints a JSON summary; exits 1 if any
check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import soak_corpus  # noqa: E402  (beside this script)
from api_load import SPEAKERS, WORDS, free_port  # noqa: E402

MARKER = re.compile(r"SOAK-\d{6}")


def attache_command() -> list[str]:
    """The `attache` entry point of this interpreter's environment."""
    script = Path(sys.executable).parent / "attache"
    return [str(script)] if script.exists() else [sys.executable, "-m", "attache.cli"]


def stored_count(db: Path) -> int:
    """Articles in the store so far (0 while it does not exist or has no tables yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def start_ingest(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    """`attache ingest` in its own process group (so one signal reaches its workers too)."""
    with log.open("ab") as fh:
        return subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """`attache serve` over the store (its log to a file, read for tracebacks); returns once it answers."""
    with log.open("ab") as fh:
        process = subprocess.Popen([*attache_command(), "serve", "--db", str(db), "--port", str(port)],
                                   stdout=fh, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).raise_for_status()
            return process
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("server did not start: " + log.read_text(errors="replace")[-2000:])
            time.sleep(0.2)


class Client:
    """One of the concurrent clients: a bounded loop of mixed requests until the deadline."""

    def __init__(self, http: httpx.AsyncClient, number: int) -> None:
        self.http, self.number = http, number
        self.ids: list[str] = []
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()

    def request(self, k: int) -> tuple[str, dict[str, str]]:
        word = WORDS[(self.number + k) % len(WORDS)]
        kind = (self.number + k) % 5
        if kind == 0 or (kind >= 3 and not self.ids):
            speaker = SPEAKERS[k % len(SPEAKERS)]
            return "/api/quotes", {"q": word, "limit": "20", **({"speaker": speaker} if speaker else {})}
        if kind == 1:
            return "/api/stats", {}
        if kind == 2:
            return "/api/search", {"q": word, "limit": "10"}
        article = self.ids[k % len(self.ids)]
        return (f"/articles/{article}", {}) if kind == 3 else (f"/api/articles/{article}", {})

    async def run(self, deadline: float) -> None:
        k = 0
        while time.monotonic() < deadline:
            if k % 25 == 0:
                await self.refresh()
            path, params = self.request(k)
            await self.one(path, params)
            k += 1

    async def refresh(self) -> None:
        """Article ids to fetch, from a page of the newest listing (the store grows while the clients run):
        client n follows the next-page cursor n % 7 times."""
        params = {"limit": "50"}
        for _ in range(self.number % 7 + 1):
            response = await self.one("/api/articles", params)
            if response is None:
                return
            self.ids = [row["id"] for row in response.json()] or self.ids
            if "X-Next-Cursor" not in response.headers:
                return
            params = {"limit": "50", "cursor": response.headers["X-Next-Cursor"]}

    async def one(self, path: str, params: dict[str, str]) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await self.http.get(path, params=params)
        except httpx.HTTPError as exc:
            self.latencies.append(time.perf_counter() - started)
            self.errors[type(exc).__name__] += 1
            return None
        self.latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            self.errors[f"HTTP {response.status_code} {path.split('/')[1]}"] += 1
            return None
        return response


async def load(url: str, clients: int, seconds: float, timeout: float) -> dict[str, Any]:
    """`clients` concurrent clients for `seconds`; requests, errors, median and 95th-percentile latency."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        crowd = [Client(http, number) for number in range(clients)]
        started = time.monotonic()
        await asyncio.wait_for(asyncio.gather(*(c.run(started + seconds) for c in crowd)), seconds + 2 * timeout)
        wall = time.monotonic() - started
    latencies = sorted(ms * 1000 for c in crowd for ms in c.latencies)
    errors = sum((c.errors for c in crowd), Counter())
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)] if latencies else 0.0
    return {"clients": clients, "requests": len(latencies), "errors": sum(errors.values()),
            "error_kinds": dict(errors), "median_ms": round(statistics.median(latencies), 1) if latencies else 0,
            "p95_ms": round(p95, 1), "max_ms": round(latencies[-1], 1) if latencies else 0,
            "wall_s": round(wall, 1), "requests_per_s": round(len(latencies) / wall, 1)}


def wait_for(db: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    """Until `count` articles are stored or the process has ended."""
    while process.poll() is None and stored_count(db) < count:
        time.sleep(0.25)


def kill_group(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL the process group of `process` (the ingest and its workers); whether it was still running."""
    running = process.poll() is None
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
    return running


def ingest_killed_and_resumed(command: list[str], db: Path, logs: Path, kill_at: int, serve: Any,
                              timeout: float) -> dict[str, Any]:
    """The ingest, SIGKILLed once `kill_at` articles are stored, then the same command again to the end.
    `serve()` is called once the store holds its first article."""
    first = start_ingest(command, logs / "ingest-1.log")
    wait_for(db, 1, first)
    serve()
    wait_for(db, kill_at, first)
    killed = kill_group(first)
    at_kill = stored_count(db)
    started = time.monotonic()
    second = start_ingest(command, logs / "ingest-2.log")
    try:
        code = second.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(second)
        code = -9
    log = (logs / "ingest-2.log").read_text(errors="replace")
    skipped = re.search(r"skipped (\d+) already stored", log)
    return {"killed": killed, "stored_at_kill": at_kill, "resumed_exit": code,
            "resumed_skipped": int(skipped[1]) if skipped else None,
            "resumed_wall_s": round(time.monotonic() - started, 1)}


def check_store(db: Path, corpus: soak_corpus.Corpus) -> dict[str, Any]:
    """Stored articles against the good inputs: by marker, and by id and fingerprint where fixed."""
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT id, fingerprint, text FROM articles").fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    unexpected = 0
    for article_id, fingerprint, text in rows:
        markers = set(MARKER.findall(text))
        unexpected += len(markers) != 1
        for m in markers:
            found.setdefault(m, []).append((article_id, fingerprint))
    good = {g.marker: g for g in corpus.good}
    unexpected += sum(1 for m in found if m not in good)
    altered = [m for m, g in good.items() if len(found.get(m, [])) == 1
               and ((g.id and found[m][0][0] != g.id) or (g.fingerprint and found[m][0][1] != g.fingerprint))]
    return {"stored": len(rows), "duplicates": sum(len(v) - 1 for m, v in found.items() if m in good),
            "missing": sum(1 for m in good if m not in found), "unexpected": unexpected,
            "altered": len(altered), "altered_examples": altered[:5]}


def listed_failures(log: str, root: Path) -> Counter[tuple[str, str, int | None]]:
    """(code, path, line) of every failure the ingest listed at its end."""
    where = re.compile(re.escape(str(root)) + r"/[^\s:]+")
    listed: Counter[tuple[str, str, int | None]] = Counter()
    parts = re.split(r"\d[\d,]* inputs? failed:\n", log, maxsplit=1)
    lines = parts[-1].splitlines() if len(parts) > 1 else []
    for line in lines:
        m = re.match(r"\s+(E\d{3}): ", line)
        path = where.search(line)
        if not m or not path:
            continue
        number = re.match(r":(\d+)|.*? line (\d+)", line[path.end():])
        at = int(number[1] or number[2]) if number and m[1] != "E012" else None
        listed[(m[1], path[0], at)] += 1
    return listed


def check_failures(log: str, corpus: soak_corpus.Corpus) -> dict[str, Any]:
    """The resumed run's list of failures against the bad inputs: each listed once with its code."""
    listed = listed_failures(log, corpus.root)
    expected = Counter((b.code, b.path, b.line) for b in corpus.bad)
    unlisted, extra = expected - listed, listed - expected
    return {"failures_by_code": dict(sorted(Counter(code for code, _, _ in listed.elements()).items())),
            "failures_listed": sum(listed.values()), "unlisted": sum(unlisted.values()),
            "unlisted_examples": [list(k) for k in list(unlisted)[:5]], "extra": sum(extra.values()),
            "extra_examples": [list(k) for k in list(extra)[:5]]}


def traceback_examples(logs: dict[str, str], limit: int = 3) -> list[dict[str, str]]:
    """The first tracebacks of the logs, each to its exception line, so a failed check says what broke."""
    found = []
    for name, text in logs.items():
        for m in re.finditer(r"Traceback \(most recent call last\):\n(?:[ \t].*\n)*.*", text):
            found.append({"log": name, "text": m[0][-2000:]})
    return found[:limit]


def soak(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """Build the corpus, run ingest (killed, resumed) and the API load side by side, check the store."""
    started = time.monotonic()
    corpus = soak_corpus.build(tmp / "corpus", args.articles, seed=args.seed)
    db, port, api = tmp / "soak.db", free_port(), {}
    servers: list[subprocess.Popen[bytes]] = []
    threads: list[threading.Thread] = []

    def serve() -> None:
        """The server and its clients in a thread of their own, so a slow start-up never delays the kill."""
        def run() -> None:
            try:
                servers.append(start_server(db, port, tmp / "serve.log"))
            except SystemExit as exc:
                api.update({"requests": 0, "errors": 1, "error_kinds": {str(exc)[:300]: 1}})
                return
            api.update(asyncio.run(load(f"http://127.0.0.1:{port}", args.clients, args.seconds, args.timeout)))

        threads.append(threading.Thread(target=run, daemon=True))
        threads[0].start()

    command = [*attache_command(), "ingest", str(corpus.root), "--db", str(db), "--workers", str(args.workers),
               "--batch-size", "4"]  # small transactions, so the kill lands part-way even on a fast machine
    try:
        runs = ingest_killed_and_resumed(command, db, tmp, int(len(corpus.good) * args.kill_at), serve,
                                         args.ingest_timeout)
        for thread in threads:
            thread.join()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
    logs = {name: (tmp / name).read_text(errors="replace") for name in ("ingest-1.log", "ingest-2.log", "serve.log")}
    return {"articles": len(corpus.good) + len(corpus.bad), "good": len(corpus.good), "bad": len(corpus.bad),
            "hostile": corpus.hostile, "lost_to_damage": corpus.lost_to_damage, "files": corpus.files,
            **check_store(db, corpus), **check_failures(logs["ingest-2.log"], corpus), **runs,
            "tracebacks": sum(text.count("Traceback") for text in logs.values()),
            "traceback_examples": traceback_examples(logs),
            "api": api or {"requests": 0, "errors": 1, "error_kinds": {"never ran": 1}},
            "wall_s": round(time.monotonic() - started, 1)}


def failed_checks(s: dict[str, Any]) -> list[str]:
    """The checks the summary fails, by name."""
    checks = {
        "every good article stored": s["missing"] == 0 and s["stored"] == s["good"],
        "none stored twice": s["duplicates"] == 0,
        "nothing else stored": s["unexpected"] == 0,
        "ids and fingerprints as given": s["altered"] == 0,
        "every bad input listed with its code": s["unlisted"] == 0,
        "no other failure listed": s["extra"] == 0,
        "ingest killed part-way": s["killed"] and 0 < s["stored_at_kill"] < s["good"],
        "resumed run skipped what was stored": (s["resumed_skipped"] or 0) >= s["stored_at_kill"] > 0,
        "resumed run exits 1 (bad inputs)": s["resumed_exit"] == 1,
        "no traceback": s["tracebacks"] == 0,
        "API answered without error": s["api"]["errors"] == 0 and s["api"]["requests"] > 0,
    }
    return [name for name, ok in checks.items() if not ok]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000, help="Inputs, good and bad (default 5000).")
    parser.add_argument("--seconds", type=float, default=60.0, help="Seconds of API load (default 60).")
    parser.add_argument("--clients", type=int, default=100, help="Concurrent API clients (default 100).")
    parser.add_argument("--workers", type=int, default=2, help="attache ingest --workers (default 2).")
    parser.add_argument("--kill-at", type=float, default=0.2, help="SIGKILL the ingest once this share of "
                        "the good articles is stored (default 0.2).")
    parser.add_argument("--timeout", type=float, default=30.0, help="Seconds per API request.")
    parser.add_argument("--ingest-timeout", type=float, default=1800.0, help="Seconds for the resumed ingest.")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", help="Keep the corpus, store and logs in this folder.")
    args = parser.parse_args()
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        summary = soak(args, Path(args.keep).resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="attache-soak-") as tmp:
            summary = soak(args, Path(tmp))
    summary["failed_checks"] = failed_checks(summary)
    print(json.dumps(summary, indent=2))
    sys.exit(1 if summary["failed_checks"] else 0)


if __name__ == "__main__":
    main()
