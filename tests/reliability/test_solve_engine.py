"""The solve engine's limits, through the real CLI process: a time budget that binds, threads bounded to the
machine, and absurd numbers refused before a solver can answer them wrongly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

DRENTHE = Path(__file__).parents[2] / "scenarios" / "drenthe-2025-2026"


def planner(*args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "planner", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    return done, time.perf_counter() - started


def test_a_tiny_time_limit_binds_and_is_never_reported_optimal() -> None:
    """Drenthe solves every goal in milliseconds, so only a limit that binds can stop it: 0,001 s for the whole run
    gives no plan (exit 3) or a plan marked feasible (stopped by the time limit), never "optimal"."""
    done, _ = planner("plan", str(DRENTHE), "--time-limit", "0.001", "--format", "json")
    data = json.loads(done.stdout)
    assert data["status"] != "optimal"
    assert data["limit"] == "time"
    if data["plan"]:
        assert (done.returncode, data["status"]) == (0, "feasible")
    else:
        assert (done.returncode, data["status"]) == (3, "no_solution")
    assert sum(g["seconds"] for g in data["goals"]) < 0.5  # no sub-solve is given a second of its own


def test_without_a_binding_limit_drenthe_is_optimal() -> None:
    done, _ = planner("plan", str(DRENTHE), "--time-limit", "60", "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["status"] == "optimal"


def test_threads_beyond_the_machine_are_refused_quickly() -> None:
    """--threads 100000 aborted the process and 5000 hung inside HiGHS; now both are a clear error, exit 2."""
    cores = os.cpu_count() or 1
    for threads in ("100000", "5000", str(cores + 1)):
        done, seconds = planner("plan", str(DRENTHE), "--threads", threads, timeout=60)
        assert done.returncode == 2, done.stderr
        assert f"threads must be at most {cores}" in done.stderr
        assert "internal error" not in done.stderr
        assert seconds < 30


def test_absurd_amounts_are_refused_before_solving(tmp_path: Path) -> None:
    """A SPUK 1 rate of € 2·10^15 per place made CBC answer "infeasible" for a feasible Drenthe. The setting's range
    (at most € 1.000.000 per place) now refuses it at validation, naming the setting, before any backend runs; the
    engine's own check of numbers beyond 10^9 is tested on its own in tests/solvers."""
    (tmp_path / "scenario.toml").write_text(
        f'[scenario]\nextends = "{(DRENTHE / "scenario.toml").as_posix()}"\nname = "absurd"\n\n'
        "[spuk]\nspuk1_rate = 2000000000000000\n",
        encoding="utf-8",
    )
    for solver in ("cbc", "highs"):
        done, _ = planner("plan", str(tmp_path), "--allow-outside", "--solver", solver, "--lang", "en")
        assert done.returncode == 2, done.stderr
        assert "spuk.spuk1_rate" in done.stderr
        assert "less than or equal to 1000000" in " ".join(done.stderr.split())
        assert "infeasible" not in done.stdout
