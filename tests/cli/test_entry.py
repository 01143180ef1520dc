"""Ctrl-C while the CLI is still importing gets the plain message and exit 130, as during a run (no traceback).

On a busy machine importing typer, rich and the command modules takes seconds; a Ctrl-C then used to end in a
KeyboardInterrupt traceback from the import (seen in tests/reliability/test_interrupt.py under load)."""

from __future__ import annotations

import subprocess
import sys

from planner.cli.entry import EXIT_INTERRUPTED, INTERRUPTED
from planner.outcome import Outcome, exit_code

# A real SIGINT, sent by the process to itself at the moment Python looks for `typer` — the first thing
# planner.cli.app imports — so it lands inside the import, deterministically.
SIGINT_DURING_IMPORT = """
import os, signal, sys

class SigintOnTyper:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, SigintOnTyper())
sys.argv = ["planner", "--version"]
from planner.cli.entry import main
main()
"""


def test_exit_code_is_the_outcome_vocabulary() -> None:
    assert exit_code(Outcome.INTERRUPTED) == EXIT_INTERRUPTED == 130


def test_sigint_during_import_is_a_plain_interrupt() -> None:
    proc = subprocess.run([sys.executable, "-c", SIGINT_DURING_IMPORT], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 130
    assert proc.stderr == INTERRUPTED
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""  # the version was never printed: the app did not run


def test_without_interrupt_the_entry_runs_the_app() -> None:
    code = SIGINT_DURING_IMPORT.replace("sys.meta_path.insert(0, SigintOnTyper())", "")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("0.1.0")
