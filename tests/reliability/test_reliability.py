"""Reliability: a valid scenario plans or explains itself; awkward solver values; atomic and never-stale outputs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from planner.cli.app import app
from planner.explain.explain import explain_scenario
from planner.io import atomic_open
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.model.solution import round_and_check
from solvers import LinearProgram, Status
from tests.model.factory import Spec, make_scenario
from tests.model.test_properties import small_scenarios

INFEASIBLE = Path(__file__).parents[1] / "data" / "infeasible" / "drenthe-amv-closed"


@pytest.mark.slow
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_a_valid_scenario_either_plans_or_explains_its_infeasibility(spec: Spec) -> None:
    """Random valid scenarios (bounds in small_scenarios' docstring): a plan, or a non-empty minimal conflict and
    a minimum-violation plan — and the two verdicts agree."""
    scenario = make_scenario(spec)
    run = plan_scenario(scenario, SolveSettings(solver="highs"))
    explanation = explain_scenario(scenario, time_limit=30)
    if run.plan is not None:
        assert explanation.feasible
    else:
        assert run.solution.status is Status.INFEASIBLE
        assert not explanation.feasible
        assert explanation.conflicts.conflicts
        assert all(c.rows for c in explanation.conflicts.conflicts)
        assert explanation.elastic is not None


def _tiny_lp() -> LinearProgram:
    """x + y ≥ 2 with 0 ≤ x, y ≤ 1 integer: the only solution is (1, 1)."""
    return LinearProgram(
        name="tiny",
        var_names=("x", "y"),
        var_lb=np.zeros(2),
        var_ub=np.ones(2),
        var_integer=np.ones(2, bool),
        row_names=("cover",),
        a_indptr=np.array([0, 2]),
        a_indices=np.array([0, 1]),
        a_data=np.ones(2),
        row_lb=np.array([2.0]),
        row_ub=np.array([np.inf]),
        objective=np.zeros(2),
    )


def test_nearly_whole_values_are_rounded_never_truncated() -> None:
    """0.9999999 is 1 (int() would make it 0 and break the cover row); the result is checked, not trusted."""
    values, why = round_and_check(_tiny_lp(), np.array([0.9999999, 1.0000001]))
    assert why == ""
    assert values is not None
    assert values.tolist() == [1.0, 1.0]


def test_a_fractional_or_violating_solution_is_an_error_not_a_plan() -> None:
    values, why = round_and_check(_tiny_lp(), np.array([0.5, 1.0]))
    assert values is None
    assert "not whole" in why
    values, why = round_and_check(_tiny_lp(), np.array([1e-9, 1.0]))  # rounds to (0, 1): cover row violated
    assert values is None
    assert "cover" in why


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    target.write_text("old", encoding="utf-8")

    def write_then_fail() -> None:
        with atomic_open(target) as fh:
            fh.write("half of the new content")
            raise RuntimeError("disk full, say")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary file left behind


def test_an_infeasible_run_leaves_no_stale_plan_in_the_output_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "run"
    first = runner.invoke(app, ["plan", "--out", str(out), "--format", "json"])
    assert first.exit_code == 0
    assert (out / "municipalities.csv").exists()
    second = runner.invoke(app, ["plan", str(INFEASIBLE), "--out", str(out), "--format", "json"])
    assert second.exit_code == 1
    assert not (out / "municipalities.csv").exists()
    assert not (out / "sites.csv").exists()
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert result["status"] == "infeasible"
    assert result["plan"] is False
    assert result["municipalities"] == []
    resolved = json.loads((out / "scenario.resolved.json").read_text(encoding="utf-8"))
    assert "BO-AMV" not in {s["id"] for s in resolved["sites"]}  # the resolved scenario of THIS run
