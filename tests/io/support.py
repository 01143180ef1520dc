"""Helpers for the output tests: real `planner` processes, snapshots of folders, plan folders made by the planner."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DRENTHE = REPO / "scenarios" / "drenthe-2025-2026"
WHATIF = DRENTHE / "what-if" / "assen-sluit-1-7-2025.toml"
"""A what-if whose SPUK money differs from the base case, so mixing the two runs' files gives a wrong amount."""


def planner(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run ``python -m planner ARGS`` as a real process."""
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=cwd, timeout=timeout, check=False)


def popen(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "planner", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name → SHA-256), hidden ones included."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def plan_into(out: Path, scenario: Path = DRENTHE) -> dict[str, str]:
    """Write a plan folder with a real `planner plan --out` and return its snapshot."""
    res = planner("plan", scenario, "--out", out, "-f", "json")
    assert res.returncode == 0, res.stderr
    return snapshot(out)


def spuk_total(plan_dir: Path) -> int:
    import json

    res = planner("spuk", "--plan", plan_dir, "-f", "json")
    assert res.returncode == 0, res.stderr
    return int(json.loads(res.stdout)["municipalities_total"])
