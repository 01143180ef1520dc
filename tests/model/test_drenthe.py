"""The reference case: the Drenthe plan closes, respects every offer, reproduces the report's SPUK euros, and
stays equal to the stored golden result (update deliberately with UPDATE_GOLDEN=1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.io import to_csv
from planner.journeys.plan import SolveSettings, plan_json, plan_scenario
from planner.scenario.load import require_scenario
from solvers import Status, available_solvers

GOLDEN = Path(__file__).parents[1] / "golden" / "drenthe-2025-2026"


@pytest.fixture(scope="module")
def drenthe():
    scenario, _ = require_scenario()
    return scenario


@pytest.fixture(scope="module")
def run(drenthe):
    return plan_scenario(drenthe, SolveSettings(solver="highs"))


def test_plan_closes_regular_and_amv_in_every_period(run) -> None:
    assert run.solution.status is Status.OPTIMAL
    for p in run.plan.province:
        assert p["task_regular"] == 2462
        assert p["task_amv"] == 229
        assert p["planned_regular"] >= 2462, p
        assert p["planned_amv"] >= 229, p
    by_period = {p["period"]: p for p in run.plan.province}
    # Assen (1,000 until 1-4-2026), Meppel (192 until 31-3-2026) drop out of 2026; so does Noordenveld's AMV (43).
    assert by_period["2025"]["planned_regular"] == 3714  # 3,814 offered minus Westerveld's 100 expired places
    assert by_period["2026"]["planned_regular"] == 3714 - 1000 - 192
    assert by_period["2025"]["planned_amv"] == 341
    assert by_period["2026"]["planned_amv"] == 341 - 43


def test_plan_stays_within_every_offer(run) -> None:
    for r in run.plan.municipalities:
        assert r["planned_regular"] <= r["limit_regular"]
        assert r["planned_amv"] <= r["limit_amv"]


def test_planned_amv_units_are_opened(run) -> None:
    opened = {r["id"]: r["opened"] for r in run.plan.sites if r["period"] == "2025"}
    assert opened["BO-AMV"]
    assert opened["DW-AMV"]
    assert opened["MD-AMV"]


def test_spuk_euros_of_the_plan_match_the_report(run) -> None:
    spuk = run.spuk
    assert (spuk.spuk1, spuk.spuk2, spuk.spuk3) == (3_084_000, 682_000, 983_686)
    assert spuk.municipalities_total == 4_749_686
    assert spuk.province_amount == 408_653
    assert spuk.takers_spuk1() == ["Assen", "Coevorden", "Hoogeveen"]


@pytest.mark.parametrize("solver", [s for s in available_solvers() if s != "highs"])
def test_every_backend_reaches_the_same_optimum_on_drenthe(drenthe, run, solver: str) -> None:
    other = plan_scenario(drenthe, SolveSettings(solver=solver))
    assert other.solution.status is Status.OPTIMAL
    assert [(g.name, g.objective) for g in other.solution.goals] == [(g.name, g.objective) for g in run.solution.goals]
    assert other.plan.municipalities == run.plan.municipalities


def test_golden_result(run) -> None:
    """Compare with the stored CSVs; regenerate only on purpose: UPDATE_GOLDEN=1 pytest tests/model."""
    produced = {
        "municipalities.csv": to_csv(run.plan.municipalities),
        "province.csv": to_csv(run.plan.province),
        "goals.json": json.dumps([(g.name, g.objective) for g in run.solution.goals], indent=1) + "\n",
    }
    if os.environ.get("UPDATE_GOLDEN"):
        for name, text in produced.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    for name, text in produced.items():
        assert (GOLDEN / name).read_text(encoding="utf-8") == text, f"{name} differs from the golden result"


def test_same_scenario_gives_byte_identical_json_across_processes(run) -> None:
    here = json.dumps(plan_json(run, include_timing=False), sort_keys=True)
    code = (
        "import json,sys; from planner.journeys.plan import *; from planner.scenario.load import require_scenario;"
        "s,_=require_scenario(); r=plan_scenario(s, SolveSettings(solver='highs'));"
        "sys.stdout.write(json.dumps(plan_json(r, include_timing=False), sort_keys=True))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )
    assert out.stdout == here
