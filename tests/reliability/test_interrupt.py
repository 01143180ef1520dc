"""Ctrl-C during a long solve: exit 130, a plain message, and the earlier output left exactly as it was."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.io.support import plan_into, snapshot

NATIONAL = Path(__file__).parents[2] / "scenarios" / "nederland-2025-2026"


@pytest.mark.parametrize("after", [2.0, pytest.param(9.0, marks=pytest.mark.slow)])
def test_sigint_during_the_run_leaves_earlier_outputs_intact(tmp_path: Path, after: float) -> None:
    """At 2 s the model is being built or its first goals solved, at 9 s HiGHS is deep in a later goal."""
    out = tmp_path / "run"
    before = plan_into(out)  # an earlier plan folder (the Drenthe plan)
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", "plan", str(NATIONAL), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(after)  # the national plan takes about 30 s
    assert proc.poll() is None, "the plan finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err
    assert "Traceback" not in err
    assert snapshot(out) == before  # byte for byte, no partial file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]  # no temporary file or folder beside it
