"""A tiny run of the soak benchmark: hostile corpus, killed and resumed ingest, API load, all checks."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_soak_benchmark_small_run_passes_every_check():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "soak.py"), "--articles", "120",
                             "--seconds", "3", "--clients", "10", "--kill-at", "0.3"],
                            capture_output=True, text=True, timeout=600)
    print(result.stdout, result.stderr[-3000:])  # shown in full when the test fails
    summary = json.loads(result.stdout)
    assert summary["failed_checks"] == [], summary
    assert result.returncode == 0
