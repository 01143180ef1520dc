"""``auto``: a backend per goal from a fixed table; the plan is the one every single backend gives, and each goal
says which backend solved it."""

from __future__ import annotations

import pytest

from planner.journeys.plan import SolveSettings, plan_json, plan_scenario
from planner.model.backends import AUTO_BACKENDS, goal_backends
from planner.scenario.load import require_scenario
from solvers import Status, available_solvers

GOALS = ["fairness_max_shortfall", "fairness_total_shortfall", "fewer_sites", "tie_break", "feasibility"]


def test_a_named_backend_solves_every_goal() -> None:
    assert goal_backends("cbc", GOALS) == ("cbc",) * len(GOALS)


@pytest.mark.skipif("scip" not in available_solvers(), reason="SCIP is not installed")
def test_auto_follows_the_table_and_is_highs_elsewhere() -> None:
    assert goal_backends("auto", GOALS) == ("highs", "highs", "scip", "scip", "highs")
    assert AUTO_BACKENDS["tie_break"] == "scip"


@pytest.mark.skipif("scip" not in available_solvers(), reason="SCIP is not installed")
def test_auto_gives_drenthe_the_plan_of_highs_and_names_each_goals_backend() -> None:
    drenthe, _ = require_scenario()
    highs = plan_scenario(drenthe, SolveSettings(solver="highs", reuse=False))
    auto = plan_scenario(drenthe, SolveSettings(solver="auto", reuse=False))
    assert auto.solution.status is Status.OPTIMAL
    assert [(g.name, g.objective) for g in auto.solution.goals] == [(g.name, g.objective) for g in highs.solution.goals]
    assert auto.plan is not None
    assert highs.plan is not None
    assert auto.plan.municipalities == highs.plan.municipalities
    assert auto.plan.sites == highs.plan.sites
    data = plan_json(auto)
    assert data["solver"] == "auto"
    assert "highs" in data["solver_version"]
    assert "scip" in data["solver_version"]
    by_goal = {g["goal"]: g["solver"] for g in data["goals"]}
    assert by_goal == {g.name: AUTO_BACKENDS.get(g.name, "highs") for g in auto.solution.goals}
    assert all(g["solver_version"] for g in data["goals"])


@pytest.mark.slow
def test_a_province_gets_the_same_plan_from_every_backend_and_from_auto() -> None:
    """Flevoland with both periods, as in the committed national scenario: every backend proves every goal, the
    tie-break too (it is not capped), and all give the same places site by site and the same Ukraine places."""
    from benchmarks import generate, run
    from planner.model.build import build_model
    from planner.model.solve import solve_model
    from planner.scenario.load import load_scenario

    scenario, _ = load_scenario(generate.NATIONAL)
    assert scenario is not None
    model = build_model(run.scope("Flevoland")(scenario))
    assert model.open  # openings to choose
    assert len(model.periods) == 2
    plan = [j for j, lab in enumerate(model.builder.var_labels) if lab.family in ("places", "ukraine")]
    plans = {}
    for solver in (*available_solvers(), "auto"):
        solution = solve_model(model, SolveSettings(solver, time_limit=120, reuse=False))
        assert [g.status for g in solution.goals] == [Status.OPTIMAL] * len(model.goals), solver
        assert solution.values is not None
        plans[solver] = tuple(int(v) for v in solution.values[plan])
    assert len(set(plans.values())) == 1, {s: p[:12] for s, p in plans.items()}
