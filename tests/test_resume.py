"""Resuming: an ingest killed at any moment (Ctrl-C or SIGKILL) and started again stores every article once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from attache.record import text_id

pytestmark = pytest.mark.slow

LEADS = [
    "The central bank raised its main interest rate by half a point on Thursday, its governor said.",
    "“We will not accept these terms,” the foreign minister told parliament, rejecting the trade offer.",
    "Firefighters contained a wildfire north of Athens on Sunday after it destroyed dozens of homes.",
    "The mayor announced that the metro line would close for repairs for three weeks in August.",
    "Rebels attacked an army post near the border overnight, killing four soldiers, officials said.",
]
N = 60


def write_input(folder: Path) -> list[str]:
    texts = [f"{LEADS[i % len(LEADS)]} Dispatch {i} from the newsroom." for i in range(N)]
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text, "published": "2022-02-03"}) + "\n")
    return texts


def command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "attache.cli", "ingest", str(folder / "wire.jsonl"), "--db", str(db),
            "--workers", "2", "--batch-size", "2"]


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(c) for c in text.split()]
    return found


def state(pid: int) -> str | None:
    """The process state letter of /proc ("R" running, "S" sleeping, "Z" zombie), None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[0]


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def alive(pid: int) -> bool:
    return state(pid) not in (None, "Z")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_killed_ingest_resumes_and_stores_every_article_exactly_once(tmp_path, sig):
    texts = write_input(tmp_path)
    db = tmp_path / "a.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Ctrl-C as a user sends it: with the default handler, though pytest itself may run with SIGINT ignored (a
    # background job of a shell), which Python children would inherit and never see the signal.
    run = subprocess.Popen(command(tmp_path, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 240
    while stored(db) < 4 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children(run.pid) if Path("/proc").is_dir() else []
    run.send_signal(sig)
    _, err = run.communicate(timeout=120)
    at_kill = stored(db)
    assert 0 < at_kill < N, f"the run was not interrupted mid-way ({at_kill} stored); stderr: {err[-2000:]}"
    if sig == signal.SIGINT:
        assert run.returncode == 130 and "interrupted" in err
    else:
        assert run.returncode == -signal.SIGKILL
        # Orphaned workers notice their parent is gone and exit instead of idling with a model loaded.
        deadline = time.monotonic() + 15
        while any(alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(alive(p) for p in workers)

    again = subprocess.run(command(tmp_path, db), capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"skipped {at_kill} already stored" in again.stderr

    with sqlite3.connect(db) as con:
        fingerprints = [row[0] for row in con.execute("SELECT fingerprint FROM articles")]
        assert sorted(fingerprints) == sorted(text_id(t) for t in texts)
        assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == N
        duplicated_mentions = con.execute(
            'SELECT count(*) FROM (SELECT article_id, entity_id, start, "end" FROM mentions '
            "GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)").fetchone()[0]
        assert duplicated_mentions == 0
        assert con.execute("SELECT count(DISTINCT article_id) FROM entities").fetchone()[0] > N // 2


def test_a_killed_worker_costs_its_batch_only_and_a_second_run_stores_the_rest(tmp_path):
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc to find the worker processes")
    texts = write_input(tmp_path)
    db = tmp_path / "a.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = subprocess.Popen(command(tmp_path, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 240
    while stored(db) < 4 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    # a worker analysing a batch (running, not waiting for the next one while the parent stores): killing an idle
    # worker costs no batch, the next one goes to a new pool
    busy = None
    while busy is None and run.poll() is None and time.monotonic() < deadline:
        busy = next((p for p in children(run.pid) if b"spawn_main" in cmdline(p) and state(p) == "R"), None)
        time.sleep(0.01)
    assert busy is not None, "no worker analysing a batch to kill"
    os.kill(busy, signal.SIGKILL)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 1, err[-2000:]  # some articles failed, the run itself finished
    assert "E022" in err and "Traceback" not in err
    at_end = stored(db)
    assert 4 <= at_end < N

    again = subprocess.run(command(tmp_path, db), capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr[-2000:]
    with sqlite3.connect(db) as con:
        fingerprints = [row[0] for row in con.execute("SELECT fingerprint FROM articles")]
    assert sorted(fingerprints) == sorted(text_id(t) for t in texts)
