"""One status vocabulary and one exit-code mapping for every command (planner/outcome.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planner.outcome import EXIT_CODES_HELP, Outcome, PlannerError, exit_code, outcome_of_answer, outcome_of_status
from planner.scenario.problems import Problems, ScenarioError
from solvers import Status

ROOT = Path(__file__).resolve().parents[1]

# The contract, written out by hand: a plan is done, a proof of "no plan" is no, anything unproven is a failure.
EXPECTED = {
    Status.OPTIMAL: (Outcome.DONE, 0),
    Status.FEASIBLE: (Outcome.DONE, 0),
    Status.INFEASIBLE: (Outcome.NO, 1),
    Status.UNBOUNDED: (Outcome.NO, 1),
    Status.NO_SOLUTION: (Outcome.SOLVER_FAILED, 3),
    Status.ERROR: (Outcome.SOLVER_FAILED, 3),
    Status.UNKNOWN: (Outcome.SOLVER_FAILED, 3),
}


def test_every_solver_status_has_one_outcome_and_code() -> None:
    assert set(EXPECTED) == set(Status)
    for status, (outcome, code) in EXPECTED.items():
        assert outcome_of_status(status) is outcome
        assert outcome_of_status(status.value) is outcome  # the string form in a result.json maps the same way
        assert exit_code(outcome) == code


def test_codes_are_distinct_and_listed_in_the_help_sentence() -> None:
    codes = [exit_code(o) for o in Outcome]
    assert sorted(codes) == [0, 1, 2, 3, 70, 74, 130]
    for code in codes:
        assert re.search(rf"\b{code}\b", EXIT_CODES_HELP)
    assert outcome_of_answer(True) is Outcome.DONE
    assert outcome_of_answer(False) is Outcome.NO


def test_user_errors_carry_their_outcome() -> None:
    assert PlannerError("x").exit_code == 2
    assert PlannerError("x", Outcome.SOLVER_FAILED).exit_code == 3
    err = ScenarioError(Problems())
    assert isinstance(err, PlannerError)
    assert err.exit_code == 2
    assert err.problems is not None


def test_no_cli_module_picks_its_own_exit_code() -> None:
    """Every command ends through planner.outcome: no module in planner/cli names an exit number itself."""
    offenders = []
    for path in sorted((ROOT / "planner" / "cli").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        pattern = r"typer\.Exit\((?!exc\.exit_code|error\.exit_code|code\)|exit_code\()[^)]*\)|sys\.exit\(\d+\)"
        for m in re.finditer(pattern, text):
            offenders.append(f"{path.name}: {m.group(0)}")
    assert offenders == []


@pytest.mark.parametrize("command", [["plan"], ["compare", "BAD", "BAD"], ["check-duty", "-m", "GM0106"],
                                     ["verdeelbesluit"], ["explain"], ["spuk"]])
def test_json_error_object_on_bad_input(tmp_path: Path, command: list[str]) -> None:
    """Bad input with --format json: a JSON error object on stdout, the message on stderr, exit 2 (real process)."""
    missing = str(tmp_path / "missing")
    args = [missing if a == "BAD" else a for a in command]
    if len(args) == 1 or args[0] == "check-duty":
        args.insert(1, missing)
    proc = subprocess.run([sys.executable, "-m", "planner", *args, "--format", "json"], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc.stderr
    error = json.loads(proc.stdout)["error"]
    assert error["exit_code"] == 2
    assert error["outcome"] == "bad_input"
    assert "er is niets berekend" in error["message"]
    assert error["problems"][0]["code"] == "missing-file"
    assert "er is niets berekend" in proc.stderr
