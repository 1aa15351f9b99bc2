"""Load test of the HTTP API: N concurrent quote searches from this process against `attache serve` in another.

    python benchmarks/api_load.py                       # ingests examples/ into a temporary store, serves it
    python benchmarks/api_load.py --db attache.db       # serves an existing store
    python benchmarks/api_load.py --url http://127.0.0.1:8000   # a server already running

Bounded in count (--requests) and time (--timeout per request, --deadline overall). Prints the number of
requests, errors, median and 95th-percentile latency; exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
WORDS = ["inspections", "summit", "talks", "bridge", "vote", "tariffs", "port", "elections", "housing", "flood",
         "progress", "deal", "workers", "council", "observers", "reporters", "minister", "details", "signing",
         "relief"]
SPEAKERS = ["", "Delgado", "Varga", "Fontaine", "Ibarra", ""]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    """`attache serve` in a second process; returns once it answers."""
    process = subprocess.Popen([sys.executable, "-m", "attache.cli", "serve", "--db", db, "--port", str(port),
                                "--no-analyze"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=2).read()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("server did not start: " + process.stderr.read().decode(errors="replace")[-2000:])
            time.sleep(0.2)


async def one(client: httpx.AsyncClient, i: int) -> tuple[float, str | None]:
    params = {"q": WORDS[i % len(WORDS)], "limit": "20"}
    if SPEAKERS[i % len(SPEAKERS)]:
        params["speaker"] = SPEAKERS[i % len(SPEAKERS)]
    started = time.perf_counter()
    try:
        response = await client.get("/api/quotes", params=params)
        elapsed = time.perf_counter() - started
        if response.status_code != 200 or not isinstance(response.json(), list):
            return elapsed, f"HTTP {response.status_code}"
        return elapsed, None
    except (httpx.HTTPError, json.JSONDecodeError) as exc:
        return time.perf_counter() - started, type(exc).__name__


async def run(url: str, requests: int, concurrency: int, timeout: float, deadline: float) -> dict[str, object]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        await client.get("/api/stats")  # warm up: one connection, imports done on the server
        gate = asyncio.Semaphore(concurrency)

        async def bounded(i: int) -> tuple[float, str | None]:
            async with gate:
                return await one(client, i)

        started = time.perf_counter()
        results = await asyncio.wait_for(asyncio.gather(*(bounded(i) for i in range(requests))), deadline)
        wall = time.perf_counter() - started
    latencies = sorted(r[0] * 1000 for r in results)
    errors = [r[1] for r in results if r[1]]
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    return {"requests": requests, "concurrency": concurrency, "errors": len(errors), "error_kinds": sorted(set(errors)),
            "median_ms": round(statistics.median(latencies), 1), "p95_ms": round(p95, 1),
            "max_ms": round(latencies[-1], 1), "wall_s": round(wall, 2), "requests_per_s": round(requests / wall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="Store to serve (default: examples/ ingested into a temporary store).")
    parser.add_argument("--url", help="A server already running (no server is started).")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=30.0, help="Seconds per request.")
    parser.add_argument("--deadline", type=float, default=120.0, help="Seconds for the whole run.")
    args = parser.parse_args()
    process = None
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url
        if not url:
            db = args.db
            if not db:
                db = os.path.join(tmp, "examples.db")
                subprocess.run([sys.executable, "-m", "attache.cli", "ingest", str(ROOT / "examples"), "--db", db],
                               check=True, capture_output=True)
            port = free_port()
            process = start_server(db, port)
            url = f"http://127.0.0.1:{port}"
        try:
            result = asyncio.run(run(url, args.requests, args.concurrency, args.timeout, args.deadline))
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
    print(json.dumps(result))
    sys.exit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
