"""No input in the bad-input corpus ends in exit 70 ("a bug in the planner"): every case, good or bad, through
``planner quota`` and ``planner plan``. Bad cases are refused with exit 2 before anything is computed; the good ones
are planned. Before the name checks, site ids that differ only in '-' or '_' passed validate and crashed ``plan``
with "duplicate variable name"; before the ranges, a seed of 2^31 or a huge durable_available_within_months did.
The fuzzers in ``tests/scenario/test_load.py`` build the program of every damaged scenario that validates."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.scenario.test_corpus import CASES, case_path

ANSWERS = {0, 1, 2, 3}
"""Exit codes that are answers: done, "no", bad input, solver without a solution. 70 is a bug."""


@pytest.mark.slow  # 145 cases × (quota + plan), about 20 s; CI runs it
@pytest.mark.parametrize("name", list(CASES))
def test_quota_and_plan_never_end_in_an_internal_error(name: str) -> None:
    from planner.cli.app import app

    case = CASES[name]
    for command in (["quota"], ["plan", "--time-limit", "30"]):
        result = CliRunner().invoke(app, [command[0], str(case_path(case)), *command[1:]])
        assert result.exception is None or isinstance(result.exception, SystemExit), (command, result.exception)
        assert result.exit_code in ANSWERS, (command, result.output)
        if case["exit"] == 2:
            assert result.exit_code == 2, (command, result.output)
            assert "er is niets berekend" in result.output
