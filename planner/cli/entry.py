"""The console entry point, kept tiny: a Ctrl-C that arrives while the CLI is still importing (typer, rich and
every command module take a moment, longer on a busy machine) gets the same plain message and exit 130 as one that
arrives during a run, never a traceback."""

from __future__ import annotations

import sys

INTERRUPTED = (
    "interrupted: the run was stopped. Every output file and plan folder is written whole or not at all (built "
    "beside its target and renamed in one step), so an output this run had not finished is as it was before\n"
)
EXIT_INTERRUPTED = 130  # planner.outcome.exit_code(Outcome.INTERRUPTED); checked by tests/cli/test_entry.py


def main() -> None:
    """Import the app, then run it; both steps answer Ctrl-C alike."""
    try:
        from planner.cli.app import main as run
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED)
        sys.exit(EXIT_INTERRUPTED)
    run()
